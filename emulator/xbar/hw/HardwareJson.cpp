//===- HardwareJson.cpp - Presets, JSON and key=value for Hardware -------===//
//
// One table of fields (dotted key, whether it fixes the mapping, how to read
// and write it) serves the JSON reader, the JSON writer, --hw-set and the
// compile-time check, so a field is described once.
//===----------------------------------------------------------------------===//
#include "nmc/Target/Xbar/HardwareJson.h"

#include "nmc/Model/FixedPoint.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace nmc::xbar {
namespace {

using json = nlohmann::ordered_json;

[[noreturn]] void fail(const std::string &origin, const std::string &key,
                       const std::string &why) {
  throw std::runtime_error(origin + ": " + key + ": " + why);
}

struct Field {
  const char *key;
  bool compileTime;
  std::function<void(Hardware &, const json &, const std::string &)> set;
  std::function<json(const Hardware &)> get;
};

template <class T> using Access = T &(*)(Hardware &);

template <class T> T &at(Access<T> access, const Hardware &hw) {
  return access(const_cast<Hardware &>(hw));
}

template <class T>
Field make(const char *key, bool compileTime, Access<T> access) {
  Field f{key, compileTime, nullptr, nullptr};
  f.get = [access](const Hardware &hw) { return json(at(access, hw)); };
  f.set = [access, key](Hardware &hw, const json &v,
                        const std::string &origin) {
    T &dst = access(hw);
    if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_boolean())
        fail(origin, key, "expected true or false, got " + v.dump());
      dst = v.get<bool>();
    } else if constexpr (std::is_same_v<T, int64_t> ||
                         std::is_same_v<T, uint64_t>) {
      if (!v.is_number_integer() ||
          (std::is_same_v<T, uint64_t> && v.get<int64_t>() < 0 &&
           !v.is_number_unsigned()))
        fail(origin, key, "expected a whole number, got " + v.dump());
      dst = v.get<T>();
    } else if constexpr (std::is_same_v<T, double>) {
      if (!v.is_number() || !std::isfinite(v.get<double>()))
        fail(origin, key, "expected a finite number, got " + v.dump());
      dst = v.get<double>();
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (!v.is_string())
        fail(origin, key, "expected a string, got " + v.dump());
      dst = v.get<std::string>();
    } else if constexpr (std::is_same_v<T, std::vector<double>>) {
      if (!v.is_array())
        fail(origin, key, "expected an array of numbers, got " + v.dump());
      std::vector<double> out;
      for (const json &e : v) {
        if (!e.is_number() || !std::isfinite(e.get<double>()))
          fail(origin, key, "expected an array of numbers, got " + v.dump());
        out.push_back(e.get<double>());
      }
      dst = std::move(out);
    } else {
      static_assert(std::is_same_v<T, std::vector<std::string>>);
      if (!v.is_array())
        fail(origin, key, "expected an array of strings, got " + v.dump());
      std::vector<std::string> out;
      for (const json &e : v) {
        if (!e.is_string())
          fail(origin, key, "expected an array of strings, got " + v.dump());
        out.push_back(e.get<std::string>());
      }
      dst = std::move(out);
    }
  };
  return f;
}

/// An enum field written as one of `names` (index = enum value).
template <class E>
Field makeEnum(const char *key, bool compileTime, Access<E> access,
               std::vector<const char *> names) {
  Field f{key, compileTime, nullptr, nullptr};
  f.get = [access, names](const Hardware &hw) {
    return json(names[static_cast<size_t>(at(access, hw))]);
  };
  f.set = [access, key, names](Hardware &hw, const json &v,
                               const std::string &origin) {
    std::string list;
    for (size_t k = 0; k < names.size(); ++k) {
      if (v.is_string() && v.get<std::string>() == names[k]) {
        access(hw) = static_cast<E>(k);
        return;
      }
      list += (k ? ", " : "") + std::string(names[k]);
    }
    fail(origin, key, "expected one of " + list + ", got " + v.dump());
  };
  return f;
}

#define NMC_FIELD(key, ct, expr)                                               \
  make<std::remove_reference_t<decltype(std::declval<Hardware &>().expr)>>(    \
      key, ct, [](Hardware & h) -> auto & { return h.expr; })

const std::vector<Field> &fields() {
  static const std::vector<Field> table = {
      NMC_FIELD("tile.rows", true, tile.rows),
      NMC_FIELD("tile.cols", true, tile.cols),
      NMC_FIELD("device.g_min_us", false, device.gMinUS),
      NMC_FIELD("device.g_max_us", false, device.gMaxUS),
      NMC_FIELD("device.levels", true, device.levels),
      NMC_FIELD("device.read_voltage", false, device.readVoltage),
      NMC_FIELD("device.read_pulse_ns", false, device.readPulseNs),
      makeEnum<SignScheme>(
          "mapping.sign", true,
          [](Hardware &h) -> SignScheme & { return h.mapping.sign; },
          {"differential", "offset"}),
      NMC_FIELD("mapping.slices", true, mapping.slices),
      NMC_FIELD("mapping.clip_percentile", true, mapping.clipPercentile),
      NMC_FIELD("adc.bits", false, adc.bits),
      makeEnum<AdcRange>("adc.range", false,
                         [](Hardware &h) -> AdcRange & { return h.adc.range; },
                         {"calibrated", "fixed"}),
      NMC_FIELD("adc.full_scale", false, adc.fullScale),
      NMC_FIELD("adc.columns_per_adc", false, adc.columnsPerAdc),
      NMC_FIELD("cycles.clock_mhz", false, cycles.clockMHz),
      NMC_FIELD("cycles.row_drive", false, cycles.rowDrive),
      NMC_FIELD("cycles.column_read", false, cycles.columnRead),
      NMC_FIELD("cycles.adc_conversion", false, cycles.adcConversion),
      NMC_FIELD("cycles.shift_add", false, cycles.shiftAdd),
      NMC_FIELD("cycles.digital_add", false, cycles.digitalAdd),
      NMC_FIELD("cycles.neuron_update", false, cycles.neuronUpdate),
      NMC_FIELD("cycles.neuron_units", false, cycles.neuronUnits),
      NMC_FIELD("cycles.hop", false, cycles.hop),
      NMC_FIELD("energy.row_drive_pj", false, energy.rowDrivePJ),
      NMC_FIELD("energy.cell_read_pj", false, energy.cellReadPJ),
      NMC_FIELD("energy.adc_conversion_pj", false, energy.adcConversionPJ),
      NMC_FIELD("energy.digital_add_pj", false, energy.digitalAddPJ),
      NMC_FIELD("energy.neuron_update_pj", false, energy.neuronUpdatePJ),
      NMC_FIELD("energy.hop_pj", false, energy.hopPJ),
      NMC_FIELD("mesh.width", true, mesh.width),
      NMC_FIELD("mesh.height", true, mesh.height),
      NMC_FIELD("number_format", true, numberFormat),
      NMC_FIELD("effects.seed", false, effects.seed),
      NMC_FIELD("effects.programming_noise", false, effects.programmingNoise),
      NMC_FIELD("effects.programming_sigma_us", false,
                effects.programmingSigmaUS),
      NMC_FIELD("effects.programming_scale", false, effects.programmingScale),
      NMC_FIELD("effects.read_noise", false, effects.readNoise),
      NMC_FIELD("effects.read_sigma", false, effects.readSigma),
      NMC_FIELD("effects.drift", false, effects.drift),
      NMC_FIELD("effects.drift_nu", false, effects.driftNu),
      NMC_FIELD("effects.drift_nu_sigma", false, effects.driftNuSigma),
      NMC_FIELD("effects.drift_t0_s", false, effects.driftT0Seconds),
      NMC_FIELD("effects.drift_time_s", false, effects.driftTimeSeconds),
      NMC_FIELD("effects.stuck_at", false, effects.stuckAt),
      NMC_FIELD("effects.stuck_at_gmin_rate", false, effects.stuckAtGMinRate),
      NMC_FIELD("effects.stuck_at_gmax_rate", false, effects.stuckAtGMaxRate),
      NMC_FIELD("effects.ir_drop", false, effects.irDrop),
      NMC_FIELD("effects.wire_ohm", false, effects.wireOhm),
      NMC_FIELD("effects.random_forming", false, effects.randomForming),
      NMC_FIELD("effects.forming_mean_us", false, effects.formingMeanUS),
      NMC_FIELD("effects.forming_sigma_us", false, effects.formingSigmaUS),
      NMC_FIELD("effects.forming_sparsity", false, effects.formingSparsity),
      NMC_FIELD("effects.forming_layers", false, effects.formingLayers),
  };
  return table;
}

#undef NMC_FIELD

const Field *findField(const std::string &key) {
  for (const Field &f : fields())
    if (key == f.key)
      return &f;
  return nullptr;
}

[[noreturn]] void unknownKey(const std::string &origin,
                             const std::string &key) {
  fail(origin, key,
       "unknown hardware key (the keys are listed in docs/targets/xbar.md)");
}

/// Applies every leaf of `obj` under `prefix` ("adc." ...).
void applyObject(Hardware &hw, const json &obj, const std::string &prefix,
                 const std::string &origin) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string key = prefix + it.key();
    if (key == "preset")
      continue;
    if (key == "name") {
      if (!it.value().is_string())
        fail(origin, key, "expected a string");
      hw.name = it.value().get<std::string>();
      continue;
    }
    if (const Field *f = findField(key)) {
      f->set(hw, it.value(), origin);
      continue;
    }
    if (!it.value().is_object())
      unknownKey(origin, key);
    applyObject(hw, it.value(), key + ".", origin);
  }
}

json parse(const std::string &text, const std::string &origin) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    throw std::runtime_error(origin + ": not valid JSON");
  if (!doc.is_object())
    throw std::runtime_error(origin + ": expected a JSON object");
  return doc;
}

void require(bool ok, const char *key, const std::string &why) {
  if (!ok)
    fail("hardware description", key, why);
}

} // namespace

std::vector<std::string> presetNames() { return {"rram-256", "rram40nm-512"}; }

Hardware preset(const std::string &name) {
  Hardware hw; // rram-256: the defaults of Hardware.h
  if (name == "rram-256")
    return hw;
  if (name == "rram40nm-512") {
    // The seed paper's 40 nm 256 Kb macro as one 512x512 array
    // (../shared/reference/crossbar.md §1.2, §3 #10).
    hw.name = name;
    hw.tile = {512, 512};
    hw.mesh = {1, 1};
    return hw;
  }
  std::string list;
  for (const std::string &p : presetNames())
    list += (list.empty() ? "" : ", ") + p;
  throw std::runtime_error("unknown hardware preset '" + name + "' (presets: " +
                           list + "; or give a JSON file ending in .json)");
}

void applyJson(Hardware &hw, const std::string &text,
               const std::string &origin) {
  applyObject(hw, parse(text, origin), "", origin);
}

Hardware loadHardware(const std::string &presetOrFile) {
  const bool isFile = presetOrFile.size() > 5 &&
                      presetOrFile.substr(presetOrFile.size() - 5) == ".json";
  if (!isFile) {
    Hardware hw = preset(presetOrFile);
    validate(hw);
    return hw;
  }
  std::ifstream in(presetOrFile);
  if (!in)
    throw std::runtime_error(presetOrFile + ": cannot open the hardware file");
  std::stringstream text;
  text << in.rdbuf();
  json doc = parse(text.str(), presetOrFile);
  std::string base = "rram-256";
  if (doc.contains("preset")) {
    if (!doc["preset"].is_string())
      fail(presetOrFile, "preset", "expected a preset name");
    base = doc["preset"].get<std::string>();
  }
  Hardware hw = preset(base);
  applyObject(hw, doc, "", presetOrFile);
  hw.name = presetOrFile;
  validate(hw);
  return hw;
}

void applySetting(Hardware &hw, const std::string &setting) {
  const size_t eq = setting.find('=');
  const std::string origin = "--hw-set " + setting;
  if (eq == std::string::npos || eq == 0)
    throw std::runtime_error(origin + ": expected key=value, e.g. adc.bits=6");
  const std::string key = setting.substr(0, eq), text = setting.substr(eq + 1);
  const Field *f = findField(key);
  if (!f)
    unknownKey(origin, key);
  // Numbers, booleans and arrays are JSON; anything else is a string.
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || value.is_object())
    value = text;
  f->set(hw, value, origin);
}

std::string toJson(const Hardware &hw) {
  json doc;
  doc["name"] = hw.name;
  for (const Field &f : fields()) {
    const std::string key = f.key;
    json *node = &doc;
    size_t start = 0;
    for (size_t dot; (dot = key.find('.', start)) != std::string::npos;
         start = dot + 1)
      node = &(*node)[key.substr(start, dot - start)];
    (*node)[key.substr(start)] = f.get(hw);
  }
  return doc.dump(2);
}

bool isCompileTimeKey(const std::string &key) {
  const Field *f = findField(key);
  return f && f->compileTime;
}

void validate(const Hardware &hw) {
  require(hw.tile.rows > 0 && hw.tile.cols > 0, "tile.rows",
          "tile rows and cols must be positive");
  require(hw.mapping.sign != SignScheme::Differential || hw.tile.rows >= 2,
          "tile.rows", "the differential scheme needs at least 2 rows");
  require(hw.device.gMinUS >= 0 && hw.device.gMinUS < hw.device.gMaxUS,
          "device.g_min_us", "need 0 <= g_min_us < g_max_us");
  require(hw.device.levels >= 2 && hw.device.levels <= 65536, "device.levels",
          "levels must be 2..65536");
  require(hw.device.readVoltage > 0, "device.read_voltage", "must be > 0");
  require(hw.device.readPulseNs > 0, "device.read_pulse_ns", "must be > 0");
  require(hw.mapping.slices >= 1 && hw.mapping.slices <= 4, "mapping.slices",
          "slices must be 1..4");
  require(hw.mapping.sign != SignScheme::Offset || hw.mapping.slices == 1,
          "mapping.slices", "the offset scheme takes one slice");
  require(hw.mapping.sign != SignScheme::Offset || hw.device.levels >= 3,
          "device.levels", "the offset scheme needs at least 3 levels");
  require(hw.maxLevel() <= (int64_t(1) << 30), "mapping.slices",
          "levels^slices exceeds 2^30");
  require(hw.logicalCols() >= 1, "tile.cols",
          "a tile must hold at least one logical column");
  require(hw.mapping.clipPercentile > 0 && hw.mapping.clipPercentile <= 100,
          "mapping.clip_percentile", "must be in (0, 100]");
  require(hw.adc.bits >= 0 && hw.adc.bits <= 24, "adc.bits",
          "bits must be 0 (ideal) .. 24");
  require(hw.adc.range != AdcRange::Fixed || hw.adc.fullScale > 0,
          "adc.full_scale", "the fixed ADC range needs full_scale > 0");
  require(hw.adc.columnsPerAdc >= 1, "adc.columns_per_adc", "must be >= 1");
  require(hw.cycles.clockMHz > 0, "cycles.clock_mhz", "must be > 0");
  const Cycles &c = hw.cycles;
  require(c.rowDrive >= 0 && c.columnRead >= 0 && c.adcConversion >= 0 &&
              c.shiftAdd >= 0 && c.digitalAdd >= 0 && c.neuronUpdate >= 0 &&
              c.hop >= 0,
          "cycles", "cycle costs must be >= 0");
  require(c.neuronUnits >= 1, "cycles.neuron_units", "must be >= 1");
  const Energy &e = hw.energy;
  require(e.rowDrivePJ >= 0 && e.cellReadPJ >= 0 && e.adcConversionPJ >= 0 &&
              e.digitalAddPJ >= 0 && e.neuronUpdatePJ >= 0 && e.hopPJ >= 0,
          "energy", "energies must be >= 0");
  require(hw.mesh.width >= 1 && hw.mesh.height >= 1 && hw.mesh.width <= 4096 &&
              hw.mesh.height <= 4096,
          "mesh.width", "mesh width and height must be 1..4096");
  require(model::parseFixedFormat(hw.numberFormat).has_value(), "number_format",
          "'" + hw.numberFormat + "' is not a fixed-point format like s16.15");
  const Effects &x = hw.effects;
  require(x.programmingScale >= 0, "effects.programming_scale", "must be >= 0");
  require(x.readSigma >= 0, "effects.read_sigma", "must be >= 0");
  require(x.driftNu >= 0 && x.driftNuSigma >= 0, "effects.drift_nu",
          "drift exponent and its sigma must be >= 0");
  require(x.driftT0Seconds > 0 && x.driftTimeSeconds >= 0, "effects.drift_t0_s",
          "need t0 > 0 and time >= 0");
  require(x.stuckAtGMinRate >= 0 && x.stuckAtGMaxRate >= 0 &&
              x.stuckAtGMinRate + x.stuckAtGMaxRate <= 1,
          "effects.stuck_at_gmin_rate", "rates must be >= 0 and sum to <= 1");
  require(x.wireOhm >= 0, "effects.wire_ohm", "must be >= 0");
  require(x.formingSigmaUS >= 0, "effects.forming_sigma_us", "must be >= 0");
  require(x.formingSparsity >= 0 && x.formingSparsity <= 1,
          "effects.forming_sparsity", "must be in [0, 1]");
}

} // namespace nmc::xbar

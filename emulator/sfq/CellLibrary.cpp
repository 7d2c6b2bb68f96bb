//===- CellLibrary.cpp - The default library and its validation -----------===//
//
// The default library is cells/pylse.json, embedded at build time
// (DefaultLibraryText.cpp.in), parsed once. validate() is what makes a
// library safe to compile into the emulator's dense tables: every (state,
// input) pair has exactly one transition, every name resolves.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SFQ/CellLibrary.h"

#include <algorithm>
#include <string_view>
#include <cmath>
#include <stdexcept>

namespace nmc::sfq {
namespace detail {
extern const char *const kDefaultCellLibraryJson; // DefaultLibraryText.cpp
}

namespace {

/// Largest delay, window or leak period a library may set: femtosecond
/// arithmetic (int64) then cannot overflow within a run's time range.
constexpr double kMaxCellTimePs = 1e6;

[[noreturn]] void fail(const CellLibrary &lib, const std::string &key,
                       const std::string &why) {
  throw std::runtime_error("cell library " + lib.name + ": " + key + ": " +
                           why);
}

int portIndex(const std::array<std::string_view, 3> &names, int count,
              const std::string &name) {
  for (int i = 0; i < count; ++i)
    if (names[i] == name)
      return i;
  return -1;
}

std::string portList(const CellPorts &p, bool inputs) {
  std::string list;
  for (int i = 0; i < (inputs ? p.numIn : p.numOut); ++i)
    list += (i ? ", " : "") + std::string(inputs ? p.in[i] : p.out[i]);
  return list;
}

void checkTime(const CellLibrary &lib, const CellType &c, const TimeRef &t,
               const std::string &key) {
  if (!t.param.empty() && t.param != "delay_ps" && t.param != "setup_ps" &&
      t.param != "hold_ps" && t.param != "busy_ps")
    fail(lib, key,
         "'" + t.param + "' is not delay_ps, setup_ps, hold_ps or busy_ps");
  const double ps = resolvePs(c, t);
  if (!(ps >= 0) || ps > kMaxCellTimePs)
    fail(lib, key, "must be in [0, 1e6] ps");
}

void validateTransition(const CellLibrary &lib, CellKind kind,
                        const Transition &t, const std::string &key) {
  const CellType &c = lib.cell(kind);
  const CellPorts &p = ports(kind);
  auto hasState = [&](const std::string &s) {
    return std::find(c.states.begin(), c.states.end(), s) != c.states.end();
  };
  if (!hasState(t.from))
    fail(lib, key + ".from", "unknown state '" + t.from + "'");
  if (!hasState(t.to))
    fail(lib, key + ".to", "unknown state '" + t.to + "'");
  if (portIndex(p.in, p.numIn, t.input) < 0)
    fail(lib, key + ".input",
         "'" + t.input + "' is not an input of " + std::string(p.name) + " (" +
             portList(p, true) + ")");
  for (const std::string &o : t.fire) {
    std::array<std::string_view, 3> outs{p.out[0], p.out[1], ""};
    if (portIndex(outs, p.numOut, o) < 0)
      fail(lib, key + ".fire",
           "'" + o + "' is not an output of " + std::string(p.name) + " (" +
               portList(p, false) + ")");
    if (std::count(t.fire.begin(), t.fire.end(), o) > 1)
      fail(lib, key + ".fire", "'" + o + "' listed twice");
  }
  checkTime(lib, c, t.busy, key + ".busy");
  if (t.delay)
    checkTime(lib, c, *t.delay, key + ".delay");
  for (const auto &[port, time] : t.setup) {
    if (portIndex(p.in, p.numIn, port) < 0)
      fail(lib, key + ".setup." + port, "not an input");
    checkTime(lib, c, time, key + ".setup." + port);
  }
  if (t.switchIcMA && !(*t.switchIcMA >= 0))
    fail(lib, key + ".switch_ic_ma", "must be >= 0");
  const bool stochasticOk = kind == CellKind::Synapse;
  const bool countOk = kind == CellKind::Neuron;
  if ((t.gate == Gate::Stochastic && !stochasticOk) ||
      ((t.gate == Gate::CountUp || t.gate == Gate::CountDown) && !countOk))
    fail(lib, key + ".gate",
         "stochastic is for the synapse, count_up/count_down for the neuron");
}

void validateCell(const CellLibrary &lib, CellKind kind) {
  const CellType &c = lib.cell(kind);
  const CellPorts &p = ports(kind);
  const std::string name(p.name);
  if (c.jjs < 0)
    fail(lib, name + ".jjs", "must be >= 0");
  for (auto [key, v] : {std::pair{".bias_ma", c.biasMA},
                        {".sum_ic_ma", c.sumIcMA},
                        {".delay_ps", c.delayPs},
                        {".setup_ps", c.setupPs},
                        {".hold_ps", c.holdPs},
                        {".busy_ps", c.busyPs},
                        {".leak_ps", c.leakPs}})
    if (!(v >= 0))
      fail(lib, name + key, "must be >= 0");
    else if (std::string_view(key).ends_with("_ps") && v > kMaxCellTimePs)
      fail(lib, name + key,
           "must be <= 1e6 ps (1 us); SFQ cell times are picoseconds");
  if (kind == CellKind::Synapse && !(c.iWidthMA > 0))
    fail(lib, name + ".iwidth_ma", "must be > 0");
  if (kind == CellKind::Neuron && !(c.n0 > 0))
    fail(lib, name + ".n0", "must be > 0");
  if (kind == CellKind::Neuron && !(c.biasMA > 0))
    fail(lib, name + ".bias_ma", "the neuron's nominal bias must be > 0");
  if (c.states.empty())
    fail(lib, name + ".states", "needs at least one state");
  // The emulator keeps a cell's state in 8 bits (a 300-state divider
  // wrapped silently).
  if (c.states.size() > 256)
    fail(lib, name + ".states",
         std::to_string(c.states.size()) + " states; at most 256");
  for (size_t i = 0; i < c.states.size(); ++i)
    if (std::count(c.states.begin(), c.states.end(), c.states[i]) > 1)
      fail(lib, name + ".states", "'" + c.states[i] + "' listed twice");
  for (size_t i = 0; i < c.transitions.size(); ++i)
    validateTransition(lib, kind, c.transitions[i],
                       name + ".transitions[" + std::to_string(i) + "]");
  // Complete and deterministic: one transition per (state, input).
  for (const std::string &s : c.states)
    for (int in = 0; in < p.numIn; ++in) {
      const auto n = std::count_if(c.transitions.begin(), c.transitions.end(),
                                   [&](const Transition &t) {
                                     return t.from == s && t.input == p.in[in];
                                   });
      if (n != 1)
        fail(lib, name + ".transitions",
             std::string(n ? "two transitions" : "no transition") +
                 " from state '" + s + "' on input '" + std::string(p.in[in]) +
                 "'");
    }
}

} // namespace

double resolvePs(const CellType &type, const TimeRef &ref) {
  if (ref.param.empty())
    return ref.ps;
  if (ref.param == "delay_ps")
    return type.delayPs;
  if (ref.param == "setup_ps")
    return type.setupPs;
  if (ref.param == "hold_ps")
    return type.holdPs;
  if (ref.param == "busy_ps")
    return type.busyPs;
  return std::nan("");
}

void validate(const CellLibrary &lib) {
  if (!(lib.biasVoltageMV >= 0))
    fail(lib, "bias_voltage_mv", "must be >= 0");
  for (int k = 0; k < kCellKinds; ++k)
    validateCell(lib, static_cast<CellKind>(k));
}

const CellLibrary &defaultCellLibrary() {
  static const CellLibrary lib = [] {
    CellLibrary l;
    applyCellLibraryJson(
        l, detail::kDefaultCellLibraryJson,
        "built-in cell library (emulator/sfq/cells/pylse.json)");
    validate(l);
    return l;
  }();
  return lib;
}

} // namespace nmc::sfq

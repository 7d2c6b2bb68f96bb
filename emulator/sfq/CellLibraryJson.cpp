//===- CellLibraryJson.cpp - Cell library <-> JSON, key=value settings ----===//
//
// One table of a cell's scalar keys (name, which kinds have it, member)
// serves the reader, the writer and the key=value settings; states and
// transitions have their own small readers. Comments are allowed in the
// JSON (the default file cites its sources next to each number).
//===----------------------------------------------------------------------===//
#include "nmc/Target/SFQ/CellLibrary.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace nmc::sfq {
namespace {

using json = nlohmann::ordered_json;

[[noreturn]] void fail(const std::string &origin, const std::string &key,
                       const std::string &why) {
  throw std::runtime_error(origin + ": " + key + ": " + why);
}

/// A scalar key of a cell; `only` limits it to one kind.
struct Scalar {
  const char *key;
  std::optional<CellKind> only;
  double CellType::*member; ///< null for "jjs" (an int)
};

const std::vector<Scalar> &scalars() {
  static const std::vector<Scalar> table = {
      {"jjs", std::nullopt, nullptr},
      {"bias_ma", std::nullopt, &CellType::biasMA},
      {"sum_ic_ma", std::nullopt, &CellType::sumIcMA},
      {"delay_ps", std::nullopt, &CellType::delayPs},
      {"setup_ps", std::nullopt, &CellType::setupPs},
      {"hold_ps", std::nullopt, &CellType::holdPs},
      {"busy_ps", std::nullopt, &CellType::busyPs},
      {"i50_ma", CellKind::Synapse, &CellType::i50MA},
      {"iwidth_ma", CellKind::Synapse, &CellType::iWidthMA},
      {"n0", CellKind::Neuron, &CellType::n0},
      {"leak_ps", CellKind::Neuron, &CellType::leakPs},
  };
  return table;
}

const char *const kGateNames[] = {"none", "stochastic", "count_up",
                                  "count_down"};

double number(const json &v, const std::string &origin,
              const std::string &key) {
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    fail(origin, key, "expected a finite number, got " + v.dump());
  return v.get<double>();
}

std::string string(const json &v, const std::string &origin,
                   const std::string &key) {
  if (!v.is_string())
    fail(origin, key, "expected a string, got " + v.dump());
  return v.get<std::string>();
}

std::vector<std::string> strings(const json &v, const std::string &origin,
                                 const std::string &key) {
  if (!v.is_array())
    fail(origin, key, "expected an array of strings, got " + v.dump());
  std::vector<std::string> out;
  for (const json &e : v)
    out.push_back(string(e, origin, key));
  return out;
}

TimeRef timeRef(const json &v, const std::string &origin,
                const std::string &key) {
  if (v.is_string())
    return {0, v.get<std::string>()};
  return {number(v, origin, key), ""};
}

json timeJson(const TimeRef &t) {
  return t.param.empty() ? json(t.ps) : json(t.param);
}

Transition readTransition(const json &v, const std::string &origin,
                          const std::string &key) {
  if (!v.is_object())
    fail(origin, key, "expected an object {from, input, to, ...}");
  Transition t;
  for (const char *required : {"from", "input", "to"})
    if (!v.contains(required))
      fail(origin, key, std::string("missing \"") + required + "\"");
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string k = key + "." + it.key();
    const json &e = it.value();
    if (it.key() == "from")
      t.from = string(e, origin, k);
    else if (it.key() == "input")
      t.input = string(e, origin, k);
    else if (it.key() == "to")
      t.to = string(e, origin, k);
    else if (it.key() == "fire")
      t.fire = strings(e, origin, k);
    else if (it.key() == "busy")
      t.busy = timeRef(e, origin, k);
    else if (it.key() == "delay")
      t.delay = timeRef(e, origin, k);
    else if (it.key() == "switch_ic_ma")
      t.switchIcMA = number(e, origin, k);
    else if (it.key() == "priority") {
      if (!e.is_number_integer() || e.get<int64_t>() < -1000000 ||
          e.get<int64_t>() > 1000000)
        fail(origin, k,
             "expected a whole number in [-1e6, 1e6], got " + e.dump());
      t.priority = e.get<int>();
    } else if (it.key() == "setup") {
      if (!e.is_object())
        fail(origin, k, "expected an object {input: time}");
      for (auto s = e.begin(); s != e.end(); ++s)
        t.setup.push_back(
            {s.key(), timeRef(s.value(), origin, k + "." + s.key())});
    } else if (it.key() == "gate") {
      const std::string g = string(e, origin, k);
      bool known = false;
      for (int i = 0; i < 4; ++i)
        if (g == kGateNames[i]) {
          t.gate = static_cast<Gate>(i);
          known = true;
        }
      if (!known)
        fail(origin, k,
             "expected none, stochastic, count_up or count_down, got " + g);
    } else {
      fail(origin, k, "unknown transition key");
    }
  }
  return t;
}

/// Applies `key` = `v` to cell `kind` ("<cell>.<key>" in errors).
void applyCellKey(CellType &cell, CellKind kind, const std::string &key,
                  const json &v, const std::string &origin) {
  const std::string full = std::string(ports(kind).name) + "." + key;
  if (key == "states") {
    cell.states = strings(v, origin, full);
    return;
  }
  if (key == "transitions") {
    if (!v.is_array())
      fail(origin, full, "expected an array of transitions");
    cell.transitions.clear();
    for (size_t i = 0; i < v.size(); ++i) {
      Transition t =
          readTransition(v[i], origin, full + "[" + std::to_string(i) + "]");
      if (!v[i].contains("priority"))
        t.priority = static_cast<int>(i); // listing order
      cell.transitions.push_back(std::move(t));
    }
    return;
  }
  for (const Scalar &s : scalars()) {
    if (key != s.key || (s.only && *s.only != kind))
      continue;
    if (!s.member) {
      // get<int> of 1e10 wrapped to 1410065408 (a review found 2.8e9 JJs
      // reported as 2820130816): range-check first.
      if (!v.is_number_integer() || v.get<int64_t>() < 0 ||
          v.get<int64_t>() > 1000000)
        fail(origin, full,
             "expected a whole number in [0, 1e6], got " + v.dump());
      cell.jjs = v.get<int>();
    } else {
      cell.*s.member = number(v, origin, full);
    }
    return;
  }
  fail(origin, full,
       "unknown cell key (the keys are listed in docs/targets/sfq.md)");
}

CellKind kindOf(const std::string &name, const std::string &origin,
                const std::string &key) {
  if (auto kind = cellKindNamed(name))
    return *kind;
  fail(origin, key, "unknown cell kind '" + name + "'");
}

void applyObject(CellLibrary &lib, const json &doc, const std::string &origin) {
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key() == "name") {
      lib.name = string(it.value(), origin, "name");
    } else if (it.key() == "bias_voltage_mv") {
      lib.biasVoltageMV = number(it.value(), origin, "bias_voltage_mv");
    } else if (it.key() == "cells") {
      if (!it.value().is_object())
        fail(origin, "cells", "expected an object of cell kinds");
      for (auto c = it.value().begin(); c != it.value().end(); ++c) {
        const CellKind kind = kindOf(c.key(), origin, "cells." + c.key());
        if (!c.value().is_object())
          fail(origin, c.key(), "expected an object");
        for (auto f = c.value().begin(); f != c.value().end(); ++f)
          applyCellKey(lib.cell(kind), kind, f.key(), f.value(), origin);
      }
    } else {
      fail(origin, it.key(),
           "unknown key (expected name, bias_voltage_mv "
           "or cells)");
    }
  }
}

json transitionJson(const Transition &t) {
  json o;
  o["from"] = t.from;
  o["input"] = t.input;
  o["to"] = t.to;
  if (!t.fire.empty())
    o["fire"] = t.fire;
  o["busy"] = timeJson(t.busy);
  if (!t.setup.empty()) {
    json s = json::object();
    for (const auto &[port, time] : t.setup)
      s[port] = timeJson(time);
    o["setup"] = s;
  }
  if (t.delay)
    o["delay"] = timeJson(*t.delay);
  o["priority"] = t.priority;
  if (t.gate != Gate::None)
    o["gate"] = kGateNames[static_cast<int>(t.gate)];
  if (t.switchIcMA)
    o["switch_ic_ma"] = *t.switchIcMA;
  return o;
}

} // namespace

void applyCellLibraryJson(CellLibrary &lib, const std::string &text,
                          const std::string &origin) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false,
                         /*ignore_comments=*/true);
  if (doc.is_discarded())
    throw std::runtime_error(origin + ": not valid JSON");
  if (!doc.is_object())
    throw std::runtime_error(origin + ": expected a JSON object");
  applyObject(lib, doc, origin);
}

CellLibrary loadCellLibrary(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error(path + ": cannot open the cell library");
  std::stringstream text;
  text << in.rdbuf();
  CellLibrary lib = defaultCellLibrary();
  lib.name = path;
  applyCellLibraryJson(lib, text.str(), path);
  validate(lib);
  return lib;
}

void applyCellSetting(CellLibrary &lib, const std::string &setting) {
  const std::string origin = "setting '" + setting + "'";
  const size_t eq = setting.find('=');
  if (eq == std::string::npos || eq == 0)
    throw std::runtime_error(origin +
                             ": expected key=value, e.g. jtl.delay_ps=3.5");
  const std::string key = setting.substr(0, eq), text = setting.substr(eq + 1);
  // Numbers and arrays are JSON; anything else is a string.
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    value = text;
  json doc;
  const size_t dot = key.find('.');
  if (dot == std::string::npos) {
    doc[key] = value;
  } else {
    const std::string cell = key.substr(0, dot);
    kindOf(cell, origin, key);
    doc["cells"][cell][key.substr(dot + 1)] = value;
  }
  applyObject(lib, doc, origin);
}

std::string toJson(const CellLibrary &lib) {
  json doc;
  doc["name"] = lib.name;
  doc["bias_voltage_mv"] = lib.biasVoltageMV;
  json &cells = doc["cells"];
  for (int k = 0; k < kCellKinds; ++k) {
    const CellKind kind = static_cast<CellKind>(k);
    const CellType &c = lib.cell(kind);
    json &o = cells[std::string(ports(kind).name)];
    for (const Scalar &s : scalars())
      if (!s.only || *s.only == kind)
        o[s.key] = s.member ? json(c.*s.member) : json(c.jjs);
    o["states"] = c.states;
    json &ts = o["transitions"] = json::array();
    for (const Transition &t : c.transitions)
      ts.push_back(transitionJson(t));
  }
  return doc.dump(2);
}

} // namespace nmc::sfq

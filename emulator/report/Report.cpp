//===- Report.cpp - Report model and unit names -----------------*- C++ -*-===//
#include "nmc/Sim/Report.h"

#include <algorithm>
#include <stdexcept>

namespace nmc::sim {

namespace {

// clang-format off
struct UnitInfo { Unit unit; const char *name; const char *symbol; };
constexpr UnitInfo kUnits[] = {
    // unit            JSON name   text symbol
    {Unit::None,       "",         ""},
    {Unit::Count,      "count",    ""},
    {Unit::Steps,      "steps",    "steps"},
    {Unit::Seconds,    "s",        "s"},
    {Unit::Cycles,     "cycles",   "cycles"},
    {Unit::Joules,     "J",        "J"},
    {Unit::Watts,      "W",        "W"},
    {Unit::Percent,    "%",        "%"},
    {Unit::Hertz,      "Hz",       "Hz"},
    {Unit::Bytes,      "B",        "B"},
    {Unit::PerSecond,  "1/s",      "/s"},
};
// clang-format on

const UnitInfo &info(Unit unit) {
  for (const UnitInfo &u : kUnits)
    if (u.unit == unit)
      return u;
  throw std::invalid_argument("unknown report unit");
}

} // namespace

const char *unitName(Unit unit) { return info(unit).name; }

const char *unitSymbol(Unit unit) { return info(unit).symbol; }

Unit unitFromName(const std::string &name) {
  for (const UnitInfo &u : kUnits)
    if (name == u.name)
      return u.unit;
  std::string valid;
  for (const UnitInfo &u : kUnits)
    if (*u.name)
      valid += std::string(valid.empty() ? "" : ", ") + u.name;
  throw std::invalid_argument("unknown unit \"" + name + "\" (valid: " + valid +
                              ")");
}

Section &Section::add(std::string key, Scalar value, Unit unit,
                      std::string description) {
  if (find(key))
    throw std::invalid_argument("report section '" + name +
                                "': duplicate key '" + key + "'");
  values.push_back(
      {std::move(key), std::move(value), unit, std::move(description)});
  return *this;
}

const Value *Section::find(const std::string &key) const {
  auto it = std::find_if(values.begin(), values.end(),
                         [&](const Value &v) { return v.key == key; });
  return it == values.end() ? nullptr : &*it;
}

Section &Report::section(const std::string &name) {
  for (Section &s : sections)
    if (s.name == name)
      return s;
  sections.push_back(Section{name, {}, {}});
  return sections.back();
}

const Section *Report::find(const std::string &name) const {
  auto it = std::find_if(sections.begin(), sections.end(),
                         [&](const Section &s) { return s.name == name; });
  return it == sections.end() ? nullptr : &*it;
}

} // namespace nmc::sim

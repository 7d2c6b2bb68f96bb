//===- ReportJson.cpp - Report to and from JSON -----------------*- C++ -*-===//
//
// Schema (docs/reports.md):
//   {"title": T, "sections": {NAME: {"values": {KEY: {"value": V,
//     "unit": U, "description": D}}, "tables": [{"title": T,
//     "columns": [{"name": N, "unit": U}], "rows": [[V, ...]]}]}}}
// "unit" is omitted for Unit::None, "description" when empty, "tables" when
// there are none. V is a JSON integer, float, string, bool or null (no
// value; non-finite floats are written as null too).
//===----------------------------------------------------------------------===//
#include "nmc/Sim/Report.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace nmc::sim {

using Json = nlohmann::ordered_json;

namespace {

Json scalarToJson(const Scalar &s) {
  if (const auto *d = std::get_if<double>(&s))
    return std::isfinite(*d) ? Json(*d) : Json(nullptr);
  return std::visit(
      [](const auto &v) -> Json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
          return nullptr;
        else
          return v;
      },
      s);
}

void withUnit(Json &j, Unit unit) {
  if (unit != Unit::None)
    j["unit"] = unitName(unit);
}

Json tableToJson(const Table &table) {
  Json j = {{"title", table.title},
            {"columns", Json::array()},
            {"rows", Json::array()}};
  for (const Column &c : table.columns) {
    Json col = {{"name", c.name}};
    withUnit(col, c.unit);
    j["columns"].push_back(std::move(col));
  }
  for (const auto &row : table.rows) {
    if (row.size() != table.columns.size())
      throw std::invalid_argument(
          "report table '" + table.title + "': a row has " +
          std::to_string(row.size()) + " cells for " +
          std::to_string(table.columns.size()) + " columns");
    Json r = Json::array();
    for (const Scalar &s : row)
      r.push_back(scalarToJson(s));
    j["rows"].push_back(std::move(r));
  }
  return j;
}

Json sectionToJson(const Section &section) {
  Json j = {{"values", Json::object()}};
  for (const Value &v : section.values) {
    if (j["values"].contains(v.key))
      throw std::invalid_argument("report section '" + section.name +
                                  "': duplicate key '" + v.key + "'");
    Json value = {{"value", scalarToJson(v.value)}};
    withUnit(value, v.unit);
    if (!v.description.empty())
      value["description"] = v.description;
    j["values"][v.key] = std::move(value);
  }
  for (const Table &t : section.tables)
    j["tables"].push_back(tableToJson(t));
  return j;
}

// --- Reading: every error names the JSON pointer of the bad element. ---

[[noreturn]] void fail(const std::string &where, const std::string &what) {
  throw std::runtime_error((where.empty() ? "/" : where) + ": " + what);
}

/// JSON pointer escaping of one reference token (RFC 6901).
std::string token(const std::string &key) {
  std::string out;
  for (char c : key)
    out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

const Json &member(const Json &j, const std::string &where, const char *name,
                   Json::value_t type) {
  if (!j.contains(name))
    fail(where, std::string("missing \"") + name + "\"");
  const Json &m = j.at(name);
  if (m.type() != type)
    fail(where + "/" + name, std::string("expected ") + Json(type).type_name() +
                                 ", got " + m.type_name());
  return m;
}

std::string optionalString(const Json &j, const std::string &where,
                           const char *name) {
  return j.contains(name)
             ? member(j, where, name, Json::value_t::string).get<std::string>()
             : std::string();
}

Unit unitOf(const Json &j, const std::string &where) {
  try {
    return unitFromName(optionalString(j, where, "unit"));
  } catch (const std::invalid_argument &e) {
    fail(where + "/unit", e.what());
  }
}

Scalar scalarFromJson(const Json &j, const std::string &where) {
  switch (j.type()) {
  case Json::value_t::null:
    return std::monostate();
  case Json::value_t::boolean:
    return j.get<bool>();
  case Json::value_t::number_integer:
    return j.get<int64_t>();
  case Json::value_t::number_unsigned:
    if (j.get<uint64_t>() >
        static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      fail(where, "integer out of the int64 range");
    return j.get<int64_t>();
  case Json::value_t::number_float:
    return j.get<double>();
  case Json::value_t::string:
    return j.get<std::string>();
  default:
    fail(where, std::string("expected a number, string, bool or null, got ") +
                    j.type_name());
  }
}

Table tableFromJson(const Json &j, const std::string &where) {
  if (!j.is_object())
    fail(where, "expected object");
  Table t;
  t.title = optionalString(j, where, "title");
  const Json &columns = member(j, where, "columns", Json::value_t::array);
  for (size_t c = 0; c < columns.size(); ++c) {
    std::string at = where + "/columns/" + std::to_string(c);
    if (!columns[c].is_object())
      fail(at, "expected object");
    t.columns.push_back({member(columns[c], at, "name", Json::value_t::string)
                             .get<std::string>(),
                         unitOf(columns[c], at)});
  }
  const Json &rows = member(j, where, "rows", Json::value_t::array);
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string at = where + "/rows/" + std::to_string(r);
    if (!rows[r].is_array() || rows[r].size() != t.columns.size())
      fail(at, "expected an array of " + std::to_string(t.columns.size()) +
                   " cells");
    t.rows.emplace_back();
    for (size_t c = 0; c < rows[r].size(); ++c)
      t.rows.back().push_back(
          scalarFromJson(rows[r][c], at + "/" + std::to_string(c)));
  }
  return t;
}

Section sectionFromJson(const std::string &name, const Json &j,
                        const std::string &where) {
  if (!j.is_object())
    fail(where, "expected object");
  Section s{name, {}, {}};
  const Json &values = member(j, where, "values", Json::value_t::object);
  for (const auto &[key, v] : values.items()) {
    std::string at = where + "/values/" + token(key);
    if (!v.is_object())
      fail(at, "expected object");
    if (!v.contains("value"))
      fail(at, "missing \"value\"");
    s.add(key, scalarFromJson(v.at("value"), at + "/value"), unitOf(v, at),
          optionalString(v, at, "description"));
  }
  if (j.contains("tables")) {
    const Json &tables = member(j, where, "tables", Json::value_t::array);
    for (size_t t = 0; t < tables.size(); ++t)
      s.tables.push_back(
          tableFromJson(tables[t], where + "/tables/" + std::to_string(t)));
  }
  return s;
}

/// "[json.exception.parse_error.101] parse error at ..." -> "parse error at".
std::string withoutExceptionTag(const std::string &what) {
  size_t end = what.rfind("] ", what.find(' '));
  return what.starts_with("[json.exception.") && end != std::string::npos
             ? what.substr(end + 2)
             : what;
}

std::string systemError() { return errno ? std::strerror(errno) : "I/O error"; }

} // namespace

Json toJson(const Report &report) {
  Json j = {{"title", report.title}, {"sections", Json::object()}};
  for (const Section &s : report.sections) {
    if (j["sections"].contains(s.name))
      throw std::invalid_argument("report: duplicate section '" + s.name + "'");
    j["sections"][s.name] = sectionToJson(s);
  }
  return j;
}

void writeJson(const std::string &path, const Report &report) {
  std::string text =
      toJson(report).dump(2, ' ', false, Json::error_handler_t::replace);
  errno = 0;
  std::ofstream os(path);
  if (!os)
    throw std::runtime_error(path +
                             ": cannot open for writing: " + systemError());
  os << text << "\n";
  os.flush();
  os.close();
  if (os.fail())
    throw std::runtime_error(path + ": write failed: " + systemError());
}

Report fromJson(const Json &json) {
  if (!json.is_object())
    fail("", "expected a report object");
  Report r;
  r.title = optionalString(json, "", "title");
  const Json &sections = member(json, "", "sections", Json::value_t::object);
  for (const auto &[name, s] : sections.items())
    r.sections.push_back(sectionFromJson(name, s, "/sections/" + token(name)));
  return r;
}

Report readJson(const std::string &path) {
  errno = 0;
  std::ifstream is(path);
  if (!is)
    throw std::runtime_error(path + ": cannot open: " + systemError());
  try {
    return fromJson(Json::parse(is));
  } catch (const Json::exception &e) {
    throw std::runtime_error(path + ": " + withoutExceptionTag(e.what()));
  } catch (const std::runtime_error &e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

} // namespace nmc::sim

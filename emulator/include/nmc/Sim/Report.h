//===- Report.h - Sections of named values with units -----------*- C++ -*-===//
//
// What a command reports (run statistics, comparisons, target costs): a
// title and sections of named values with units, plus tables. One text
// printer for people, one JSON printer and reader for programs; the JSON
// schema is in docs/reports.md.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_REPORT_H
#define NMC_SIM_REPORT_H

#include <nlohmann/json_fwd.hpp>

#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <variant>
#include <vector>

namespace nmc::sim {

enum class Unit {
  None,
  Count,
  Steps,
  Seconds,
  Cycles,
  Joules,
  Watts,
  Percent,
  Hertz,
  Bytes,
  PerSecond
};

/// The unit as written in JSON ("" for None, "count", "s", "J", "%", ...).
const char *unitName(Unit unit);
/// The unit as printed after a number in text ("" for None and Count).
const char *unitSymbol(Unit unit);
/// Inverse of unitName; throws std::invalid_argument for an unknown name.
Unit unitFromName(const std::string &name);

/// One number, string or flag; std::monostate is "no value" (text "-",
/// JSON null), e.g. a rate in a table row of a non-spiking node.
using Scalar = std::variant<std::monostate, int64_t, double, std::string, bool>;

struct Value {
  std::string key;
  Scalar value;
  Unit unit = Unit::None;
  std::string description; // optional, one line
  bool operator==(const Value &) const = default;
};

struct Column {
  std::string name;
  Unit unit = Unit::None;
  bool operator==(const Column &) const = default;
};

struct Table {
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Scalar>> rows; // each as long as columns
  bool operator==(const Table &) const = default;
};

struct Section {
  std::string name;
  std::vector<Value> values; // keys are unique within a section
  std::vector<Table> tables;

  /// Appends a value; throws std::invalid_argument if `key` exists.
  Section &add(std::string key, Scalar value, Unit unit = Unit::None,
               std::string description = {});
  /// Any integer type (size_t, int, ...) is stored as int64_t.
  template <std::integral T>
  requires(!std::same_as<T, bool>) Section &add(std::string key, T value,
                                                Unit unit = Unit::None,
                                                std::string description = {}) {
    return add(std::move(key), Scalar(static_cast<int64_t>(value)), unit,
               std::move(description));
  }
  /// The value named `key`, or nullptr.
  const Value *find(const std::string &key) const;
  bool operator==(const Section &) const = default;
};

struct Report {
  std::string title;
  std::vector<Section> sections; // names are unique

  /// The section named `name`, appended if absent.
  Section &section(const std::string &name);
  /// The section named `name`, or nullptr.
  const Section *find(const std::string &name) const;
  bool operator==(const Report &) const = default;
};

/// Aligned text: one block per section, "key  value unit  description".
void printText(std::ostream &os, const Report &report);

/// JSON as documented in docs/reports.md (insertion order is kept).
/// Throws std::invalid_argument for duplicate section names or keys, or a
/// table row whose length differs from its columns.
nlohmann::ordered_json toJson(const Report &report);
/// Writes toJson(report), indented; throws std::runtime_error naming `path`
/// if the file cannot be opened or written completely.
void writeJson(const std::string &path, const Report &report);

/// Reads the JSON of toJson back; throws std::runtime_error naming the
/// offending JSON path (e.g. "/sections/summary/values/wall") on bad input.
Report fromJson(const nlohmann::ordered_json &json);
/// Parses the file `path` and calls fromJson; errors name `path`.
Report readJson(const std::string &path);

} // namespace nmc::sim

#endif // NMC_SIM_REPORT_H

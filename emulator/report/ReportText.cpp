//===- ReportText.cpp - Report as aligned text ------------------*- C++ -*-===//
//
//   TITLE
//
//   SECTION
//     key      value unit  description
//     TABLE TITLE
//       col [unit]  col
//       cell        cell
//
// Keys, values and table columns are padded to the widest entry of their
// section or table; columns holding numbers are right-aligned.
//===----------------------------------------------------------------------===//
#include "nmc/Sim/Report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ostream>

namespace nmc::sim {

namespace {

struct ScalarText {
  std::string operator()(std::monostate) const { return "-"; }
  std::string operator()(int64_t v) const { return fmt::format("{}", v); }
  std::string operator()(double v) const { return fmt::format("{:.6g}", v); }
  std::string operator()(const std::string &v) const { return v; }
  std::string operator()(bool v) const { return v ? "true" : "false"; }
};

std::string text(const Scalar &s) { return std::visit(ScalarText{}, s); }

bool isNumber(const Scalar &s) {
  return std::holds_alternative<int64_t>(s) ||
         std::holds_alternative<double>(s);
}

/// "0.2081 s"; no unit after "-" (no value).
std::string withUnit(const Scalar &value, Unit unit) {
  std::string shown = text(value);
  if (*unitSymbol(unit) && !std::holds_alternative<std::monostate>(value))
    shown += std::string(" ") + unitSymbol(unit);
  return shown;
}

void printValues(std::ostream &os, const Section &section) {
  size_t keyWidth = 0, valueWidth = 0;
  std::vector<std::string> shown;
  for (const Value &v : section.values) {
    shown.push_back(withUnit(v.value, v.unit));
    keyWidth = std::max(keyWidth, v.key.size());
    valueWidth = std::max(valueWidth, shown.back().size());
  }
  for (size_t i = 0; i < section.values.size(); ++i) {
    const Value &v = section.values[i];
    if (v.description.empty())
      fmt::print(os, "  {:<{}}  {}\n", v.key, keyWidth, shown[i]);
    else
      fmt::print(os, "  {:<{}}  {:<{}}  {}\n", v.key, keyWidth, shown[i],
                 valueWidth, v.description);
  }
}

/// Tables longer than this print their first and last kMaxTextRows / 2.
constexpr size_t kMaxTextRows = 40;

void printTable(std::ostream &os, const Table &table) {
  size_t n = table.columns.size();
  std::vector<std::vector<std::string>> cells(1);
  std::vector<size_t> width(n, 0);
  std::vector<bool> right(n, false);
  for (const Column &c : table.columns) {
    std::string head = c.name;
    if (*unitSymbol(c.unit))
      head += std::string(" [") + unitSymbol(c.unit) + "]";
    cells[0].push_back(head);
  }
  // A terminal report of a 10^6-node network would be 10^6 lines: show the
  // first and last rows; the JSON report keeps every row.
  const size_t rows = table.rows.size();
  const bool elide = rows > kMaxTextRows;
  for (size_t r = 0; r < rows; ++r) {
    if (elide && r == kMaxTextRows / 2) {
      cells.push_back({fmt::format("... {} more rows (all in the JSON report)",
                                   rows - kMaxTextRows)});
      r = rows - kMaxTextRows / 2;
    }
    const auto &row = table.rows[r];
    cells.emplace_back();
    for (size_t c = 0; c < n && c < row.size(); ++c) {
      cells.back().push_back(text(row[c]));
      right[c] = right[c] || isNumber(row[c]);
    }
  }
  for (const auto &row : cells)
    if (row.size() > 1 || n == 1) // the elision line spans the columns
      for (size_t c = 0; c < row.size(); ++c)
        width[c] = std::max(width[c], row[c].size());
  if (!table.title.empty()) // an untitled table is its section's content
    fmt::print(os, "  {}\n", table.title);
  for (const auto &row : cells) {
    std::string line = "  ";
    for (size_t c = 0; c < row.size(); ++c)
      line += right[c] ? fmt::format("  {:>{}}", row[c], width[c])
                       : fmt::format("  {:<{}}", row[c], width[c]);
    line.erase(line.find_last_not_of(' ') + 1);
    os << line << "\n";
  }
}

} // namespace

void printText(std::ostream &os, const Report &report) {
  bool first = true;
  if (!report.title.empty()) {
    os << report.title << "\n";
    first = false;
  }
  for (const Section &section : report.sections) {
    if (!first)
      os << "\n";
    first = false;
    os << section.name << "\n";
    printValues(os, section);
    for (const Table &table : section.tables)
      printTable(os, table);
  }
}

} // namespace nmc::sim

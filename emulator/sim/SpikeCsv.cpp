//===- SpikeCsv.cpp - Spike and trace CSV files ---------------------------===//
#include "nmc/Sim/SpikeCsv.h"

#include "nmc/Sim/OutputFile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string_view>

namespace nmc::sim {
namespace {

/// `time` (step * dt, written by CsvSink for people and plots) is read but
/// not used: the step is exact, the time a rounded product.
enum Column { Sample, Step, Time, Neuron, Value, NumColumns };
constexpr const char *kColumnNames[NumColumns] = {"sample", "step", "time",
                                                  "neuron", "value"};

std::string_view trim(std::string_view s) {
  const char *ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos)
    return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    size_t comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos)
      return fields;
    start = comma + 1;
  }
}

bool parseInt(std::string_view s, int64_t &v) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}
bool parseDouble(std::string_view s, double &v) {
  if (!s.empty() && s[0] == '+')
    s.remove_prefix(1);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

class CsvReader {
public:
  explicit CsvReader(const std::string &name) : name(name) {}
  EventBatch read(std::istream &in);

private:
  [[noreturn]] void fail(const std::string &msg) const {
    throw std::runtime_error(fmt::format("{}:{}: {}", name, line, msg));
  }
  void parseHeader(const std::vector<std::string_view> &fields);
  void parseRow(const std::vector<std::string_view> &fields, EventBatch &out);

  std::string name;
  int64_t line = 0;
  std::vector<int> columns; ///< Column of each field
};

void CsvReader::parseHeader(const std::vector<std::string_view> &fields) {
  bool seen[NumColumns] = {};
  for (std::string_view f : fields) {
    std::string lower(f);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    auto it = std::find(std::begin(kColumnNames), std::end(kColumnNames),
                        std::string_view(lower));
    if (it == std::end(kColumnNames))
      fail(fmt::format("unknown column '{}' in header (expected sample, "
                       "step, time, neuron, value)",
                       f));
    int c = static_cast<int>(it - std::begin(kColumnNames));
    if (seen[c])
      fail(fmt::format("column '{}' appears twice in header", f));
    seen[c] = true;
    columns.push_back(c);
  }
  if (!seen[Step] || !seen[Neuron])
    fail("header must name the columns 'step' and 'neuron'");
}

void CsvReader::parseRow(const std::vector<std::string_view> &fields,
                         EventBatch &out) {
  if (fields.size() != columns.size()) {
    std::vector<std::string> names;
    for (int c : columns)
      names.push_back(kColumnNames[c]);
    fail(fmt::format("expected {} fields ({}), got {}", columns.size(),
                     fmt::join(names, ","), fields.size()));
  }
  int64_t sample = 0;
  Event e;
  for (size_t k = 0; k < fields.size(); ++k) {
    const int c = columns[k];
    if (c == Value || c == Time) {
      double x = 0;
      if (!parseDouble(fields[k], x) || !std::isfinite(x))
        fail(fmt::format("{} '{}' is not a finite number", kColumnNames[c],
                         fields[k]));
      if (c == Value)
        e.value = x;
      continue;
    }
    int64_t v = 0;
    if (!parseInt(fields[k], v) || v < 0)
      fail(fmt::format("{} '{}' must be a non-negative integer",
                       kColumnNames[c], fields[k]));
    (c == Sample ? sample : c == Step ? e.step : e.neuron) = v;
  }
  if (sample >= static_cast<int64_t>(out.size())) {
    if (sample > (1 << 24))
      fail(fmt::format("sample {} is implausibly large", sample));
    out.resize(sample + 1);
  }
  out[sample].push_back(e);
}

EventBatch CsvReader::read(std::istream &in) {
  EventBatch out(1);
  std::string text;
  bool first = true;
  while (std::getline(in, text)) {
    ++line;
    std::string_view content(text);
    // Spreadsheets save UTF-8 with a byte order mark: not data.
    if (line == 1 && content.starts_with("\xEF\xBB\xBF"))
      content.remove_prefix(3);
    content = trim(content.substr(0, content.find('#')));
    if (content.empty())
      continue;
    std::vector<std::string_view> fields = split(content);
    if (first) {
      first = false;
      double dummy;
      bool numeric = std::all_of(fields.begin(), fields.end(),
                                 [&](auto f) { return parseDouble(f, dummy); });
      if (!numeric) {
        parseHeader(fields);
        continue;
      }
      if (fields.size() == 2)
        columns = {Step, Neuron};
      else if (fields.size() == 3)
        columns = {Step, Neuron, Value};
      else
        fail(fmt::format("expected step,neuron or step,neuron,value, got {} "
                         "fields (a header line can name other layouts)",
                         fields.size()));
    }
    parseRow(fields, out);
  }
  if (in.bad())
    fail("read error");
  return out;
}

} // namespace

EventBatch readSpikeCsv(std::istream &in, const std::string &name) {
  return CsvReader(name).read(in);
}

EventBatch readSpikeCsv(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error(fmt::format("{}: cannot open", path));
  return readSpikeCsv(in, path);
}

} // namespace nmc::sim

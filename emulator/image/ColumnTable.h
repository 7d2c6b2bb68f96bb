//===- ColumnTable.h - Payload tables of parallel columns -------*- C++ -*-===//
//
// Target payloads with thousands of small objects (crossbar tiles, SpiNNaker
// cores and pop-table entries) store each kind of object as ONE record of
// parallel integer/float columns, so a big chip is a handful of datasets
// rather than thousands of groups. Columns builds such a record; TableReader
// reads one back through the shared record reader and names the dataset and
// row of a bad value.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_IMAGE_COLUMNTABLE_H
#define NMC_EMULATOR_IMAGE_COLUMNTABLE_H

#include "ImageInternal.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace nmc::image::detail {

/// Columns of one table while it is written.
struct Columns {
  std::map<std::string, std::vector<int64_t>> i;
  std::map<std::string, std::vector<double>> f;
  /// Extra columns kept in their narrow type (big arrays).
  std::map<std::string, IntArray> narrow;

  /// The record `kind`, with every column of `schema`'s kind present (empty
  /// tables still carry every column).
  Record record(const PayloadSchema &schema, const char *kind) {
    if (const KindSpec *spec = schema.findKind(kind)) {
      for (const ArraySpec &a : spec->arrays) {
        if (a.cls == ArrayClass::Float)
          f[a.name];
        else if (a.cls == ArrayClass::Int && !narrow.count(a.name))
          i[a.name];
      }
    }
    Record r;
    r.name = kind;
    r.kind = kind;
    for (auto &[k, v] : i)
      r.i[k] = IntArray(std::move(v));
    for (auto &[k, v] : narrow)
      r.i[k] = std::move(v);
    for (auto &[k, v] : f)
      r.f[k] = FloatArray(std::move(v));
    return r;
  }
};

/// Reads table `kind` of group `parent`.
class TableReader {
public:
  TableReader(hid_t parent, const PayloadSchema &schema, const char *kind)
      : parent(parent), schema(schema), kind(kind) {}

  bool read(std::string &error) {
    h5::Group g = h5::openGroup(parent, kind, error);
    if (!g || !readRecord(g.get(), schema, record, error))
      return false;
    path = h5::childPath(parent, kind);
    return true;
  }
  int64_t size(const char *column) const { return record.i.at(column).size(); }
  /// An optional column is present.
  bool has(const char *column) const { return record.i.count(column) > 0; }
  int64_t at(const char *column, int64_t row) const {
    return record.i.at(column)[row];
  }
  double atF(const char *column, int64_t row) const {
    return record.f.at(column)[row];
  }
  const IntArray &column(const char *name) const { return record.i.at(name); }
  /// Every column has `n` rows, except those in `except`.
  bool sameLength(int64_t n, std::string &error,
                  const std::vector<std::string> &except = {}) const {
    auto bad = [&](const std::string &col, size_t got) {
      error = path + "/" + col + ": " + std::to_string(got) +
              " entries, expected " + std::to_string(n);
      return false;
    };
    for (const auto &[k, v] : record.i)
      if (std::find(except.begin(), except.end(), k) == except.end() &&
          int64_t(v.size()) != n)
        return bad(k, v.size());
    for (const auto &[k, v] : record.f)
      if (std::find(except.begin(), except.end(), k) == except.end() &&
          int64_t(v.size()) != n)
        return bad(k, v.size());
    return true;
  }
  /// "<path>/<column>[<row>]", how messages name a value.
  std::string where(const char *column, int64_t row) const {
    return path + "/" + column + "[" + std::to_string(row) + "]";
  }

private:
  hid_t parent;
  const PayloadSchema &schema;
  const char *kind;
  Record record;
  std::string path;
};

} // namespace nmc::image::detail

#endif // NMC_EMULATOR_IMAGE_COLUMNTABLE_H

//===- Schema.cpp - Check payload records against a schema table ---------===//
#include "nmc/Image/Schema.h"

namespace nmc::image {

const KindSpec *PayloadSchema::findKind(const std::string &kind) const {
  for (const KindSpec &k : kinds)
    if (kind == k.kind)
      return &k;
  return nullptr;
}

std::string PayloadSchema::kindList() const {
  std::string list;
  for (const KindSpec &k : kinds)
    list += (list.empty() ? "" : ", ") + std::string(k.kind);
  return list;
}

namespace {

const char *className(ArrayClass c) {
  switch (c) {
  case ArrayClass::Float:
    return "float";
  case ArrayClass::Int:
    return "integer";
  case ArrayClass::String:
    return "string";
  }
  return "?";
}

const ArraySpec *findArray(const std::vector<ArraySpec> &specs,
                           const std::string &name) {
  for (const ArraySpec &a : specs)
    if (name == a.name)
      return &a;
  return nullptr;
}

bool has(const Record &r, const ArraySpec &a) {
  switch (a.cls) {
  case ArrayClass::Float:
    return r.f.count(a.name);
  case ArrayClass::Int:
    return r.i.count(a.name);
  case ArrayClass::String:
    return r.s.count(a.name);
  }
  return false;
}

} // namespace

bool checkRecord(const PayloadSchema &schema, const Record &record,
                 std::string &field, std::string &why) {
  field.clear();
  const KindSpec *kind = schema.findKind(record.kind);
  if (!kind) {
    why = "unknown kind '" + record.kind + "' (known: " + schema.kindList() +
          ")";
    return false;
  }
  for (const std::vector<ArraySpec> *specs : {&schema.common, &kind->arrays})
    for (const ArraySpec &a : *specs)
      if (a.required && !has(record, a)) {
        field = a.name;
        why = std::string("missing ") + className(a.cls) + " array of kind '" +
              record.kind + "'";
        return false;
      }
  auto check = [&](const std::string &name, ArrayClass cls) {
    const ArraySpec *a = findArray(kind->arrays, name);
    if (!a)
      a = findArray(schema.common, name);
    if (a && a->cls == cls)
      return true;
    field = name;
    why = a ? std::string("expected a ") + className(a->cls) + " array, not " +
                  className(cls)
            : "kind '" + record.kind + "' has no array '" + name + "'";
    return false;
  };
  for (const auto &entry : record.f)
    if (!check(entry.first, ArrayClass::Float))
      return false;
  for (const auto &entry : record.i)
    if (!check(entry.first, ArrayClass::Int))
      return false;
  for (const auto &entry : record.s)
    if (!check(entry.first, ArrayClass::String))
      return false;
  return true;
}

} // namespace nmc::image

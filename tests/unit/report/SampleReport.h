//===- SampleReport.h - The report both printer tests print -----*- C++ -*-===//
#ifndef NMC_TESTS_REPORT_SAMPLEREPORT_H
#define NMC_TESTS_REPORT_SAMPLEREPORT_H

#include "nmc/Sim/Report.h"

namespace nmc::sim::test {

/// Every value kind, a value with and without unit and description, a
/// table with a missing cell, and a section with no values.
inline Report sampleReport() {
  Report r{"nmc run: net.nir", {}};
  Section &s = r.section("summary");
  s.add("wall", 0.2081, Unit::Seconds)
      .add("spikes", 1234, Unit::Count, "spikes of all nodes")
      .add("engine", "fused")
      .add("float32", false)
      .add("rate", Scalar(), Unit::Hertz);
  s.tables.push_back(
      {"nodes",
       {{"node"}, {"size", Unit::Count}, {"rate", Unit::Hertz}},
       {{"input", int64_t(10), Scalar()}, {"lif", int64_t(100), 12.5}}});
  r.section("empty");
  return r;
}

} // namespace nmc::sim::test

#endif // NMC_TESTS_REPORT_SAMPLEREPORT_H

//===- RunReaders.h - Readers of run outputs, by format ---------*- C++ -*-===//
#ifndef NMC_COMPARE_RUNREADERS_H
#define NMC_COMPARE_RUNREADERS_H

#include "nmc/Sim/Compare.h"

namespace nmc::sim::detail {

/// PREFIX_<node>_spikes.csv and PREFIX_<node>_{v,i,out}.csv.
RunRecord readCsvRun(const std::string &prefix);
/// A NIRData file; see readRun for how spike times become steps.
RunRecord readNIRDataRun(const std::string &path, std::optional<double> dt);

} // namespace nmc::sim::detail

#endif // NMC_COMPARE_RUNREADERS_H

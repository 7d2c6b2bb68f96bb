//===- SpikeCsv.h - Spike and trace CSV files -------------------*- C++ -*-===//
//
// Input spike files (read):
//   one event per line: `step,neuron` or `step,neuron,value` (value 1 if
//   absent); blank lines and '#' comments are skipped; fields may be padded
//   with spaces. An optional header line names the columns, in any order,
//   from {sample, step, neuron, value} (step and neuron required); only a
//   header can introduce the `sample` column (default sample 0).
// Output files are written by CsvSink (CsvSink.h).
// Errors throw std::runtime_error as "FILE:LINE: message".
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_SPIKECSV_H
#define NMC_EMULATOR_SPIKECSV_H

#include "nmc/Sim/Events.h"

#include <istream>
#include <string>

namespace nmc::sim {

/// Reads a spike CSV; the result has max(sample) + 1 lists (at least 1).
EventBatch readSpikeCsv(const std::string &path);
/// Same, from a stream; `name` is used in error messages.
EventBatch readSpikeCsv(std::istream &in, const std::string &name);

} // namespace nmc::sim

#endif // NMC_EMULATOR_SPIKECSV_H

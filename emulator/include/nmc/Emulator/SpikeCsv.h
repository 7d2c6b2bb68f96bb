//===- SpikeCsv.h - Spike and trace CSV files -------------------*- C++ -*-===//
//
// Input spike files (read):
//   one event per line: `step,neuron` or `step,neuron,value` (value 1 if
//   absent); blank lines and '#' comments are skipped; fields may be padded
//   with spaces. An optional header line names the columns, in any order,
//   from {sample, step, neuron, value} (step and neuron required); only a
//   header can introduce the `sample` column (default sample 0).
// Output files (written, always with a header):
//   spikes: `sample,step,neuron` (+ `,value` when some value is not 1);
//   traces: long format `sample,step,neuron,value`, one row per element and
//           step, so they load directly into pandas / R / gnuplot.
// Errors throw std::runtime_error as "FILE:LINE: message".
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_SPIKECSV_H
#define NMC_EMULATOR_SPIKECSV_H

#include "nmc/Emulator/Engine.h"

#include <istream>
#include <string>

namespace nmc::engine {

/// Reads a spike CSV; the result has max(sample) + 1 lists (at least 1).
EventBatch readSpikeCsv(const std::string &path);
/// Same, from a stream; `name` is used in error messages.
EventBatch readSpikeCsv(std::istream &in, const std::string &name);

/// Writes the spikes of one node (all samples).
void writeSpikeCsv(const std::string &path, const NodeResult &node);

/// Writes trace `var` ("v", "i" or "out") of node `node` of `run`.
void writeTraceCsv(const std::string &path, const RunResult &run,
                   const std::string &node, const std::string &var);

} // namespace nmc::engine

#endif // NMC_EMULATOR_SPIKECSV_H

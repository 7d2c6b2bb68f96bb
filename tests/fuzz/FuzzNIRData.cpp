//===- FuzzNIRData.cpp - libFuzzer target: the NIRData reader -------------===//
//
// Bytes -> a scratch .h5 file -> nir::readNIRData, then every observable
// through sim::observableEvents (what `nmc run --input FILE.h5` does), at
// dt = 1e-3. Inputs that crash or hang libhdf5 itself are skipped
// (FuzzSupport.h). Clean rejections: readNIRData's message, or a
// std::runtime_error from observableEvents.
//===----------------------------------------------------------------------===//
#include "FuzzSupport.h"

#include "nmc/NIR/NIRData.h"
#include "nmc/Sim/NIRDataIO.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace {

[[noreturn]] void finding(const std::string &what) {
  std::fprintf(stderr, "nmc fuzz finding: %s\n", what.c_str());
  std::abort();
}

/// The reader's promises about an accepted observable (NIRData.h).
void checkShape(const nmc::nir::Observable &o) {
  using Kind = nmc::nir::Observable::Kind;
  if (o.kind == Kind::TimeGridded) {
    if (o.nSamples < 0 || o.nSteps < 0 || o.nNeurons < 0 ||
        double(o.nSamples) * double(o.nSteps) * double(o.nNeurons) !=
            double(o.data.size()))
      finding("TimeGridded data size does not match its shape");
    return;
  }
  if (o.idx.size() != o.time.size())
    finding("event idx and time lists differ in length");
  for (size_t s = 0; s < o.idx.size(); ++s)
    if (o.idx[s].size() != o.time[s].size() ||
        (o.kind == Kind::ValuedEvent &&
         (s >= o.value.size() || o.value[s].size() != o.idx[s].size())))
      finding("event lists of one sample differ in length");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = nmc::fuzz::writeScratchFile(data, size, ".h5");
  if (!nmc::fuzz::libhdf5SurvivesFile(path))
    return -1; // libhdf5's own defect, contained by nmc: not a finding
  nmc::nir::GraphData graphData;
  std::string error;
  if (!nmc::nir::readNIRData(path, graphData, error)) {
    if (error.empty())
      finding("readNIRData failed without a message");
    return 0;
  }
  for (const auto &[node, observables] : graphData.nodes)
    for (const auto &[name, o] : observables) {
      checkShape(o);
      try {
        nmc::sim::observableEvents(o, 1e-3, path + ": " + node + "/" + name);
      } catch (const std::runtime_error &) {
      } catch (const std::exception &e) {
        finding(std::string("unexpected exception: ") + e.what());
      }
    }
  return 0;
}

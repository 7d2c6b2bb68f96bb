//===- FuzzSpikeCsv.cpp - libFuzzer target: the spike CSV reader ----------===//
//
// sim::readSpikeCsv on an istream (no files). A clean rejection is a
// std::runtime_error "NAME:LINE: message"; an accepted file must hold only
// events with non-negative steps and neurons and finite values.
//===----------------------------------------------------------------------===//
#include "nmc/Sim/SpikeCsv.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {
[[noreturn]] void finding(const std::string &what) {
  std::fprintf(stderr, "nmc fuzz finding: %s\n", what.c_str());
  std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::istringstream in(
      std::string(reinterpret_cast<const char *>(data), size));
  nmc::sim::EventBatch batch;
  try {
    batch = nmc::sim::readSpikeCsv(in, "fuzz.csv");
  } catch (const std::runtime_error &e) {
    if (std::string(e.what()).rfind("fuzz.csv:", 0) != 0)
      finding(std::string("error not naming the file: ") + e.what());
    return 0;
  } catch (const std::exception &e) {
    finding(std::string("unexpected exception: ") + e.what());
  }
  if (batch.empty())
    finding("no sample list");
  for (const auto &sample : batch)
    for (const nmc::sim::Event &e : sample)
      if (e.step < 0 || e.neuron < 0 || !std::isfinite(e.value))
        finding("accepted a negative step/neuron or a non-finite value");
  return 0;
}

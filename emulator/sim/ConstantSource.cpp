//===- ConstantSource.cpp - A constant (DC) input, every step ------------===//
#include "nmc/Sim/ConstantSource.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nmc::sim {

ConstantSource::ConstantSource(int64_t n, std::vector<double> values) {
  if (values.size() != 1 && int64_t(values.size()) != n)
    throw std::runtime_error(
        fmt::format("{} values for a node of {} neurons (give 1 or {})",
                    values.size(), n, n));
  for (double v : values)
    if (!std::isfinite(v))
      throw std::runtime_error(fmt::format("value {} is not finite", v));
  perNeuron = values.size() == 1 ? std::vector<double>(n, values[0])
                                 : std::move(values);
  isBinary = std::all_of(perNeuron.begin(), perNeuron.end(),
                         [](double v) { return v == 0 || v == 1; });
}

void ConstantSource::fill(int64_t, std::span<double> values) {
  for (size_t i = 0; i < values.size(); ++i)
    values[i] += perNeuron[i];
}

} // namespace nmc::sim

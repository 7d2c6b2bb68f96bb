//===- ReadRun.cpp - Which reader a run output needs ------------*- C++ -*-===//
#include "RunReaders.h"

#include <filesystem>

namespace nmc::sim {

RunRecord readRun(const std::string &source, std::optional<double> dt) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(source, ec))
    return detail::readNIRDataRun(source, dt);
  return detail::readCsvRun(source);
}

} // namespace nmc::sim

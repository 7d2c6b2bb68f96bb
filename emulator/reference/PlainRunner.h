//===- PlainRunner.h - The plain step loop (any number type) ----*- C++ -*-===//
#ifndef NMC_ENGINE_PLAINRUNNER_H
#define NMC_ENGINE_PLAINRUNNER_H

#include "Program.h"

#include "nmc/Emulator/Engine.h"

namespace nmc::engine::detail {

/// Runs `program` with the plain loop: in the image's fixed-point format if
/// it has one (saturations counted in the result), else in float or double
/// as `config.float32` says.
RunResult runPlain(const Program &program, const RunConfig &config);

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_PLAINRUNNER_H

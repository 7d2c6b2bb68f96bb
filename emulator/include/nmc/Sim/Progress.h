//===- Progress.h - Terminal progress bar for long runs ---------*- C++ -*-===//
//
//   ProgressBar bar("brunel");
//   config.progress = bar.callback();
//
// Draws `label [=====>     ]  45%  4500/10000 steps  ETA 3 s` on one line
// with '\r', at most 10 times a second, once the run has lasted 1 s, and
// only when the stream is a terminal, unless forced (then from the first
// update). finish() (or the destructor) ends the line if anything was drawn.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_PROGRESS_H
#define NMC_EMULATOR_PROGRESS_H

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace nmc::sim {

class ProgressBar {
public:
  explicit ProgressBar(std::string label = "run", bool force = false,
                       std::FILE *stream = stderr);
  ~ProgressBar();
  ProgressBar(const ProgressBar &) = delete;
  ProgressBar &operator=(const ProgressBar &) = delete;

  void update(int64_t done, int64_t total);
  void finish();
  /// A RunConfig::progress callback forwarding to this bar.
  std::function<void(int64_t, int64_t)> callback();

private:
  using Clock = std::chrono::steady_clock;
  std::string label;
  bool force, enabled, drawn = false;
  std::FILE *stream;
  Clock::time_point start, lastDraw;
};

} // namespace nmc::sim

#endif // NMC_EMULATOR_PROGRESS_H

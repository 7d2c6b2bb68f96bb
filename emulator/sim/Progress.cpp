//===- Progress.cpp - Terminal progress bar for long runs -----------------===//
#include "nmc/Sim/Progress.h"

#include <fmt/format.h>

#include <algorithm>
#include <unistd.h>

namespace nmc::sim {

ProgressBar::ProgressBar(std::string label, bool force, std::FILE *stream)
    : label(std::move(label)), force(force), stream(stream),
      start(Clock::now()), lastDraw(start) {
  enabled = force || (stream && isatty(fileno(stream)));
}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(int64_t done, int64_t total) {
  if (!enabled || total <= 0)
    return;
  const Clock::time_point now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start).count();
  // Short runs stay silent; redraws are throttled (the last one is not).
  if (!force && elapsed < 1.0)
    return;
  if (drawn && done < total && now - lastDraw < std::chrono::milliseconds(100))
    return;
  lastDraw = now;
  const double frac = std::clamp(double(done) / double(total), 0.0, 1.0);
  const int width = 30, filled = static_cast<int>(frac * width);
  std::string bar(filled, '=');
  if (filled < width)
    bar += '>' + std::string(width - filled - 1, ' ');
  std::string eta =
      done > 0 && done < total
          ? fmt::format("  ETA {:.0f} s", elapsed * (total - done) / done)
          : std::string();
  fmt::print(stream, "\r{} [{}] {:3.0f}%  {}/{} steps{}   ", label, bar,
             frac * 100, done, total, eta);
  std::fflush(stream);
  drawn = true;
}

void ProgressBar::finish() {
  if (drawn) {
    fmt::print(stream, "\n");
    std::fflush(stream);
    drawn = false;
  }
}

std::function<void(int64_t, int64_t)> ProgressBar::callback() {
  return [this](int64_t done, int64_t total) { update(done, total); };
}

} // namespace nmc::sim

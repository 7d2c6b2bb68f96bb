//===- RasterSvg.cpp - Spike raster plot as SVG
//----------------------------===//
#include "nmc/Emulator/RasterSvg.h"

#include "OutputFile.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nmc::engine {
namespace {

std::string escape(const std::string &s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

/// Tick positions 0, d, 2d, ... < end with d in {1, 2, 5} x 10^k, ~6 ticks.
std::vector<int64_t> ticks(int64_t end) {
  if (end <= 1)
    return {0};
  double raw = static_cast<double>(end) / 6;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double d = mag;
  for (double m : {2.0, 5.0, 10.0})
    if (d < raw)
      d = m * mag;
  int64_t step = std::max<int64_t>(1, std::llround(d));
  std::vector<int64_t> out;
  for (int64_t v = 0; v < end; v += step)
    out.push_back(v);
  return out;
}

/// Time of a step with a unit suited to the run length.
std::string timeLabel(int64_t step, double dt, double total) {
  double t = step * dt;
  if (total < 1e-3)
    return fmt::format("{:g} us", t * 1e6);
  if (total < 1)
    return fmt::format("{:g} ms", t * 1e3);
  return fmt::format("{:g} s", t);
}

constexpr double kLeft = 80, kRight = 20, kTop = 50, kGap = 40, kBottom = 60;

} // namespace

void writeRasterSvg(const std::string &path, const RunResult &run,
                    const RasterOptions &options) {
  auto fail = [&](const std::string &msg) {
    throw std::runtime_error(fmt::format("{}: {}", path, msg));
  };
  if (options.sample < 0 || options.sample >= run.batch)
    fail(fmt::format("sample {} is outside the run's batch of {}",
                     options.sample, run.batch));
  std::vector<const NodeResult *> nodes;
  if (options.nodes.empty()) {
    for (const NodeResult &n : run.nodes)
      if (n.spiking && !n.spikes.empty())
        nodes.push_back(&n);
    if (nodes.empty())
      fail("the run recorded no spiking nodes to plot");
  }
  for (const std::string &name : options.nodes) {
    const NodeResult *n = run.find(name);
    if (!n)
      fail(fmt::format("node '{}' is not in the run result", name));
    if (!n->spiking || n->spikes.empty())
      fail(fmt::format("node '{}' has no recorded spikes (not a spiking "
                       "node, or recordSpikes was off)",
                       name));
    nodes.push_back(n);
  }

  // Thin out by neuron, not by time, so every shown row stays complete.
  int64_t total = 0;
  for (const NodeResult *n : nodes)
    total += static_cast<int64_t>(n->spikes[options.sample].size());
  const int64_t every = std::max<int64_t>(
      1, (total + options.maxDots - 1) / std::max<int64_t>(1, options.maxDots));

  const double plotW = std::max(100.0, options.width - kLeft - kRight);
  const int64_t steps = std::max<int64_t>(1, run.steps);
  std::vector<double> heights;
  double height = kTop;
  for (const NodeResult *n : nodes) {
    double rows = static_cast<double>((n->size + every - 1) / every);
    heights.push_back(std::clamp(rows * 2, 60.0, 300.0));
    height += kGap + heights.back();
  }
  height += kBottom;

  fmt::ostream out = detail::openOutput(path);
  out.print("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  out.print("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
            "height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" "
            "font-size=\"12\">\n",
            options.width, height);
  out.print("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
  std::string title = options.title;
  if (run.batch > 1)
    title += fmt::format(" (sample {})", options.sample);
  if (every > 1)
    title += fmt::format(" (1 in {} neurons shown)", every);
  out.print("<text x=\"{}\" y=\"24\" font-size=\"16\" "
            "text-anchor=\"middle\">{}</text>\n",
            options.width / 2, escape(title));

  const std::vector<int64_t> timeTicks = ticks(steps + 1);
  const double dotW = std::max(0.8, plotW / steps);
  double y0 = kTop;
  for (size_t p = 0; p < nodes.size(); ++p) {
    const NodeResult &n = *nodes[p];
    const double h = heights[p], top = y0 + kGap;
    const double size = static_cast<double>(std::max<int64_t>(1, n.size));
    const std::vector<Event> &spikes = n.spikes[options.sample];
    out.print("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>"
              "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} neurons, {} "
              "spikes</text>\n",
              kLeft, top - 8, escape(n.name), kLeft + plotW, top - 8, n.size,
              spikes.size());
    out.print("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
              "fill=\"none\" stroke=\"#888\"/>\n",
              kLeft, top, plotW, h);
    // Neuron axis.
    for (int64_t t : ticks(n.size)) {
      double y = top + h * (t + 0.5) / size;
      out.print("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.2f}\" y2=\"{2:.2f}\" "
                "stroke=\"#888\"/><text x=\"{3}\" y=\"{2:.2f}\" "
                "text-anchor=\"end\" dominant-baseline=\"middle\">{4}</text>\n",
                kLeft - 4, kLeft, y, kLeft - 6, t);
    }
    out.print("<text transform=\"translate(16 {}) rotate(-90)\" "
              "text-anchor=\"middle\">neuron</text>\n",
              top + h / 2);
    // Time ticks on every panel.
    for (int64_t t : timeTicks) {
      double x = kLeft + plotW * t / steps;
      out.print("<line x1=\"{0:.2f}\" x2=\"{0:.2f}\" y1=\"{1}\" y2=\"{2}\" "
                "stroke=\"#888\"/>\n",
                x, top + h, top + h + 4);
    }
    // Spikes: one dash each, a single path per panel keeps the file small.
    const double dotH = std::max(0.8, h * every / size);
    out.print("<path stroke=\"black\" stroke-width=\"{:.2f}\" d=\"", dotH);
    for (const Event &e : spikes) {
      if (e.neuron % every)
        continue;
      double x = kLeft + plotW * e.step / steps;
      double y = top + h * (e.neuron + 0.5) / size;
      out.print("M{:.2f} {:.2f}h{:.2f}", x, y, dotW);
    }
    out.print("\"/>\n");
    y0 = top + h;
  }
  // Time labels under the last panel: steps, then time if dt is known.
  for (int64_t t : timeTicks) {
    double x = kLeft + plotW * t / steps;
    out.print("<text x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
              x, y0 + 18, t);
    if (run.dt > 0)
      out.print("<text x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\" "
                "fill=\"#555\">{}</text>\n",
                x, y0 + 32, timeLabel(t, run.dt, steps * run.dt));
  }
  out.print("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            kLeft + plotW / 2, y0 + 50,
            run.dt > 0 ? fmt::format("step (dt = {:g} s)", run.dt)
                       : std::string("step"));
  out.print("</svg>\n");
}

} // namespace nmc::engine

//===- RasterSvg.cpp - Spike raster plot as SVG ---------------------------===//
#include "nmc/Sim/RasterSvg.h"

#include "nmc/Sim/OutputFile.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nmc::sim {
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

RasterSvgSink::RasterSvgSink(std::string path, RasterOptions options)
    : path(std::move(path)), options(std::move(options)) {}

void RasterSvgSink::begin(const RunInfo &run) {
  auto fail = [&](const std::string &msg) {
    throw std::runtime_error(fmt::format("{}: {}", path, msg));
  };
  info = run;
  if (options.sample < 0 || options.sample >= run.batch)
    fail(fmt::format("sample {} is outside the run's batch of {}",
                     options.sample, run.batch));
  plotted.assign(run.nodes.size(), options.nodes.empty());
  for (size_t k = 0; k < run.nodes.size(); ++k)
    plotted[k] = plotted[k] && run.nodes[k].spiking;
  for (const std::string &name : options.nodes) {
    const int64_t k = run.find(name);
    if (k < 0)
      fail(fmt::format("node '{}' is not in the run", name));
    if (!run.nodes[k].spiking)
      fail(fmt::format("node '{}' is not a spiking node", name));
    plotted[k] = true;
  }
  counts.assign(run.nodes.size(), 0);
  kept.assign(run.nodes.size(), {});
  if (options.title.empty())
    options.title = run.title.empty() ? "nmc spike raster" : run.title;
}

void RasterSvgSink::spikes(size_t node, std::span<const Event> events) {
  if (!active || !plotted[node])
    return;
  counts[node] += int64_t(events.size());
  for (const Event &e : events)
    if (e.neuron % every == 0) {
      kept[node].push_back(e);
      ++keptTotal;
    }
  if (keptTotal > options.maxDots)
    thin();
}

/// Keeps every 2nd of the kept neurons until at most maxDots dashes remain.
void RasterSvgSink::thin() {
  while (keptTotal > options.maxDots) {
    every *= 2;
    keptTotal = 0;
    for (std::vector<Event> &events : kept) {
      std::erase_if(events, [&](const Event &e) { return e.neuron % every; });
      keptTotal += int64_t(events.size());
    }
  }
}

void RasterSvgSink::finish() {
  std::vector<size_t> nodes;
  for (size_t k = 0; k < info.nodes.size(); ++k)
    if (plotted[k] && (!options.nodes.empty() || counts[k] > 0))
      nodes.push_back(k);
  if (options.nodes.empty() && nodes.empty()) {
    // Still a valid plot (the run may have been long): say why it is empty.
    detail::OutputFile out(path);
    out.print("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
              "xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
              "height=\"80\" font-family=\"sans-serif\" font-size=\"14\">"
              "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
              "<text x=\"{1}\" y=\"30\" text-anchor=\"middle\">{2}</text>"
              "<text x=\"{1}\" y=\"55\" text-anchor=\"middle\">no spikes "
              "in sample {3}</text></svg>\n",
              options.width, options.width / 2, escape(options.title),
              options.sample);
    out.close();
    return;
  }
  // Panels follow the order the user named them in.
  if (!options.nodes.empty()) {
    nodes.clear();
    for (const std::string &name : options.nodes)
      nodes.push_back(size_t(info.find(name)));
  }
  const double plotW = std::max(100.0, options.width - kLeft - kRight);
  const int64_t steps = std::max<int64_t>(1, info.steps);
  const RunInfo &run = info;
  std::vector<double> heights;
  double height = kTop;
  for (size_t k : nodes) {
    const NodeInfo *n = &info.nodes[k];
    double rows = static_cast<double>((n->size + every - 1) / every);
    heights.push_back(std::clamp(rows * 2, 60.0, 300.0));
    height += kGap + heights.back();
  }
  height += kBottom;

  detail::OutputFile out(path);
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
    const NodeInfo &n = info.nodes[nodes[p]];
    const double h = heights[p], top = y0 + kGap;
    const double size = static_cast<double>(std::max<int64_t>(1, n.size));
    const std::vector<Event> &spikes = kept[nodes[p]];
    out.print("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>"
              "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} neurons, {} "
              "spikes</text>\n",
              kLeft, top - 8, escape(n.name), kLeft + plotW, top - 8, n.size,
              counts[nodes[p]]);
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
  out.close();
}

} // namespace nmc::sim

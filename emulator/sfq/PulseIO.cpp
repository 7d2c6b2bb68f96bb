//===- PulseIO.cpp - Pulse CSV and VCD, rate <-> pulse coding -------------===//
#include "nmc/Target/SFQ/PulseIO.h"

#include "nmc/Sim/Vcd.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <tuple>

namespace nmc::sfq {
using sim::vcdIdentifier;

namespace {

std::string trim(const std::string &s) {
  const size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos)
    return "";
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

/// All pulses as (time fs, wire index in `pulses`), sorted.
std::vector<std::pair<int64_t, size_t>>
sortedPulses(const Netlist &netlist, const std::vector<WirePulses> &pulses) {
  std::vector<std::tuple<int64_t, WireId, size_t>> all;
  for (size_t i = 0; i < pulses.size(); ++i) {
    if (pulses[i].wire < 0 || pulses[i].wire >= WireId(netlist.wires.size()))
      throw std::runtime_error("pulses for wire id " +
                               std::to_string(pulses[i].wire) +
                               ": out of range");
    for (double t : pulses[i].timesPs)
      all.emplace_back(toFs(t), pulses[i].wire, i);
  }
  std::sort(all.begin(), all.end());
  std::vector<std::pair<int64_t, size_t>> out;
  for (const auto &[t, w, i] : all)
    out.emplace_back(t, i);
  return out;
}

} // namespace

int64_t toFs(double ps) { return std::llround(ps * 1000.0); }

std::string formatPs(int64_t fs) {
  std::string s = fs < 0 ? "-" : "";
  const uint64_t a = fs < 0 ? uint64_t(-(fs + 1)) + 1 : uint64_t(fs);
  s += std::to_string(a / 1000);
  if (uint64_t frac = a % 1000) {
    std::string f = std::to_string(frac);
    f.insert(0, 3 - f.size(), '0');
    f.erase(f.find_last_not_of('0') + 1);
    s += "." + f;
  }
  return s;
}

std::vector<NamedPulse> readPulseCsv(std::istream &in,
                                     const std::string &origin) {
  std::vector<NamedPulse> out;
  std::string line;
  int number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#')
      continue;
    const std::string where = origin + ":" + std::to_string(number) + ": ";
    if (!header) {
      if (text != "wire,time_ps")
        throw std::runtime_error(where + "expected the header wire,time_ps");
      header = true;
      continue;
    }
    const size_t comma = text.find(',');
    if (comma == std::string::npos ||
        text.find(',', comma + 1) != std::string::npos)
      throw std::runtime_error(where + "expected two fields: wire,time_ps");
    NamedPulse p{trim(text.substr(0, comma)), 0, number};
    const std::string time = trim(text.substr(comma + 1));
    if (p.wire.empty())
      throw std::runtime_error(where + "empty wire name");
    size_t used = 0;
    try {
      p.timePs = std::stod(time, &used);
    } catch (const std::exception &) {
      used = 0;
    }
    if (used == 0 || used != time.size() || !std::isfinite(p.timePs) ||
        p.timePs < 0)
      throw std::runtime_error(where + "time '" + time +
                               "' is not a number of ps >= 0");
    out.push_back(std::move(p));
  }
  if (!header)
    throw std::runtime_error(origin + ": empty (expected the header "
                                      "wire,time_ps)");
  return out;
}

std::vector<NamedPulse> readPulseCsvFile(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error(path + ": cannot open the pulse file");
  return readPulseCsv(in, path);
}

std::optional<WireId> findWire(const Netlist &netlist, std::string_view name) {
  for (WireId w = 0; w < WireId(netlist.wires.size()); ++w)
    if (netlist.wires[w].name == name)
      return w;
  for (const auto *ports : {&netlist.inputs, &netlist.outputs})
    for (const Port &p : *ports)
      if (p.name == name)
        return p.wire;
  return std::nullopt;
}

std::vector<WirePulses> bindInputPulses(const Netlist &netlist,
                                        const std::vector<NamedPulse> &pulses,
                                        const std::string &origin) {
  std::vector<WirePulses> out;
  for (const NamedPulse &p : pulses) {
    const std::string where =
        origin + ":" + std::to_string(p.line) + ": wire '" + p.wire + "' ";
    auto wire = findWire(netlist, p.wire);
    if (!wire)
      throw std::runtime_error(where + "is not in the netlist");
    const bool isInput =
        std::any_of(netlist.inputs.begin(), netlist.inputs.end(),
                    [&](const Port &in) { return in.wire == *wire; });
    if (!isInput)
      throw std::runtime_error(where + "is not a primary input");
    if (netlist.clock && *netlist.clock == *wire)
      throw std::runtime_error(where + "is the clock: the emulator drives it");
    auto it = std::find_if(out.begin(), out.end(), [&](const WirePulses &w) {
      return w.wire == *wire;
    });
    if (it == out.end())
      it = out.insert(out.end(), WirePulses{*wire, {}});
    it->timesPs.push_back(p.timePs);
  }
  for (WirePulses &w : out)
    std::sort(w.timesPs.begin(), w.timesPs.end());
  return out;
}

void writePulseCsv(std::ostream &out, const Netlist &netlist,
                   const std::vector<WirePulses> &pulses) {
  out << "wire,time_ps\n";
  for (const auto &[t, i] : sortedPulses(netlist, pulses))
    out << netlist.wires[pulses[i].wire].name << ',' << formatPs(t) << '\n';
}

void writePulseVcd(std::ostream &out, const Netlist &netlist,
                   const std::vector<WirePulses> &pulses) {
  out << "$comment nmc sfq pulse emulator: a pulse toggles its wire "
         "$end\n$timescale 1 fs $end\n$scope module sfq $end\n";
  for (size_t i = 0; i < pulses.size(); ++i) {
    std::string name = netlist.wires.at(pulses[i].wire).name;
    std::replace_if(
        name.begin(), name.end(),
        [](char ch) { return ch == ' ' || ch == '\t'; }, '_');
    out << "$var wire 1 " << vcdIdentifier(i) << ' ' << name << " $end\n";
  }
  out << "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n";
  for (size_t i = 0; i < pulses.size(); ++i)
    out << '0' << vcdIdentifier(i) << '\n';
  out << "$end\n";
  std::vector<char> level(pulses.size(), '0');
  int64_t now = 0;
  for (const auto &[t, i] : sortedPulses(netlist, pulses)) {
    if (t != now)
      out << '#' << t << '\n';
    now = t;
    level[i] = level[i] == '0' ? '1' : '0';
    out << level[i] << vcdIdentifier(i) << '\n';
  }
}

std::vector<double> countsToPulses(std::span<const int64_t> counts,
                                   double windowPs, double offsetPs) {
  std::vector<double> out;
  for (size_t k = 0; k < counts.size(); ++k)
    for (int64_t j = 0; j < counts[k]; ++j)
      out.push_back(double(k) * windowPs + offsetPs +
                    double(j) * windowPs / double(counts[k]));
  return out;
}

std::vector<int64_t> pulsesPerWindow(std::span<const double> timesPs,
                                     double windowPs, double offsetPs,
                                     int64_t windows) {
  std::vector<int64_t> counts(std::max<int64_t>(0, windows), 0);
  for (double t : timesPs) {
    const double k = std::floor((t - offsetPs) / windowPs);
    if (k >= 0 && k < double(windows))
      ++counts[static_cast<size_t>(k)];
  }
  return counts;
}

} // namespace nmc::sfq

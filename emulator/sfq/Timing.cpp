//===- Timing.cpp - Static clock analysis of an SFQ netlist ---------------===//
//
// Three walks over the netlist: clock arrival along the clock net, then one
// memoized depth-first walk per data wire giving the worst setup term and
// the worst hold slack of everything it reaches before the next stage.
// Per cell kind and input port the delays, setup and hold times are read
// off the library's transitions (the cell's FSM, not a separate table).
//===----------------------------------------------------------------------===//
#include "nmc/Target/SFQ/Timing.h"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <string>

namespace nmc::sfq {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// What the walks need of one cell kind, in ps.
struct KindTiming {
  /// Firing delay caused by a pulse on input port p: max and min over the
  /// transitions triggered by p that fire (negative: p never fires).
  std::array<double, 3> maxDelay{-1, -1, -1}, minDelay{-1, -1, -1};
  /// Clocked kinds: setup of data port p before clk (max over clk
  /// transitions) and the hold window clk opens (max of their busy).
  std::array<double, 3> setup{};
  double hold = 0;
  double busy = 0; ///< largest busy window of any transition
};

std::array<KindTiming, kCellKinds> kindTimings(const CellLibrary &lib) {
  std::array<KindTiming, kCellKinds> out;
  for (int k = 0; k < kCellKinds; ++k) {
    const CellPorts &p = kCellPorts[k];
    const CellType &type = lib.cells[k];
    KindTiming &kt = out[k];
    for (const Transition &t : type.transitions) {
      int in = 0;
      while (in < p.numIn && p.in[in] != t.input)
        ++in;
      if (in == p.numIn)
        continue; // validate() rejects this; be safe
      const double busy = resolvePs(type, t.busy);
      kt.busy = std::max(kt.busy, busy);
      if (!t.fire.empty()) {
        const double d = t.delay ? resolvePs(type, *t.delay) : type.delayPs;
        kt.maxDelay[in] = std::max(kt.maxDelay[in], d);
        kt.minDelay[in] =
            kt.minDelay[in] < 0 ? d : std::min(kt.minDelay[in], d);
      }
      if (p.clocked && in == p.numIn - 1) {
        kt.hold = std::max(kt.hold, busy);
        for (const auto &[port, ref] : t.setup)
          for (int d = 0; d < p.numIn - 1; ++d)
            if (p.in[d] == port)
              kt.setup[d] = std::max(kt.setup[d], resolvePs(type, ref));
      }
    }
  }
  return out;
}

struct Load {
  int32_t cell = -1; ///< -1: a primary output (or nothing)
  int port = 0;
};

class Analysis {
public:
  Analysis(const Netlist &n, const CellLibrary &lib)
      : n(n), kinds(kindTimings(lib)), load(n.wires.size()),
        clockArrival(n.cells.size(), -1), setupTerm(n.wires.size(), -kInf),
        holdTerm(n.wires.size(), kInf), next(n.wires.size(), -1),
        state(n.wires.size(), 0) {
    for (size_t c = 0; c < n.cells.size(); ++c)
      for (size_t p = 0; p < n.cells[c].in.size(); ++p)
        load[n.cells[c].in[p]] = {int32_t(c), int(p)};
  }

  ClockTiming run() {
    ClockTiming t;
    for (const Cell &c : n.cells)
      t.busyPs = std::max(t.busyPs, kind(c).busy);
    bool anyClocked = false;
    for (const Cell &c : n.cells)
      anyClocked |= ports(c.kind).clocked;
    if (!n.clock || !anyClocked)
      return t;
    t.clocked = true;
    propagateClock(*n.clock);
    for (size_t g = 0; g < n.cells.size(); ++g) {
      const Cell &c = n.cells[g];
      const KindTiming &kt = kind(c);
      const int clk = ports(c.kind).numIn - 1;
      if (!ports(c.kind).clocked || clockArrival[g] < 0 || kt.maxDelay[clk] < 0)
        continue;
      t.clockInsertionPs = std::max(t.clockInsertionPs, clockArrival[g]);
      const WireId q = c.out[0];
      if (!walk(q)) {
        // Feedback through unclocked cells between stages has no finite
        // critical path: the run is still emulated, the timing is not given.
        t.unavailable = "cell '" + cycle + "' is on a cycle of unclocked cells";
        t.minPeriodPs = t.maxClockGHz = std::nan("");
        t.criticalPath.clear();
        return t;
      }
      const double path = clockArrival[g] + kt.maxDelay[clk] + setupTerm[q];
      if (path > t.pathPs) {
        t.pathPs = path;
        t.criticalPath.assign(1, int32_t(g));
        for (WireId w = q; w != kNoWire; w = next[w])
          if (load[w].cell >= 0)
            t.criticalPath.push_back(load[w].cell);
      }
      const double slack = clockArrival[g] + kt.minDelay[clk] + holdTerm[q];
      if (slack < kInf) {
        t.minHoldSlackPs = std::min(t.minHoldSlackPs, slack);
        t.holdViolations += slack < 0;
      }
    }
    t.minPeriodPs = std::max(t.pathPs, t.busyPs);
    if (!(t.minPeriodPs > 0)) {
      // One stage and no busy window: nothing bounds the clock here.
      t.unavailable = "no stage-to-stage path and no busy window bounds it";
      t.minPeriodPs = std::nan("");
    }
    t.maxClockGHz = 1000.0 / t.minPeriodPs;
    return t;
  }

private:
  const KindTiming &kind(const Cell &c) const {
    return kinds[static_cast<int>(c.kind)];
  }

  /// Clock arrival: through unclocked cells (the splitter tree) to clk
  /// ports, each cell once (a clock net fed back into itself through a
  /// merger would otherwise loop); iterative, so depth costs no stack.
  void propagateClock(WireId root) {
    std::vector<uint8_t> seen(n.cells.size(), 0);
    std::vector<std::pair<WireId, double>> todo{{root, 0.0}};
    while (!todo.empty()) {
      auto [w, at] = todo.back();
      todo.pop_back();
      const Load l = load[w];
      if (l.cell < 0 || seen[l.cell])
        continue;
      seen[l.cell] = 1;
      const Cell &c = n.cells[l.cell];
      const CellPorts &p = ports(c.kind);
      if (p.clocked) {
        if (l.port == p.numIn - 1)
          clockArrival[l.cell] = at;
        continue;
      }
      const double d = kind(c).maxDelay[l.port];
      if (d >= 0)
        for (WireId o : c.out)
          todo.push_back({o, at + d});
    }
  }

  /// setupTerm[w]: max over paths from w to a data port (h, p) of a stage
  /// of D + setup(h, p) - a_h; holdTerm[w]: min of Dmin - a_h - hold_h.
  /// Depth-first with an explicit stack (a 10^5-cell JTL chain between two
  /// stages overflowed the call stack). Returns false, naming the cell in
  /// `cycle`, if the path meets a cycle of unclocked cells.
  bool walk(WireId root) {
    struct Frame {
      WireId w;
      size_t nextOut;
    };
    std::vector<Frame> stack;
    auto enter = [&](WireId w) -> bool {
      if (state[w] == 2)
        return true;
      const Load l = load[w];
      if (l.cell < 0) {
        state[w] = 2;
        return true;
      }
      const Cell &c = n.cells[l.cell];
      const CellPorts &p = ports(c.kind);
      if (p.clocked) {
        if (l.port != p.numIn - 1 && clockArrival[l.cell] >= 0) {
          setupTerm[w] = kind(c).setup[l.port] - clockArrival[l.cell];
          holdTerm[w] = -clockArrival[l.cell] - kind(c).hold;
        }
        state[w] = 2;
        return true;
      }
      if (state[w] == 1) {
        cycle = c.name;
        return false;
      }
      state[w] = 1;
      stack.push_back({w, 0});
      return true;
    };
    if (!enter(root))
      return false;
    while (!stack.empty()) {
      Frame &f = stack.back();
      const Load l = load[f.w];
      const Cell &c = n.cells[l.cell];
      const KindTiming &kt = kind(c);
      if (kt.maxDelay[l.port] >= 0 && f.nextOut < c.out.size()) {
        const WireId o = c.out[f.nextOut];
        if (state[o] != 2) {
          if (!enter(o))
            return false;
          if (state[o] != 2)
            continue; // o is on the stack now: finish it first
        }
        ++stack.back().nextOut;
        Frame &g = stack.back();
        if (kt.maxDelay[l.port] + setupTerm[o] > setupTerm[g.w]) {
          setupTerm[g.w] = kt.maxDelay[l.port] + setupTerm[o];
          next[g.w] = o;
        }
        holdTerm[g.w] =
            std::min(holdTerm[g.w], kt.minDelay[l.port] + holdTerm[o]);
        continue;
      }
      state[f.w] = 2;
      stack.pop_back();
    }
    return true;
  }

  std::string cycle; ///< a cell on a cycle of unclocked cells, if found
  const Netlist &n;
  std::array<KindTiming, kCellKinds> kinds;
  std::vector<Load> load;
  std::vector<double> clockArrival;
  std::vector<double> setupTerm, holdTerm;
  std::vector<WireId> next;
  std::vector<uint8_t> state; ///< 0 new, 1 on the walk's stack, 2 done
};

} // namespace

ClockTiming analyzeClock(const Netlist &netlist, const CellLibrary &library) {
  return Analysis(netlist, library).run();
}

} // namespace nmc::sfq

//===- EmuNetwork.cpp - Routers and links of the SpiNNaker emulator -------===//
#include "EmuNetwork.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <stdexcept>

namespace nmc::spinn::emu {

namespace {
constexpr int kCoreStride = 32; ///< route words address cores 0..25

/// A packet at a router.
struct Event {
  int64_t ps = 0;
  int64_t seq = 0;
  int32_t packet = 0;
  int32_t chip = 0;
  int8_t arrivedOn = -1; ///< link, or -1 (injected by a core / monitor)
  bool operator>(const Event &o) const {
    return ps != o.ps ? ps > o.ps : seq > o.seq;
  }
};

struct Packet {
  uint32_t key = 0;
  int64_t sendTick = 0;
  int32_t source = 0;
};
} // namespace

Network::Network(const SpinnPayload &payload, const EmulatorOptions &options)
    : payload(payload), reinjection(options.reinjection) {
  const Machine &m = payload.machine;
  width = m.geometry.width;
  height = m.geometry.height;
  clockHz = m.chip.clockHz;
  hopPs = std::llround(m.cost.routerHopNs * 1e3);
  linkPs = std::llround(1e6 / m.cost.linkPacketsPerUs);
  waitPs = std::llround(options.costs.waitLimitNs * 1e3);
  reinjectPs = std::llround(options.costs.reinjectDelayNs * 1e3);
  const size_t chips = size_t(width) * size_t(height);
  tables.assign(chips, nullptr);
  for (const ChipTable &t : payload.tables) {
    if (!m.isPresent(t.chip))
      throw std::runtime_error("router table of chip (" +
                               std::to_string(t.chip.x) + ", " +
                               std::to_string(t.chip.y) +
                               "): no such chip on the machine");
    tables[chipIndex(t.chip)] = &t.entries;
  }
  coreAt.assign(chips * kCoreStride, -1);
  for (size_t k = 0; k < payload.cores.size(); ++k) {
    const Core &c = payload.cores[k];
    if (c.p < kCoreStride)
      coreAt[size_t(chipIndex(c.chip)) * kCoreStride + c.p] = int32_t(k);
  }
  next.assign(chips * kNumLinks, -1);
  for (ChipXY c : m.chips())
    for (int l = 0; l < kNumLinks; ++l)
      if (std::optional<ChipXY> n = m.neighbour(c, Link(l)))
        next[size_t(chipIndex(c)) * kNumLinks + l] = chipIndex(*n);
  linkFree.assign(chips * kNumLinks, 0);
  linkCount.assign(chips * kNumLinks, 0);
}

void Network::reset() {
  std::fill(linkFree.begin(), linkFree.end(), 0);
  std::fill(linkCount.begin(), linkCount.end(), 0);
}

int64_t Network::psOfCycle(Cycle c) const {
  return int64_t(__int128(c) * 1000000000000 / clockHz);
}

Cycle Network::cycleOfPs(int64_t ps) const {
  const __int128 num = __int128(ps) * clockHz;
  return Cycle((num + 999999999999) / 1000000000000);
}

void Network::route(std::vector<std::unique_ptr<CoreSim>> &cores,
                    int64_t tick) {
  (void)tick;
  std::vector<Packet> pkts;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue;
  // Injection in (send cycle, core, send order): each core's outbox is in
  // send order, so a stable sort by cycle over cores in index order.
  struct Injection {
    Cycle cycle;
    int32_t packet;
  };
  std::vector<Injection> inj;
  for (size_t k = 0; k < cores.size(); ++k)
    for (const Send &s : cores[k]->outbox()) {
      inj.push_back({s.cycle, int32_t(pkts.size())});
      pkts.push_back({s.key, s.sendTick, int32_t(k)});
    }
  std::stable_sort(inj.begin(), inj.end(),
                   [](const Injection &a, const Injection &b) {
                     return a.cycle < b.cycle;
                   });
  for (const Injection &i : inj) {
    const Core &src = payload.cores[pkts[i.packet].source];
    queue.push({psOfCycle(i.cycle), seq++, i.packet, chipIndex(src.chip), -1});
  }
  packets += int64_t(pkts.size());
  std::fill(linkCount.begin(), linkCount.end(), 0);

  while (!queue.empty()) {
    const Event ev = queue.top();
    queue.pop();
    const Packet &pk = pkts[ev.packet];
    static const RouterTable empty;
    const RouterTable *table = tables[ev.chip];
    std::optional<Link> arrived;
    if (ev.arrivedOn >= 0)
      arrived = Link(ev.arrivedOn);
    const uint32_t route = routeOf(table ? *table : empty, pk.key, arrived);
    if (route == 0) {
      // No entry at the source chip: the router drops it [assumed].
      ++cores[pk.source]->prov.noRoutePackets;
      continue;
    }
    // Atomic multicast: it leaves when all its links are free.
    int64_t depart = ev.ps;
    for (int l = 0; l < kNumLinks; ++l)
      if (route & linkRoute(l))
        depart = std::max(depart, linkFree[size_t(ev.chip) * kNumLinks + l]);
    if (depart - ev.ps > waitPs) {
      if (reinjection) {
        ++reinjected;
        queue.push({ev.ps + waitPs + reinjectPs, seq++, ev.packet, ev.chip,
                    ev.arrivedOn});
      } else {
        ++dropped;
      }
      continue;
    }
    for (int l = 0; l < kNumLinks; ++l) {
      if (!(route & linkRoute(l)))
        continue;
      const size_t li = size_t(ev.chip) * kNumLinks + l;
      linkFree[li] = depart + linkPs;
      ++linkCount[li];
      maxLinkPacketsPerTick = std::max(maxLinkPacketsPerTick, linkCount[li]);
      const int32_t to = next[li];
      if (to < 0) { // off the mesh edge or to an absent chip: lost
        ++dropped;
        continue;
      }
      ++hops;
      queue.push({depart + hopPs + linkPs, seq++, ev.packet, to,
                  int8_t(opposite(Link(l)))});
    }
    for (int p = 0; p < kMaxRouteCores && p < kCoreStride; ++p) {
      if (!(route & coreRoute(p)))
        continue;
      const int32_t target = coreAt[size_t(ev.chip) * kCoreStride + p];
      if (target < 0)
        continue; // no application core there: nothing listens
      cores[target]->delivered().push_back({cycleOfPs(depart + hopPs),
                                            pk.sendTick, pk.key, pk.source,
                                            seq++});
    }
  }
}

} // namespace nmc::spinn::emu

//===- EmuNetwork.cpp - Routers and links of the SpiNNaker emulator -------===//
#include "EmuNetwork.h"
#include "EmuQueue.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace nmc::spinn::emu {

namespace {
constexpr int kCoreStride = 32; ///< route words address cores 0..25

/// Whether every key k with (k & mask) == key takes the same first match in
/// `t`: no entry matches only some of them.
bool uniform(const RouterTable &t, uint32_t key, uint32_t mask) {
  for (const RouterEntry &e : t) {
    const bool looksInside = (e.mask & ~mask) != 0;
    const bool disjoint =
        ((key ^ e.key) & mask & e.mask) != 0 || (e.key & ~e.mask) != 0;
    if (looksInside && !disjoint)
      return false;
  }
  return true;
}
} // namespace

Network::Network(const SpinnPayload &payload, const EmulatorOptions &options)
    : payload(payload), reinjection(options.reinjection) {
  const Machine &m = payload.machine;
  width = m.geometry.width;
  height = m.geometry.height;
  clockHz = m.chip.clockHz;
  if (clockHz > 0 && 1000000000000 % clockHz == 0)
    psPerCycle = 1000000000000 / clockHz;
  hopPs = std::llround(m.cost.routerHopNs * 1e3);
  if (psPerCycle)
    cycleOfPsScale = 1.0 / double(psPerCycle);
  if (psPerCycle && hopPs >= 0)
    hopCycles = cycleOfPs(hopPs);
  linkPs = std::llround(1e6 / m.cost.linkPacketsPerUs);
  waitPs = std::llround(options.costs.waitLimitNs * 1e3);
  reinjectPs = std::llround(options.costs.reinjectDelayNs * 1e3);
  const size_t chips = size_t(width) * size_t(height);
  tables.assign(chips, nullptr);
  for (const ChipTable &t : payload.tables) {
    if (!m.isPresent(t.chip))
      throw std::runtime_error(
          fmt::format("spinnaker emulator: router table of chip ({}, {}): no "
                      "such chip on the machine",
                      t.chip.x, t.chip.y));
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

  // Events are scheduled at most a wait plus a hop, or a wait plus the
  // re-injection delay, after the one being handled.
  // Every event time is a sum of these, so with their gcd as the bucket
  // width each bucket holds one time.
  int64_t unit =
      std::gcd(std::gcd(hopPs, linkPs), std::gcd(waitPs, reinjectPs));
  unit = psPerCycle ? std::gcd(unit, psPerCycle) : 1;
  heap = std::make_unique<CalendarQueue<Event>>(
      waitPs + std::max(hopPs + linkPs, reinjectPs) + 1,
      unit > 1 ? unit : std::max<int64_t>(1, linkPs / 16));
  // One tree per sending key block, or per key where a table tells the
  // keys of a block apart.
  blocks.resize(payload.cores.size());
  for (size_t k = 0; k < payload.cores.size(); ++k) {
    const Core &c = payload.cores[k];
    std::vector<uint32_t> keys{c.key};
    if (c.kind == CoreKind::DelayExtension)
      keys = c.stageKeys;
    const int32_t chip = chipIndex(c.chip);
    for (uint32_t key : keys) {
      Block b{key, c.mask, int32_t(trees.size()), false};
      for (const ChipTable &t : payload.tables)
        b.perKey |= !uniform(t.entries, key, c.mask);
      if (!b.perKey)
        buildTree(key, chip, k);
      else
        for (int64_t i = 0; i < c.hi - c.lo; ++i)
          buildTree(key | uint32_t(i), chip, k);
      blocks[k].push_back(b);
    }
  }
  localNode.assign(payload.cores.size(), -1);
  for (size_t k = 0; k < payload.cores.size(); ++k)
    if (blocks[k].size() == 1 && !blocks[k][0].perKey) {
      if (const Tree &t = trees[size_t(blocks[k][0].tree)]; localOnly(t))
        localNode[k] = t.begin;
    }
}

Network::~Network() = default;

int32_t Network::buildTree(uint32_t key, int32_t chip, size_t core) {
  static const RouterTable empty;
  Tree t;
  t.begin = int32_t(nodes.size());
  Node root;
  root.chip = chip;
  nodes.push_back(root);
  // A tree passes each (chip, arrival link) once unless the tables loop.
  const size_t limit = 4 * tables.size() * kNumLinks + 1;
  for (size_t j = size_t(t.begin); j < nodes.size(); ++j) {
    const int32_t at = nodes[j].chip;
    const int8_t arrivedOn = nodes[j].arrivedOn;
    std::optional<Link> arrived;
    if (arrivedOn >= 0)
      arrived = Link(arrivedOn);
    const RouterTable *table = tables[at];
    const uint32_t route = routeOf(table ? *table : empty, key, arrived);
    if (route == 0) { // only at the source chip: dropped there
      nodes.resize(size_t(t.begin));
      break;
    }
    nodes[j].links = uint8_t(route & ((1u << kNumLinks) - 1));
    nodes[j].coreBegin = int32_t(targets.size());
    for (int p = 0; p < kMaxRouteCores && p < kCoreStride; ++p)
      if (route & coreRoute(p))
        if (const int32_t target = coreAt[size_t(at) * kCoreStride + p];
            target >= 0) // no application core there: nothing listens
          targets.push_back(target);
    nodes[j].coreEnd = int32_t(targets.size());
    nodes[j].childBegin = int32_t(nodes.size());
    for (int l = 0; l < kNumLinks; ++l) {
      if (!(route & linkRoute(l)))
        continue;
      const int32_t to = next[size_t(at) * kNumLinks + l];
      if (to < 0)
        continue; // off the mesh edge or to an absent chip: lost there
      Node child;
      child.chip = to;
      child.arrivedOn = int8_t(opposite(Link(l)));
      nodes.push_back(child);
    }
    if (nodes.size() - size_t(t.begin) > limit)
      throw std::runtime_error(fmt::format(
          "spinnaker emulator: core {}: packets of key {:#010x} circulate "
          "in the router tables (more than {} router passes)",
          core, key, limit));
  }
  t.end = int32_t(nodes.size());
  trees.push_back(t);
  return int32_t(trees.size()) - 1;
}

inline const Network::Tree &Network::treeOf(int32_t core, uint32_t key) const {
  static const Tree none;
  for (const Block &b : blocks[size_t(core)])
    if ((key & b.mask) == b.key) {
      if (!b.perKey)
        return trees[size_t(b.tree)];
      const size_t i = size_t(b.tree) + (key & ~b.mask);
      const Core &c = payload.cores[size_t(core)];
      return i < size_t(b.tree) + size_t(c.hi - c.lo) ? trees[i] : none;
    }
  return none;
}

bool Network::routed(int32_t core, uint32_t key) const {
  const Tree &t = treeOf(core, key);
  return t.end > t.begin;
}

void Network::reset() {
  std::fill(linkFree.begin(), linkFree.end(), 0);
  std::fill(linkCount.begin(), linkCount.end(), 0);
}

void Network::clearCounters() {
  packets = hops = dropped = reinjected = maxLinkPacketsPerTick = 0;
  seq = 0;
}

int64_t Network::psOfCycle(Cycle c) const {
  if (psPerCycle) // exact: no 128-bit division
    return c * psPerCycle;
  return int64_t(__int128(c) * 1000000000000 / clockHz);
}

Cycle Network::cycleOfPs(int64_t ps) const {
  if (psPerCycle && ps >= 0 && ps < (int64_t(1) << 52)) {
    // ceil(ps / psPerCycle) by a multiply (exact within 1, then fixed).
    const int64_t n = ps + psPerCycle - 1;
    int64_t q = int64_t(double(n) * cycleOfPsScale);
    if (q * psPerCycle > n)
      --q;
    else if ((q + 1) * psPerCycle <= n)
      ++q;
    return q;
  }
  if (psPerCycle)
    return (ps + psPerCycle - 1) / psPerCycle;
  const __int128 num = __int128(ps) * clockHz;
  return Cycle((num + 999999999999) / 1000000000000);
}

Cycle Network::afterHop(Cycle sent) const {
  // A whole number of cycles plus the hop: ceil(hop / cycle) more cycles.
  if (hopCycles >= 0 && sent >= 0)
    return sent + hopCycles;
  return cycleOfPs(psOfCycle(sent) + hopPs);
}

namespace {
bool before(const Network::Event &a, const Network::Event &b) {
  return a.ps != b.ps ? a.ps < b.ps : a.seq < b.seq;
}
} // namespace

bool Network::deliverAllLocally(std::vector<std::unique_ptr<CoreSim>> &cores,
                                int32_t k) {
  const int32_t node = localNode[size_t(k)];
  if (node < 0)
    return false;
  const std::vector<Send> &out = cores[size_t(k)]->outbox();
  const Block &b = blocks[size_t(k)][0];
  for (const Send &s : out)
    if ((s.key & b.mask) != b.key)
      return false; // not all in the block: the per-packet way
  // The per-packet way's deliveries and sequence numbers, target by target
  // (each target's are in send order all the same).
  const Node &nd = nodes[size_t(node)];
  const int64_t perSend = nd.coreEnd - nd.coreBegin;
  for (int32_t c = nd.coreBegin; c < nd.coreEnd; ++c) {
    std::vector<Arrival> &to = cores[size_t(targets[size_t(c)])]->delivered();
    to.reserve(to.size() + out.size());
    int64_t q = seq + (c - nd.coreBegin);
    for (const Send &s : out) {
      to.push_back({afterHop(s.cycle), s.sendTick, s.key, k, q});
      q += perSend;
    }
  }
  seq += perSend * int64_t(out.size());
  return true;
}

void Network::route(std::vector<std::unique_ptr<CoreSim>> &cores,
                    int64_t tick) {
  (void)tick;
  // Injection in (send cycle, core, send order): each core's outbox is in
  // send order, so a stable sort by cycle over cores in index order.
  pkts.clear();
  std::vector<Injection> &inj = injections;
  inj.clear();
  int64_t sent = 0;
  for (size_t k = 0; k < cores.size(); ++k) {
    const std::vector<Send> &out = cores[k]->outbox();
    sent += int64_t(out.size());
    if (out.empty() || deliverAllLocally(cores, int32_t(k)))
      continue;
    for (const Send &s : out) {
      // A packet whose route at its own chip is local cores only uses no
      // link: nothing else can delay it, nor it anything, so it is
      // delivered here, a router hop after it is sent. (The order packets
      // are handled in only tells apart deliveries of the same key from
      // the same core at the same cycle, which are alike.)
      const Tree &t = treeOf(int32_t(k), s.key);
      if (localOnly(t)) {
        const Node &nd = nodes[size_t(t.begin)];
        const Cycle at = afterHop(s.cycle);
        for (int32_t c = nd.coreBegin; c < nd.coreEnd; ++c)
          cores[size_t(targets[size_t(c)])]->delivered().push_back(
              {at, s.sendTick, s.key, int32_t(k), seq++});
        continue;
      }
      inj.push_back({s.cycle, int32_t(pkts.size())});
      pkts.push_back({s.key, int32_t(k), s.sendTick});
    }
  }
  std::stable_sort(
      inj.begin(), inj.end(),
      [](const Injection &a, const Injection &b) { return a.cycle < b.cycle; });
  packets += sent;
  std::fill(linkCount.begin(), linkCount.end(), 0);
  // Three sources of events in (ps, seq) order, merged: the injections
  // (sorted already); a FIFO of the events created in order (most are: an
  // event's children come a fixed time after its departure, and events are
  // handled in time order), sorted by construction; and a queue for the
  // rest.
  CalendarQueue<Event> &queue = *heap;
  queue.clear();
  fifo.clear();
  size_t fifoHead = 0;
  auto push = [&](const Event &e) {
    if (fifoHead == fifo.size()) {
      fifo.clear();
      fifoHead = 0;
      fifo.push_back(e);
    } else if (!before(e, fifo.back())) {
      fifo.push_back(e);
    } else {
      queue.push(e);
    }
  };
  starts.clear();
  for (const Injection &i : inj) {
    const Packet &pk = pkts[size_t(i.packet)];
    const Tree &t = treeOf(pk.source, pk.key);
    if (t.end == t.begin) {
      // No entry at the source chip: the router drops it [assumed].
      ++cores[size_t(pk.source)]->prov.noRoutePackets;
      ++seq;
      continue;
    }
    starts.push_back({psOfCycle(i.cycle), seq++, i.packet, t.begin});
  }

  size_t nextStart = 0;
  for (;;) {
    const Event *first = nullptr;
    int from = 0;
    if (nextStart < starts.size()) {
      first = &starts[nextStart];
      from = 1;
    }
    if (fifoHead < fifo.size() && (!first || before(fifo[fifoHead], *first))) {
      first = &fifo[fifoHead];
      from = 2;
    }
    if (!queue.empty() && (!first || before(queue.top(), *first)))
      from = 3;
    Event ev;
    if (from == 1)
      ev = starts[nextStart++];
    else if (from == 2)
      ev = fifo[fifoHead++];
    else if (from == 3)
      ev = queue.pop();
    else
      break;
    queue.advance(ev.ps);
    const Packet &pk = pkts[size_t(ev.packet)];
    const Node &nd = nodes[size_t(ev.node)];
    // Atomic multicast: it leaves when all its links are free.
    const size_t base = size_t(nd.chip) * kNumLinks;
    int64_t leave = ev.ps;
    for (int l = 0; l < kNumLinks; ++l)
      if (nd.links & (1u << l))
        leave = std::max(leave, linkFree[base + size_t(l)]);
    if (leave - ev.ps > waitPs) {
      if (reinjection) {
        ++reinjected;
        push({ev.ps + waitPs + reinjectPs, seq++, ev.packet, ev.node});
      } else {
        ++dropped;
      }
      continue;
    }
    int32_t child = nd.childBegin;
    for (int l = 0; l < kNumLinks; ++l) {
      if (!(nd.links & (1u << l)))
        continue;
      const size_t li = base + size_t(l);
      linkFree[li] = leave + linkPs;
      maxLinkPacketsPerTick = std::max(maxLinkPacketsPerTick, ++linkCount[li]);
      if (next[li] < 0) { // off the mesh edge or to an absent chip: lost
        ++dropped;
        continue;
      }
      ++hops;
      push({leave + hopPs + linkPs, seq++, ev.packet, child++});
    }
    if (nd.coreEnd > nd.coreBegin) {
      const Cycle at = cycleOfPs(leave + hopPs);
      for (int32_t c = nd.coreBegin; c < nd.coreEnd; ++c)
        cores[size_t(targets[size_t(c)])]->delivered().push_back(
            {at, pk.sendTick, pk.key, pk.source, seq++});
    }
  }
}

} // namespace nmc::spinn::emu

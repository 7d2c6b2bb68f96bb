//===- EmuNetwork.h - Routers and links of the SpiNNaker emulator -*- C++ -*-//
//
// Routes one tick's packets through the chips' routers as one discrete-event
// loop (deterministic: events in (time, creation order), packets injected in
// (send cycle, core, send order)). Routes are static, so every key's
// multicast tree (the routers it passes, the links each sends it on, the
// cores each delivers it to) is computed once from the router tables
// (RouterTable.h routeOf: first match, default routing on a link, dropped
// at its source chip with no match) and an event never looks at a table.
// At a router a packet is multicast atomically: it leaves when every output
// link it needs is free, reaching local cores routerHopNs later and the
// next router routerHopNs + one packet time later; each link carries one
// packet per 1/linkPacketsPerUs. A packet that would wait longer than the
// wait limit is dropped, or with re-injection handed back to the same
// router by the monitor after a delay. Link state carries over between
// ticks (a later tick's packets queue behind).
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUNETWORK_H
#define NMC_SPINN_EMUNETWORK_H

#include "EmuCore.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace nmc::spinn::emu {

template <class T> class CalendarQueue;

class Network {
public:
  /// Computes every sending key's tree; throws (naming the key and its
  /// core) when the tables make a packet circulate.
  Network(const SpinnPayload &payload, const EmulatorOptions &options);
  ~Network();

  /// Sample start: links free, time 0, counters kept.
  void reset();
  /// Zeroes the counters (a new run).
  void clearCounters();
  /// Routes the outboxes of `cores` (sent in `tick`) and appends each
  /// delivery to the target core's delivered().
  void route(std::vector<std::unique_ptr<CoreSim>> &cores, int64_t tick);
  /// Whether key `key` of core `core` has a route at the core's own chip.
  bool routed(int32_t core, uint32_t key) const;

  int64_t packets = 0, hops = 0, dropped = 0, reinjected = 0;
  int64_t maxLinkPacketsPerTick = 0;

  /// A packet at a router.
  struct Event {
    int64_t ps = 0;
    int64_t seq = 0;
    int32_t packet = 0;
    int32_t node = 0;
  };

private:
  /// A router a packet passes.
  struct Node {
    int32_t chip = 0;
    uint8_t links = 0;     ///< output links (bit l = Link l)
    int8_t arrivedOn = -1; ///< link, or -1 at the source chip
    /// Its children (one per output link to a chip, in link order) are
    /// nodes childBegin, childBegin + 1, ...
    int32_t childBegin = 0;
    int32_t coreBegin = 0, coreEnd = 0; ///< into `targets`
  };
  struct Tree {
    int32_t begin = 0, end = 0; ///< into `nodes`; empty: no route at source
  };
  /// The keys (key | i) of a core under one key/mask: one tree for all when
  /// every table treats them alike, else one per i.
  struct Block {
    uint32_t key = 0, mask = 0;
    int32_t tree = 0;
    bool perKey = false;
  };

  int32_t chipIndex(ChipXY c) const { return c.y * width + c.x; }
  int64_t psOfCycle(Cycle c) const;
  Cycle cycleOfPs(int64_t ps) const; ///< rounded up
  /// cycleOfPs(psOfCycle(sent) + hopPs): a local delivery's arrival.
  Cycle afterHop(Cycle sent) const;
  int32_t buildTree(uint32_t key, int32_t chip, size_t core);
  const Tree &treeOf(int32_t core, uint32_t key) const;
  /// One router pass, to local cores only (no link).
  bool localOnly(const Tree &t) const {
    return t.end == t.begin + 1 && nodes[size_t(t.begin)].links == 0;
  }
  /// Core k's outbox when all its packets take one router pass to local
  /// cores only (localNode): delivered in bulk; false: not so.
  bool deliverAllLocally(std::vector<std::unique_ptr<CoreSim>> &cores,
                         int32_t k);

  const SpinnPayload &payload;
  bool reinjection;
  int32_t width = 0, height = 0;
  int64_t clockHz = 0;
  int64_t psPerCycle = 0; ///< 1e12 / clockHz when exact, else 0
  double cycleOfPsScale = 0; ///< 1 / psPerCycle
  Cycle hopCycles = -1; ///< cycleOfPs(hopPs), or -1: use afterHop's long way
  int64_t hopPs = 0, linkPs = 0, waitPs = 0, reinjectPs = 0;
  std::vector<const RouterTable *> tables; ///< per chip index
  std::vector<int32_t> coreAt;  ///< chip index * 32 + p -> core, or -1
  std::vector<int32_t> next; ///< chip index * 6 + link -> chip index, or -1
  std::vector<Node> nodes;
  std::vector<int32_t> targets; ///< cores
  std::vector<Tree> trees;
  std::vector<std::vector<Block>> blocks; ///< per core
  /// Per core: the root node of its one block's tree when that tree is
  /// one router pass delivering to local cores only, else -1.
  std::vector<int32_t> localNode;
  std::vector<int64_t> linkFree; ///< chip index * 6 + link, ps
  std::vector<int64_t> linkCount; ///< this tick's packets per link
  int64_t seq = 0;
  // Scratch of route(), kept to reuse their memory.
  struct Packet {
    uint32_t key = 0;
    int32_t source = 0;
    int64_t sendTick = 0;
  };
  std::vector<Packet> pkts;
  struct Injection {
    Cycle cycle;
    int32_t packet;
  };
  std::vector<Injection> injections;
  std::unique_ptr<CalendarQueue<Event>> heap;
  std::vector<Event> starts, fifo;
};

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUNETWORK_H

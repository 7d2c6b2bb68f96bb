//===- EmuNetwork.h - Routers and links of the SpiNNaker emulator -*- C++ -*-//
//
// Routes one tick's packets through the chips' routers as one discrete-event
// loop (deterministic: events in (time, creation order), packets injected in
// (send cycle, core, send order)). At a router a packet takes the route of
// its table (RouterTable.h routeOf: first match, default routing on a link,
// dropped at its source chip with no match); it is multicast atomically: it
// leaves when every output link it needs is free, reaching local cores
// routerHopNs later and the next router routerHopNs + one packet time
// later; each link carries one packet per 1/linkPacketsPerUs. A packet that
// would wait longer than the wait limit is dropped, or with re-injection
// handed back to the same router by the monitor after a delay. Link state
// carries over between ticks (a later tick's packets queue behind).
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUNETWORK_H
#define NMC_SPINN_EMUNETWORK_H

#include "EmuCore.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace nmc::spinn::emu {

class Network {
public:
  Network(const SpinnPayload &payload, const EmulatorOptions &options);

  /// Sample start: links free, time 0.
  void reset();
  /// Routes the outboxes of `cores` (sent in `tick`) and appends each
  /// delivery to the target core's delivered().
  void route(std::vector<std::unique_ptr<CoreSim>> &cores, int64_t tick);

  int64_t packets = 0, hops = 0, dropped = 0, reinjected = 0;
  int64_t maxLinkPacketsPerTick = 0;

private:
  int32_t chipIndex(ChipXY c) const { return c.y * width + c.x; }
  int64_t psOfCycle(Cycle c) const;
  Cycle cycleOfPs(int64_t ps) const; ///< rounded up

  const SpinnPayload &payload;
  bool reinjection;
  int32_t width = 0, height = 0;
  int64_t clockHz = 0;
  int64_t hopPs = 0, linkPs = 0, waitPs = 0, reinjectPs = 0;
  std::vector<const RouterTable *> tables; ///< per chip index
  std::vector<int32_t> coreAt;  ///< chip index * 32 + p -> core, or -1
  std::vector<int32_t> next; ///< chip index * 6 + link -> chip index, or -1
  std::vector<int64_t> linkFree; ///< chip index * 6 + link, ps
  std::vector<int64_t> linkCount; ///< this tick's packets per link
  int64_t seq = 0;
};

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUNETWORK_H

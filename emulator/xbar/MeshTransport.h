//===- MeshTransport.h - Spike transport on the xbar mesh -------*- C++ -*-===//
//
// How long the packets into one layer take on the mesh, as the RTL mesh
// (rtl/nmc_mesh.sv) moves them: the routes into a layer are served one
// after another (so no two routes ever compete for a link or a port), and
// a route's packets stream one per cycle from the source's router along
// the route, `hop` cycles per link, through the destination's router into
// the tile's rows:
//   route  = hops * hop + packets + 1   (0 if it has no packet)
//   layer  = the sum over its routes.
// The +1 is the destination router's cycle (every packet passes hops + 1
// routers; a router stage is one of a link's `hop` cycles). Routes without
// a packet cost nothing: the mesh skips them.
//===----------------------------------------------------------------------===//
#ifndef NMC_XBAR_MESHTRANSPORT_H
#define NMC_XBAR_MESHTRANSPORT_H

#include "nmc/Target/Xbar/Hardware.h"

#include <cstdint>

namespace nmc::xbar {

/// Cycles of one route carrying `packets` packets over `hops` links.
inline int64_t routeTransportCycles(int64_t hops, int64_t packets,
                                    const Cycles &cycles) {
  return packets > 0 ? hops * cycles.hop + packets + 1 : 0;
}

} // namespace nmc::xbar

#endif // NMC_XBAR_MESHTRANSPORT_H

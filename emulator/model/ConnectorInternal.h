//===- ConnectorInternal.h - Helpers shared by the connector files -*- C++ -*-//
#ifndef NMC_MODEL_CONNECTORINTERNAL_H
#define NMC_MODEL_CONNECTORINTERNAL_H

#include "nmc/Model/Connector.h"

namespace nmc::model {

/// Sources target `target` may draw from (nPre, minus itself when
/// self-connections are excluded and it is also a source index).
int64_t sourcePool(const ConnectorSpec &s, int64_t target);
/// Pairs (j, i) a rule may connect: nPre * nPost minus the self pairs when
/// excluded.
int64_t connectorPairs(const ConnectorSpec &s);
/// The file name of Distribution::a for a kind ("value", "low", "mean").
std::string_view distributionFieldA(Distribution::Kind kind);

} // namespace nmc::model

#endif // NMC_MODEL_CONNECTORINTERNAL_H

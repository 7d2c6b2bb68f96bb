//===- ConnectorParams.h - nmc.Connector datasets <-> spec ------*- C++ -*-===//
//
// The NIR extension node `nmc.Connector` (docs/nir-support.md) stores a
// connector's rule, sizes, distributions and seed as datasets, never its
// synapses. These two functions are the only translation between those
// datasets and nmc::model::ConnectorSpec: the reader's node check, the MLIR
// importer and the exporter use them.
//===----------------------------------------------------------------------===//
#ifndef NMC_NIR_CONNECTORPARAMS_H
#define NMC_NIR_CONNECTORPARAMS_H

#include "nmc/Model/Connector.h"
#include "nmc/NIR/Graph.h"

#include <map>
#include <string>

namespace nmc::nir {

/// Reads and validates a spec. On failure sets `key` (the dataset at fault)
/// and `why` (one sentence naming the field and value).
bool connectorFromParams(const std::map<std::string, Param> &params,
                         model::ConnectorSpec &spec, std::string &key,
                         std::string &why);

/// The datasets of `spec` (optional ones only when they matter).
std::map<std::string, Param>
connectorToParams(const model::ConnectorSpec &spec);

} // namespace nmc::nir

#endif // NMC_NIR_CONNECTORPARAMS_H

//===- NIRTypeTableTest.cpp - The NIR type table matches the dialect -----===//
//
// The importer and exporter take their type <-> op mapping and the neuron
// parameter lists from nir::nodeTypes(); this checks that table against
// the snn ops that ODS actually defines.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNDialect.h"
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/NIR/NIRSchema.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace mlir;
using namespace nmc;

namespace {

TEST(NIRTypeTable, EveryTypeMapsToOneRegisteredOp) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect>();
  std::set<std::string> ops;
  for (const nir::TypeSpec &t : nir::nodeTypes()) {
    EXPECT_TRUE(RegisteredOperationName::lookup(t.op, &ctx)) << t.op;
    EXPECT_TRUE(ops.insert(t.op).second) << "two types map to " << t.op;
    EXPECT_EQ(nir::findNodeTypeForOp(t.op), &t) << t.op;
  }
  EXPECT_EQ(std::string(nir::findNodeTypeForOp("snn.cubalif")->type),
            "CubaLIF");
  EXPECT_EQ(std::string(nir::findNodeTypeForOp("snn.subgraph")->type),
            "NIRGraph");
  // Discretized ops have no NIR type: export refuses them.
  EXPECT_EQ(nir::findNodeTypeForOp("snn.discrete_neuron"), nullptr);
}

TEST(NIRTypeTable, NeuronDatasetsAreTheOpParameters) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect>();
  int neurons = 0;
  for (const nir::TypeSpec &t : nir::nodeTypes()) {
    if (!t.isNeuron)
      continue;
    ++neurons;
    auto op = RegisteredOperationName::lookup(t.op, &ctx);
    ASSERT_TRUE(op) << t.op;
    std::set<std::string> attrs, datasets;
    for (StringAttr name : op->getAttributeNames())
      if (name.getValue() != "name")
        attrs.insert(name.str());
    for (const nir::DatasetSpec &d : t.datasets)
      datasets.insert(d.name);
    // The spiking types also carry the nmc extension fields, which travel
    // in the node's metadata (docs/nir-support.md), not as datasets.
    const std::string type = t.type;
    if (type == "IF" || type == "LIF" || type == "CubaLIF")
      for (const char *ext : {"t_ref", "d_theta", "tau_theta"})
        EXPECT_EQ(attrs.erase(ext), 1u) << t.type << " " << ext;
    EXPECT_EQ(attrs, datasets) << t.type;
  }
  EXPECT_EQ(neurons, 6); // I, IF, LI, LIF, CubaLI, CubaLIF
  const nir::TypeSpec *lif = nir::findNodeType("LIF");
  ASSERT_TRUE(lif && lif->isNeuron);
  EXPECT_EQ(std::string(lif->datasets[3].name), "v_threshold");
}

} // namespace

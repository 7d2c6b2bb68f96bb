//===- NIRImportTest.cpp - NIR file -> snn -> NIR file -> snn -------------===//
#include "Fixtures.h"

#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/NIR/NIRFile.h"
#include "nmc/NIR/NIRTranslation.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>

using namespace mlir;
using namespace nmc;
using namespace nmc::snn;

namespace {

/// A graph as a comparable value: node -> (op, attributes, type), edges as a
/// multiset, nested graphs flattened with "/" paths.
struct GraphSummary {
  std::map<std::string, std::string> nodes;
  std::map<std::string, Attribute> attrs;
  std::multiset<std::pair<std::string, std::string>> edges;
};

void summarize(Block &body, const std::string &prefix, GraphSummary &s) {
  for (Operation &op : body) {
    std::string name = prefix + getNodeName(&op).str();
    std::string type;
    llvm::raw_string_ostream os(type);
    os << op.getName() << " : " << op.getResult(0).getType();
    s.nodes[name] = type;
    for (StringRef key : op.getName().getAttributeNames())
      if (Attribute a = op.getAttr(key))
        s.attrs[name + "#" + key.str()] = a;
    for (Value in : op.getOperands())
      s.edges.insert({prefix + getNodeName(in.getDefiningOp()).str(), name});
    if (auto sub = dyn_cast<SubgraphOp>(&op))
      summarize(sub.getBodyBlock(), name + "/", s);
  }
}

GraphSummary summarize(ModuleOp module) {
  GraphSummary s;
  for (GraphOp g : module.getOps<GraphOp>())
    summarize(g.getBodyBlock(), "", s);
  return s;
}

/// Collects diagnostics instead of printing them.
struct Diagnostics {
  explicit Diagnostics(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &d) {
          text += d.str() + "\n";
          if (auto file = dyn_cast<FileLineColLoc>(d.getLocation()))
            files += file.getFilename().str() + "\n";
          if (d.getSeverity() == DiagnosticSeverity::Warning)
            warnings++;
          return success();
        }) {}
  std::string text;
  std::string files; ///< of the diagnostics' file locations
  int warnings = 0;
  ScopedDiagnosticHandler handler;
};

class ImportFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ImportFixture, ImportsVerifiesAndRoundTrips) {
  MLIRContext ctx;
  Diagnostics diags(ctx);
  std::string path = test::fixture(GetParam());
  OwningOpRef<ModuleOp> first = importNIRFile(path, &ctx);
  ASSERT_TRUE(first) << diags.text;
  ASSERT_TRUE(succeeded(verify(*first)));

  // Shapes of every value can be derived (what the engine needs).
  OwningOpRef<ModuleOp> inlined = first->clone();
  PassManager pm(&ctx);
  pm.nest<GraphOp>().addPass(createSNNInlineSubgraphs());
  pm.nest<GraphOp>().addPass(createSNNInferShapes());
  ASSERT_TRUE(succeeded(pm.run(*inlined))) << diags.text;

  // Export -> import gives the same graph, parameters bit-exact.
  auto tmp =
      std::filesystem::temp_directory_path() / ("nmc_roundtrip_" + GetParam());
  ASSERT_TRUE(succeeded(exportNIRFile(*first, tmp.string()))) << diags.text;
  OwningOpRef<ModuleOp> second = importNIRFile(tmp.string(), &ctx);
  std::filesystem::remove(tmp);
  ASSERT_TRUE(second) << diags.text;
  GraphSummary a = summarize(*first), b = summarize(*second);
  EXPECT_EQ(a.nodes, b.nodes);
  EXPECT_EQ(a.edges, b.edges);
  ASSERT_EQ(a.attrs.size(), b.attrs.size());
  for (const auto &[key, attr] : a.attrs)
    EXPECT_EQ(attr, b.attrs[key]) << GetParam() << ": " << key;
}

INSTANTIATE_TEST_SUITE_P(AllValidFixtures, ImportFixture,
                         ::testing::ValuesIn(test::validFixtures()),
                         [](const auto &info) {
                           std::string n = info.param;
                           for (char &c : n)
                             if (!isalnum(static_cast<unsigned char>(c)))
                               c = '_';
                           return n;
                         });

TEST(NIRImport, BrokenSubgraphNamesTheMissingNodeAndEdge) {
  MLIRContext ctx;
  Diagnostics diags(ctx);
  auto module = importNIRFile(
      test::fixture("paper_braille_noDelay_bias_zero_subgraph_BROKEN.nir"),
      &ctx);
  EXPECT_FALSE(module);
  EXPECT_NE(diags.text.find("missing node 'lif'"), std::string::npos)
      << diags.text;
  EXPECT_NE(diags.text.find("-> 'lif'"), std::string::npos) << diags.text;
}

TEST(NIRImport, SubgraphOutputReadInsideIsRefused) {
  // Nested graph sub: input -> s -> output, and output -> t. NIR's output
  // node ends a graph; nir.read refuses this file too.
  auto node = [](std::string name, std::string type) {
    nir::Node n;
    n.name = std::move(name);
    n.type = std::move(type);
    if (n.type == "Scale")
      n.params["scale"] = nir::Param::floatArray({1}, {2.0});
    else
      n.params["shape"] = nir::Param::intArray({1}, {1});
    return n;
  };
  auto inner = std::make_shared<nir::Graph>();
  inner->nodes = {node("input", "Input"), node("output", "Output"),
                  node("s", "Scale"), node("t", "Scale")};
  inner->edges = {{"input", "s"}, {"s", "output"}, {"output", "t"}};
  nir::Node sub;
  sub.name = "sub";
  sub.type = "NIRGraph";
  sub.subgraph = inner;
  nir::Model m;
  m.version = "1.0.7";
  m.graph.nodes = {node("in", "Input"), node("out", "Output"), sub};
  m.graph.edges = {{"in", "sub"}, {"sub", "out"}};
  MLIRContext ctx;
  Diagnostics diags(ctx);
  EXPECT_FALSE(importNIR(std::move(m), "hostile.nir", "hostile", &ctx));
  EXPECT_NE(diags.text.find("node 'sub': output node 'output' feeds node 't'"),
            std::string::npos)
      << diags.text;
}

TEST(NIRImport, InliningRefusesAReadOutputEvenUnverified) {
  // The pass must not erase a used output node even when the verifier was
  // skipped (it did, and the next verifier read freed memory).
  MLIRContext ctx;
  ctx.loadDialect<SNNDialect>();
  ParserConfig config(&ctx, /*verifyAfterParse=*/false);
  auto module = parseSourceString<ModuleOp>(R"mlir(
snn.graph @g {
  %in = snn.input "in" -> tensor<1xf32>
  %a = snn.subgraph "sub"(%in : tensor<1xf32>) -> tensor<1xf32> {
    %i = snn.input "input" -> tensor<1xf32>
    %o = snn.output "output"(%i : tensor<1xf32>) -> tensor<1xf32>
    %t = snn.scale "t"(%o : tensor<1xf32>) {scale = dense<2.0> : tensor<1xf32>} -> tensor<1xf32>
  }
  %out = snn.output "out"(%a : tensor<1xf32>) -> tensor<1xf32>
}
)mlir",
                                            config);
  ASSERT_TRUE(module);
  Diagnostics diags(ctx);
  PassManager pm(&ctx);
  pm.enableVerifier(false);
  pm.nest<GraphOp>().addPass(createSNNInlineSubgraphs());
  EXPECT_TRUE(failed(pm.run(*module)));
  EXPECT_NE(diags.text.find("node 'sub': its output node is read inside it"),
            std::string::npos)
      << diags.text;
}

/// The import error of gen_conv_if_net.nir with conv1's dilation replaced.
std::string conv1DilationError(int64_t dilation) {
  nir::Model m;
  std::string error;
  EXPECT_TRUE(nir::readNIRFile(test::fixture("gen_conv_if_net.nir"), m, error))
      << error;
  for (nir::Node &n : m.graph.nodes)
    if (n.name == "conv1")
      n.params["dilation"] = nir::Param::intArray({2}, {dilation, 1});
  MLIRContext ctx;
  Diagnostics diags(ctx);
  EXPECT_FALSE(importNIR(std::move(m), "hostile.nir", "hostile", &ctx));
  return diags.text;
}

TEST(NIRImport, ConvWindowErrorsBlameTheConvWithValuesAsWritten) {
  // conv1: 3x3 kernel, padding 1, over an 8x8 input (padded: 10).
  std::string e = conv1DilationError(std::numeric_limits<int64_t>::max());
  EXPECT_NE(e.find("node 'conv1': kernel size 3 with dilation "
                   "9223372036854775807 has no span"),
            std::string::npos)
      << e;
  // Dilation 5 spans 5 * 2 + 1 = 11 cells > 10: conv1's error, not if1's.
  e = conv1DilationError(5);
  EXPECT_NE(e.find("node 'conv1': kernel size 3 with dilation 5 spans 11 "
                   "cells, more than the padded input (8 + 1 + 1 = 10) "
                   "along spatial dim 0"),
            std::string::npos)
      << e;
  EXPECT_EQ(e.find("if1"), std::string::npos) << e;
}

TEST(NIRImport, RockpoolOutputQuirkIsAWarning) {
  MLIRContext ctx;
  Diagnostics diags(ctx);
  auto module =
      importNIRFile(test::fixture("paper_lif_rockpool_quirk.nir"), &ctx);
  ASSERT_TRUE(module) << diags.text;
  EXPECT_EQ(diags.warnings, 1) << diags.text;
  EXPECT_NE(diags.text.find("Rockpool"), std::string::npos);
}

TEST(NIRImport, NorseLifParametersAndDefaultReset) {
  MLIRContext ctx;
  auto module = importNIRFile(test::fixture("paper_lif_norse.nir"), &ctx);
  ASSERT_TRUE(module);
  // README of the fixture: "1" LIF(tau=0.0025, r=1, v_leak=0, v_thr=0.1),
  // float32, written by NIR 0.1.1 without v_reset.
  LIFOp lif;
  module->walk([&](LIFOp op) { lif = op; });
  ASSERT_TRUE(lif);
  EXPECT_EQ(lif.getName(), "1");
  EXPECT_TRUE(lif.getTau().getElementType().isF32());
  EXPECT_EQ(lif.getTau().getValues<float>()[0], 0.0025f);
  EXPECT_EQ(lif.getVThreshold().getValues<float>()[0], 0.1f);
  EXPECT_EQ(lif.getVReset().getValues<float>()[0], 0.0f);
  GraphOp graph = *module->getOps<GraphOp>().begin();
  EXPECT_EQ(graph.getNirVersion(), "0.1.1");
}

TEST(NIRImport, NotHDF5IsAOneLineError) {
  auto path = std::filesystem::temp_directory_path() / "nmc_not_hdf5.nir";
  { std::ofstream(path) << "hello\n"; }
  MLIRContext ctx;
  Diagnostics diags(ctx);
  EXPECT_FALSE(importNIRFile(path.string(), &ctx));
  std::filesystem::remove(path);
  // One diagnostic, at the file (not repeated in the message).
  EXPECT_EQ(diags.files, path.string() + "\n");
  EXPECT_EQ(diags.text, "not an HDF5 file\n");
}

} // namespace

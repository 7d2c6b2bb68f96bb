//===- ImageSchema.cpp - The reference payload as a schema table ---------===//
#include "nmc/Emulator/Image.h"

namespace nmc::image {

const PayloadSchema &referenceSchema() {
  using namespace keys;
  constexpr ArrayClass F = ArrayClass::Float, I = ArrayClass::Int,
                       S = ArrayClass::String;
  // The optional STDP arrays of a plastic edge (Image.h, Plasticity.h);
  // "all or none" (stdp_delay optional) is checked by the engine, which
  // names the node.
  auto plastic = [&](std::vector<ArraySpec> arrays) {
    for (ArraySpec a :
         {ArraySpec{kStdpPairing, S, false},
          ArraySpec{kStdpDependence, S, false},
          ArraySpec{kStdpTauPlus, F, false}, ArraySpec{kStdpTauMinus, F, false},
          ArraySpec{kStdpAPlus, F, false}, ArraySpec{kStdpAMinus, F, false},
          ArraySpec{kStdpWMin, F, false}, ArraySpec{kStdpWMax, F, false},
          ArraySpec{kStdpPost, I, false}, ArraySpec{kStdpDelay, I, false}})
      arrays.push_back(a);
    return arrays;
  };
  // clang-format off
  static const PayloadSchema schema{
      {{"input", {}},
       {"output", {}},
       {"flatten", {}},
       {"affine", plastic({{kWeight, F, true}, {kBias, F, false}})},
       {"sparse_affine", plastic({{kIndptr, I, true}, {kIndices, I, true},
                                  {kWeight, F, true}, {kBias, F, false},
                                  {kDelaySteps, I, false}})},
       {"scale", {{kScale, F, true}}},
       {"conv", {{kWeight, F, true}, {kBias, F, false},
                 {kKernelSize, I, false}, {kStride, I, true},
                 {kDilation, I, true}, {kPadLo, I, true}, {kPadHi, I, true},
                 {kGroups, I, true}}},
       {"sum_pool", {{kKernelSize, I, true}, {kStride, I, true},
                     {kPadding, I, true}}},
       {"avg_pool", {{kKernelSize, I, true}, {kStride, I, true},
                     {kPadding, I, true}}},
       {"delay", {{kSteps, I, true}}},
       {"threshold", {{kThreshold, F, true}}},
       {"neuron", {{kCoefs[0], F, true}, {kCoefs[1], F, true},
                   {kCoefs[2], F, true}, {kCoefs[3], F, true},
                   {kCoefs[4], F, true}, {kCoefs[5], F, true},
                   {kCoefs[6], F, true}, {kCoefs[7], F, true},
                   {kHasSyn, I, true}, {kSpiking, I, true},
                   {kResetSubtract, I, true}, {kNeuronType, S, true},
                   {kRefSteps, I, false}, {kATheta, F, false},
                   {kDTheta, F, false}}},
       {"connector", plastic({{kRule, S, true}, {kP, F, false},
                              {kN, I, false}, {kAllowSelf, I, true},
                              {kWithReplacement, I, true},
                              {kWeightDistribution, S, true},
                              {kWeight, F, true},
                              {kDelayDistribution, S, false},
                              {kDelay, F, false}, {kSeed, I, true}})}},
      {}};
  // clang-format on
  return schema;
}

Header makeHeader(const Image &image) {
  Header h;
  h.format = kFormatName;
  h.version = kFormatVersion;
  h.target = image.target;
  h.dt = image.dt;
  h.source = image.source;
  for (const Node &n : image.nodes) {
    if (n.kind != "input" && n.kind != "output")
      continue;
    int64_t size = 1;
    for (int64_t d : n.outShape)
      size *= d;
    (n.kind == "input" ? h.inputs : h.outputs).push_back({n.name, size});
  }
  return h;
}

} // namespace nmc::image

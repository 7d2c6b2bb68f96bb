//===- SpinnNetwork.cpp - The hardware-equivalent reference network ------===//
//
// SpinnImage.h "Time": in hardware ticks, a projection delivers a spike sent
// in tick t at t + D. As reference nodes that is a sparse_affine reading the
// pre population through a `delayed` edge (one tick) with per-synapse
// delay_steps D - 1, holding the weights the hardware applies
// (±code·2^(shift−15)). Neurons and outputs keep the quantized network's
// records, so the fixed-point engine on this network computes what the
// machine computes.
//===----------------------------------------------------------------------===//
#include "nmc/Backends/SpinnLayout.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"
#include "nmc/Target/SpiNNaker/WeightCoding.h"

#include <cmath>
#include <map>

namespace nmc::spinn::layout {
namespace {

namespace keys = image::keys;

/// Most per-synapse delay_steps the reference image takes (Image.h).
constexpr int64_t kMaxDelaySteps = 65535;

int shiftOf(const Population &post, uint32_t type) {
  return type == 1 ? post.shiftInh : post.shiftExc;
}

/// Synapses a projection has (connectors: the expected count).
double synapseCount(const Projection &proj) {
  if (proj.connector)
    return model::expectedSynapses(*proj.connector);
  return double(proj.indices.size());
}

std::string projectionNode(const Layout &layout, const Projection &proj,
                           uint32_t preNode, uint32_t postNode,
                           bool withSynapses, image::Node &node) {
  node.name = proj.name;
  node.kind = "sparse_affine";
  node.inShape = {proj.nPre};
  node.outShape = {proj.nPost};
  node.inputs = {{preNode, true}};
  // The rule (taus in ticks already); stdp_delay = D: the delayed edge's
  // tick + delay_steps D - 1, so a pre spike of tick T counts at T and a
  // post spike of tick p at p + D, as on the machine.
  if (proj.stdp)
    image::setStdpKeys(node, *proj.stdp, int64_t(postNode),
                       plasticDelay(layout, proj));
  std::vector<Synapse> syn;
  Coding coding;
  if (!withSynapses) {
    node.i[keys::kIndptr] = IntArray(std::vector<int64_t>(proj.nPre + 1, 0));
    node.i[keys::kIndices] = IntArray::owning(std::vector<int32_t>());
    node.i[keys::kDelaySteps] = IntArray::owning(std::vector<int32_t>());
    node.f[keys::kWeight] = FloatArray::owning(std::vector<float>());
    return "";
  }
  if (std::string e = synapsesOnto(layout, proj, 0, proj.nPost, syn, coding);
      !e.empty())
    return e;
  const Population &post = layout.populations[proj.post];
  std::vector<int64_t> indptr(proj.nPre + 1, 0);
  std::vector<int32_t> indices, steps;
  std::vector<float> weights; // code * 2^(shift-15) is exact in float32
  indices.reserve(syn.size());
  steps.reserve(syn.size());
  weights.reserve(syn.size());
  for (const Synapse &y : syn) { // sources ascending
    ++indptr[y.source + 1];
    indices.push_back(int32_t(y.target));
    // Plastic: the exact s16.15 value, raw / 2^15 (|w| < 512: exact in
    // float32).
    weights.push_back(y.plastic ? float(double(y.raw) / 32768.0)
                                : float(appliedWeight(y.code, y.type,
                                                      shiftOf(post, y.type))));
    if (y.delay < 1 || y.delay - 1 > kMaxDelaySteps)
      return "projection '" + proj.name + "': hardware delay " +
             std::to_string(y.delay) + " of synapse " +
             std::to_string(y.source) + " -> " + std::to_string(y.target) +
             " outside 1.." + std::to_string(kMaxDelaySteps + 1);
    steps.push_back(int32_t(y.delay - 1));
  }
  for (int64_t j = 0; j < proj.nPre; ++j)
    indptr[j + 1] += indptr[j];
  node.i[keys::kIndptr] = IntArray(std::move(indptr));
  node.i[keys::kIndices] = IntArray::owning(std::move(indices));
  node.i[keys::kDelaySteps] = IntArray::owning(std::move(steps));
  node.f[keys::kWeight] = FloatArray::owning(std::move(weights));
  return "";
}

} // namespace

std::string buildSpinnNetwork(const Layout &layout,
                              const image::Image &quantized,
                              image::Image &network, int64_t &omitted) {
  if (quantized.numberFormat != kNumberFormatName)
    return "the quantized network has number format '" +
           quantized.numberFormat + "', not s16.15";
  std::map<std::string, int32_t> popIndex;
  for (size_t q = 0; q < layout.populations.size(); ++q)
    popIndex[layout.populations[q].name] = int32_t(q);

  // Synapse filters (LI nodes, SpinnImage.h "Synapse filters") by name.
  std::map<std::string, int32_t> filterOf; // filter -> population
  for (size_t q = 0; q < layout.populations.size(); ++q)
    for (const std::string &f : layout.populations[q].filters)
      if (!f.empty())
        filterOf[f] = int32_t(q);

  // Order: inputs, projections, synapse filters, population neurons,
  // outputs (non-delayed edges then always point to earlier nodes).
  std::vector<const image::Node *> inputs, filters, neurons, outputs;
  for (const image::Node &n : quantized.nodes) {
    const bool isPop = popIndex.count(n.name) > 0;
    if (n.kind == "input")
      inputs.push_back(&n);
    else if (n.kind == "output")
      outputs.push_back(&n);
    else if (n.kind == "neuron" && isPop)
      neurons.push_back(&n);
    else if (n.kind == "neuron" && filterOf.count(n.name))
      filters.push_back(&n);
    else if (n.kind == "neuron")
      return "node '" + n.name + "' is a neuron but no spinn.population";
  }
  if (filters.size() != filterOf.size())
    return "a synapse filter of the mapping has no neuron node in the "
           "quantized network";
  std::map<std::string, uint32_t> index;
  uint32_t next = 0;
  for (const image::Node *n : inputs)
    index[n->name] = next++;
  next += uint32_t(layout.projections.size());
  for (const image::Node *n : filters)
    index[n->name] = next++;
  for (const image::Node *n : neurons)
    index[n->name] = next++;
  for (const Population &pop : layout.populations)
    if (!index.count(pop.name))
      return "population '" + pop.name +
             "' has no input or neuron node in the quantized network";

  network = image::Image();
  network.target = "spinnaker";
  network.dt = quantized.dt;
  network.method = quantized.method;
  network.resetMode = quantized.resetMode;
  network.numberFormat = kNumberFormatName;
  network.source = quantized.source;
  for (const image::Node *n : inputs)
    network.nodes.push_back(*n);
  std::map<int32_t, std::vector<uint32_t>> into; // post population -> nodes
  std::map<std::string, std::vector<uint32_t>> intoFilter;
  double total = 0;
  for (const Projection &proj : layout.projections)
    total += synapseCount(proj);
  const bool whole = total <= double(kMaxNetworkSynapses);
  omitted = whole ? 0 : int64_t(std::llround(total));
  for (const Projection &proj : layout.projections) {
    (proj.filter.empty() ? into[proj.post] : intoFilter[proj.filter])
        .push_back(uint32_t(network.nodes.size()));
    image::Node &node = network.nodes.emplace_back();
    if (std::string e = projectionNode(
            layout, proj, index.at(layout.populations[proj.pre].name),
            index.at(layout.populations[proj.post].name), whole, node);
        !e.empty())
      return e;
  }
  // A filter's gain is in the weights (convert-snn-to-spinn): here it only
  // decays, I' = (a_mem*I) + (1*x) + 0, and 1*x is exact in s16.15.
  for (const image::Node *n : filters) {
    image::Node &node = network.nodes.emplace_back(*n);
    if (!node.f.count(keys::kCoefs[4]) || !node.f.count(keys::kCoefs[5]))
      return "synapse filter '" + n->name + "' has no c_mem_in / c_mem_0";
    size_t size = 1;
    for (int64_t d : node.outShape)
      size *= size_t(d);
    node.f[keys::kCoefs[4]] =
        FloatArray::owning(std::vector<float>(size, 1.0f));
    node.f[keys::kCoefs[5]] =
        FloatArray::owning(std::vector<float>(size, 0.0f));
    node.inputs.clear();
    for (uint32_t p : intoFilter[n->name])
      node.inputs.push_back({p, false});
  }
  for (const image::Node *n : neurons) {
    image::Node &node = network.nodes.emplace_back(*n);
    const int32_t q = popIndex.at(n->name);
    if (layout.populations[q].filters[0].empty() &&
        layout.populations[q].filters[1].empty()) {
      node.inputs.clear();
      for (uint32_t p : into[q])
        node.inputs.push_back({p, false});
      continue;
    }
    // Its filters, in the quantized node's input order.
    for (image::InputEdge &e : node.inputs)
      e = {index.at(quantized.nodes.at(e.source).name), false};
  }
  for (const image::Node *n : outputs) {
    image::Node &node = network.nodes.emplace_back(*n);
    for (image::InputEdge &e : node.inputs) {
      const std::string &from = quantized.nodes.at(e.source).name;
      auto it = index.find(from);
      if (it == index.end())
        return "output '" + n->name + "' reads node '" + from +
               "', which is not a population";
      e = {it->second, false};
    }
  }
  return "";
}

} // namespace nmc::spinn::layout

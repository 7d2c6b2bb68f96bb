//===- Reach.cpp - Which slices a slice has synapses onto ----------------===//
#include "Reach.h"

#include "llvm/ADT/StringMap.h"

#include <cmath>

using namespace mlir;

namespace nmc::spinn {

/// spinnaker.md §A.5: N_SYNAPSE_ROW_HEADER_WORDS 3 (SpinnImage.h).
static constexpr int64_t kRowHeaderWords = 3;

bool connectorReaches(const model::ConnectorSpec &spec, int64_t preLo,
                      int64_t preHi, int64_t postLo, int64_t postHi) {
  if (!(model::expectedSynapses(spec) > 0.0))
    return false;
  if (spec.rule == model::ConnectorRule::OneToOne)
    return std::max(preLo, postLo) < std::min(preHi, postHi);
  return true;
}

/// Words of a row of `synapses` synapses: fixed words, or (plastic) the
/// pre-trace header, one weight word and half a control word each
/// (SpinnImage.h "Plastic rows", kPreTraceWords = 2).
static int64_t rowWords(int64_t synapses, bool plastic) {
  return kRowHeaderWords + synapses +
         (plastic && synapses ? 2 + (synapses + 1) / 2 : 0);
}

int64_t connectorRowWords(const model::ConnectorSpec &spec, int64_t preLo,
                          int64_t preHi, int64_t postLo, int64_t postHi,
                          bool plastic) {
  if (!connectorReaches(spec, preLo, preHi, postLo, postHi))
    return 0;
  if (spec.rule == model::ConnectorRule::OneToOne) {
    const int64_t overlap = std::min(preHi, postHi) - std::max(preLo, postLo);
    return overlap * rowWords(1, plastic);
  }
  const double share = double(preHi - preLo) / double(spec.nPre) *
                       double(postHi - postLo) / double(spec.nPost);
  const int64_t rows = preHi - preLo;
  // The image pads every row of a block to the block's longest row
  // (SpinnImage.h PopTableEntry). all_to_all rows are all as long; the
  // random rules' row lengths are about Poisson around the mean m, and
  // the longest of up to 256 rows stays below m + 5 sqrt(m) + 2
  // ([assumed]: a Poisson draw beyond it has probability < 1e-6 for
  // m <= 100, so < 3e-4 of 256-row blocks exceed it; 3.5 sd was too few
  // for the full-scale PD14, whose busiest chip then needed 4 % more SDRAM
  // than estimated).
  const double mean = model::expectedSynapses(spec) * share / double(rows);
  double longest = std::ceil(mean);
  if (spec.rule != model::ConnectorRule::AllToAll)
    longest = std::ceil(mean + 5.0 * std::sqrt(mean) + 2.0);
  return rows * rowWords(int64_t(longest), plastic);
}

bool isOneToOne(ProjectionOp projection) {
  if (projection.isConnector()) {
    model::ConnectorSpec spec;
    (void)projection.getConnectorSpec(spec); // verified
    return spec.rule == model::ConnectorRule::OneToOne;
  }
  auto indptr = projection.getIndptr()->getValues<int64_t>();
  auto indices = projection.getIndices()->getValues<int64_t>();
  for (int64_t i = 0; i < projection.getNPre(); ++i) {
    const int64_t n = indptr[i + 1] - indptr[i];
    if (n > 1 || (n == 1 && indices[indptr[i]] != i))
      return false;
  }
  return true;
}

llvm::StringMap<llvm::SmallVector<ProjectionOp>>
oneToOneSources(snn::GraphOp graph, MappingOp mapping) {
  llvm::StringMap<llvm::SmallVector<ProjectionOp>> out;
  llvm::StringMap<bool> ok;
  for (auto projection : graph.getBodyBlock().getOps<ProjectionOp>()) {
    PopulationOp pre = mapping.lookupPopulation(projection.getPre());
    PopulationOp post = mapping.lookupPopulation(projection.getPost());
    if (!pre || pre.getKind() != PopulationKind::Source)
      continue;
    auto [it, fresh] = ok.try_emplace(pre.getName(), true);
    it->second = it->second && post &&
                 post.getKind() == PopulationKind::Neuron &&
                 isOneToOne(projection);
    out[pre.getName()].push_back(projection);
  }
  for (const auto &e : ok)
    if (!e.getValue())
      out.erase(e.getKey());
  return out;
}

namespace {
/// A population's slices: their first neurons (for lookup) and the index of
/// the first in the flat list of all slices.
struct PopulationSlices {
  std::vector<int64_t> lo;
  size_t first = 0;
  size_t sliceOf(int64_t neuron) const {
    return first +
           (std::upper_bound(lo.begin(), lo.end(), neuron) - lo.begin() - 1);
  }
};
} // namespace

FailureOr<std::vector<std::vector<size_t>>>
sliceReach(snn::GraphOp graph, ArrayRef<SliceRef> slices, StringRef pass) {
  llvm::StringMap<PopulationSlices> byName;
  for (size_t i = 0; i < slices.size(); ++i) {
    SliceRef s = slices[i]; // op handles: copies are cheap, calls non-const
    PopulationSlices &p = byName[s.population.getName()];
    if (p.lo.empty())
      p.first = i;
    p.lo.push_back(s.slice.getLo());
  }
  // reaches[i][j]: slice i has a synapse onto slice j.
  std::vector<std::vector<bool>> reaches(slices.size());
  for (auto projection : graph.getBodyBlock().getOps<ProjectionOp>()) {
    auto pre = byName.find(projection.getPre());
    auto post = byName.find(projection.getPost());
    if (pre == byName.end() || post == byName.end())
      return projection.emitError()
             << pass << ": projection '" << projection.getName()
             << "' names a population without slices";
    PopulationOp prePop = slices[pre->second.first].population;
    PopulationOp postPop = slices[post->second.first].population;
    if (projection.getNPre() != prePop.getSize() ||
        projection.getNPost() != postPop.getSize())
      return projection.emitError()
             << pass << ": projection '" << projection.getName()
             << "': n_pre x n_post = " << projection.getNPre() << " x "
             << projection.getNPost() << " differs from the sizes of '"
             << prePop.getName() << "' and '" << postPop.getName() << "'";
    if (projection.isConnector()) {
      model::ConnectorSpec spec;
      (void)projection.getConnectorSpec(spec); // verified
      const PopulationSlices &from = pre->second, &to = post->second;
      for (size_t a = 0; a < from.lo.size(); ++a) {
        const int64_t aHi =
            a + 1 < from.lo.size() ? from.lo[a + 1] : prePop.getSize();
        std::vector<bool> &row = reaches[from.first + a];
        for (size_t b = 0; b < to.lo.size(); ++b) {
          const int64_t bHi =
              b + 1 < to.lo.size() ? to.lo[b + 1] : postPop.getSize();
          if (!connectorReaches(spec, from.lo[a], aHi, to.lo[b], bHi))
            continue;
          row.resize(slices.size(), false);
          row[to.first + b] = true;
        }
      }
      continue;
    }
    auto indptr = projection.getIndptr()->getValues<int64_t>();
    auto indices = projection.getIndices()->getValues<int64_t>();
    for (int64_t n = 0; n < projection.getNPre(); ++n) {
      if (indptr[n] == indptr[n + 1])
        continue;
      std::vector<bool> &row = reaches[pre->second.sliceOf(n)];
      row.resize(slices.size(), false);
      for (int64_t k = indptr[n]; k < indptr[n + 1]; ++k)
        row[post->second.sliceOf(indices[k])] = true;
    }
  }
  std::vector<std::vector<size_t>> out(slices.size());
  for (size_t i = 0; i < slices.size(); ++i)
    for (size_t j = 0; j < reaches[i].size(); ++j)
      if (reaches[i][j])
        out[i].push_back(j);
  return out;
}

} // namespace nmc::spinn

//===- Reach.cpp - Which slices a slice has synapses onto ----------------===//
#include "Reach.h"

#include "llvm/ADT/StringMap.h"

using namespace mlir;

namespace nmc::spinn {

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
    auto indptr = projection.getIndptr().getValues<int64_t>();
    auto indices = projection.getIndices().getValues<int64_t>();
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

//===- DelayExtension.cpp - Which synapses go through delay extensions ---===//
#include "DelayExtension.h"
#include "Reach.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;

namespace nmc::spinn {

int64_t onCoreMaxDelay(SliceOp slice) {
  if (auto bits = slice.getDelayBits())
    return (int64_t(1) << *bits) - 1;
  return INT64_MAX;
}

namespace {
/// A population's slices: first neurons and the index of the first slice.
struct Slices {
  std::vector<int64_t> lo;
  size_t first = 0;
  int64_t size = 0;
  size_t sliceOf(int64_t neuron) const {
    return first +
           (std::upper_bound(lo.begin(), lo.end(), neuron) - lo.begin() - 1);
  }
  int64_t hiOf(size_t k) const { return k + 1 < lo.size() ? lo[k + 1] : size; }
};

/// Stage of a synapse of delay d onto a core of maximum m, with S ticks per
/// stage (0: delivered directly).
int64_t stageOf(int64_t d, int64_t m, int64_t s) {
  return d <= m ? 0 : (d - m + s - 1) / s;
}
} // namespace

FailureOr<DelayPlan> planDelayExtensions(snn::GraphOp graph,
                                         ArrayRef<SliceRef> slices,
                                         StringRef pass) {
  llvm::StringMap<Slices> byName;
  for (size_t i = 0; i < slices.size(); ++i) {
    SliceRef s = slices[i];
    Slices &p = byName[s.population.getName()];
    if (p.lo.empty())
      p.first = i;
    p.lo.push_back(s.slice.getLo());
    p.size = s.population.getSize();
  }
  std::vector<int64_t> maxOf(slices.size());
  for (size_t i = 0; i < slices.size(); ++i)
    maxOf[i] = onCoreMaxDelay(slices[i].slice);

  // Every (source, target, delay range) the projections contain; visited
  // twice: once for the largest delays, once for the stages.
  struct Span {
    size_t from, to;
    int64_t lo, hi; // delays lo..hi (explicit synapse: lo == hi)
  };
  std::vector<Span> spans;
  for (auto projection : graph.getBodyBlock().getOps<ProjectionOp>()) {
    auto pre = byName.find(projection.getPre());
    auto post = byName.find(projection.getPost());
    if (pre == byName.end() || post == byName.end())
      return projection.emitError()
             << pass << ": projection '" << projection.getName()
             << "' names a population without slices";
    if (projection.getNPre() != pre->second.size ||
        projection.getNPost() != post->second.size)
      return projection.emitError()
             << pass << ": projection '" << projection.getName()
             << "': n_pre x n_post = " << projection.getNPre() << " x "
             << projection.getNPost() << " differs from the sizes of '"
             << PopulationOp(slices[pre->second.first].population).getName()
             << "' and '"
             << PopulationOp(slices[post->second.first].population).getName()
             << "'";
    const Slices &from = pre->second, &to = post->second;
    if (projection.isConnector()) {
      model::ConnectorSpec spec;
      (void)projection.getConnectorSpec(spec); // verified
      auto [lo, hi] = projection.getDelayRange();
      for (size_t a = 0; a < from.lo.size(); ++a)
        for (size_t b = 0; b < to.lo.size(); ++b)
          if (connectorReaches(spec, from.lo[a], from.hiOf(a), to.lo[b],
                               to.hiOf(b)))
            spans.push_back({from.first + a, to.first + b, lo, hi});
      continue;
    }
    auto indptr = projection.getIndptr()->getValues<int64_t>();
    auto indices = projection.getIndices()->getValues<int64_t>();
    std::vector<int64_t> delays(
        projection.getDelaySteps()->getValues<int64_t>().begin(),
        projection.getDelaySteps()->getValues<int64_t>().end());
    // One span per distinct (source slice, target slice, delay), not per
    // synapse: the plan's memory follows slices and delays.
    llvm::DenseSet<std::tuple<size_t, size_t, int64_t>> seen;
    for (int64_t n = 0; n < projection.getNPre(); ++n) {
      const size_t a = from.sliceOf(n);
      for (int64_t k = indptr[n]; k < indptr[n + 1]; ++k) {
        const int64_t d = delays.size() == 1 ? delays[0] : delays[k];
        const size_t b = to.sliceOf(indices[k]);
        if (seen.insert({a, b, d}).second)
          spans.push_back({a, b, d, d});
      }
    }
  }

  DelayPlan plan;
  plan.stageTicks.assign(slices.size(), 0);
  plan.stages.assign(slices.size(), 0);
  std::vector<llvm::DenseMap<size_t, DelayLink>> links(slices.size());
  for (const Span &s : spans) {
    DelayLink &l = links[s.from][s.to];
    l.target = s.to;
    l.maxDelay = std::max(l.maxDelay, s.hi);
    if (s.hi > maxOf[s.to]) {
      int64_t &ticks = plan.stageTicks[s.from];
      ticks = ticks == 0 ? maxOf[s.to] : std::min(ticks, maxOf[s.to]);
    }
  }
  for (const Span &s : spans) {
    DelayLink &l = links[s.from][s.to];
    const int64_t m = maxOf[s.to], ticks = plan.stageTicks[s.from];
    if (s.lo <= m)
      l.stages |= 1u;
    if (s.hi <= m)
      continue;
    const int64_t first = stageOf(std::max(s.lo, m + 1), m, ticks);
    const int64_t last = stageOf(s.hi, m, ticks);
    if (last > kMaxDelayStages) {
      SliceRef src = slices[s.from], dst = slices[s.to];
      return src.slice.emitError()
             << pass << ": slice [" << src.slice.getLo() << ", "
             << src.slice.getHi() << ") of population '"
             << src.population.getName() << "' needs " << last
             << " delay-extension stages of " << ticks
             << " ticks for a hardware delay of " << s.hi << " onto slice ["
             << dst.slice.getLo() << ", " << dst.slice.getHi()
             << ") of population '" << dst.population.getName()
             << "' (on-core maximum " << m << "); at most " << kMaxDelayStages
             << " (spinnaker.md §A.5)";
    }
    for (int64_t st = first; st <= last; ++st)
      l.stages |= 1u << st;
    plan.stages[s.from] = std::max(plan.stages[s.from], last);
  }
  plan.links.resize(slices.size());
  for (size_t i = 0; i < slices.size(); ++i) {
    for (auto &[target, link] : links[i])
      plan.links[i].push_back(link);
    llvm::sort(plan.links[i], [](const DelayLink &a, const DelayLink &b) {
      return a.target < b.target;
    });
  }
  return plan;
}

} // namespace nmc::spinn

//===- Runner.cpp - The step loop: inputs, node order, recording -------===//
#include "FusedKernelAvx512.h"
#include "NodeOps.h"
#include "RunSetup.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace nmc::engine::detail {
namespace {

/// The program's array in T: in place for double, converted for float.
template <class T>
const T *bindArray(const std::vector<double> &src, std::vector<T> &own) {
  if (src.empty())
    return nullptr;
  if constexpr (std::is_same_v<T, double>) {
    return src.data();
  } else {
    own.assign(src.begin(), src.end());
    return own.data();
  }
}

template <class T> class Runner {
public:
  Runner(const Program &program, const RunConfig &config)
      : program(program), config(config), state(program.nodes.size()) {}
  RunResult run();

private:
  void applyPlan();
  void allocate();
  void planFusion();
  void startSample(int64_t sample);
  void step(int64_t sample, int64_t t);
  void runInput(size_t k, int64_t t);
  const Signal<T> &input(size_t k);
  void record(Recorder &recorder, size_t k, int64_t t);
  void runExtNeuron(const NodeSpec &spec, NodeState<T> &st, size_t k);

  const Signal<T> &source(const image::InputEdge &e) const {
    const NodeState<T> &s = state[e.source];
    return e.delayed && program.nodes[e.source].doubleBuffered ? s.prev : s.cur;
  }

  const Program &program;
  const RunConfig &config;
  std::vector<NodeState<T>> state;
  std::vector<NodePlan> plan;
  Recorder *recorder = nullptr; ///< outputs of the current run
  std::vector<size_t> delayedSources;
  int64_t synapticEvents = 0, neuronUpdates = 0;
};

/// Copies the shared run plan (RunSetup.h) into the node states.
template <class T> void Runner<T>::applyPlan() {
  plan = planRun(program, config);
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    NodeState<T> &st = state[k];
    st.events = plan[k].events;
    st.source = plan[k].source;
    if (plan[k].initialV)
      st.initialV.assign(plan[k].initialV->begin(), plan[k].initialV->end());
    st.traced = plan[k].traced;
    st.spiking = plan[k].spiking;
  }
}

template <class T> void Runner<T>::allocate() {
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    const NodeSpec &spec = program.nodes[k];
    NodeState<T> &st = state[k];
    st.cur.init(spec.outSize);
    if (spec.doubleBuffered) {
      st.prev.init(spec.outSize);
      delayedSources.push_back(k);
    }
    // Neurons read two inputs directly (runNeuron); more need a sum, none
    // an input that stays zero (Input nodes are filled by their source).
    if ((spec.inputs.empty() && spec.kind != Kind::Input) ||
        spec.inputs.size() > (spec.kind == Kind::Neuron ? 2u : 1u)) {
      st.sum.init(spec.inSize);
      st.mark.assign(spec.inSize, 0);
    }
    st.weight = bindArray(spec.weight, st.ownWeight);
    st.bias = bindArray(spec.bias, st.ownBias);
    st.values = bindArray(spec.kind == Kind::SparseAffine ? spec.rowWeight
                                                          : spec.values,
                          st.ownValues);
    switch (spec.kind) {
    case Kind::Input:
      if (st.source)
        st.scratch.assign(spec.outSize, 0.0);
      break;
    case Kind::SumPool:
    case Kind::AvgPool:
      st.mark.assign(spec.outSize, 0);
      break;
    case Kind::Delay:
      st.ring.resize(spec.maxDelay + 1);
      break;
    case Kind::SparseAffine:
      st.trackTouched = !st.bias && !spec.doubleBuffered;
      st.touched.reserve(spec.inSize);
      break;
    case Kind::Neuron:
      for (int c = 0; c < kNumCoefs; ++c)
        st.coef.c[c] = bindArray(spec.coef[c], st.ownCoef[c]);
      // A non-spiking neuron starting from v = 0 keeps v in its output
      // buffer (out == v every step, and both start at zero).
      st.vMode = VState;
      if (!spec.spikingNeuron && st.initialV.empty())
        st.vMode = spec.doubleBuffered ? VFromIn : VInPlace;
      if (spec.spikingNeuron)
        st.spikeFn = selectSpikeLoop<T>(spec.uniformCoefs, spec.hasSyn,
                                        spec.resetSubtract);
      else
        st.neuronFn = selectNeuronLoop<T>(spec.uniformCoefs, spec.hasSyn, false,
                                          false, st.vMode);
      if (st.vMode == VState)
        st.v.assign(spec.outSize, T(0));
      if (spec.hasSyn)
        st.syn.assign(spec.outSize, T(0));
      if (spec.extended)
        st.ext.init(spec);
      break;
    default:
      break;
    }
  }
}

/// Deferred fusion. A non-spiking neuron L (no synapse, v from zero, not
/// traced) with one direct input from an affine/sparse_affine node S, and
/// whose output is read by nothing but one delayed edge into a spiking
/// neuron N, is only needed by N, one step late: at step t + 1, before S
/// runs again, S's output still holds acc(t), so N's loop computes
/// L(t) = aMem L(t-1) + cMemIn acc(t) + cMem0 (the non-spiking loop's
/// arithmetic) and stores it back in L's output, which held L(t-1). At step
/// 0, N reads L's zeroed output as before; L's last update is read by no one.
/// Applied when both of N's two inputs are such neurons (CUBA's LIF fed by
/// two LI synapse populations).
template <class T> void Runner<T>::planFusion() {
  const size_t count = program.nodes.size();
  std::vector<int> readers(count, 0);
  for (const NodeSpec &spec : program.nodes)
    for (const image::InputEdge &e : spec.inputs)
      ++readers[e.source];
  auto fusable = [&](size_t n, const image::InputEdge &e) {
    const size_t l = static_cast<size_t>(e.source);
    const NodeSpec &ls = program.nodes[l];
    const NodeState<T> &lst = state[l];
    if (!e.delayed || l == n || readers[l] != 1 || ls.kind != Kind::Neuron ||
        ls.spikingNeuron || ls.spiking || ls.hasSyn || ls.doubleBuffered ||
        ls.inputs.size() != 1 || ls.inputs[0].delayed || lst.traced ||
        !lst.initialV.empty() || lst.vMode != VInPlace ||
        ls.outSize != program.nodes[n].outSize)
      return false;
    const size_t src = static_cast<size_t>(ls.inputs[0].source);
    const NodeSpec &ss = program.nodes[src];
    // S must run after N (its output is still last step's when N runs) and
    // keep that output in `cur`.
    return (ss.kind == Kind::Affine || ss.kind == Kind::SparseAffine) &&
           src > n && src != l && !ss.doubleBuffered &&
           ss.outSize == ls.outSize;
  };
  for (size_t n = 0; n < count; ++n) {
    const NodeSpec &spec = program.nodes[n];
    if (spec.kind != Kind::Neuron || !spec.spikingNeuron || spec.extended ||
        spec.inputs.size() != 2)
      continue;
    const image::InputEdge &e0 = spec.inputs[0], &e1 = spec.inputs[1];
    if (e0.source == e1.source || !fusable(n, e0) || !fusable(n, e1))
      continue;
    const size_t l0 = e0.source, l1 = e1.source;
    if (program.nodes[l0].uniformCoefs != program.nodes[l1].uniformCoefs)
      continue;
    NodeState<T> &st = state[n];
    if constexpr (std::is_same_v<T, double>)
      if (spec.uniformCoefs && program.nodes[l0].uniformCoefs)
        st.fusedFn =
            selectFusedSpikeLoopUniformAvx512(spec.hasSyn, spec.resetSubtract);
    if (!st.fusedFn)
      st.fusedFn = selectFusedSpikeLoop<T>(spec.uniformCoefs, spec.hasSyn,
                                           spec.resetSubtract,
                                           program.nodes[l0].uniformCoefs);
    if (!st.fusedFn)
      continue;
    st.fuseL[0] = l0;
    st.fuseL[1] = l1;
    st.fuseS[0] = program.nodes[l0].inputs[0].source;
    st.fuseS[1] = program.nodes[l1].inputs[0].source;
    state[l0].fusedAway = state[l1].fusedAway = true;
  }
}

template <class T> void Runner<T>::startSample(int64_t sample) {
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    const NodeSpec &spec = program.nodes[k];
    NodeState<T> &st = state[k];
    for (Signal<T> *s : {&st.cur, &st.prev, &st.sum})
      if (s->size()) {
        std::fill(s->val.begin(), s->val.end(), T(0));
        s->count = 0;
        s->listed = true;
      }
    for (auto &slot : st.ring)
      slot.clear();
    st.touched.clear(); // cur was zeroed above
    st.touchedAll = !st.trackTouched;
    if (spec.kind == Kind::Neuron) {
      if (st.initialV.size() == 1)
        std::fill(st.v.begin(), st.v.end(), st.initialV[0]);
      else if (!st.initialV.empty())
        std::copy(st.initialV.begin(), st.initialV.end(), st.v.begin());
      else
        std::fill(st.v.begin(), st.v.end(), T(0));
      std::fill(st.syn.begin(), st.syn.end(), T(0));
      st.ext.reset();
    }
    if (spec.kind == Kind::Input) {
      if (st.source)
        st.source->begin(sample);
      st.cursor = 0;
      if (!st.events)
        continue;
      // A shared list is sorted once; per-sample lists each time.
      if (st.events->size() == 1 && sample > 0)
        continue;
      sortEvents(*st.events, sample, config.steps, st.sorted);
    }
  }
}

template <class T> void Runner<T>::runInput(size_t k, int64_t t) {
  NodeState<T> &st = state[k];
  Signal<T> &out = st.cur;
  const std::vector<Event> &ev = st.sorted;
  if (st.source) {
    fillSourceStep(*st.source, ev, st.cursor, t, st.scratch);
    out.beginDense();
    std::copy(st.scratch.begin(), st.scratch.end(), out.val.begin());
    out.listNonzeros();
    return;
  }
  out.beginSparse();
  // Events are sorted by (step, neuron): duplicates are adjacent.
  for (; st.cursor < ev.size() && ev[st.cursor].step == t; ++st.cursor) {
    int32_t i = static_cast<int32_t>(ev[st.cursor].neuron);
    if (out.count && out.idx[out.count - 1] == i) {
      out.val[i] += T(ev[st.cursor].value);
    } else {
      out.val[i] = T(ev[st.cursor].value);
      out.push(i);
    }
  }
}

/// The node's summed input. The sparse union adds from zero in edge order,
/// so it rounds exactly as the dense sum.
template <class T> const Signal<T> &Runner<T>::input(size_t k) {
  const std::vector<image::InputEdge> &edges = program.nodes[k].inputs;
  if (edges.size() == 1)
    return source(edges[0]);
  NodeState<T> &st = state[k];
  if (edges.empty())
    return st.sum; // all zero: nothing ever writes it
  Signal<T> &sum = st.sum;
  int64_t total = 0;
  bool listed = true;
  for (const image::InputEdge &e : edges) {
    listed &= source(e).listed;
    total += source(e).count;
  }
  if (listed && total * 8 <= sum.size()) {
    sum.beginSparse();
    for (const image::InputEdge &e : edges) {
      const Signal<T> &s = source(e);
      for (int64_t n = 0; n < s.count; ++n) {
        int32_t i = s.idx[n];
        if (!st.mark[i]) {
          st.mark[i] = 1;
          sum.push(i);
        }
        sum.val[i] += s.val[i];
      }
    }
    std::sort(sum.idx.begin(), sum.idx.begin() + sum.count);
    for (int64_t n = 0; n < sum.count; ++n)
      st.mark[sum.idx[n]] = 0;
    return sum;
  }
  sum.beginDense();
  T *__restrict o = sum.val.data();
  const Signal<T> &first = source(edges[0]);
  std::copy(first.val.begin(), first.val.end(), o);
  for (size_t e = 1; e < edges.size(); ++e) {
    const Signal<T> &s = source(edges[e]);
    if (s.sparse()) {
      for (int64_t n = 0; n < s.count; ++n)
        o[s.idx[n]] += s.val[s.idx[n]];
    } else {
      const T *__restrict x = s.val.data();
      for (int64_t i = 0; i < sum.size(); ++i)
        o[i] += x[i];
    }
  }
  return sum;
}

template <class T>
void Runner<T>::record(Recorder &recorder, size_t k, int64_t t) {
  NodeState<T> &st = state[k];
  if (st.spiking) {
    std::vector<Event> &events = recorder.buffer();
    const bool keep = recorder.active();
    int64_t n = 0;
    st.cur.forEachNonzero([&](int32_t i, T x) {
      ++n;
      if (keep)
        events.push_back({t, i, static_cast<double>(x)});
    });
    recorder.spikes(k, n);
  }
  if (!st.traced)
    return;
  recorder.trace(k, 0, t, st.cur.val);
  if (program.nodes[k].kind == Kind::Neuron) {
    recorder.trace(k, 1, t, st.vMode == VState ? st.v : st.cur.val);
    if (program.nodes[k].hasSyn)
      recorder.trace(k, 2, t, st.syn);
  }
}

/// A neuron with the nmc extensions: the scalar loop of ExtNeuron.h.
template <class T>
void Runner<T>::runExtNeuron(const NodeSpec &spec, NodeState<T> &st, size_t k) {
  const bool two = spec.inputs.size() == 2;
  const T *x0 = two ? source(spec.inputs[0]).val.data() : input(k).val.data();
  const T *x1 = two ? source(spec.inputs[1]).val.data() : nullptr;
  st.cur.beginSparse();
  model::NativeArith<T> ar;
  st.ext.step(ar, spec, x0, x1, st.syn.data(), st.v.data(),
              [&](int64_t i, T z) {
                st.cur.val[i] = z;
                st.cur.push(static_cast<int32_t>(i));
              });
  neuronUpdates += spec.outSize;
}

template <class T> void Runner<T>::step(int64_t sample, int64_t t) {
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    const NodeSpec &spec = program.nodes[k];
    NodeState<T> &st = state[k];
    switch (spec.kind) {
    case Kind::Input:
      runInput(k, t);
      break;
    case Kind::Output:
    case Kind::Flatten:
      st.cur.copyFrom(input(k));
      break;
    case Kind::Affine:
      runAffine(spec, st, input(k), synapticEvents);
      break;
    case Kind::SparseAffine:
      runSparse(spec, st, input(k), synapticEvents);
      break;
    case Kind::Scale:
      runScale(spec, st, input(k));
      break;
    case Kind::Conv:
      runConv(spec, st, input(k), synapticEvents);
      break;
    case Kind::SumPool:
    case Kind::AvgPool:
      runPool(spec, st, input(k));
      break;
    case Kind::Delay:
      runDelay(spec, st, input(k), t);
      break;
    case Kind::Threshold:
      runThreshold(spec, st, input(k));
      break;
    case Kind::Neuron:
      if (st.fusedAway) {
        // Updated next step by its reader; `cur` holds dense values then.
        st.cur.beginDense();
        neuronUpdates += spec.outSize;
        break;
      }
      if (spec.extended) {
        runExtNeuron(spec, st, k);
      } else if (st.fusedFn && t > 0) {
        FusedLI<T> f;
        for (int k = 0; k < 2; ++k) {
          NodeState<T> &l = state[st.fuseL[k]];
          f.l[k] = l.cur.val.data();
          f.acc[k] = state[st.fuseS[k]].cur.val.data();
          f.aMem[k] = l.coef.c[AMem];
          f.cMemIn[k] = l.coef.c[CMemIn];
          f.cMem0[k] = l.coef.c[CMem0];
        }
        st.cur.beginSparse();
        st.cur.count =
            st.fusedFn(st.coef, f, st.v.data(), st.syn.data(),
                       st.cur.val.data(), st.cur.idx.data(), spec.outSize);
        neuronUpdates += spec.outSize;
      } else if (spec.inputs.size() == 2)
        runNeuron(spec, st, source(spec.inputs[0]).val.data(),
                  source(spec.inputs[1]).val.data(), neuronUpdates);
      else
        runNeuron<T>(spec, st, input(k).val.data(), nullptr, neuronUpdates);
      break;
    }
    if (st.spiking || st.traced)
      record(*recorder, k, t);
  }
  // Delayed readers see this step's output during the next step.
  for (size_t k : delayedSources)
    std::swap(state[k].cur, state[k].prev);
}

template <class T> RunResult Runner<T>::run() {
  applyPlan();
  allocate();
  planFusion();
  RunResult result;
  Recorder rec(program, config, plan, result);
  recorder = &rec;
  runSamples(
      config, rec, [&](int64_t s) { startSample(s); },
      [&](int64_t s, int64_t t) { step(s, t); });
  result.synapticEvents = synapticEvents;
  result.neuronUpdates = neuronUpdates;
  return result;
}

} // namespace

template <class T>
RunResult runProgram(const Program &program, const RunConfig &config) {
  return Runner<T>(program, config).run();
}

template RunResult runProgram<float>(const Program &, const RunConfig &);
template RunResult runProgram<double>(const Program &, const RunConfig &);

} // namespace nmc::engine::detail

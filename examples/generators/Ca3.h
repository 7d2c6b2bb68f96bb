//===- Ca3.h - CA3 content-addressable memory (STDP) -----------*- C++ -*-===//
//
// The first SpiNNaker seed application of issue 14: the spike-based
// content-addressable memory of Casanueva-Morato et al., "Bio-inspired
// computational memory model of the Hippocampus: an approach to a
// neuromorphic spike-based Content-Addressable Memory", Neural Networks
// 178:106474 (2024) (../../shared/reference/spinnaker.md §C.5 (a)). Code:
// github dancasmor/An-aproach-to-a-spike-based-Content-Addressable-Memory-
// bio-inspired-in-the-Hippocampus, commit 08b415b; below "cfg" is its
// config/network_config.json, "mem" CA3_content_addressable.py (class
// Memory) and "test" test_CA3_content_addressable.py.
//
// Units: time in seconds, membrane in mV above v_rest = -60 mV (cfg
// "v_rest", "v_reset": both -60, so reset is 0), weights in nA.
//
// clang-format off
// Populations (mem create_population; cfg neuronParameters.<key>), all
// IF_curr_exp with tau_syn_E = tau_syn_I 0.3 ms, tau_refrac 1 ms,
// v_thresh -57 mV, v init -60 mV (cfg initNeuronParameters):
//   node           seed key             size      cm (nF)  tau_m (ms)
//   cue_cue        CA3cueCueRecallL     cue       0.27     3
//   cue_cont       CA3cueContRecallL    cue       0.14     0.5
//   cont_cue       CA3contCueRecallL    content   0.27     3
//   cont_cont      CA3contContRecallL   content   0.27     3
//   cont_cond      CA3contCondL         content   0.14     0.5
//   cont_cond_int  CA3contCondIntL      1         0.14     0.5
//   merge_cue      CA3mergeCueL         cue       0.27     3
//   merge_cont     CA3mergeContL        content   0.27     3
//   out            OLayer (test)        cue+cont  0.27     3, v_thresh -57.5
// plus the test's input layer ILayer as the Input `input` of cue + content
// channels (0..cue-1 the one-hot cue, then the content bits), as the seed's
// SpikeSourceArray.
//
// Projections (mem create_synapses / connect_in / connect_out; weight and
// delay from cfg synParameters.<key> initWeight/delay; receptor
// "inhibitory" = negative weight, tau_syn_I = tau_syn_E so that is exact):
//   input   -> cue_cue        1:1         +6  1 ms  IL-CA3cueCueRecallL
//   input   -> cont_cue       1:1         +6  1 ms  IL-CA3contCueRecallL
//   cue_cue -> cue_cont       1:1         +6  2 ms  CA3cueCueRecallL-CA3cueContRecallL
//   cue_cue -> cue_cont       all but i=j -6*content 3 ms  ...-inh (mem: x contSize)
//   cue_cue -> cont_cond      all         -6  2 ms  CA3cueCueRecallL-CA3contCondL
//   cont_cue -> cont_cond     1:1         +9  1 ms  CA3contCueRecallL-CA3contCondL
//   cont_cond -> cont_cont    1:1         +6  1 ms  CA3contCondL-CA3contContRecallL
//   cont_cue -> cont_cond_int all         +6  1 ms  CA3contCueRecallL-CA3contCondIntL
//   cont_cond_int -> cont_cond all        +2  1 ms  CA3contCondIntL-CA3contCondL
//   cue_cont -> cue_cont      all but i=j -6*content 2 ms  CA3cueContRecallL-CA3cueContRecallL
//   cue_cue -> merge_cue      1:1         +6  3 ms  CA3cueCueRecallL-CA3mergeCueL
//   cue_cont -> merge_cue     1:1         +6  1 ms  CA3cueContRecallL-CA3mergeCueL
//   cont_cue -> merge_cont    1:1         +6  3 ms  CA3contCueRecallL-CA3mergeContL
//   cont_cont -> merge_cont   1:1         +6  1 ms  CA3contContRecallL-CA3mergeContL
//   merge_cue -> out[0, cue)  1:1         +6  1 ms  CA3mergeCueL-OL
//   merge_cont -> out[cue, )  1:1         +6  1 ms  CA3mergeContL-OL
// and the two learning projections, all-to-all (self connections allowed),
// SpikePairRule + AdditiveWeightDependence: tau+ = tau- = 3 ms, A+ = A- = 6,
// w in [0, 6], w0 = 0, delay 1 ms (cfg CA3cueCueRecallL-CA3contCueRecallL and
// CA3contContRecallL-CA3cueContRecallL), as the nmc STDP extension
// (docs/nir-support.md; all_pair, additive, A+/A- absolute):
//   cue_cue -> learn_cue_to_cont -> cont_cue
//   cont_cont -> learn_cont_to_cue -> cue_cont
// clang-format on
// Every projection is one Linear node fed by a Delay node of its source
// (one Delay per source and delay), so each weight node has one pre and
// one post population as the spinnaker target requires.
//
// Where nmc lacks the seed's semantics, the closest exact equivalent:
// - IF_curr_exp on sPyNNaker at dt = 1 ms (spinnaker.md §A.4: exp synapse
//   I <- I*decay + w*init, init = (tau_syn/dt)(1 - exp(-dt/tau_syn)) from
//   sPyNNaker's get_exponential_decay_and_init; membrane closed form with the
//   step's I) adds (1 - a_m) R init w to v in the step a spike arrives and
//   d = exp(-dt/tau_syn) = 3.6 % of that in the next step (0.13 % after). An
//   nmc LIF with tau = tau_m, r = R init (R = tau_m / cm) and exact
//   integration adds exactly the first term and nothing later. A CubaLIF
//   with tau_syn 0.3 ms would be exact in continuous time, but with its
//   input held over the 1 ms step it moves 35 % of each spike's effect into
//   the next step, which changes the seed's gating coincidences; the LIF
//   only drops the 3.6 % tail. Run with --method exact (tau_m 0.5 ms < dt:
//   euler diverges) and the --dt the file was written for (init depends on
//   it).
// - tau_refrac 1 ms: nmc t_ref (metadata nmc/t_ref), one clamped step as
//   sPyNNaker's refractory counter.
// - The recurrent cue_cont -> cue_cont edge closes a cycle, which nmc reads
//   one step late (docs/semantics.md): its Delay node is 1 ms so that the
//   total is the seed's 2 ms.
// - sPyNNaker fires at v >= threshold, nmc at v > threshold: no input
//   combination of the seed lands exactly on a threshold.
//===----------------------------------------------------------------------===//
#ifndef NMC_EXAMPLES_GENERATORS_CA3_H
#define NMC_EXAMPLES_GENERATORS_CA3_H

#include "nmc/NIR/Graph.h"

#include <cstdint>
#include <string>

namespace nmc::netgen {

struct Ca3Options {
  int64_t cueSize = 5;   ///< cues (one-hot), test cueSize
  int64_t contSize = 10; ///< content bits, test contSize
  double dt = 1e-3;      ///< test timeStep 1.0 ms
};

/// The seed's steps (test timeStep 1 ms) and the sizes nmc gen accepts.
inline constexpr int64_t kCa3MaxSize = 4096;

/// The discrete gain r = R * init of a population (see the file comment):
/// mV of membrane per nA of weight, before the (1 - exp(-dt/tau_m)) factor.
double ca3Gain(double cmNf, double tauMs, double dt);

nir::Model makeCa3(const Ca3Options &options);

/// `step,neuron` CSV of the seed's experiment 1 (test, experiment == 1: learn,
/// recall by cue and by content, overwrite, recall again; 90 steps). Only for
/// cue 5 / content 10, the sizes it was written for.
void writeCa3SeedStimulus(const std::string &path, const Ca3Options &options);
inline constexpr int64_t kCa3SeedSteps = 90;

} // namespace nmc::netgen

#endif // NMC_EXAMPLES_GENERATORS_CA3_H

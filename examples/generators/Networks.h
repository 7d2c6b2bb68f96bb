//===- Networks.h - Benchmark networks written as NIR ----------*- C++ -*-===//
//
// The classic CUBA (Vogels & Abbott 2005) and Brunel (2000) networks, with
// the parameters of ../../shared/reference/spinnaker.md §C.1/§C.2, built as
// NIR models so that every nmc path (import, compile, run, targets) sees
// them like any exported network. Random connectivity takes a seed.
//===----------------------------------------------------------------------===//
#ifndef NMC_EXAMPLES_GENERATORS_NETWORKS_H
#define NMC_EXAMPLES_GENERATORS_NETWORKS_H

#include "nmc/NIR/Graph.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace nmc::netgen {

struct NetworkOptions {
  double scale = 1.0;           ///< neuron count relative to the paper network
  uint64_t seed = 1;            ///< connectivity seed
  double dt = 1e-4;             ///< step the synaptic gains are computed for
  std::string method = "exact"; ///< integration method gains are exact for
};

/// CUBA: 4000·scale LIF (80% E, 20% I), in-degree 80 (p = 0.02 at full
/// size), exponential currents as two LI nodes (tau_e 5 ms, tau_i 10 ms),
/// we = 1.62 mV, wi = −9 mV, El −49 mV, Vt −50 mV, Vr −60 mV. Time in
/// seconds, voltage in mV. No input node: the depolarising rest drives it.
nir::Model makeCuba(const NetworkOptions &options);

/// Brunel: NE = 10000·scale, NI = NE/4, connection probability 0.1, delta
/// synapses J = 0.1 mV / −5J, delay 1.5 ms, tau_m 20 ms, theta 20 mV,
/// V_reset 10 mV; an Input node of N channels meant for Poisson drive at
/// CE·nu_ext = 20 kHz per neuron (scaled by J in a Scale node).
nir::Model makeBrunel(const NetworkOptions &options);

/// Potjans & Diesmann (2014) microcircuit: 77,169·scale CubaLIF neurons in
/// eight populations, one nmc.Connector per population pair (fixed total
/// number with multapses, normal-clipped weights and delays), DC drive
/// equivalent to the Poisson background (spinnaker.md §C.3). Voltages in mV
/// above E_L = -65 mV; start the run with --init-v for the PD14 spread.
nir::Model makePd14(const NetworkOptions &options);

/// Issue 14's STDP benchmark (bench/engine/StdpBench.cpp's network as a
/// NIR file): 10^4·scale Poisson-driven inputs -> nmc.SparseAffine
/// (Bernoulli p = 0.01, weights U[0, 0.08)) -> LIF (tau 20 ms, a unit
/// input is a unit jump, threshold 1, reset 0) -> Output; `plastic` adds
/// additive all-pair STDP (tau +- 20 ms, A+ 0.001, A- 0.00105, w in
/// [0, 0.08]) to every synapse. Run it with --input poisson:10.
inline constexpr int64_t kStdpBenchNeurons = 10000;
inline constexpr double kStdpBenchP = 0.01, kStdpBenchWMax = 0.08;
nir::Model makeStdpBench(const NetworkOptions &options, bool plastic);

/// Input gain r that turns one unit of input in one step into a jump of one
/// unit of state for a leaky node with time constant tau (so weights are
/// jump sizes, as in Brian2's on_pre: v += w).
double unitJumpGain(double tau, const NetworkOptions &options);

/// The liquid of the zero-shot LSM (Lin et al., Nat. Comput. Sci. 2025;
/// ../../shared/reference/crossbar.md §1.2-1.3). Time is counted in steps.
struct LsmOptions {
  int64_t inputs = 256;         ///< Input channels (16x16 event frames)
  int64_t neurons = 200;        ///< LIF neurons in the liquid
  double weightScale = 0.07;    ///< w = weightScale * (g+ - g-), g in uS
  double sparsity = 0.5;        ///< fraction of devices left unformed (g = 0)
  double gMean = 14.2473;       ///< formed-device conductance mean, uS
  double gStd = 2.4624;         ///< formed-device conductance std, uS
  double decay = 0.9;           ///< membrane decay per step
  double threshold = 5.0;       ///< v_threshold
  uint64_t seed = 1;            ///< device-randomness seed
  double dt = 1.0;              ///< step the gains are computed for
  std::string method = "exact"; ///< integration method gains are exact for
};

/// One random "device" weight: weightScale * (g+ - g-), each of the two
/// conductances 0 with probability sparsity, else N(gMean, gStd) (clamped
/// at 0). Draws from `rng` in a fixed order (portable bits).
double deviceWeight(std::mt19937_64 &rng, const LsmOptions &options);

/// Input(inputs) -> Affine w_in -> LIF lif <-> Affine w_rec (recurrent, one
/// step later) -> Output. LIF: tau = -dt / ln(decay), r such that one unit
/// of input is one unit of v (v' = decay * v + W x), v_threshold =
/// threshold, reset to 0. All weights from deviceWeight; biases 0.
nir::Model makeLsm(const LsmOptions &options);

/// Motion detection by heterogeneous synaptic delays (issue 11's delay
/// example): `lines` lines of `pixels` inputs; per line one LIF detector
/// per speed (1..4 steps per pixel) and direction (8 kinds, detector
/// l * 8 + kind). Pixel k reaches detector (l, kind) through a Delay of
/// motionDelaySteps steps and weight 1/needed, so only a bar of that speed
/// and direction makes `needed` spikes arrive in one step. Delays reach
/// (pixels - 1) * 4 steps (60 at 16 pixels). Time in seconds.
inline constexpr int64_t kMotionKinds = 8;
struct MotionOptions {
  int64_t lines = 32;
  int64_t pixels = 16;
  int64_t needed = 10; ///< coincident inputs that reach the threshold
  double dt = 1e-3;    ///< SpiNNaker's 1 ms tick
  std::string method = "exact";
};
nir::Model makeMotion(const MotionOptions &options);
/// Delay in steps from pixel `pixel` to a detector of kind `kind`.
int64_t motionDelaySteps(const MotionOptions &o, int64_t kind, int64_t pixel);
/// The example's stimulus: line l carries a bar of kind l mod 8 entering at
/// step 2 + l mod 5 (input index l * pixels + pixel).
struct MotionEvent {
  int64_t step, neuron;
};
std::vector<MotionEvent> motionStimulus(const MotionOptions &o);
/// The step at which detector (l, l mod 8) sees the whole bar of line l
/// (the reference's step; the one detector per line that must fire).
int64_t motionDetectionStep(const MotionOptions &o, int64_t line);
/// Writes motionStimulus as an `nmc run --input` CSV (`step,neuron`).
void writeMotionStimulus(const std::string &path, const MotionOptions &o);
} // namespace nmc::netgen

#endif // NMC_EXAMPLES_GENERATORS_NETWORKS_H

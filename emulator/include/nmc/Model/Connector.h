//===- Connector.h - Procedural (PyNN-style) connectivity -------*- C++ -*-===//
//
// A connector describes a projection from `nPre` sources to `nPost` targets
// by a rule and a seed instead of a matrix: networks of the size users run
// on SpiNNaker (0.3 G synapses for the Potjans-Diesmann microcircuit) cannot
// be stored as dense or even explicit CSR matrices in a NIR file.
//
// The `snn.connector` op, the NIR extension node `nmc.Connector`, the
// reference engines (which expand a connector once) and the SpiNNaker
// backend (which expands it slice by slice while writing synaptic rows, as
// sPyNNaker's on-chip synapse expander does, spinnaker.md §A.5) all use this
// one definition, so they see the same synapses.
//
// Determinism contract: every random draw for the synapses *onto target i*
// comes from one counter-based stream keyed by (seed, i). Expanding any
// range of targets [postBegin, postEnd) therefore gives exactly the synapses
// that a whole expansion gives for those targets, in any order and on any
// machine. Within one target, synapses are produced in a fixed order
// (sources ascending for rule-driven draws; draw order for multapses), and
// each synapse's weight, then delay, is drawn right after its source
// (without replacement, the n distinct sources are drawn first, by Floyd's
// algorithm, then sorted, then each one's weight and delay drawn).
// FixedTotalNumber first splits n over the targets (a multinomial, drawn as
// successive binomials, or without replacement a multivariate
// hypergeometric, drawn as successive hypergeometrics, from one stream keyed
// by (seed, nPost)), which costs O(postEnd); a thread keeps the split of its
// last few connectors (up to 4 M targets each), so expanding one slice after
// another draws it once.
//
// Delay semantics: a synapse of delay d (seconds) acts as a NIR Delay node of
// d applied to its presynaptic spikes, followed by the weight. With the
// delays of every synapse equal to D the projection is exactly Delay(D) ->
// SparseAffine. After discretization a delay is round(d / dt) steps.
//===----------------------------------------------------------------------===//
#ifndef NMC_MODEL_CONNECTOR_H
#define NMC_MODEL_CONNECTOR_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nmc::model {

/// Which pairs (source j, target i) are connected.
enum class ConnectorRule {
  AllToAll,         ///< every pair (minus j == i unless allowSelf)
  OneToOne,         ///< j == i; needs nPre == nPost
  FixedProbability, ///< each pair independently with probability p
  FixedNumberPre,   ///< each target gets exactly n sources (fixed in-degree)
  FixedTotalNumber, ///< n synapses in all, targets drawn multinomially
};

/// How a weight or a delay is drawn for each synapse.
struct Distribution {
  enum class Kind {
    Constant,      ///< a
    Uniform,       ///< U[a, b)
    NormalClipped, ///< N(a = mean, b = sd) redrawn until in [low, high]
    Choice,        ///< uniformly one of `values`
  };
  Kind kind = Kind::Constant;
  double a = 0, b = 0;
  double low = 0, high = 0; ///< NormalClipped only
  std::vector<double> values; ///< Choice only
};

struct ConnectorSpec {
  ConnectorRule rule = ConnectorRule::AllToAll;
  int64_t nPre = 0, nPost = 0;
  double p = 0;        ///< FixedProbability
  int64_t n = 0;       ///< FixedNumberPre (per target), FixedTotalNumber
  bool allowSelf = true;     ///< j == i allowed (AllToAll, FixedProbability,
                             ///< FixedNumberPre, FixedTotalNumber)
  bool withReplacement = false; ///< multapses (FixedNumberPre/TotalNumber)
  Distribution weight;          ///< in the graph's weight units
  Distribution delay;           ///< seconds (Constant 0 = no delay)
  uint64_t seed = 0;
};

/// Synapses in CSR by source, restricted to targets [postBegin, postEnd):
/// source j's synapses are entries [indptr[j], indptr[j+1]). `delaySteps`
/// is empty when the spec's delay is the constant 0.
struct ExpandedConnector {
  std::vector<int64_t> indptr;   ///< nPre + 1 entries
  std::vector<int32_t> indices;  ///< target index (global, not slice-relative)
  std::vector<float> weights;
  std::vector<uint16_t> delaySteps;
};

/// Most synapses a connector may describe (2^36, 100x the full-scale
/// Potjans-Diesmann microcircuit); a bound on files, not on memory: an engine
/// that expands a whole connector at once checks its own budget.
constexpr int64_t kMaxSynapses = int64_t{1} << 36;
/// Most values of a Choice distribution.
constexpr size_t kMaxChoiceValues = size_t{1} << 20;
/// NormalClipped redraws until a value lands in [low, high]; that interval
/// must hold at least this fraction of the normal (<= 1000 draws on average).
constexpr double kMinClippedMass = 1e-3;

/// Checks a spec (sizes, p in [0,1], n within bounds for the rule and
/// replacement, finite distribution parameters, low <= high, sd >= 0,
/// non-empty Choice, delays >= 0, the expanded size fits int32/int64).
/// Returns an empty string if valid, else one sentence naming the field and
/// the value as given.
std::string validateConnector(const ConnectorSpec &spec);

/// Expected number of synapses (exact for every rule except
/// FixedProbability, where it is p * pairs).
double expectedSynapses(const ConnectorSpec &spec);

/// Expands the synapses onto targets [postBegin, postEnd) (see the
/// determinism contract above). `dt` converts delays to steps (round to
/// nearest); a delay above 65535 steps is an error. Returns an empty string
/// or an error sentence.
std::string expandConnector(const ConnectorSpec &spec, int64_t postBegin,
                            int64_t postEnd, double dt,
                            ExpandedConnector &out);

/// The flat parameter list the snn op and the NIR node store for a
/// distribution: constant [value], uniform [low, high], normal_clipped
/// [mean, sd, low, high] (low/high may be -inf/+inf), choice [v0, v1, ...].
std::vector<double> distributionParams(const Distribution &d);
/// The inverse of distributionParams; returns "" or a sentence naming
/// `what` ("weight", "delay") when the count does not fit the kind.
std::string makeDistribution(Distribution::Kind kind,
                             const std::vector<double> &params,
                             std::string_view what, Distribution &out);

/// Names used by the dialect, the NIR extension and the docs.
std::string_view toString(ConnectorRule rule);
std::optional<ConnectorRule> parseConnectorRule(std::string_view name);
std::string_view toString(Distribution::Kind kind);
std::optional<Distribution::Kind> parseDistributionKind(std::string_view name);

} // namespace nmc::model

#endif // NMC_MODEL_CONNECTOR_H

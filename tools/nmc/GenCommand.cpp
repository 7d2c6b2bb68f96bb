//===- GenCommand.cpp - nmc gen -------------------------------------------===//
#include "Ca3.h"
#include "Commands.h"
#include "Networks.h"
#include "Options.h"
#include "Spatial.h"

#include "nmc/NIR/ConnectorParams.h"
#include "nmc/NIR/NIRFile.h"

#include <fmt/core.h>

#include <cmath>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;

namespace nmc::driver {
namespace {

/// Splits "a,b,c" into its items (empty items are kept, so "a,,b" fails
/// later with a message naming the empty one).
std::vector<std::string> splitCommas(const std::string &s) {
  std::vector<std::string> items;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    items.push_back(item);
  return items;
}

/// --patterns: "all" or comma-separated integers in [0, 1023].
bool parsePatterns(const std::string &s, std::vector<int64_t> &out) {
  if (s == "all")
    return true;
  for (const std::string &item : splitCommas(s)) {
    size_t used = 0;
    int64_t p = -1;
    try {
      p = std::stoll(item, &used);
    } catch (const std::exception &) {
      return false;
    }
    if (used != item.size() || p < 0 || p >= netgen::kSpatialPatterns)
      return false;
    out.push_back(p);
  }
  return !out.empty();
}

} // namespace

int genCommand(const Args &args) {
  static const char *kNetworks =
      "NETWORK must be cuba, brunel, pd14, lsm, "
      "motion, spatial, spatial-test, ca3, stdp or stdp-static";
  std::string network, output;
  po::variables_map vm;
  netgen::NetworkOptions o;
  netgen::LsmOptions lsm;
  netgen::MotionOptions motion;
  netgen::SpatialOptions spatial;
  netgen::Ca3Options ca3;
  std::string stimulus, patterns, weights;
  bool uncompressed = false;
  po::options_description opts(
      "nmc gen NETWORK -o FILE.nir [options]\n\n"
      "Writes a benchmark network as a NIR file. NETWORK is\n"
      "  cuba    Vogels & Abbott (2005) 4000 LIF, exponential currents\n"
      "  brunel  Brunel (2000) 12,500 LIF, delta synapses, delay 1.5 ms;\n"
      "          run it with --input poisson:20000 (20 kHz per neuron)\n"
      "  pd14    Potjans & Diesmann (2014) cortical microcircuit, 77,169\n"
      "          CubaLIF in 8 populations, 0.3 G synapses at --scale 1, as\n"
      "          nmc.Connector nodes; DC drive, voltages in mV above -65 mV\n"
      "  lsm     zero-shot LSM liquid (Lin et al. 2025): 256 inputs -> 200\n"
      "          recurrent LIF, random device-conductance weights; time in\n"
      "          steps (--dt 1 unless given), run it with --dt 1\n"
      "  motion  motion detection by heterogeneous synaptic delays: --lines\n"
      "          lines of --pixels inputs, 8 LIF detectors per line (speed\n"
      "          1-4 steps/pixel x direction) fed through Delay nodes of\n"
      "          0..(pixels-1)*4 steps; --stimulus writes a test input\n"
      "          (--dt 1e-3 unless given)\n"
      "  spatial, spatial-test  the spatial-pattern STDP seed (Davies et\n"
      "          al. 2025), examples/spatial/spatial.py\n"
      "  ca3     the CA3 content-addressable memory (Casanueva-Morato et\n"
      "          al. 2024): 9 LIF populations, two STDP projections;\n"
      "          --stimulus writes the seed's experiment 1 (90 steps); run\n"
      "          with --dt 1e-3 --method exact (examples/ca3/README.md)\n"
      "  stdp, stdp-static  issue 14's STDP benchmark: 10,000 inputs ->\n"
      "          1 M sparse synapses (p = 0.01) with (stdp) or without\n"
      "          additive all-pair STDP -> 10,000 LIF; run it with --dt 1e-3\n"
      "          --input poisson:10 (bench/spinnaker.py stdp)\n"
      "Sparse connectivity uses the nmc.SparseAffine extension, pd14 the\n"
      "nmc.Connector one\n"
      "(docs/nir-support.md). Synaptic gains are exact for --dt/--method:\n"
      "run the file with the same values.\n\nOptions");
  opts.add_options()("help,h", "show this help")(
      "output,o", po::value(&output), "NIR file to write (required)")(
      "scale", po::value(&o.scale)->default_value(1.0),
      "neuron count relative to the published network")(
      "seed", po::value(&o.seed)->default_value(1),
      "connectivity seed")("dt", po::value(&o.dt)->default_value(1e-4, "1e-4"),
                           "time step in seconds the gains are computed for")(
      "method", po::value(&o.method)->default_value("exact"),
      "integration method the gains are computed for: euler | exact")(
      "uncompressed", po::bool_switch(&uncompressed),
      "write contiguous datasets instead of gzip")(
      "neurons", po::value(&lsm.neurons)->default_value(lsm.neurons),
      "lsm: liquid size")("inputs",
                          po::value(&lsm.inputs)->default_value(lsm.inputs),
                          "lsm: input channels")(
      "sparsity", po::value(&lsm.sparsity)->default_value(lsm.sparsity),
      "lsm: fraction of devices left unformed (g = 0), in [0, 1]")(
      "weight-scale",
      po::value(&lsm.weightScale)->default_value(lsm.weightScale),
      "lsm: w = scale * (g+ - g-), g in uS")(
      "lines", po::value(&motion.lines)->default_value(motion.lines),
      "motion: lines (8 detectors each)")(
      "pixels", po::value(&motion.pixels)->default_value(motion.pixels),
      "motion: inputs per line, in [2, 17] (delays up to (pixels-1)*4 "
      "steps)")("stimulus", po::value(&stimulus),
                "motion, spatial, spatial-test: also write the network's "
                "CSV input (motion: line l carries a bar of the kind of its "
                "detector l*8 + l%8, examples/motion/README.md)")(
      "pattern", po::value(&spatial.pattern)->default_value(spatial.pattern),
      "spatial: the training pattern, 10 bits as an integer in [0, 1023] "
      "(neuron 0 is the most significant bit)")(
      "patterns", po::value(&patterns)->default_value("all"),
      "spatial-test: the test samples --stimulus writes: comma-separated "
      "patterns, or all 1024")(
      "weights", po::value(&weights),
      "spatial-test: trained spatial networks (nmc run --save-weights), "
      "comma-separated; their learned weights are summed")(
      "factor", po::value(&spatial.factor)->default_value(1.0),
      "spatial-test: the homeostasis factor scaling the learned weights")(
      "cue-size", po::value(&ca3.cueSize)->default_value(ca3.cueSize),
      "ca3: number of cues (one-hot)")(
      "content-size", po::value(&ca3.contSize)->default_value(ca3.contSize),
      "ca3: content bits per memory");
  if (auto code = parseWithPositional(args, opts, "network", network, "gen",
                                      kNetworks, &vm))
    return *code;
  if (network != "cuba" && network != "brunel" && network != "pd14" &&
      network != "lsm" && network != "motion" && network != "spatial" &&
      network != "spatial-test" && network != "ca3" && network != "stdp" &&
      network != "stdp-static")
    return usageError("gen", kNetworks, opts);
  const bool isSpatial = network == "spatial" || network == "spatial-test";
  if (!stimulus.empty() && network != "motion" && !isSpatial &&
      network != "ca3")
    return usageError("gen",
                      "--stimulus is an option of motion, spatial, "
                      "spatial-test and ca3",
                      opts);
  if (output.empty())
    return usageError("gen", "missing -o FILE.nir", opts);
  if (!(o.scale > 0) || !(o.dt > 0))
    return usageError("gen", "--scale and --dt must be positive", opts);
  // Beyond 100x the published size (1.25 M neurons, 6 G synapses for
  // Brunel) the file could not be written on any machine nmc targets.
  if (o.scale > 100 || o.scale < 1e-3)
    return usageError("gen", "--scale must be in [0.001, 100]", opts);
  if (o.method != "euler" && o.method != "exact")
    return usageError("gen", "--method must be euler or exact", opts);

  if (network == "lsm") {
    if (lsm.neurons < 1 || lsm.inputs < 1 || lsm.neurons > 100000 ||
        lsm.inputs > 100000)
      return usageError("gen", "--neurons and --inputs must be in [1, 100000]",
                        opts);
    if (!vm["scale"].defaulted())
      return usageError("gen", "lsm takes --neurons/--inputs, not --scale",
                        opts);
    if (!(lsm.sparsity >= 0 && lsm.sparsity <= 1))
      return usageError("gen", "--sparsity must be in [0, 1]", opts);
    if (!std::isfinite(lsm.weightScale))
      return usageError("gen", "--weight-scale must be finite", opts);
    // The LSM counts time in steps: dt 1 unless the user says otherwise.
    lsm.dt = vm["dt"].defaulted() ? 1.0 : o.dt;
    lsm.seed = o.seed;
    lsm.method = o.method;
  }
  if (network == "motion") {
    // Delays of up to 4 * (pixels - 1) steps: 64 ticks at most (issue 11).
    if (motion.lines < 1 || motion.lines > 4096 || motion.pixels < 2 ||
        motion.pixels > 17)
      return usageError(
          "gen", "motion: --lines must be in [1, 4096], --pixels in [2, 17]",
          opts);
    if (!vm["scale"].defaulted())
      return usageError("gen", "motion takes --lines/--pixels, not --scale",
                        opts);
    motion.dt = vm["dt"].defaulted() ? 1e-3 : o.dt;
    motion.method = o.method;
  }
  if (isSpatial) {
    if (!vm["scale"].defaulted())
      return usageError("gen", network + " takes no --scale", opts);
    if (spatial.pattern < 0 || spatial.pattern >= netgen::kSpatialPatterns)
      return usageError("gen", "--pattern must be in [0, 1023]", opts);
    if (!parsePatterns(patterns, spatial.testPatterns))
      return usageError("gen",
                        "--patterns must be 'all' or comma-separated "
                        "integers in [0, 1023], got '" +
                            patterns + "'",
                        opts);
    if (!std::isfinite(spatial.factor) || spatial.factor < 0)
      return usageError("gen", "--factor must be finite and >= 0", opts);
    if (network == "spatial-test" && weights.empty())
      return usageError("gen", "spatial-test needs --weights FILE.nir[,...]",
                        opts);
    spatial.weightFiles = splitCommas(weights);
    spatial.dt = vm["dt"].defaulted() ? 1e-3 : o.dt;
    spatial.method = o.method;
  }
  if (network == "ca3") {
    if (!vm["scale"].defaulted())
      return usageError("gen",
                        "ca3 takes --cue-size/--content-size, not "
                        "--scale",
                        opts);
    if (ca3.cueSize < 1 || ca3.contSize < 1 ||
        ca3.cueSize > netgen::kCa3MaxSize || ca3.contSize > netgen::kCa3MaxSize)
      return usageError("gen",
                        "ca3: --cue-size and --content-size must be in [1, " +
                            std::to_string(netgen::kCa3MaxSize) + "]",
                        opts);
    // tau_m 0.5 ms < dt: only the exact solution is stable (Ca3.h).
    if (o.method != "exact")
      return usageError("gen", "ca3 is written for --method exact", opts);
    if (!stimulus.empty() && (ca3.cueSize != 5 || ca3.contSize != 10))
      return usageError("gen",
                        "ca3: --stimulus writes the seed's experiment 1, "
                        "which needs --cue-size 5 --content-size 10",
                        opts);
    ca3.dt = vm["dt"].defaulted() ? 1e-3 : o.dt;
  }
  nir::Model model =
      network == "ca3"            ? netgen::makeCa3(ca3)
      : network == "spatial"      ? netgen::makeSpatialTraining(spatial)
      : network == "spatial-test" ? netgen::makeSpatialTest(spatial)
      : network == "cuba"         ? netgen::makeCuba(o)
      : network == "brunel"       ? netgen::makeBrunel(o)
      : network == "pd14"         ? netgen::makePd14(o)
      : network == "motion"       ? netgen::makeMotion(motion)
      : network == "stdp"         ? netgen::makeStdpBench(o, true)
      : network == "stdp-static"  ? netgen::makeStdpBench(o, false)
                                  : netgen::makeLsm(lsm);
  if (!stimulus.empty() && network == "motion")
    netgen::writeMotionStimulus(stimulus, motion);
  if (!stimulus.empty() && network == "ca3")
    netgen::writeCa3SeedStimulus(stimulus, ca3);
  if (!stimulus.empty() && network == "spatial")
    netgen::writeSpatialTrainingStimulus(stimulus, spatial);
  if (!stimulus.empty() && network == "spatial-test")
    netgen::writeSpatialTestStimulus(stimulus, spatial);
  std::string error;
  nir::WriteOptions w;
  w.compress = !uncompressed;
  if (!nir::writeNIRFile(output, model, error, w)) {
    std::cerr << "nmc gen: error: " << error << "\n";
    return 1;
  }
  int64_t synapses = 0, neurons = 0;
  for (const nir::Node &node : model.graph.nodes) {
    if (node.type == "nmc.SparseAffine")
      synapses += node.params.at("weight").numElements();
    if (node.type == "Affine" || node.type == "Linear") // formed (non-zero)
      for (double w : node.params.at("weight").floats)
        synapses += w != 0.0;
    if (node.type == "nmc.Connector") { // expected count, never expanded
      model::ConnectorSpec spec;
      std::string key, why;
      if (nir::connectorFromParams(node.params, spec, key, why))
        synapses += std::llround(model::expectedSynapses(spec));
    }
    if (node.type == "LIF")
      neurons += node.params.at("tau").numElements();
    if (node.type == "CubaLIF")
      neurons += node.params.at("tau_mem").numElements();
  }
  fmt::print("wrote {}: {} network, {} neurons, {} synapses (seed {})\n",
             output, network, neurons, synapses, o.seed);
  return 0;
}

} // namespace nmc::driver

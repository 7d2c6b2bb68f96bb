//===- SfqTarget.cpp - The superconducting SFQ target (sfq) --------------===//
//
// compile: a module holding an sfq.circuit (written by hand, or written by
// `nmc compile --target sfq`) is taken as it is, legalized with
// sfq-legalize if it is a draft; an snn network is lowered (snn-lower, the
// float reference kept for the agreement figures), converted with
// convert-snn-to-sfq (bias mapping from the cell library, so compiler and
// emulator agree) and legalized. Either way the circuit becomes the
// emulator's netlist. write: the legal circuit as MLIR text (plus the
// lowered network as `@<name>_reference`), which `nmc run --target sfq`
// reads back. run: the pulse emulator, as a rate-coded network
// (NetworkSimulator.h) or pulse by pulse with --pulses (SfqPulseRun.cpp).
//===----------------------------------------------------------------------===//
#include "SfqTarget.h"
#include "Agreement.h"
#include "Commands.h"
#include "Frontend.h"

#include "nmc/Backends/SFQNetlistBuilder.h"
#include "nmc/Dialect/SFQ/SFQDialect.h"
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Pipelines/SFQPipeline.h"
#include "nmc/SFQ/Passes.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <boost/program_options.hpp>

#include <cmath>
#include <fstream>
#include <stdexcept>

namespace po = boost::program_options;

namespace nmc::driver {

SfqSettings &sfqSettings() {
  static SfqSettings settings;
  return settings;
}

sfq::CellLibrary commandLineCellLibrary() {
  const SfqSettings &s = sfqSettings();
  sfq::CellLibrary lib = s.cells.empty() ? sfq::defaultCellLibrary()
                                         : sfq::loadCellLibrary(s.cells);
  for (const std::string &setting : s.cellSet)
    sfq::applyCellSetting(lib, setting);
  sfq::validate(lib);
  return lib;
}

const SfqPayload &sfqPayload(const image::LoadedImage &loaded) {
  const auto *payload = loaded.as<SfqPayload>();
  if (!payload)
    throw std::runtime_error("image of format '" + loaded.header.format +
                             "' cannot run on the sfq emulator");
  return *payload;
}

namespace {

void addSfqOptions(po::options_description &opts) {
  SfqSettings &s = sfqSettings();
  opts.add_options()(
      "pulses", po::value(&s.pulses),
      "run: drive the circuit pulse by pulse from a CSV `wire,time_ps`; "
      "selects this target")(
      "pulses-out", po::value(&s.pulsesOut),
      "with --pulses: write the recorded pulses (CSV wire,time_ps) here "
      "instead of standard output")(
      "record-wires", po::value(&s.recordWires),
      "with --pulses: the wires to record, `all` or w1,w2,... (default: "
      "the primary outputs)")("strict", po::bool_switch(&s.strict),
                              "stop at the first timing violation (exit 1)")(
      "jitter", po::bool_switch(&s.jitter),
      "Gaussian firing-delay jitter (sigma = 0.2 d / 3, clamped to 20 %)")(
      "duration-ps", po::value(&s.durationPs),
      "with --pulses: simulate up to this time, in (0, 1e15] ps (default: "
      "until no pulse is left but at most 1e6 ps after the last input, or "
      "the last input + 16 clock periods)")(
      "cells", po::value(&s.cells),
      "cell library JSON applied on top of the built-in PyLSE library")(
      "cell-set", po::value(&s.cellSet)->composing(),
      "change one cell-library key, KEY=VALUE (e.g. jtl.delay_ps=3.5, "
      "synapse.i50_ma=0.31); repeatable")(
      "window-ps", po::value(&s.windowPs)->default_value(100),
      "network run: one time step is a window of this many ps")(
      "window-offset-ps", po::value(&s.windowOffsetPs)->default_value(0),
      "network run: start of the window of step 0, ps")(
      "input-stagger-ps", po::value(&s.staggerPs)->default_value(0),
      "network run: input wire j pulses j x this later in its window")(
      "bias-scale", po::value(&s.biasScale)->default_value(1),
      "multiply every synapse and neuron bias current by this (the "
      "global bias current of the seed paper's networks)")(
      "clock-period-ps", po::value(&s.periodPs)->default_value(50),
      "period of a clock sfq-legalize creates for clocked cells, ps")(
      "no-sfq-agreement", po::bool_switch(&s.noAgreement),
      "do not run the float reference next to the sfq network run");
}

void legalize(mlir::ModuleOp module, const std::string &source) {
  mlir::PassManager pm(module.getContext());
  SFQLegalizeOptions options;
  options.clockPeriodPs = sfqSettings().periodPs;
  populateSFQLegalizePipeline(pm, options);
  if (mlir::failed(pm.run(module)))
    throw ReportedError("cannot legalize the circuit of '" + source + "'");
}

/// Lowers the network of `module`, keeps the float reference, converts it
/// to a draft circuit and keeps a copy of the lowered graph beside it.
void convertNetwork(mlir::ModuleOp module, const CompileOptions &options,
                    const std::string &source, SfqPayload &payload) {
  mlir::PassManager lower(module.getContext());
  populateSNNLoweringPipeline(lower, options);
  if (mlir::failed(lower.run(module)))
    throw ReportedError("cannot compile '" + source + "'");
  payload.reference = buildImage(module, source);
  payload.reference.target = "reference";
  payload.hasReference = true;
  auto graphs = module.getOps<snn::GraphOp>();
  mlir::Operation *copy = (*graphs.begin())->clone();
  const auto name = copy->getAttrOfType<mlir::StringAttr>(
      mlir::SymbolTable::getSymbolAttrName());
  copy->setAttr(mlir::SymbolTable::getSymbolAttrName(),
                mlir::StringAttr::get(module.getContext(),
                                      name.getValue() + "_reference"));
  // Compiler and emulator use one bias mapping: the cell library's.
  const sfq::CellLibrary lib = commandLineCellLibrary();
  ConvertSNNToSFQOptions convert;
  convert.i50 = lib.cell(sfq::CellKind::Synapse).i50MA;
  convert.iWidth = lib.cell(sfq::CellKind::Synapse).iWidthMA;
  convert.n0 = lib.cell(sfq::CellKind::Neuron).n0;
  convert.iNominal = lib.cell(sfq::CellKind::Neuron).biasMA;
  mlir::PassManager pm(module.getContext());
  // SFQ synapses are cells: connectors become explicit sparse_affine first.
  pm.addNestedPass<snn::GraphOp>(createSNNExpandConnectors());
  pm.addPass(createConvertSNNToSFQ(convert));
  if (mlir::failed(pm.run(module))) {
    copy->destroy();
    throw ReportedError("cannot compile '" + source + "' for sfq");
  }
  module.getBody()->push_back(copy);
}

/// The circuit's primary inputs without the clock and the sfq.zero wires.
std::vector<sfq::Port> stimulusInputs(sfq::CircuitOp circuit,
                                      const sfq::Netlist &netlist) {
  std::vector<std::string> zeros;
  circuit.walk([&](sfq::ZeroOp zero) {
    zeros.push_back(sfq::getWireName(zero.getResult()));
  });
  std::vector<sfq::Port> out;
  for (const sfq::Port &p : netlist.inputs)
    if ((!netlist.clock || p.wire != *netlist.clock) &&
        std::find(zeros.begin(), zeros.end(), p.name) == zeros.end())
      out.push_back(p);
  return out;
}

/// Widens `nodes` to the reference's port sizes (inputs without a synapse
/// have no port but are part of the node).
void widen(std::vector<sfq::NodePorts> &nodes,
           const std::vector<image::Port> &reference) {
  for (sfq::NodePorts &n : nodes)
    for (const image::Port &p : reference)
      if (p.name == n.name && p.size > int64_t(n.wires.size()))
        n.wires.resize(p.size, sfq::kNoWire);
}

std::vector<image::Port> headerPorts(const std::vector<sfq::NodePorts> &nodes) {
  std::vector<image::Port> out;
  for (const sfq::NodePorts &n : nodes)
    out.push_back({n.name, int64_t(n.wires.size())});
  return out;
}

/// --bias-scale: every synapse and neuron bias (NaN: the library's
/// nominal one) times the scale.
void scaleBiases(sfq::Netlist &netlist) {
  const double scale = sfqSettings().biasScale;
  if (!(scale > 0))
    throw std::runtime_error("--bias-scale must be > 0");
  if (scale == 1)
    return;
  const sfq::CellLibrary lib = commandLineCellLibrary();
  for (sfq::Cell &c : netlist.cells)
    if (c.kind == sfq::CellKind::Synapse || c.kind == sfq::CellKind::Neuron)
      c.biasMA =
          scale * (std::isnan(c.biasMA) ? lib.cell(c.kind).biasMA : c.biasMA);
}

image::LoadedImage compileSfq(mlir::ModuleOp module,
                              const CompileOptions &options,
                              const std::string &source,
                              std::shared_ptr<const void>) {
  auto payload = std::make_shared<SfqPayload>();
  auto circuits = module.getOps<sfq::CircuitOp>();
  const size_t count = std::distance(circuits.begin(), circuits.end());
  if (count > 1)
    throw std::runtime_error("'" + source + "' holds " + std::to_string(count) +
                             " sfq circuits; nmc runs one per file");
  if (count == 0) {
    if (module.getOps<snn::GraphOp>().empty())
      throw std::runtime_error("'" + source +
                               "' holds neither an sfq.circuit nor an "
                               "snn.graph");
    convertNetwork(module, options, source, *payload);
  } else if (!module.getOps<snn::GraphOp>().empty()) {
    // A file nmc compile wrote: the circuit and the lowered reference.
    payload->reference = buildImage(module, source);
    payload->reference.target = "reference";
    payload->hasReference = true;
  }
  sfq::CircuitOp circuit = *module.getOps<sfq::CircuitOp>().begin();
  if (circuit.getDraft()) {
    if (count)
      llvm::errs() << source << ": note: circuit @" << circuit.getSymName()
                   << " is a draft; legalized with sfq-legalize\n";
    legalize(module, source);
  }
  mlir::FailureOr<sfq::Netlist> netlist = buildSFQNetlist(circuit);
  if (mlir::failed(netlist))
    throw ReportedError("cannot build the netlist of '" + source + "'");
  payload->netlist = std::move(*netlist);
  scaleBiases(payload->netlist);
  payload->inputs = sfq::groupPorts(stimulusInputs(circuit, payload->netlist));
  payload->outputs = sfq::groupPorts(payload->netlist.outputs);
  llvm::raw_string_ostream text(payload->moduleText);
  module.print(text);

  image::LoadedImage out;
  if (payload->hasReference) {
    out.header = image::makeHeader(payload->reference);
    widen(payload->inputs, out.header.inputs);
    widen(payload->outputs, out.header.outputs);
  } else {
    out.header.dt = sfqSettings().windowPs * 1e-12; // one step = one window
  }
  out.header.format = "nmc-sfq-circuit";
  out.header.version = 1;
  out.header.target = "sfq";
  out.header.source = source;
  out.header.inputs = headerPorts(payload->inputs);
  out.header.outputs = headerPorts(payload->outputs);
  out.payload = std::move(payload);
  return out;
}

void writeSfq(const image::LoadedImage &loaded, const std::string &path) {
  std::ofstream out(path);
  out << sfqPayload(loaded).moduleText;
  if (!out.flush())
    throw std::runtime_error("cannot write '" + path + "'");
}

std::unique_ptr<sim::Simulator>
makeSfqEngine(const image::LoadedImage &loaded) {
  const SfqPayload &p = sfqPayload(loaded);
  const SfqSettings &s = sfqSettings();
  sfq::NetworkRunOptions options;
  options.windowPs = s.windowPs;
  options.offsetPs = s.windowOffsetPs;
  options.staggerPs = s.staggerPs;
  options.dt = loaded.header.dt;
  options.emulator.strict = s.strict;
  options.emulator.jitter = s.jitter;
  options.title = loaded.header.source;
  std::unique_ptr<sim::Simulator> engine = sfq::makeNetworkSimulator(
      p.netlist, commandLineCellLibrary(), p.inputs, p.outputs, options);
  if (s.noAgreement || !p.hasReference)
    return engine;
  return withAgreement(std::move(engine),
                       std::make_shared<image::Image>(p.reference), "sfq",
                       /*rates=*/true);
}

void loadSfqDialects(mlir::MLIRContext &context) {
  context.loadDialect<sfq::SFQDialect>();
}

} // namespace

Target sfqTarget() {
  Target t{"sfq",
           "superconducting single-flux-quantum circuits: hand-written sfq "
           "circuits or rate-coded networks (stochastic synapses, SFQ "
           "neurons) emulated pulse by pulse; JJs, power, energy, max clock "
           "(--pulses FILE, --cells FILE, --cell-set KEY=VALUE)",
           "pulses",
           addSfqOptions,
           compileSfq,
           writeSfq,
           makeSfqEngine};
  t.loadDialects = loadSfqDialects;
  t.runOwn = runSfqPulses;
  return t;
}

} // namespace nmc::driver

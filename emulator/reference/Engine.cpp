//===- Engine.cpp - Public face of the reference engine -------------------===//
#include "nmc/Emulator/Engine.h"

#include "NodeState.h"
#include "PlainRunner.h"
#include "Program.h"

#include <chrono>

namespace nmc::engine {

const NodeResult *RunResult::find(std::string_view name) const {
  for (const NodeResult &n : nodes)
    if (n.name == name)
      return &n;
  return nullptr;
}

Engine::Engine(const image::Image &image)
    : program(
          std::make_unique<detail::Program>(detail::prepareProgram(image))) {}

Engine::~Engine() = default;
Engine::Engine(Engine &&) noexcept = default;
Engine &Engine::operator=(Engine &&) noexcept = default;

RunResult Engine::run(const RunConfig &config) const {
  auto start = std::chrono::steady_clock::now();
  // Fixed-point images have only the plain loop, weight hooks too, and so
  // have connectors whose synapses carry delays (the plain loop keeps a
  // ring of delay slots per such node; the fast loop has none yet), and so
  // have plastic nodes (STDP: the plain loop's PlasticNode updates them
  // event by event; the fast loop has no plasticity).
  RunResult result;
  if (program->fixed || config.engine == EngineKind::Plain ||
      config.weightHook || program->synapticDelays || program->plastic)
    result = detail::runPlain(*program, config);
  else if (config.float32)
    result = detail::runProgram<float>(*program, config);
  else
    result = detail::runProgram<double>(*program, config);
  result.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return result;
}

double Engine::dt() const { return program->dt; }

std::vector<sim::NodeInfo> Engine::nodes() const {
  std::vector<sim::NodeInfo> nodes;
  for (const detail::NodeSpec &n : program->nodes) {
    sim::NodeInfo info;
    info.name = n.name;
    info.kind = n.kindName;
    info.shape = n.outShape;
    info.size = n.outSize;
    nodes.push_back(std::move(info));
  }
  return nodes;
}

std::optional<ConvGeometry> Engine::geometry(std::string_view name) const {
  for (const detail::NodeSpec &n : program->nodes)
    if (n.name == name &&
        (n.kind == detail::Kind::Conv || n.kind == detail::Kind::SumPool ||
         n.kind == detail::Kind::AvgPool))
      return n.geom;
  return std::nullopt;
}

namespace {

class ReferenceSimulator : public sim::Simulator {
public:
  ReferenceSimulator(const image::Image &image, SimulatorOptions options)
      : engine(image), options(options) {}
  std::vector<sim::NodeInfo> nodes() const override { return engine.nodes(); }
  sim::RunStats run(const sim::RunConfig &common) override {
    RunConfig config;
    static_cast<sim::RunConfig &>(config) = common;
    config.float32 = options.float32;
    config.engine = options.engine;
    config.rounding = options.rounding;
    config.roundingSeed = options.roundingSeed;
    config.collect = false;
    RunResult result = engine.run(config);
    learned = std::move(result.learnedWeights);
    return result;
  }
  std::vector<sim::LearnedWeights> learnedWeights() const override {
    return learned;
  }

private:
  Engine engine;
  SimulatorOptions options;
  std::vector<sim::LearnedWeights> learned; ///< of the last run
};

} // namespace

std::unique_ptr<sim::Simulator> makeSimulator(const image::Image &image,
                                              const SimulatorOptions &options) {
  return std::make_unique<ReferenceSimulator>(image, options);
}

} // namespace nmc::engine

//===- Agreement.cpp - A hardware run next to the float reference --------===//
#include "Agreement.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Sim/Compare.h"
#include "nmc/Sim/Report.h"

#include <chrono>

namespace nmc::driver {
namespace {

class AgreementSimulator : public sim::Simulator {
public:
  AgreementSimulator(std::unique_ptr<sim::Simulator> target,
                     std::shared_ptr<const image::Image> reference,
                     std::string name)
      : target(std::move(target)), reference(std::move(reference)),
        name(std::move(name)) {}

  std::vector<sim::NodeInfo> nodes() const override { return target->nodes(); }

  sim::RunStats run(const sim::RunConfig &config) override {
    sim::RunRecordSink targetSpikes(name, kAgreementMaxSpikes);
    sim::SinkList tee;
    if (config.sink)
      tee.add(std::make_unique<sim::ForwardingSink>(*config.sink));
    tee.add(std::make_unique<sim::ForwardingSink>(targetSpikes));
    sim::RunConfig withTee = config;
    withTee.sink = &tee;
    sim::RunStats stats = target->run(withTee);

    // The float reference on the same inputs, outputs kept in memory only.
    sim::RunRecordSink referenceSpikes("reference", kAgreementMaxSpikes);
    sim::RunConfig plain = config;
    plain.sink = &referenceSpikes;
    plain.traceNodes.clear();
    plain.progress = nullptr;
    const auto start = std::chrono::steady_clock::now();
    engine::makeSimulator(*reference, {})->run(plain);
    referenceSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();

    section = sim::Section{"agreement", {}, {}};
    if (targetSpikes.overflowed() || referenceSpikes.overflowed()) {
      section.add("skipped", "more than " +
                                 std::to_string(kAgreementMaxSpikes) +
                                 " spikes; compare files with nmc compare");
      return stats;
    }
    // The first output node that produced a spike train in both runs.
    std::string output;
    for (const sim::NodeInfo &n : target->nodes())
      if (n.kind == "output" && output.empty() &&
          targetSpikes.record().nodes.count(n.name) &&
          referenceSpikes.record().nodes.count(n.name))
        output = n.name;
    sim::CompareOptions options;
    options.outputLayer = output;
    sim::Report cmp = sim::compareRuns(referenceSpikes.record(),
                                       targetSpikes.record(), options);
    const sim::Section *summary = cmp.find("summary");
    section.add("reference_wall", referenceSeconds, sim::Unit::Seconds,
                "float reference run on the same inputs");
    // nmc compare's totals, with A and B named.
    const std::pair<const char *, std::string> renamed[] = {
        {"both", "both"},
        {"only_a", "only_reference"},
        {"only_b", "only_" + name},
        {"agreement", "agreement"}};
    for (const auto &[key, as] : renamed)
      if (const sim::Value *v = summary->find(key))
        section.add(
            as, v->value, v->unit,
            as == "only_reference"
                ? "reference spikes the " + name + " run lacks"
            : as == "only_" + name ? name + " spikes the reference lacks"
            : as == "both" ? "spikes at the same (sample, step, neuron) in both"
                           : v->description);
    if (!output.empty()) {
      section.add("output_layer", output);
      if (const sim::Section *node = cmp.find("node " + output)) {
        if (const sim::Value *v = node->find("count_correlation"))
          section.add("output_count_correlation", v->value, v->unit,
                      v->description);
        if (const sim::Value *v = node->find("argmax_agreement"))
          section.add("output_argmax_agreement", v->value, v->unit,
                      v->description);
      }
    }
    return stats;
  }

  void addReport(sim::Report &report) const override {
    target->addReport(report);
    if (!section.name.empty())
      report.sections.push_back(section);
  }

private:
  std::unique_ptr<sim::Simulator> target;
  std::shared_ptr<const image::Image> reference;
  std::string name;
  sim::Section section;
  double referenceSeconds = 0;
};

} // namespace

std::unique_ptr<sim::Simulator>
withAgreement(std::unique_ptr<sim::Simulator> target,
              std::shared_ptr<const image::Image> reference, std::string name) {
  return std::make_unique<AgreementSimulator>(
      std::move(target), std::move(reference), std::move(name));
}

} // namespace nmc::driver

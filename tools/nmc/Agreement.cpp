//===- Agreement.cpp - A hardware run next to the float reference --------===//
#include "Agreement.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Sim/Compare.h"
#include "nmc/Sim/Report.h"

#include <chrono>
#include <cmath>

namespace nmc::driver {
namespace {

class AgreementSimulator : public sim::Simulator {
public:
  AgreementSimulator(std::unique_ptr<sim::Simulator> target,
                     std::shared_ptr<const image::Image> reference,
                     std::string name, bool rates, AgreementLabels labels,
                     WeightsInReferenceOrder targetWeights)
      : target(std::move(target)), reference(std::move(reference)),
        name(std::move(name)), rates(rates), labels(std::move(labels)),
        targetWeights(std::move(targetWeights)) {}

  std::vector<sim::NodeInfo> nodes() const override { return target->nodes(); }
  std::vector<sim::LearnedWeights> learnedWeights() const override {
    return target->learnedWeights();
  }

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
    std::unique_ptr<sim::Simulator> ref = engine::makeSimulator(*reference, {});
    ref->run(plain);
    referenceSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();

    section = sim::Section{labels.section, {}, {}};
    addWeights(ref->learnedWeights());
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
                labels.reference + " run on the same inputs");
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
      if (rates)
        addRates(output, referenceSpikes.record(), targetSpikes.record(),
                 double(config.steps * config.batch) * stats.dt);
    }
    return stats;
  }

  void addReport(sim::Report &report) const override {
    target->addReport(report);
    if (!section.name.empty())
      report.sections.push_back(section);
  }

private:
  /// Learned weights of both runs, node by node (none: nothing added).
  void addWeights(const std::vector<sim::LearnedWeights> &ref) {
    if (ref.empty())
      return;
    const std::vector<sim::LearnedWeights> got =
        targetWeights ? targetWeights() : target->learnedWeights();
    int64_t compared = 0, equal = 0;
    double maxDiff = 0;
    for (const sim::LearnedWeights &r : ref)
      for (const sim::LearnedWeights &g : got)
        if (g.node == r.node && g.weights.size() == r.weights.size())
          for (size_t k = 0; k < r.weights.size(); ++k) {
            ++compared;
            equal += g.weights[k] == r.weights[k];
            maxDiff = std::max(maxDiff, std::abs(g.weights[k] - r.weights[k]));
          }
    section.add("weights_compared", compared, sim::Unit::Count,
                "learned weights of plastic nodes in both runs");
    section.add("weights_equal", equal, sim::Unit::Count,
                "bit for bit equal to the reference's");
    section.add("weights_max_abs_diff", maxDiff, sim::Unit::None,
                "largest |weight - reference weight|, weight unit");
  }

  /// Per-neuron spike rates of `output` in both runs (spikes per step /
  /// dt), their mean absolute difference and correlation.
  void addRates(const std::string &output, const sim::RunRecord &ref,
                const sim::RunRecord &got, double seconds) {
    int64_t size = 0;
    for (const sim::NodeInfo &n : target->nodes())
      if (n.name == output)
        size = n.size;
    if (size <= 0 || !(seconds > 0))
      return;
    auto ratesOf = [&](const sim::RunRecord &run) {
      std::vector<double> r(size, 0.0);
      for (const sim::Spike &s : run.nodes.at(output).spikes)
        if (s.neuron >= 0 && s.neuron < size)
          r[s.neuron] += 1.0 / seconds;
      return r;
    };
    const std::vector<double> a = ratesOf(ref), b = ratesOf(got);
    sim::Table table{"output rates",
                     {{"neuron"},
                      {"reference", sim::Unit::Hertz},
                      {name, sim::Unit::Hertz},
                      {"abs_error", sim::Unit::Hertz}},
                     {}};
    double mae = 0;
    for (int64_t k = 0; k < size; ++k) {
      mae += std::abs(a[k] - b[k]) / double(size);
      table.rows.push_back({k, a[k], b[k], std::abs(a[k] - b[k])});
    }
    section.add("output_rate_mae", mae, sim::Unit::Hertz,
                "mean over output neurons of |rate - reference rate|");
    section.add("output_rate_correlation", sim::correlation(a, b),
                sim::Unit::None,
                "Pearson correlation of the per-neuron output rates");
    section.tables.push_back(std::move(table));
  }

  std::unique_ptr<sim::Simulator> target;
  std::shared_ptr<const image::Image> reference;
  std::string name;
  bool rates;
  AgreementLabels labels;
  WeightsInReferenceOrder targetWeights;
  sim::Section section;
  double referenceSeconds = 0;
};

} // namespace

std::unique_ptr<sim::Simulator>
withAgreement(std::unique_ptr<sim::Simulator> target,
              std::shared_ptr<const image::Image> reference, std::string name,
              bool rates, AgreementLabels labels,
              WeightsInReferenceOrder targetWeights) {
  return std::make_unique<AgreementSimulator>(
      std::move(target), std::move(reference), std::move(name), rates,
      std::move(labels), std::move(targetWeights));
}

} // namespace nmc::driver

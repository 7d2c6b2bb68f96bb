//===- Agreement.h - A hardware run next to the float reference -*- C++ -*-===//
//
// Hardware targets report how far their run is from the float reference
// (issue "xbar": "agreement with the float reference (nmc compare
// figures)"). withAgreement wraps a target's engine: after the target's run
// it runs the float reference engine on the same inputs, keeps both runs'
// spikes in memory (up to a cap) and adds an "agreement" section to the run
// summary with the numbers of `nmc compare` (docs/user-guide.md).
//===----------------------------------------------------------------------===//
#ifndef NMC_TOOLS_NMC_AGREEMENT_H
#define NMC_TOOLS_NMC_AGREEMENT_H

#include "nmc/Emulator/Image.h"
#include "nmc/Sim/Simulator.h"

#include <functional>
#include <memory>
#include <string>

namespace nmc::driver {

/// Spikes kept per run for the comparison; beyond this the section says
/// the run was too long to compare in memory (use nmc compare on files).
inline constexpr int64_t kAgreementMaxSpikes = 20'000'000;

/// The section's name and how the reference run is described.
struct AgreementLabels {
  std::string section = "agreement";
  std::string reference = "float reference";
};

/// The target's learned weights in the order the reference engine reports
/// them (default: the target's learnedWeights()).
using WeightsInReferenceOrder =
    std::function<std::vector<sim::LearnedWeights>()>;

/// `target` run, then `reference` (a float reference image) on the same
/// configuration; `name` names the target in the report. With `rates`
/// (rate-coded targets, whose spikes cannot match step by step) the
/// section also compares the output layer's per-neuron spike rates: a
/// table of both rates, their mean absolute difference and correlation.
/// When the reference learns (plastic nodes), the section compares the
/// learned weights too. The wrapper forwards learnedWeights() to `target`.
std::unique_ptr<sim::Simulator>
withAgreement(std::unique_ptr<sim::Simulator> target,
              std::shared_ptr<const image::Image> reference, std::string name,
              bool rates = false, AgreementLabels labels = {},
              WeightsInReferenceOrder targetWeights = nullptr);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_AGREEMENT_H

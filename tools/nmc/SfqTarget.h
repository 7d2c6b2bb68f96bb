//===- SfqTarget.h - The sfq target's settings and payload ------*- C++ -*-===//
//
// Shared by SfqTarget.cpp (compile, engine) and SfqPulseRun.cpp (`nmc run
// --target sfq CIRCUIT --pulses IN.csv`). docs/targets/sfq.md, "Running
// circuits and networks", documents every option.
//===----------------------------------------------------------------------===//
#ifndef NMC_TOOLS_NMC_SFQTARGET_H
#define NMC_TOOLS_NMC_SFQTARGET_H

#include "Targets.h"

#include "nmc/Emulator/Image.h"
#include "nmc/Image/OpenImage.h"
#include "nmc/Target/SFQ/CellLibrary.h"
#include "nmc/Target/SFQ/NetworkSimulator.h"

#include <optional>
#include <string>
#include <vector>

namespace nmc::driver {

struct SfqSettings {
  std::string cells;                ///< --cells FILE.json
  std::vector<std::string> cellSet; ///< --cell-set KEY=VALUE
  std::string pulses, pulsesOut;    ///< --pulses, --pulses-out
  std::string recordWires;          ///< --record-wires all|w1,w2
  bool strict = false, jitter = false, noAgreement = false;
  double durationPs = -1;    ///< --duration-ps (< 0: automatic)
  double windowPs = 100;     ///< --window-ps [assumed]
  double windowOffsetPs = 0; ///< --window-offset-ps
  double staggerPs = 0;      ///< --input-stagger-ps
  double biasScale = 1;      ///< --bias-scale
  double periodPs = 50;      ///< --clock-period-ps (sfq-legalize)
};
SfqSettings &sfqSettings();

/// The cell library of the command line: the built-in one, --cells on top,
/// then every --cell-set; validated.
sfq::CellLibrary commandLineCellLibrary();

/// What compile makes of a circuit file or a network.
struct SfqPayload : image::Payload {
  sfq::Netlist netlist;
  std::vector<sfq::NodePorts> inputs, outputs; ///< ports as nodes
  std::string moduleText; ///< the legal circuit (+ reference graph), MLIR
  bool hasReference = false;
  image::Image reference; ///< the lowered float network, if any
};

const SfqPayload &sfqPayload(const image::LoadedImage &loaded);

/// `nmc run --pulses`: see SfqPulseRun.cpp.
std::optional<int> runSfqPulses(const std::string &input,
                                const boost::program_options::variables_map &vm,
                                const SNNLoweringOptions &options);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_SFQTARGET_H

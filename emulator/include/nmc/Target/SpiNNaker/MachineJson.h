//===- MachineJson.h - SpiNNaker machine presets and JSON form --*- C++ -*-===//
//
// A Machine comes from a preset name or a JSON file, either a preset plus the
// fields it changes ({"preset": "spin5", "chip": {"cores": 17}}) or a full
// description (what toJson writes). Keys are the dotted field paths listed
// in docs/targets/spinnaker.md ("geometry.width", "chip.dtcm_bytes", ...).
// Nothing here throws: every function that can fail returns an error string
// naming the file (or flag) and the key, so MLIR passes built without
// exceptions can call it.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SPINNAKER_MACHINEJSON_H
#define NMC_TARGET_SPINNAKER_MACHINEJSON_H

#include "nmc/Target/SpiNNaker/Machine.h"

#include <optional>
#include <string>
#include <vector>

namespace nmc::spinn {

/// A machine, or why there is none.
struct MachineOrError {
  std::optional<Machine> machine;
  std::string error;
  explicit operator bool() const { return machine.has_value(); }
};

/// "spin3", "spin5", "spin5:WxH" (W x H triads of three boards: a torus of
/// 12W x 12H chips, SpiNNMachine spinnaker_triad_geometry.py), "spin2".
std::vector<std::string> presetNames();

/// The preset `name` (validated).
MachineOrError preset(const std::string &name);

/// A preset name, or a JSON file (name ending in .json).
MachineOrError loadMachine(const std::string &presetOrFile);

/// Reads JSON text; `origin` names it in errors. With "preset" the fields
/// override that preset, otherwise they override the defaults (spin5).
MachineOrError machineFromJson(const std::string &text,
                               const std::string &origin);

/// Applies JSON text over `m` (a "preset" key is an error here); returns
/// the error, empty on success. `m` is validated afterwards.
std::string applyJson(Machine &m, const std::string &text,
                      const std::string &origin);

/// Applies one "key=value" setting (e.g. "chip.monitor_cores=1").
std::string applySetting(Machine &m, const std::string &setting);

/// Every field as JSON, stable key order; machineFromJson reads it back to
/// an equal Machine.
std::string toJson(const Machine &m);

/// Empty when consistent, else "<key>: <why>".
std::string validate(const Machine &m);

} // namespace nmc::spinn

#endif // NMC_TARGET_SPINNAKER_MACHINEJSON_H

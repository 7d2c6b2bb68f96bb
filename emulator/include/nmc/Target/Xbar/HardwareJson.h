//===- HardwareJson.h - Crossbar hardware presets and JSON form -*- C++ -*-===//
//
// A Hardware comes from a named preset or a JSON file (a preset plus the
// fields it changes), then `key=value` settings from the command line
// (--hw-set adc.bits=6). Keys are the dotted field paths of Hardware.h
// ("tile.rows", "adc.range", "effects.read_noise", ...), listed with their
// meaning in docs/targets/xbar.md. Unknown keys, wrong types and values out
// of range throw std::runtime_error naming the file or flag and the key.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_HARDWAREJSON_H
#define NMC_TARGET_XBAR_HARDWAREJSON_H

#include "nmc/Target/Xbar/Hardware.h"

#include <string>
#include <vector>

namespace nmc::xbar {

/// Preset names: "rram-256" (default), "rram40nm-512".
std::vector<std::string> presetNames();

/// The preset `name`; throws listing the presets if there is none.
Hardware preset(const std::string &name);

/// A preset name, or a JSON file: {"preset": "rram-256", "adc": {...}, ...}
/// whose fields override the preset's (default preset: rram-256).
Hardware loadHardware(const std::string &presetOrFile);

/// Applies JSON text (as in a file, without needing "preset"); `origin`
/// names it in errors.
void applyJson(Hardware &hw, const std::string &text,
               const std::string &origin);

/// Applies one "key=value" setting, e.g. "adc.bits=6".
void applySetting(Hardware &hw, const std::string &setting);

/// The whole description as JSON (every field; stable key order), which
/// applyJson reads back to an equal Hardware.
std::string toJson(const Hardware &hw);

/// Checks the description is consistent (positive sizes, gMin < gMax,
/// levels >= 2, offset scheme with one slice, ...); throws naming the key.
void validate(const Hardware &hw);

/// Keys that change the mapping (tile size, levels, sign, slices, clip,
/// mesh, number format): an image fixes them at compile time.
bool isCompileTimeKey(const std::string &key);

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_HARDWAREJSON_H

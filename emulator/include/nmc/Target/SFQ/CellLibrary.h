//===- CellLibrary.h - SFQ cells as data ------------------------*- C++ -*-===//
//
// Every cell kind of Netlist.h described as a finite transition system in
// PyLSE's pulse-transfer semantics (../shared/reference/sfq.md §2.1): named
// states, and transitions (state, trigger input) -> (state, outputs fired
// after the firing delay, busy window, setup constraints, priority for
// simultaneous inputs), plus the physical numbers (JJ count, bias current,
// sum of critical currents). The built-in default is the JSON file
// emulator/sfq/cells/pylse.json, compiled into the library; a run can load
// another file (same form, applied on top of the default) and override
// single values with key=value settings. Every key is documented in
// docs/targets/sfq.md, "Cell library and pulse-level emulator".
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_CELLLIBRARY_H
#define NMC_TARGET_SFQ_CELLLIBRARY_H

#include "nmc/Target/SFQ/Netlist.h"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nmc::sfq {

/// A duration in a transition: a number of ps, or the name of one of the
/// cell's timing parameters ("delay_ps", "setup_ps", "hold_ps", "busy_ps"),
/// so that overriding e.g. `and.setup_ps` moves every constraint using it.
struct TimeRef {
  double ps = 0;
  std::string param; ///< empty: `ps` is the value
};

/// What decides whether a transition that lists outputs really fires.
enum class Gate : uint8_t {
  None,       ///< always fires its outputs
  Stochastic, ///< fires with the synapse's p(bias) (BiasModels.h)
  CountUp,    ///< neuron store n += 1; fires and resets when n reaches N(bias)
  CountDown,  ///< neuron store n = max(n - 1, 0); never fires
};

struct Transition {
  std::string from, input, to;   ///< state, trigger input port, next state
  std::vector<std::string> fire; ///< output ports pulsed after the delay
  TimeRef busy;                  ///< transition time: inputs inside violate
  /// Past constraints: (input port, t): a violation if that input was last
  /// seen less than t before this transition (setup time).
  std::vector<std::pair<std::string, TimeRef>> setup;
  std::optional<TimeRef> delay; ///< firing delay; none = the cell's delay_ps
  int priority = 0;             ///< simultaneous inputs: lower goes first
  Gate gate = Gate::None;
  /// Critical current of the JJs that switch in this transition, mA (energy
  /// = this x Phi0); none = sum_ic_ma if it lists outputs, half otherwise.
  std::optional<double> switchIcMA;
};

struct CellType {
  int jjs = 0;
  double biasMA = 0;  ///< bias current; the nominal one for synapse/neuron
  double sumIcMA = 0; ///< sum of the JJs' critical currents
  double delayPs = 0, setupPs = 0, holdPs = 0, busyPs = 0;
  double i50MA = 0, iWidthMA = 0;  ///< synapse only (BiasModels.h)
  double n0 = 0, leakPs = 0;       ///< neuron only; leakPs 0 = no leak
  std::vector<std::string> states; ///< states[0] is the initial state
  std::vector<Transition> transitions;
};

struct CellLibrary {
  std::string name;
  /// Supply voltage of the resistive bias network: static power = total
  /// bias current x this.
  double biasVoltageMV = 0;
  std::array<CellType, kCellKinds> cells;

  const CellType &cell(CellKind kind) const {
    return cells[static_cast<int>(kind)];
  }
  CellType &cell(CellKind kind) { return cells[static_cast<int>(kind)]; }
};

/// The built-in library (cells/pylse.json), validated.
const CellLibrary &defaultCellLibrary();

/// `path` (a JSON file) applied on top of the default library, validated;
/// errors name the file and the key.
CellLibrary loadCellLibrary(const std::string &path);

/// Applies a JSON document (keys as in the file) to `lib`; `origin` names
/// the source in errors. Does not validate.
void applyCellLibraryJson(CellLibrary &lib, const std::string &text,
                          const std::string &origin);

/// Applies one `key=value` setting, e.g. `jtl.delay_ps=3.5`,
/// `synapse.i50_ma=0.31`, `bias_voltage_mv=2.6`; the value is JSON (a
/// number, or an array for `<cell>.transitions`). Does not validate.
void applyCellSetting(CellLibrary &lib, const std::string &setting);

/// The library as JSON (the form applyCellLibraryJson reads).
std::string toJson(const CellLibrary &lib);

/// Throws std::runtime_error naming the first bad key (negative times,
/// unknown states or ports, a (state, input) pair with no or two
/// transitions, a gate on the wrong cell kind, ...).
void validate(const CellLibrary &lib);

/// The value of `ref` for cell `type` in ps.
double resolvePs(const CellType &type, const TimeRef &ref);

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_CELLLIBRARY_H

//===- MachineOption.cpp - The machine the spinn passes share ------------===//
#include "MachineOption.h"

#include "nmc/Target/SpiNNaker/MachineJson.h"

using namespace mlir;

namespace nmc::spinn {

namespace {
/// toJson's text without the layout whitespace (outside strings), so the
/// attribute prints on one line.
std::string compactJson(const std::string &json) {
  std::string out;
  bool inString = false, escaped = false;
  for (char c : json) {
    if (inString) {
      inString = escaped || c != '"';
      escaped = !escaped && c == '\\';
    } else if (c == '"') {
      inString = true;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      continue;
    }
    out += c;
  }
  return out;
}
} // namespace

FailureOr<MappingOp> getMapping(snn::GraphOp graph, StringRef pass) {
  auto mappings = graph.getBodyBlock().getOps<MappingOp>();
  if (mappings.empty())
    return graph.emitError()
           << pass << ": graph '" << graph.getSymName()
           << "' has no spinn.mapping; run convert-snn-to-spinn first";
  return *mappings.begin();
}

FailureOr<Machine> resolveMachine(MappingOp mapping, StringRef option,
                                  StringRef pass) {
  std::optional<Machine> recorded;
  if (StringAttr json = mapping.getMachineAttr()) {
    MachineOrError r =
        machineFromJson(json.getValue().str(), "spinn.mapping machine");
    if (!r)
      return mapping.emitError()
             << pass << ": the machine recorded on spinn.mapping is invalid: "
             << r.error;
    recorded = std::move(*r.machine);
  }
  if (option.empty() && recorded)
    return *recorded;
  const std::string name = option.empty() ? "spin5" : option.str();
  MachineOrError chosen = loadMachine(name);
  if (!chosen)
    return mapping.emitError()
           << pass << ": option machine=" << name << ": " << chosen.error;
  if (recorded) {
    // The same machine may come from a preset or from its JSON file.
    Machine a = *recorded;
    a.name = chosen.machine->name;
    if (a != *chosen.machine)
      return mapping.emitError()
             << pass << ": option machine=" << name
             << " differs from the machine '" << recorded->name
             << "' an earlier pass recorded on spinn.mapping";
    return *recorded;
  }
  mapping.setMachineAttr(StringAttr::get(mapping.getContext(),
                                         compactJson(toJson(*chosen.machine))));
  return *chosen.machine;
}

SmallVector<SliceRef> collectSlices(MappingOp mapping) {
  SmallVector<SliceRef> slices;
  int64_t index = 0;
  for (PopulationOp pop : mapping.getBodyBlock().getOps<PopulationOp>()) {
    for (SliceOp slice : pop.getSlices())
      slices.push_back({pop, slice, index});
    ++index;
  }
  return slices;
}

} // namespace nmc::spinn

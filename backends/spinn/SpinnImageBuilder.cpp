//===- SpinnImageBuilder.cpp - Read the spinn ops into a Layout ----------===//
//
// Reads what the spinn pipeline decided (docs/targets/spinnaker-compiler.md
// and the conventions of SpinnImage.h) into the MLIR-free Layout, then lets
// SpinnCores.cpp and SpinnNetwork.cpp build the payload. Attributes added by
// the timing / delay-extension / connector conventions (latency,
// delay_bits, ext_*, connector, delay_offset) are read by name, so this
// reader does not depend on whether the dialect declares them.
//===----------------------------------------------------------------------===//
#include "nmc/Backends/SpinnImageBuilder.h"
#include "nmc/Backends/SpinnLayout.h"
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/Spinn/SpinnOps.h"
#include "nmc/Target/SpiNNaker/MachineJson.h"

#include "llvm/ADT/StringMap.h"

using namespace mlir;

namespace nmc {
namespace {

namespace L = spinn::layout;
constexpr const char *kWho = "spinn image: ";

std::optional<int64_t> intAttr(Operation *op, StringRef name) {
  if (auto a = dyn_cast_or_null<IntegerAttr>(op->getAttr(name)))
    return a.getValue().getSExtValue();
  return std::nullopt;
}

/// An integer list given as array<i64: ...>, [1, 2] or dense<...>.
std::optional<std::vector<int64_t>> intList(Attribute attr) {
  std::vector<int64_t> out;
  if (auto a = dyn_cast_or_null<DenseI64ArrayAttr>(attr)) {
    out.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    return out;
  }
  if (auto a = dyn_cast_or_null<DenseIntElementsAttr>(attr)) {
    for (const APInt &v : a.getValues<APInt>())
      out.push_back(v.getSExtValue());
    return out;
  }
  if (auto a = dyn_cast_or_null<ArrayAttr>(attr)) {
    for (Attribute e : a) {
      auto i = dyn_cast<IntegerAttr>(e);
      if (!i)
        return std::nullopt;
      out.push_back(i.getValue().getSExtValue());
    }
    return out;
  }
  return std::nullopt;
}

std::optional<std::vector<double>> floatList(Attribute attr) {
  std::vector<double> out;
  if (auto a = dyn_cast_or_null<DenseFPElementsAttr>(attr)) {
    for (const APFloat &v : a.getValues<APFloat>())
      out.push_back(v.convertToDouble());
    return out;
  }
  if (auto a = dyn_cast_or_null<DenseF64ArrayAttr>(attr)) {
    out.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    return out;
  }
  if (auto a = dyn_cast_or_null<ArrayAttr>(attr)) {
    for (Attribute e : a) {
      auto f = dyn_cast<FloatAttr>(e);
      if (!f)
        return std::nullopt;
      out.push_back(f.getValueAsDouble());
    }
    return out;
  }
  return std::nullopt;
}

/// The connector spec of a connector-form projection's `connector`
/// dictionary (the snn.connector op's attributes, same names).
std::string connectorSpec(DictionaryAttr d, model::ConnectorSpec &spec) {
  auto integer = [&](StringRef k) -> std::optional<int64_t> {
    if (auto a = dyn_cast_or_null<IntegerAttr>(d.get(k)))
      return a.getValue().getSExtValue();
    return std::nullopt;
  };
  auto flag = [&](StringRef k, bool dflt) {
    if (auto a = dyn_cast_or_null<BoolAttr>(d.get(k)))
      return a.getValue();
    return dflt;
  };
  auto name = [&](StringRef k) -> std::optional<std::string> {
    Attribute a = d.get(k);
    if (auto r = dyn_cast_or_null<snn::ConnectorRuleAttr>(a))
      return snn::stringifyConnectorRule(r.getValue()).str();
    if (auto r = dyn_cast_or_null<snn::DistributionKindAttr>(a))
      return snn::stringifyDistributionKind(r.getValue()).str();
    if (auto s = dyn_cast_or_null<StringAttr>(a))
      return s.str();
    return std::nullopt;
  };
  spec = model::ConnectorSpec{};
  auto rule = name("rule");
  auto parsedRule = rule ? model::parseConnectorRule(*rule) : std::nullopt;
  if (!parsedRule)
    return "connector: missing or unknown rule";
  spec.rule = *parsedRule;
  auto nPre = integer("n_pre"), nPost = integer("n_post"),
       seed = integer("seed");
  if (!nPre || !nPost || !seed)
    return "connector: needs n_pre, n_post and seed";
  spec.nPre = *nPre;
  spec.nPost = *nPost;
  spec.seed = uint64_t(*seed);
  if (auto p = dyn_cast_or_null<FloatAttr>(d.get("p")))
    spec.p = p.getValueAsDouble();
  else if (spec.rule == model::ConnectorRule::FixedProbability)
    return "connector: fixed_probability needs p";
  if (auto n = integer("n"))
    spec.n = *n;
  else if (spec.rule == model::ConnectorRule::FixedNumberPre ||
           spec.rule == model::ConnectorRule::FixedTotalNumber)
    return "connector: " + *rule + " needs n";
  spec.allowSelf = flag("allow_self", true);
  spec.withReplacement = flag("with_replacement", false);
  for (auto [what, kindKey, paramKey, out] :
       {std::tuple{"weight", "weight_distribution", "weight", &spec.weight},
        std::tuple{"delay", "delay_distribution", "delay", &spec.delay}}) {
    auto kindName = name(kindKey);
    auto params = floatList(d.get(paramKey));
    if (!kindName && !params && std::string(what) == "delay")
      continue; // no delay
    auto kind =
        kindName ? model::parseDistributionKind(*kindName) : std::nullopt;
    if (!kind || !params)
      return std::string("connector: missing or bad ") + kindKey + " / " +
             paramKey;
    if (std::string e = model::makeDistribution(*kind, *params, what, *out);
        !e.empty())
      return "connector: " + e;
  }
  return "";
}

class Reader {
public:
  Reader(L::Layout &layout) : layout(layout) {}

  LogicalResult run(snn::GraphOp graph, spinn::MappingOp mapping) {
    this->mapping = mapping;
    auto dt = graph->getAttrOfType<FloatAttr>("dt");
    if (!dt || !(dt.getValueAsDouble() > 0))
      return graph.emitError() << kWho << "graph has no dt > 0";
    layout.dt = dt.getValueAsDouble();
    if (!mapping.getMachine())
      return mapping.emitError()
             << kWho << "spinn.mapping has no machine; run spinn-place";
    spinn::MachineOrError m =
        spinn::machineFromJson(mapping.getMachine()->str(), "machine");
    if (!m)
      return mapping.emitError() << kWho << m.error;
    layout.machine = *m.machine;
    layout.placementCost = mapping.getPlacementCost().value_or(0);
    layout.latencyClashes = intAttr(mapping, "latency_clashes").value_or(0);
    for (auto pop : mapping.getBodyBlock().getOps<spinn::PopulationOp>())
      if (failed(readPopulation(pop)))
        return failure();
    for (Operation &op : graph.getBodyBlock())
      if (auto proj = dyn_cast<spinn::ProjectionOp>(op))
        if (failed(readProjection(proj)))
          return failure();
    for (auto t : mapping.getBodyBlock().getOps<spinn::RouterTableOp>())
      if (failed(readTable(t)))
        return failure();
    return success();
  }

  /// Emits `message` on the op it names (a projection) or the mapping.
  LogicalResult report(const std::string &message) {
    Operation *at = mapping;
    const std::string prefix = "projection '";
    if (message.rfind(prefix, 0) == 0) {
      const size_t end = message.find('\'', prefix.size());
      auto it =
          projections.find(message.substr(prefix.size(), end - prefix.size()));
      if (it != projections.end())
        at = it->second;
    }
    return at->emitError() << kWho << message;
  }

private:
  L::Layout &layout;
  spinn::MappingOp mapping;
  llvm::StringMap<int32_t> popIndex;
  llvm::StringMap<Operation *> projections;

  LogicalResult readPopulation(spinn::PopulationOp op) {
    L::Population &pop = layout.populations.emplace_back();
    pop.name = op.getName().str();
    popIndex[pop.name] = int32_t(layout.populations.size() - 1);
    pop.source = op.getKind() == spinn::PopulationKind::Source;
    pop.size = op.getSize();
    pop.shiftExc = int32_t(op.getShiftExc().value_or(0));
    pop.shiftInh = int32_t(op.getShiftInh().value_or(0));
    for (auto [t, name] : {std::pair{0, "filter_exc"}, {1, "filter_inh"}})
      if (auto f = op->getAttrOfType<StringAttr>(name))
        pop.filters[t] = f.getValue().str();
    auto latency = intAttr(op, "latency");
    if (!latency || *latency < 0)
      return op.emitError() << kWho << "population '" << pop.name
                            << "' has no latency >= 0 (convert-snn-to-spinn "
                               "sets it, SpinnImage.h \"Time\")";
    pop.latency = *latency;
    for (spinn::SliceOp s : op.getSlices())
      if (failed(readSlice(pop, s)))
        return failure();
    if (pop.slices.empty())
      return op.emitError() << kWho << "population '" << pop.name
                            << "' has no slices; run spinn-partition";
    return success();
  }

  LogicalResult readSlice(L::Population &pop, spinn::SliceOp s) {
    L::Slice &slice = pop.slices.emplace_back();
    slice.lo = s.getLo();
    slice.hi = s.getHi();
    auto err = [&]() {
      return s.emitError() << kWho << "slice [" << slice.lo << ", " << slice.hi
                           << ") of '" << pop.name << "' ";
    };
    if (!s.getX() || !s.getP())
      return err() << "is not placed; run spinn-place";
    if (!s.getKey() || !s.getMask())
      return err() << "has no key; run spinn-allocate-keys";
    slice.chip = {int32_t(*s.getX()), int32_t(*s.getY())};
    slice.p = int32_t(*s.getP());
    slice.key = uint32_t(*s.getKey());
    slice.mask = uint32_t(*s.getMask());
    slice.dtcmBytes = s.getDtcmBytes().value_or(0);
    slice.sdramBytes = s.getSdramBytes().value_or(0);
    if (!pop.source) {
      auto bits = intAttr(s, "delay_bits");
      if (!bits)
        return err() << "has no delay_bits (the ring buffer's depth)";
      slice.delayBits = *bits;
    }
    if (!s->hasAttr("ext_keys") && !s->hasAttr("ext_p"))
      return success();
    auto x = intAttr(s, "ext_x"), y = intAttr(s, "ext_y"),
         p = intAttr(s, "ext_p"), ticks = intAttr(s, "ext_stage_ticks");
    auto keys = intList(s->getAttr("ext_keys"));
    if (!x || !y || !p || !ticks || !keys)
      return err() << "needs ext_x, ext_y, ext_p, ext_stage_ticks and "
                      "ext_keys together (its delay extension)";
    // Not emplace(): clang 19 does not see the nested struct's default
    // member initializers as a default constructor there.
    slice.extension = L::Slice::Extension();
    L::Slice::Extension &ext = *slice.extension;
    ext.chip = {int32_t(*x), int32_t(*y)};
    ext.p = int32_t(*p);
    ext.stageTicks = *ticks;
    for (int64_t k : *keys) {
      if (k < 0 || k > int64_t(UINT32_MAX))
        return err() << "has ext_keys entry " << k << ", not a 32-bit key";
      ext.keys.push_back(uint32_t(k));
    }
    return success();
  }

  LogicalResult readProjection(spinn::ProjectionOp op) {
    L::Projection &p = layout.projections.emplace_back();
    p.name = op.getName().str();
    projections[p.name] = op;
    auto err = [&]() {
      return op.emitError() << kWho << "projection '" << p.name << "' ";
    };
    auto pre = popIndex.find(op.getPre()), post = popIndex.find(op.getPost());
    if (pre == popIndex.end() || post == popIndex.end())
      return err() << "names a population the mapping does not have";
    p.pre = pre->second;
    p.post = post->second;
    p.nPre = op.getNPre();
    p.nPost = op.getNPost();
    if (auto f = op->getAttrOfType<StringAttr>("filter")) {
      p.filter = f.getValue().str();
      const auto &fs = layout.populations[p.post].filters;
      if (p.filter != fs[0] && p.filter != fs[1])
        return err() << "feeds filter '" << p.filter << "', which population '"
                     << op.getPost() << "' does not list";
    }
    p.zeroed = intAttr(op, "zeroed").value_or(0);
    p.saturated = intAttr(op, "saturated").value_or(0);
    auto readStdp = [&]() {
      if (auto stdp = op->getAttrOfType<snn::StdpAttr>("stdp")) {
        // Taus in ticks, as the image's stdp_* keys (SpinnImage.h
        // PlasticProjection).
        p.stdp = model::stdpInSteps(stdp.toModel(), layout.dt);
      }
    };
    if (auto conn = op->getAttrOfType<DictionaryAttr>("connector")) {
      model::ConnectorSpec spec;
      if (std::string e = connectorSpec(conn, spec); !e.empty())
        return err() << e;
      p.connector = spec;
      p.delayOffset = intAttr(op, "delay_offset").value_or(0);
      // A plastic connector: expanded into plastic rows (SpinnRows.cpp).
      readStdp();
      return success();
    }
    auto indptr = intList(op->getAttr("indptr")),
         indices = intList(op->getAttr("indices")),
         types = intList(op->getAttr("synapse_types")),
         codes = intList(op->getAttr("codes")),
         delays = intList(op->getAttr("delay_steps"));
    if (!indptr || !indices || !types || !codes || !delays)
      return err() << "has neither a connector nor indptr, indices, "
                      "synapse_types, codes and delay_steps";
    p.indptr = std::move(*indptr);
    p.indices = std::move(*indices);
    p.delays = std::move(*delays);
    for (int64_t t : *types)
      p.types.push_back(uint32_t(t));
    for (int64_t c : *codes)
      p.codes.push_back(uint32_t(c));
    readStdp();
    if (p.stdp) {
      auto weights = floatList(op->getAttr("weights"));
      if (!weights || weights->size() != p.indices.size())
        return err() << "is plastic but has no weight per synapse";
      p.weights = std::move(*weights);
    }
    return success();
  }

  LogicalResult readTable(spinn::RouterTableOp t) {
    L::RouterTableDesc &d = layout.tables.emplace_back();
    d.chip = {int32_t(t.getX()), int32_t(t.getY())};
    ArrayRef<int64_t> e = t.getEntries();
    if (e.size() % 3)
      return t.emitError() << kWho
                           << "entries are not (key, mask, route) "
                              "triples";
    std::optional<ArrayRef<bool>> dflt;
    if (auto a = t.getDefaultable())
      dflt = *a;
    std::optional<ArrayRef<int64_t>> sources;
    if (auto a = t.getSources())
      sources = *a;
    for (size_t k = 0; k < e.size() / 3; ++k) {
      spinn::RouterEntry r;
      r.key = uint32_t(e[3 * k]);
      r.mask = uint32_t(e[3 * k + 1]);
      r.route = uint32_t(e[3 * k + 2]);
      r.defaultable = dflt && k < dflt->size() && (*dflt)[k];
      r.source = sources && k < sources->size() ? uint32_t((*sources)[k]) : 0;
      d.entries.push_back(r);
    }
    d.uncompressed = t.getUncompressed().value_or(int64_t(d.entries.size()));
    return success();
  }
};

} // namespace

LogicalResult buildSpinnPayload(ModuleOp module, const image::Image &quantized,
                                spinn::SpinnPayload &out, int threads) {
  for (auto graph : module.getOps<snn::GraphOp>()) {
    auto mappings = graph.getBodyBlock().getOps<spinn::MappingOp>();
    if (mappings.empty())
      continue;
    L::Layout layout;
    Reader reader(layout);
    if (failed(reader.run(graph, *mappings.begin())))
      return failure();
    if (std::string e = L::buildSpinnPayload(layout, quantized, out, threads);
        !e.empty())
      return reader.report(e);
    return success();
  }
  return module.emitError() << kWho
                            << "no snn.graph with a spinn.mapping; run the "
                               "spinn pipeline (--spinn-map)";
}

} // namespace nmc

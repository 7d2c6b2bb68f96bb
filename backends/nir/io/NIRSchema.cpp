//===- NIRSchema.cpp - The NIR node type table and its checks -----------===//
#include "nmc/NIR/NIRSchema.h"
#include "nmc/NIR/ConnectorParams.h"

#include <cmath>
#include <cstdio>

namespace nmc::nir {

namespace {
constexpr ValueKind F = ValueKind::Float, I = ValueKind::Int,
                    S = ValueKind::String, IS = ValueKind::IntOrString;
constexpr bool Req = true, Opt = false;
constexpr int Any = kAnyRank;

/// A per-neuron parameter: float array of the neuron shape (any rank).
DatasetSpec neuron(const char *name, bool required = Req) {
  return {name, required, F, 0, Any, kNoMin};
}

/// Conv hyper-parameters; `dims` = spatial dims, weight rank = dims + 2.
std::vector<DatasetSpec> conv(int dims) {
  return {{"weight", Req, F, dims + 2, dims + 2, kNoMin},
          {"bias", Opt, F, 1, 1, kNoMin},
          {"stride", Opt, I, 0, 1, 1},
          {"padding", Opt, IS, 0, 1, 0},
          {"dilation", Opt, I, 0, 1, 1},
          {"groups", Opt, I, 0, 1, 1},
          {"input_shape", Opt, I, 0, 1, 1}};
}

std::vector<DatasetSpec> pool() {
  return {{"kernel_size", Req, I, 0, 1, 1},
          {"stride", Opt, I, 0, 1, 1},
          {"padding", Opt, I, 0, 1, 0}};
}

/// A neuron type: every dataset is a per-neuron parameter.
TypeSpec neuronType(const char *type, const char *op,
                    std::vector<DatasetSpec> params) {
  return {type, op, std::move(params), false, true};
}

std::vector<TypeSpec> buildTable() {
  std::vector<TypeSpec> t;
  // clang-format off
  t.push_back({"Input", "snn.input", {{"shape", Req, I, 0, 1, 1}}});
  t.push_back({"Output", "snn.output", {{"shape", Req, I, 0, 1, 1}}});
  t.push_back({"NIRGraph", "snn.subgraph", {{"edges", Req, S, 1, 2, kNoMin}},
               true});
  t.push_back({"Affine", "snn.affine",
               {{"weight", Req, F, 2, Any, kNoMin},
                {"bias", Req, F, 1, Any, kNoMin}}});
  t.push_back({"Linear", "snn.linear", {{"weight", Req, F, 2, Any, kNoMin}}});
  t.push_back({"Scale", "snn.scale", {neuron("scale")}});
  t.push_back({"Conv1d", "snn.conv1d", conv(1)});
  t.push_back({"Conv2d", "snn.conv2d", conv(2)});
  t.push_back({"Flatten", "snn.flatten",
               {{"start_dim", Opt, I, 0, 1, kNoMin},
                {"end_dim", Opt, I, 0, 1, kNoMin},
                {"input_type", Opt, I, 0, 1, 1}}});
  t.push_back({"SumPool2d", "snn.sum_pool2d", pool()});
  t.push_back({"AvgPool2d", "snn.avg_pool2d", pool()});
  t.push_back({"Delay", "snn.delay", {neuron("delay")}});
  t.push_back({"Threshold", "snn.threshold", {neuron("threshold")}});
  t.push_back(neuronType("I", "snn.i", {neuron("r")}));
  t.push_back(neuronType("IF", "snn.if",
      {neuron("r"), neuron("v_threshold"), neuron("v_reset", Opt)}));
  t.push_back(neuronType("LI", "snn.li",
      {neuron("tau"), neuron("r"), neuron("v_leak")}));
  t.push_back(neuronType("LIF", "snn.lif",
      {neuron("tau"), neuron("r"), neuron("v_leak"), neuron("v_threshold"),
       neuron("v_reset", Opt)}));
  t.push_back(neuronType("CubaLI", "snn.cubali",
      {neuron("tau_syn"), neuron("tau_mem"), neuron("r"), neuron("v_leak"),
       neuron("w_in", Opt)}));
  t.push_back(neuronType("CubaLIF", "snn.cubalif",
      {neuron("tau_syn"), neuron("tau_mem"), neuron("r"), neuron("v_leak"),
       neuron("v_threshold"), neuron("v_reset", Opt), neuron("w_in", Opt)}));
  // nmc extension: CSR by source (input) index, see Image.h sparse_affine.
  t.push_back({"nmc.SparseAffine", "snn.sparse_affine",
               {{"shape", Req, I, 1, 1, 0},
                {"indptr", Req, I, 1, 1, 0},
                {"indices", Req, I, 1, 1, 0},
                {"weight", Req, F, 1, 1, kNoMin},
                {"bias", Opt, F, 1, 1, kNoMin}}});
  // nmc extension: procedural connectivity (nmc/Model/Connector.h); the
  // values are checked by validateConnector (checkNode), not here.
  t.push_back({"nmc.Connector", "snn.connector",
               {{"rule", Req, S, 0, 1, kNoMin},
                {"n_pre", Req, I, 0, 1, kNoMin},
                {"n_post", Req, I, 0, 1, kNoMin},
                {"p", Opt, F, 0, 1, kNoMin},
                {"n", Opt, I, 0, 1, kNoMin},
                {"allow_self", Opt, I, 0, 1, kNoMin},
                {"with_replacement", Opt, I, 0, 1, kNoMin},
                {"weight_distribution", Opt, S, 0, 1, kNoMin},
                {"weight", Req, F, 0, 1, kNoMin},
                {"delay_distribution", Opt, S, 0, 1, kNoMin},
                {"delay", Opt, F, 0, 1, kNoMin},
                {"seed", Opt, I, 0, 1, kNoMin}}});
  // clang-format on
  return t;
}

std::string describe(double v) {
  if (std::isnan(v))
    return "NaN";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string rankRange(const DatasetSpec &s) {
  if (s.minRank == s.maxRank)
    return std::to_string(s.minRank);
  if (s.maxRank == kAnyRank)
    return ">= " + std::to_string(s.minRank);
  return std::to_string(s.minRank) + ".." + std::to_string(s.maxRank);
}

/// Integral float data -> ints; anything else is an error.
bool floatsToInts(Param &p, std::string &why) {
  std::vector<int64_t> ints;
  ints.reserve(p.floats.size());
  for (double v : p.floats) {
    // 2^63 is exactly representable; anything at or beyond it overflows.
    if (!std::isfinite(v) || v != std::floor(v) || v >= 9223372036854775808.0 ||
        v < -9223372036854775808.0) {
      why = "expected integers, got " + describe(v);
      return false;
    }
    ints.push_back(int64_t(v));
  }
  p.kind = Param::Kind::Int;
  p.dtype = Param::DType::I64;
  p.floats = FloatArray();
  p.ints = std::move(ints);
  return true;
}
} // namespace

const std::vector<TypeSpec> &nodeTypes() {
  static const std::vector<TypeSpec> table = buildTable();
  return table;
}

const TypeSpec *findNodeType(std::string_view type) {
  for (const TypeSpec &t : nodeTypes())
    if (type == t.type)
      return &t;
  return nullptr;
}

const TypeSpec *findNodeTypeForOp(std::string_view op) {
  for (const TypeSpec &t : nodeTypes())
    if (op == t.op)
      return &t;
  return nullptr;
}

const DatasetSpec *findDataset(const TypeSpec &type, std::string_view name) {
  for (const DatasetSpec &d : type.datasets)
    if (name == d.name)
      return &d;
  return nullptr;
}

std::string nodeTypeList() {
  std::string s;
  for (const TypeSpec &t : nodeTypes())
    s += (s.empty() ? "" : ", ") + std::string(t.type);
  return s;
}

bool conformParam(const DatasetSpec &spec, Param &p, std::string &why) {
  bool isString = p.kind == Param::Kind::String;
  if (spec.kind == ValueKind::String || isString) {
    if (spec.kind == ValueKind::IntOrString && isString) {
      if (p.str != "same" && p.str != "valid") {
        why =
            "expected an integer or \"same\"/\"valid\", got \"" + p.str + "\"";
        return false;
      }
      return true;
    }
    if (spec.kind != ValueKind::String || !isString) {
      why = spec.kind == ValueKind::String ? "expected a string dataset"
                                           : "expected a numeric dataset, got "
                                             "a string";
      return false;
    }
    return true;
  }
  int rank = int(p.shape.size());
  if (rank < spec.minRank || rank > spec.maxRank) {
    why = "expected rank " + rankRange(spec) + ", got rank " +
          std::to_string(rank);
    return false;
  }
  if (spec.kind == ValueKind::Float)
    return true;
  if (p.kind == Param::Kind::Float && !floatsToInts(p, why))
    return false;
  return p.ints.visit([&](auto values) {
    for (int64_t v : values)
      if (v < spec.minValue) {
        why = "expected values >= " + std::to_string(spec.minValue) +
              ", got " + std::to_string(v);
        return false;
      }
    return true;
  });
}

/// CSR consistency of nmc.SparseAffine (shape = [out, in], CSR by input).
static bool checkSparse(const std::map<std::string, Param> &params,
                        std::string &key, std::string &why) {
  const Param &shape = params.at("shape"), &indptr = params.at("indptr"),
              &indices = params.at("indices"), &weight = params.at("weight");
  if (shape.ints.size() != 2) {
    key = "shape";
    why =
        "expected 2 values (out, in), got " + std::to_string(shape.ints.size());
    return false;
  }
  int64_t out = shape.ints[0], in = shape.ints[1];
  int64_t nnz = int64_t(indices.ints.size());
  // `in` comes from the file: in + 1 may overflow (in = INT64_MAX).
  int64_t offsets = 0;
  if (__builtin_add_overflow(in, 1, &offsets) ||
      int64_t(indptr.ints.size()) != offsets) {
    key = "indptr";
    why = "expected in+1 values for in = " + std::to_string(in) +
          " (shape[1]), got " + std::to_string(indptr.ints.size());
    return false;
  }
  for (size_t k = 0; k < indptr.ints.size(); ++k)
    if ((k == 0 && indptr.ints[k] != 0) ||
        (k > 0 && indptr.ints[k] < indptr.ints[k - 1])) {
      key = "indptr";
      why = "expected non-decreasing offsets starting at 0";
      return false;
    }
  if (indptr.ints.back() != nnz) {
    key = "indptr";
    why = "last offset " + std::to_string(indptr.ints.back()) +
          " != number of indices " + std::to_string(nnz);
    return false;
  }
  int64_t bad = indices.ints.visit([&](auto values) -> int64_t {
    for (auto j : values)
      if (j >= out)
        return j;
    return -1;
  });
  if (bad >= 0) {
    key = "indices";
    why = "index " + std::to_string(bad) + " out of range for " +
          std::to_string(out) + " outputs";
    return false;
  }
  if (weight.numElements() != nnz) {
    key = "weight";
    why = "expected " + std::to_string(nnz) + " values (one per index), got " +
          std::to_string(weight.numElements());
    return false;
  }
  auto bias = params.find("bias");
  if (bias != params.end() && bias->second.numElements() != out) {
    key = "bias";
    why = "expected " + std::to_string(out) + " values, got " +
          std::to_string(bias->second.numElements());
    return false;
  }
  return true;
}

bool checkNode(const TypeSpec &type, const std::map<std::string, Param> &params,
               std::string &key, std::string &why) {
  for (const DatasetSpec &d : type.datasets) {
    if (type.isGraph || !d.required || params.count(d.name))
      continue;
    key = d.name;
    why = std::string("missing required dataset for ") + type.type;
    return false;
  }
  if (std::string_view(type.type) == "nmc.SparseAffine")
    return checkSparse(params, key, why);
  if (std::string_view(type.type) == "nmc.Connector") {
    model::ConnectorSpec spec;
    return connectorFromParams(params, spec, key, why);
  }
  return true;
}

} // namespace nmc::nir

//===- Prepare.cpp - Validate an image and lay it out for the engine ------===//
#include "Program.h"

#include "nmc/Model/Connector.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>

namespace nmc::engine::detail {
namespace {

namespace keys = image::keys;

const std::map<std::string, Kind> &kindsByName() {
  static const std::map<std::string, Kind> kinds = {
      {"input", Kind::Input},           {"output", Kind::Output},
      {"affine", Kind::Affine},         {"sparse_affine", Kind::SparseAffine},
      {"scale", Kind::Scale},           {"conv", Kind::Conv},
      {"sum_pool", Kind::SumPool},      {"avg_pool", Kind::AvgPool},
      {"flatten", Kind::Flatten},       {"delay", Kind::Delay},
      {"threshold", Kind::Threshold},   {"neuron", Kind::Neuron},
      {"connector", Kind::SparseAffine}};
  return kinds;
}

std::string shapeString(const std::vector<int64_t> &shape) {
  return fmt::format("[{}]", fmt::join(shape, ", "));
}

/// Checks one node and fills its spec; every error names the node.
class NodePreparer {
public:
  NodePreparer(const image::Image &image, size_t index, NodeSpec &spec)
      : image(image), node(image.nodes[index]), index(index), spec(spec) {}

  void run();

private:
  [[noreturn]] void fail(const std::string &msg) const {
    throw std::runtime_error(fmt::format("image node {} '{}' ({}): {}", index,
                                         node.name, node.kind, msg));
  }
  int64_t elements(const std::vector<int64_t> &shape, const char *what) const;
  /// Array `key` of `size` elements, in its stored type (big arrays).
  const FloatArray &floatArray(const std::string &key, int64_t size);
  const IntArray &intArray(const std::string &key, int64_t size);
  /// The same, widened (small arrays).
  std::vector<double> floats(const std::string &key, int64_t size) {
    return floatArray(key, size).values();
  }
  std::vector<int64_t> ints(const std::string &key, int64_t size) {
    return intArray(key, size).values();
  }
  std::vector<double> optionalBias(int64_t size);
  void checkFinite(const std::string &key, const FloatArray &a);
  /// An integer array of `size` entries, or one entry repeated.
  std::vector<int64_t> perDim(const std::string &key, int64_t size,
                              int64_t fallback);
  int64_t flag(const std::string &key);

  void checkInputs();
  void prepareAffine();
  void prepareSparse();
  void prepareConnector();
  std::string text(const std::string &key, bool required);
  void prepareConv();
  void preparePool();
  void prepareDelay();
  void prepareNeuron();
  void prepareNeuronExt();
  void prepareStdp();

  const image::Image &image;
  const image::Node &node;
  size_t index;
  NodeSpec &spec;
  /// connector: the kind of its delay distribution (prepareStdp).
  std::string delayKind;
};

int64_t NodePreparer::elements(const std::vector<int64_t> &shape,
                               const char *what) const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      fail(fmt::format("{} shape {} has a negative dimension", what,
                       shapeString(shape)));
    if (d > 0 && n > std::numeric_limits<int32_t>::max() / d)
      fail(fmt::format("{} shape {} has 2^31 or more elements", what,
                       shapeString(shape)));
    n *= d;
  }
  return n;
}

const FloatArray &NodePreparer::floatArray(const std::string &key,
                                           int64_t size) {
  auto it = node.f.find(key);
  if (it == node.f.end())
    fail(fmt::format("missing float array '{}'", key));
  if (static_cast<int64_t>(it->second.size()) != size)
    fail(fmt::format("float array '{}' has {} elements, expected {}", key,
                     it->second.size(), size));
  checkFinite(key, it->second);
  return it->second;
}

/// NaN or infinity in a parameter would run silently wrong.
void NodePreparer::checkFinite(const std::string &key, const FloatArray &a) {
  a.visit([&](auto span) {
    for (size_t k = 0; k < span.size(); ++k)
      if (!std::isfinite(double(span[k])))
        fail(fmt::format("float array '{}' element {} is {}, not a finite "
                         "number",
                         key, k, double(span[k])));
  });
}

std::vector<double> NodePreparer::optionalBias(int64_t size) {
  auto it = node.f.find(keys::kBias);
  if (it == node.f.end() || it->second.empty())
    return {};
  if (static_cast<int64_t>(it->second.size()) != size)
    fail(fmt::format("float array 'bias' has {} elements, expected {}",
                     it->second.size(), size));
  checkFinite(keys::kBias, it->second);
  // An all-zero bias is no bias: outputs may then stay sparse.
  std::vector<double> bias = it->second.values();
  if (std::all_of(bias.begin(), bias.end(), [](double b) { return b == 0; }))
    return {};
  return bias;
}

const IntArray &NodePreparer::intArray(const std::string &key, int64_t size) {
  auto it = node.i.find(key);
  if (it == node.i.end())
    fail(fmt::format("missing integer array '{}'", key));
  if (static_cast<int64_t>(it->second.size()) != size)
    fail(fmt::format("integer array '{}' has {} elements, expected {}", key,
                     it->second.size(), size));
  return it->second;
}

std::vector<int64_t> NodePreparer::perDim(const std::string &key, int64_t size,
                                          int64_t fallback) {
  auto it = node.i.find(key);
  if (it == node.i.end())
    return std::vector<int64_t>(size, fallback);
  if (it->second.size() == 1)
    return std::vector<int64_t>(size, it->second.front());
  return ints(key, size);
}

int64_t NodePreparer::flag(const std::string &key) {
  int64_t v = ints(key, 1)[0];
  if (v != 0 && v != 1)
    fail(fmt::format("integer array '{}' must be 0 or 1, got {}", key, v));
  return v;
}

void NodePreparer::checkInputs() {
  if (spec.kind == Kind::Input) {
    if (!node.inputs.empty())
      fail(fmt::format("an input node takes no inputs, got {}",
                       node.inputs.size()));
    return;
  }
  // A neuron without inputs is legal NIR: its leak alone drives it.
  if (node.inputs.empty() && spec.kind != Kind::Neuron)
    fail("has no inputs");
  for (size_t k = 0; k < node.inputs.size(); ++k) {
    const image::InputEdge &in = node.inputs[k];
    if (in.source >= image.nodes.size())
      fail(fmt::format("input {} refers to node {}, but the image has {} "
                       "nodes",
                       k, in.source, image.nodes.size()));
    if (!in.delayed && in.source >= index)
      fail(fmt::format("non-delayed input {} from node {} '{}' does not "
                       "precede it in execution order",
                       k, in.source, image.nodes[in.source].name));
    const image::Node &src = image.nodes[in.source];
    int64_t srcSize = 1;
    for (int64_t d : src.outShape)
      srcSize *= d;
    if (srcSize != spec.inSize)
      fail(fmt::format("input {} from '{}' has {} elements (shape {}), but "
                       "the node's input shape {} has {}",
                       k, src.name, srcSize, shapeString(src.outShape),
                       shapeString(node.inShape), spec.inSize));
  }
}

void NodePreparer::prepareAffine() {
  const int64_t in = spec.inSize, out = spec.outSize;
  const std::vector<double> w = floats(keys::kWeight, in * out);
  spec.bias = optionalBias(out);
  // Transpose (out, in) -> (in, out): an input event adds one contiguous row.
  spec.weight.resize(w.size());
  for (int64_t o = 0; o < out; ++o)
    for (int64_t i = 0; i < in; ++i)
      spec.weight[i * out + o] = w[o * in + i];
}

/// The synapses of a sparse node (CSR by source, spec.indptr set): targets
/// 16-bit when the output is small, and one weight per source row when
/// every row is uniform (x * w is the same product either way).
template <class Targets, class Weights>
void setSynapses(NodeSpec &spec, Targets targets, Weights weights) {
  const int64_t in = spec.inSize;
  if (spec.outSize <= kNarrowTargets)
    spec.narrowIndices.assign(targets.begin(), targets.end());
  else
    spec.indices.assign(targets.begin(), targets.end());
  std::vector<double> rowWeight(in, 0.0);
  for (int64_t i = 0; i < in; ++i) {
    const int64_t b = spec.indptr[i], e = spec.indptr[i + 1];
    for (int64_t k = b; k < e; ++k)
      if (weights[k] != weights[b] ||
          std::signbit(weights[k]) != std::signbit(weights[b])) {
        spec.weight.assign(weights.begin(), weights.end());
        return;
      }
    if (e > b)
      rowWeight[i] = weights[b];
  }
  spec.rowWeight = std::move(rowWeight);
}

void NodePreparer::prepareSparse() {
  const int64_t in = spec.inSize, out = spec.outSize;
  spec.indptr = ints(keys::kIndptr, in + 1);
  if (spec.indptr[0] != 0)
    fail(fmt::format("indptr[0] is {}, expected 0", spec.indptr[0]));
  for (int64_t i = 0; i < in; ++i)
    if (spec.indptr[i + 1] < spec.indptr[i])
      fail(fmt::format("indptr decreases at source {} ({} -> {})", i,
                       spec.indptr[i], spec.indptr[i + 1]));
  const int64_t nnz = spec.indptr[in];
  // Indices and weights are read in their stored type: no widened copy of
  // the synapses is made (it would double the peak memory of big networks).
  const IntArray &targets = intArray(keys::kIndices, nnz);
  const FloatArray &weights = floatArray(keys::kWeight, nnz);
  spec.bias = optionalBias(out);
  targets.visit([&](auto t) {
    for (int64_t k = 0; k < nnz; ++k)
      if (t[k] < 0 || t[k] >= out)
        fail(fmt::format("indices[{}] = {} is outside [0, {})", k,
                         int64_t(t[k]), out));
    weights.visit([&](auto w) { setSynapses(spec, t, w); });
  });
  if (!node.i.count(keys::kDelaySteps))
    return;
  const IntArray &delays = intArray(keys::kDelaySteps, nnz);
  std::vector<uint16_t> steps(size_t(nnz), 0);
  delays.visit([&](auto d) {
    for (int64_t k = 0; k < nnz; ++k) {
      if (d[k] < 0 || d[k] > 65535)
        fail(fmt::format("delay_steps[{}] = {} is outside [0, 65535]", k,
                         int64_t(d[k])));
      steps[size_t(k)] = uint16_t(d[k]);
    }
  });
  if (std::any_of(steps.begin(), steps.end(), [](uint16_t d) { return d; })) {
    spec.maxDelay = *std::max_element(steps.begin(), steps.end());
    spec.synDelay = std::move(steps);
  }
}

std::string NodePreparer::text(const std::string &key, bool required) {
  auto it = node.s.find(key);
  if (it != node.s.end())
    return it->second;
  if (required)
    fail(fmt::format("missing string '{}'", key));
  return "";
}

/// A connector is expanded here, once (nmc/Model/Connector.h), into the
/// sparse node's arrays plus, when some synapse has a delay, one delay in
/// steps per synapse.
void NodePreparer::prepareConnector() {
  model::ConnectorSpec c;
  c.nPre = spec.inSize;
  c.nPost = spec.outSize;
  const std::string rule = text(keys::kRule, true);
  auto parsedRule = model::parseConnectorRule(rule);
  if (!parsedRule)
    fail(fmt::format("unknown connector rule '{}'", rule));
  c.rule = *parsedRule;
  if (node.f.count(keys::kP))
    c.p = floats(keys::kP, 1)[0];
  if (node.i.count(keys::kN))
    c.n = ints(keys::kN, 1)[0];
  c.allowSelf = flag(keys::kAllowSelf);
  c.withReplacement = flag(keys::kWithReplacement);
  c.seed = static_cast<uint64_t>(ints(keys::kSeed, 1)[0]);
  auto distribution = [&](const char *kindKey, const char *valuesKey,
                          model::Distribution &d) {
    const std::string kind = text(kindKey, false);
    if (kind.empty() && !node.f.count(valuesKey))
      return; // no delay
    auto k = model::parseDistributionKind(kind);
    if (!k)
      fail(fmt::format("unknown distribution '{}' in '{}'", kind, kindKey));
    auto it = node.f.find(valuesKey);
    if (it == node.f.end())
      fail(fmt::format("missing float array '{}'", valuesKey));
    if (std::string why =
            model::makeDistribution(*k, it->second.values(), valuesKey, d);
        !why.empty())
      fail(why);
  };
  distribution(keys::kWeightDistribution, keys::kWeight, c.weight);
  distribution(keys::kDelayDistribution, keys::kDelay, c.delay);
  delayKind = text(keys::kDelayDistribution, false);
  model::ExpandedConnector e;
  if (std::string why = model::expandConnector(c, 0, c.nPost, image.dt, e);
      !why.empty())
    fail(why);
  spec.indptr = std::move(e.indptr);
  setSynapses(spec, std::span<const int32_t>(e.indices),
              std::span<const float>(e.weights));
  if (std::any_of(e.delaySteps.begin(), e.delaySteps.end(),
                  [](uint16_t d) { return d != 0; })) {
    spec.synDelay = std::move(e.delaySteps);
    spec.maxDelay =
        *std::max_element(spec.synDelay.begin(), spec.synDelay.end());
  }
}

/// Output length of a strided, dilated window over `in` padded cells.
int64_t windowCount(int64_t in, int64_t padTotal, int64_t k, int64_t stride,
                    int64_t dilation) {
  int64_t span = in + padTotal - dilation * (k - 1) - 1;
  return span < 0 ? 0 : span / stride + 1;
}

void NodePreparer::prepareConv() {
  const size_t rank = node.inShape.size();
  if (rank != 2 && rank != 3)
    fail(fmt::format("input shape {} must be (C, L) or (C, H, W)",
                     shapeString(node.inShape)));
  if (node.outShape.size() != rank)
    fail(fmt::format("output shape {} does not match the input rank {}",
                     shapeString(node.outShape), rank));
  const int64_t r = static_cast<int64_t>(rank) - 1;
  auto stride = perDim(keys::kStride, r, 1),
       dilation = perDim(keys::kDilation, r, 1);
  auto lo = perDim(keys::kPadLo, r, 0), hi = perDim(keys::kPadHi, r, 0);
  auto groupsArr = node.i.count(keys::kGroups) ? ints(keys::kGroups, 1)
                                               : std::vector<int64_t>{1};
  Geometry &g = spec.geom;
  g.groups = groupsArr[0];
  g.cin = node.inShape[0];
  g.cout = node.outShape[0];
  for (int64_t d = 0; d < r; ++d)
    if (stride[d] < 1 || dilation[d] < 1 || lo[d] < 0 || hi[d] < 0)
      fail("stride and dilation must be >= 1 and padding >= 0");
  if (g.groups < 1 || g.cin % g.groups || g.cout % g.groups)
    fail(fmt::format("groups = {} must divide in channels {} and out "
                     "channels {}",
                     g.groups, g.cin, g.cout));
  const int64_t perKernel = g.cout * (g.cin / g.groups);
  auto wit = node.f.find(keys::kWeight);
  if (wit == node.f.end())
    fail("missing float array 'weight'");
  if (perKernel == 0 || int64_t(wit->second.size()) % perKernel)
    fail(fmt::format("weight has {} elements, not a multiple of out "
                     "channels x in channels per group = {}",
                     wit->second.size(), perKernel));
  const int64_t kernelCells = wit->second.size() / perKernel;

  // Kernel extent per spatial dim: from i:kernel_size, else the extent that
  // reproduces the output shape (it must be unique).
  auto fits = [&](int64_t d, int64_t k) {
    return windowCount(node.inShape[d + 1], lo[d] + hi[d], k, stride[d],
                       dilation[d]) == node.outShape[d + 1];
  };
  std::vector<int64_t> kernel;
  if (node.i.count(keys::kKernelSize)) {
    kernel = ints(keys::kKernelSize, r);
    int64_t cells = 1;
    for (int64_t k : kernel)
      cells *= k;
    if (cells != kernelCells)
      fail(fmt::format("kernel_size {} does not match weight ({} cells per "
                       "kernel)",
                       shapeString(kernel), kernelCells));
  } else if (r == 1) {
    kernel = {kernelCells};
  } else {
    std::vector<std::vector<int64_t>> options;
    for (int64_t kh = 1; kh <= kernelCells; ++kh)
      if (kernelCells % kh == 0 && fits(0, kh) && fits(1, kernelCells / kh))
        options.push_back({kh, kernelCells / kh});
    if (options.size() != 1)
      fail(fmt::format("cannot tell the kernel shape from {} cells per "
                       "kernel and the shapes ({} candidates); add integer "
                       "array 'kernel_size'",
                       kernelCells, options.size()));
    kernel = options[0];
  }
  for (int64_t d = 0; d < r; ++d)
    if (kernel[d] < 1 || !fits(d, kernel[d]))
      fail(fmt::format("output shape {} does not follow from input shape {}, "
                       "kernel {}, stride, dilation and padding",
                       shapeString(node.outShape), shapeString(node.inShape),
                       shapeString(kernel)));
  // 1-D convolutions run as 2-D ones with height 1.
  const int64_t o = r == 2 ? 1 : 0;
  if (r == 2) {
    g.h = node.inShape[1];
    g.oh = node.outShape[1];
    g.kh = kernel[0];
    g.sh = stride[0];
    g.dh = dilation[0];
    g.ph = lo[0];
  }
  g.w = node.inShape[1 + o];
  g.ow = node.outShape[1 + o];
  g.kw = kernel[o];
  g.sw = stride[o];
  g.dw = dilation[o];
  g.pw = lo[o];
  spec.weight = wit->second.values();
  spec.bias = optionalBias(g.cout);

  // Outputs one input cell reaches, for the synaptic event count.
  auto reach = [](int64_t pos, int64_t k, int64_t s, int64_t d, int64_t p,
                  int64_t outLen) {
    int64_t n = 0;
    for (int64_t t = 0; t < k; ++t) {
      int64_t num = pos + p - t * d;
      n += num >= 0 && num % s == 0 && num / s < outLen;
    }
    return n;
  };
  const int64_t coutG = g.cout / g.groups;
  spec.fanout.resize(g.cin * g.h * g.w);
  for (int64_t c = 0; c < g.cin; ++c)
    for (int64_t y = 0; y < g.h; ++y) {
      int64_t ry = reach(y, g.kh, g.sh, g.dh, g.ph, g.oh);
      for (int64_t x = 0; x < g.w; ++x)
        spec.fanout[(c * g.h + y) * g.w + x] = static_cast<int32_t>(
            coutG * ry * reach(x, g.kw, g.sw, g.dw, g.pw, g.ow));
    }
}

void NodePreparer::preparePool() {
  if (node.inShape.size() != 3 || node.outShape.size() != 3)
    fail(fmt::format("pooling needs (C, H, W) shapes, got {} -> {}",
                     shapeString(node.inShape), shapeString(node.outShape)));
  auto kernel = ints(keys::kKernelSize, 2), stride = ints(keys::kStride, 2),
       pad = ints(keys::kPadding, 2);
  Geometry &g = spec.geom;
  g.cin = g.cout = node.inShape[0];
  g.groups = g.cin;
  g.h = node.inShape[1];
  g.w = node.inShape[2];
  g.oh = node.outShape[1];
  g.ow = node.outShape[2];
  g.kh = kernel[0];
  g.kw = kernel[1];
  g.sh = stride[0];
  g.sw = stride[1];
  g.ph = pad[0];
  g.pw = pad[1];
  if (g.kh < 1 || g.kw < 1 || g.sh < 1 || g.sw < 1 || g.ph < 0 || g.pw < 0)
    fail("kernel_size and stride must be >= 1 and padding >= 0");
  if (node.outShape[0] != g.cin ||
      windowCount(g.h, 2 * g.ph, g.kh, g.sh, 1) != g.oh ||
      windowCount(g.w, 2 * g.pw, g.kw, g.sw, 1) != g.ow)
    fail(fmt::format("output shape {} does not follow from input shape {}, "
                     "kernel {}, stride {} and padding {}",
                     shapeString(node.outShape), shapeString(node.inShape),
                     shapeString(kernel), shapeString(stride),
                     shapeString(pad)));
}

void NodePreparer::prepareDelay() {
  const std::vector<int64_t> &steps = ints(keys::kSteps, spec.outSize);
  spec.delaySteps.resize(steps.size());
  for (size_t k = 0; k < steps.size(); ++k) {
    if (steps[k] < 0 || steps[k] > (1 << 24))
      fail(fmt::format("steps[{}] = {} is outside [0, 2^24]", k, steps[k]));
    spec.delaySteps[k] = static_cast<int32_t>(steps[k]);
    spec.maxDelay = std::max(spec.maxDelay, spec.delaySteps[k]);
    spec.uniformDelay &= steps[k] == steps[0];
  }
}

void NodePreparer::prepareNeuron() {
  const int64_t n = spec.outSize;
  spec.hasSyn = flag(keys::kHasSyn);
  spec.spikingNeuron = flag(keys::kSpiking);
  spec.resetSubtract = flag(keys::kResetSubtract);
  spec.uniformCoefs = true;
  for (int k = 0; k < kNumCoefs; ++k) {
    spec.coef[k] = floats(image::keys::kCoefs[k], n);
    const std::vector<double> &c = spec.coef[k];
    spec.uniformCoefs &=
        std::all_of(c.begin(), c.end(), [&](double x) { return x == c[0]; });
  }
  if (spec.uniformCoefs && n > 0)
    for (auto &c : spec.coef)
      c.resize(1);
  spec.spiking = spec.spikingNeuron;
  prepareNeuronExt();
}

/// The optional refractory and adaptive-threshold arrays; all-zero ones
/// are dropped so the node keeps the fast loops.
void NodePreparer::prepareNeuronExt() {
  const int64_t n = spec.outSize;
  if (node.i.count(keys::kRefSteps)) {
    const std::vector<int64_t> steps = ints(keys::kRefSteps, n);
    for (int64_t k = 0; k < n; ++k)
      if (steps[k] < 0 || steps[k] > std::numeric_limits<int32_t>::max())
        fail(fmt::format("ref_steps[{}] = {} is outside [0, 2^31)", k,
                         steps[k]));
    if (std::any_of(steps.begin(), steps.end(), [](int64_t s) { return s; }))
      spec.refSteps.assign(steps.begin(), steps.end());
  }
  const bool hasA = node.f.count(keys::kATheta),
             hasD = node.f.count(keys::kDTheta);
  if (hasA != hasD)
    fail("a_theta and d_theta come together");
  if (hasD) {
    spec.aTheta = floats(keys::kATheta, n);
    spec.dTheta = floats(keys::kDTheta, n);
    if (std::all_of(spec.dTheta.begin(), spec.dTheta.end(),
                    [](double d) { return d == 0; })) {
      spec.aTheta.clear();
      spec.dTheta.clear();
    }
  }
  spec.adaptive = !spec.dTheta.empty();
  spec.extended = spec.adaptive || !spec.refSteps.empty();
  if (spec.extended && !spec.spikingNeuron)
    fail("ref_steps and d_theta apply to spiking neurons only");
}

/// The optional STDP arrays (Image.h; nmc/Model/Plasticity.h), checked
/// here on their own; stdp_post against the graph in checkPlastic().
void NodePreparer::prepareStdp() {
  static const char *const stdpKeys[] = {
      keys::kStdpPairing,  keys::kStdpDependence, keys::kStdpTauPlus,
      keys::kStdpTauMinus, keys::kStdpAPlus,      keys::kStdpAMinus,
      keys::kStdpWMin,     keys::kStdpWMax,       keys::kStdpPost};
  std::vector<std::string> present, missing;
  for (const char *key : stdpKeys)
    (node.s.count(key) || node.f.count(key) || node.i.count(key) ? present
                                                                 : missing)
        .push_back(key);
  if (present.empty())
    return;
  if (!missing.empty())
    fail(fmt::format("the STDP arrays come all or none: has {}, lacks {}",
                     fmt::join(present, ", "), fmt::join(missing, ", ")));
  model::StdpParams p;
  const std::string pairing = text(keys::kStdpPairing, true),
                    dependence = text(keys::kStdpDependence, true);
  if (!model::parseStdpPairing(pairing, p.pairing))
    fail(fmt::format("stdp_pairing '{}' is not all_pair or nearest_pair",
                     pairing));
  if (!model::parseWeightDependence(dependence, p.dependence))
    fail(fmt::format("stdp_dependence '{}' is not additive or "
                     "multiplicative",
                     dependence));
  auto scalar = [&](const char *key) { return floats(key, 1)[0]; };
  p.tauPlus = scalar(keys::kStdpTauPlus);
  p.tauMinus = scalar(keys::kStdpTauMinus);
  p.aPlus = scalar(keys::kStdpAPlus);
  p.aMinus = scalar(keys::kStdpAMinus);
  p.wMin = scalar(keys::kStdpWMin);
  p.wMax = scalar(keys::kStdpWMax);
  if (!(p.tauPlus > 0) || !(p.tauMinus > 0))
    fail(fmt::format("stdp_tau_plus = {} and stdp_tau_minus = {} must be > 0 "
                     "(steps)",
                     p.tauPlus, p.tauMinus));
  if (!(p.wMin <= p.wMax))
    fail(fmt::format("stdp_w_min = {} is above stdp_w_max = {}", p.wMin,
                     p.wMax));
  const int64_t post = ints(keys::kStdpPost, 1)[0];
  if (post < 0 || post >= int64_t(image.nodes.size()))
    fail(fmt::format("stdp_post = {} is not a node index in [0, {})", post,
                     image.nodes.size()));
  // One delay for all synapses only: the pre time of a spike is when it
  // reaches the synapses (Plasticity.h), which must not differ per synapse.
  if (node.kind == "connector" && !delayKind.empty() && delayKind != "constant")
    fail(fmt::format("a plastic connector needs one delay for all its "
                     "synapses, but its delay_distribution is '{}' "
                     "(use 'constant')",
                     delayKind));
  if (!spec.synDelay.empty()) {
    if (std::any_of(spec.synDelay.begin(), spec.synDelay.end(),
                    [&](uint16_t d) { return d != spec.synDelay[0]; }))
      fail(fmt::format("a plastic node needs one delay for all its synapses, "
                       "but its delays range over [0, {}] steps",
                       spec.maxDelay));
    spec.preDelay = spec.synDelay[0];
    spec.synDelay.clear();
    spec.maxDelay = 0;
  }
  if (node.i.count(keys::kStdpDelay)) {
    const int64_t d = ints(keys::kStdpDelay, 1)[0];
    if (d < spec.preDelay || d > (int64_t(1) << 24))
      fail(fmt::format("stdp_delay = {} is outside [{}, 2^24] (it includes "
                       "the node's own delay of {} steps)",
                       d, spec.preDelay, spec.preDelay));
    spec.stdpDelay = d;
  }
  spec.stdp = p;
  spec.stdpPost = size_t(post);
}

void NodePreparer::run() {
  spec.name = node.name;
  spec.kindName = node.kind;
  auto kit = kindsByName().find(node.kind);
  if (kit == kindsByName().end())
    fail("unknown node kind");
  spec.kind = kit->second;
  spec.outShape = node.outShape;
  spec.outSize = elements(node.outShape, "output");
  // Elementwise kinds may leave the input shape empty.
  bool elementwise = spec.kind != Kind::Affine &&
                     spec.kind != Kind::SparseAffine &&
                     spec.kind != Kind::Conv && spec.kind != Kind::SumPool &&
                     spec.kind != Kind::AvgPool;
  spec.inSize = node.inShape.empty() && elementwise
                    ? spec.outSize
                    : elements(node.inShape, "input");
  if (elementwise && spec.inSize != spec.outSize)
    fail(fmt::format("input shape {} and output shape {} differ in size",
                     shapeString(node.inShape), shapeString(node.outShape)));
  spec.inputs = node.inputs;
  checkInputs();

  switch (spec.kind) {
  case Kind::Input:
  case Kind::Output:
  case Kind::Flatten:
    break;
  case Kind::Affine:
    prepareAffine();
    prepareStdp();
    break;
  case Kind::SparseAffine:
    if (node.kind == "connector")
      prepareConnector();
    else
      prepareSparse();
    prepareStdp();
    break;
  case Kind::Scale:
    spec.values = floats(keys::kScale, spec.outSize);
    break;
  case Kind::Conv:
    prepareConv();
    break;
  case Kind::SumPool:
  case Kind::AvgPool:
    preparePool();
    break;
  case Kind::Delay:
    prepareDelay();
    break;
  case Kind::Threshold:
    spec.values = floats(keys::kThreshold, spec.outSize);
    spec.allNonNegative = std::all_of(spec.values.begin(), spec.values.end(),
                                      [](double t) { return t >= 0; });
    spec.spiking = true;
    break;
  case Kind::Neuron:
    prepareNeuron();
    break;
  }
}

/// A plastic node's output feeds its post node, a spiking neuron node of
/// the same size, and nothing else (Plasticity.h).
void checkPlastic(const image::Image &image, const Program &program, size_t k) {
  const NodeSpec &spec = program.nodes[k];
  auto fail = [&](const std::string &msg) {
    throw std::runtime_error(fmt::format("image node {} '{}' ({}): {}", k,
                                         spec.name, spec.kindName, msg));
  };
  const NodeSpec &post = program.nodes[spec.stdpPost];
  if (post.kind != Kind::Neuron || !post.spikingNeuron)
    fail(fmt::format("stdp_post = {} names '{}' ({}), not a spiking neuron "
                     "node",
                     spec.stdpPost, post.name, post.kindName));
  if (post.outSize != spec.outSize)
    fail(fmt::format("stdp_post '{}' has {} neurons, but this node has {} "
                     "outputs",
                     post.name, post.outSize, spec.outSize));
  bool feedsPost = false;
  for (size_t c = 0; c < image.nodes.size(); ++c)
    for (const image::InputEdge &e : image.nodes[c].inputs) {
      if (e.source != k)
        continue;
      if (c != spec.stdpPost)
        fail(fmt::format("its output also feeds '{}'; a plastic node's only "
                         "consumer is its stdp_post '{}'",
                         image.nodes[c].name, post.name));
      feedsPost = true;
    }
  if (!feedsPost)
    fail(fmt::format("its output does not feed its stdp_post '{}'", post.name));
}

/// The dendritic delay d of plastic node k when the image does not give
/// stdp_delay (Plasticity.h): from its single input back through Delay
/// nodes (uniform steps) and delayed edges (+1 each) to the first node
/// that is not a Delay, plus the node's own delay.
int64_t deriveStdpDelay(const Program &program, size_t k) {
  const NodeSpec &spec = program.nodes[k];
  auto fail = [&](const std::string &msg) {
    throw std::runtime_error(fmt::format("image node {} '{}' ({}): {}", k,
                                         spec.name, spec.kindName, msg));
  };
  if (spec.inputs.size() != 1)
    fail(fmt::format("a plastic node needs exactly one input, has {}",
                     spec.inputs.size()));
  int64_t d = spec.preDelay;
  image::InputEdge edge = spec.inputs[0];
  for (size_t hops = 0;; ++hops) {
    d += edge.delayed ? 1 : 0;
    const NodeSpec &src = program.nodes[edge.source];
    if (src.kind != Kind::Delay)
      return d;
    if (!src.uniformDelay)
      fail(fmt::format("its input passes Delay node '{}' whose steps differ "
                       "per neuron; STDP needs one dendritic delay (give "
                       "stdp_delay or use uniform steps)",
                       src.name));
    if (src.inputs.size() != 1 || hops > program.nodes.size())
      fail(fmt::format("cannot derive the dendritic delay through Delay node "
                       "'{}' ({} inputs{}); give stdp_delay",
                       src.name, src.inputs.size(),
                       hops > program.nodes.size() ? ", in a cycle" : ""));
    d += src.delaySteps.empty() ? 0 : src.delaySteps[0];
    edge = src.inputs[0];
  }
}

} // namespace

Program prepareProgram(const image::Image &image) {
  if (!(image.dt > 0))
    throw std::runtime_error(
        fmt::format("image: dt must be positive, got {}", image.dt));
  if (image.nodes.empty())
    throw std::runtime_error("image: the network has no nodes");
  Program program;
  program.dt = image.dt;
  program.source = image.source;
  if (!image.numberFormat.empty()) {
    program.fixed = model::parseFixedFormat(image.numberFormat);
    if (!program.fixed)
      throw std::runtime_error(fmt::format(
          "image: number_format '{}' is not a fixed-point format sI.F or "
          "uI.F of 1 to 32 bits (e.g. s16.15)",
          image.numberFormat));
  }
  program.nodes.resize(image.nodes.size());
  for (size_t k = 0; k < image.nodes.size(); ++k) {
    NodePreparer(image, k, program.nodes[k]).run();
    program.synapticDelays |= !program.nodes[k].synDelay.empty();
  }
  for (size_t k = 0; k < program.nodes.size(); ++k)
    if (program.nodes[k].stdp) {
      checkPlastic(image, program, k);
      if (program.nodes[k].stdpDelay < 0)
        program.nodes[k].stdpDelay = deriveStdpDelay(program, k);
      program.plastic = true;
    }
  for (size_t k = 0; k < program.nodes.size(); ++k)
    for (const image::InputEdge &in : program.nodes[k].inputs)
      if (in.delayed) {
        NodeSpec &src = program.nodes[in.source];
        src.delayedSource = true;
        // A reader that runs before the source still sees last step's
        // output in `cur`; only one at or after it needs the copy.
        if (k >= static_cast<size_t>(in.source))
          src.doubleBuffered = true;
      }
  return program;
}

} // namespace nmc::engine::detail

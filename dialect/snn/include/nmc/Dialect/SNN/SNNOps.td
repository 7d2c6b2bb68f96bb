//===- SNNOps.td - snn dialect operations ------------------*- tablegen -*-===//
#ifndef NMC_DIALECT_SNN_SNNOPS_TD
#define NMC_DIALECT_SNN_SNNOPS_TD

include "nmc/Dialect/SNN/SNNDialect.td"
include "nmc/Dialect/SNN/SNNAttrs.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/IR/SymbolInterfaces.td"

//===----------------------------------------------------------------------===//
// Constraints
//===----------------------------------------------------------------------===//

/// Values on edges: f32 tensors, ranked (known NIR shape) or unranked.
def SNN_Tensor : TensorOf<[F32]>;

/// A float parameter array (f32 or f64, whatever the NIR file stored).
def SNN_FloatParam : Attr<
    CPred<"::llvm::isa<::mlir::DenseFPElementsAttr>($_self) && "
          "(::llvm::cast<::mlir::DenseFPElementsAttr>($_self).getElementType().isF32() || "
          "::llvm::cast<::mlir::DenseFPElementsAttr>($_self).getElementType().isF64())">,
    "f32 or f64 dense tensor parameter"> {
  let storageType = "::mlir::DenseFPElementsAttr";
  let returnType = "::mlir::DenseFPElementsAttr";
  let convertFromStorage = "$_self";
}

/// An integer parameter array (indices of sparse connectivity, delay steps).
def SNN_IntParam : Attr<CPred<"::llvm::isa<::mlir::DenseIntElementsAttr>($_self)">,
                        "dense integer tensor parameter"> {
  let storageType = "::mlir::DenseIntElementsAttr";
  let returnType = "::mlir::DenseIntElementsAttr";
  let convertFromStorage = "$_self";
}

/// Conv padding: explicit sizes, or NIR's strings "same" / "valid".
def SNN_Padding : AnyAttrOf<[DenseI64ArrayAttr, StrAttr]>;

/// Marks every op that is a NIR node (has a `name`, summed `inputs` and one
/// `output`); checks the shared edge rules.
def SNN_NodeTrait : NativeOpTrait<"SNNNode"> {
  let cppNamespace = "::nmc::snn::OpTrait";
}

class SNN_NodeOp<string mnemonic, dag params = (ins), list<Trait> traits = []>
    : SNN_Op<mnemonic, !listconcat([SNN_NodeTrait], traits)> {
  let arguments = !con((ins StrAttr:$name, Variadic<SNN_Tensor>:$inputs),
                       params);
  let results = (outs SNN_Tensor:$output);
  let assemblyFormat = [{
    $name (`(` $inputs^ `:` type($inputs) `)`)? attr-dict `->` type($output)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Graph structure
//===----------------------------------------------------------------------===//

def SNN_GraphOp : SNN_Op<"graph", [Symbol, IsolatedFromAbove, NoTerminator,
    SingleBlock, DeclareOpInterfaceMethods<RegionKindInterface>]> {
  let summary = "A spiking network: the root NIRGraph";
  let description = [{
    Holds one graph region whose ops are the NIR nodes of the network. Edges
    are SSA uses; cycles (recurrent edges) are allowed. The optional
    attributes record what NIR files do not store:
    - `nir_version`: the `/version` string of the imported file;
    - `metadata`: the root graph's NIR metadata;
    - `dt`, `method`, `reset`: set by `snn-discretize` (the step, and the
      `#snn.method<...>` and `#snn.reset<...>` it used).

    ```mlir
    snn.graph @net {
      %0 = snn.input "in" -> tensor<2xf32>
      %1 = snn.linear "w"(%0 : tensor<2xf32>) {weight = dense<...> : tensor<3x2xf32>} -> tensor<3xf32>
      %2 = snn.output "out"(%1 : tensor<3xf32>) -> tensor<3xf32>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       OptionalAttr<StrAttr>:$nir_version,
                       OptionalAttr<DictionaryAttr>:$metadata,
                       OptionalAttr<F64Attr>:$dt,
                       OptionalAttr<SNN_DiscretizeMethodAttr>:$method,
                       OptionalAttr<SNN_ResetModeAttr>:$reset);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
  }];
}

def SNN_SubgraphOp : SNN_Op<"subgraph", [SNN_NodeTrait, IsolatedFromAbove,
    NoTerminator, SingleBlock, DeclareOpInterfaceMethods<RegionKindInterface>]> {
  let summary = "A nested NIRGraph node";
  let description = [{
    A NIRGraph used as a node of its parent. Its region holds exactly one
    `snn.input` (fed by the sum of the op's `inputs`) and one `snn.output`
    (whose value is the op's result): NIR addresses a subgraph by name and
    has no port notation (reference/nir.md §2.1). `snn-inline-subgraphs`
    flattens it into the parent, prefixing inner names with `<name>.`.
  }];
  let arguments = (ins StrAttr:$name, Variadic<SNN_Tensor>:$inputs,
                       OptionalAttr<DictionaryAttr>:$metadata);
  let results = (outs SNN_Tensor:$output);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $name (`(` $inputs^ `:` type($inputs) `)`)? attr-dict `->` type($output) $body
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
  }];
}

def SNN_InputOp : SNN_NodeOp<"input"> {
  let summary = "Graph entry (NIR Input)";
  let description = [{
    An entry of the graph: external data (spikes or currents) arrive here.
    Its `shape` is the result type. Takes no operands.
  }];
}

def SNN_OutputOp : SNN_NodeOp<"output"> {
  let summary = "Graph exit (NIR Output)";
  let description = [{
    An exit of the graph: the identity of the sum of its inputs. Its `shape`
    is the result type, which must equal the input type.
  }];
}

//===----------------------------------------------------------------------===//
// Weights and shape ops
//===----------------------------------------------------------------------===//

/// What a plastic weight node adds to its description.
defvar SNN_StdpDoc = [{

    Optional `stdp` (`#snn.stdp<...>`): the weights learn by spike-timing-
    dependent plasticity; the node's output must then feed exactly one
    spiking neuron node (IF/LIF/CubaLIF) of the same size and nothing else.
  }];

def SNN_AffineOp : SNN_NodeOp<"affine",
    (ins SNN_FloatParam:$weight, SNN_FloatParam:$bias,
         OptionalAttr<SNN_StdpAttr>:$stdp)> {
  let summary = "y = W x + b (NIR Affine)";
  let description = !strconcat([{
    `weight` has shape `(..., out, in)` (PyTorch order; leading dimensions
    batch the product), `bias` shape `(out)`. Input `(..., in)`, output
    `(..., out)`. The bias is added every time step.
  }], SNN_StdpDoc);
}

def SNN_LinearOp : SNN_NodeOp<"linear",
    (ins SNN_FloatParam:$weight, OptionalAttr<SNN_StdpAttr>:$stdp)> {
  let summary = "y = W x (NIR Linear)";
  let description = !strconcat([{ As `snn.affine` without a bias. }],
                               SNN_StdpDoc);
}

def SNN_SparseAffineOp : SNN_NodeOp<"sparse_affine",
    (ins SNN_IntParam:$indptr, SNN_IntParam:$indices, SNN_FloatParam:$weight,
         OptionalAttr<SNN_FloatParam>:$bias,
         OptionalAttr<SNN_StdpAttr>:$stdp)> {
  let summary = "Sparse y = W x + b (nmc extension of NIR)";
  let description = !strconcat([{
    Sparse connectivity for large networks whose dense matrix would not fit
    a NIR file (e.g. Brunel's 12,500² matrix). CSR by *source*: input `j`
    connects to outputs `indices[indptr[j] .. indptr[j+1])` with the same
    entries of `weight`. `indptr` has `in + 1` entries; input `(in)`,
    output `(out)`; optional `bias` `(out)`. Stored in NIR files as node
    type `nmc.SparseAffine` (docs/nir-extensions.md).
  }], SNN_StdpDoc);
}

def SNN_ConnectorOp : SNN_NodeOp<"connector",
    (ins SNN_ConnectorRuleAttr:$rule, I64Attr:$n_pre, I64Attr:$n_post,
         OptionalAttr<F64Attr>:$p, OptionalAttr<I64Attr>:$n,
         DefaultValuedAttr<BoolAttr, "true">:$allow_self,
         DefaultValuedAttr<BoolAttr, "false">:$with_replacement,
         SNN_DistributionKindAttr:$weight_distribution,
         DenseF64ArrayAttr:$weight,
         OptionalAttr<SNN_DistributionKindAttr>:$delay_distribution,
         OptionalAttr<DenseF64ArrayAttr>:$delay,
         I64Attr:$seed,
         OptionalAttr<SNN_StdpAttr>:$stdp)> {
  let summary = "Procedural (PyNN-style) connectivity (nmc extension of NIR)";
  let description = !strconcat([{
    A projection from `n_pre` inputs to `n_post` outputs given by a rule and
    a seed instead of a matrix (nmc/Model/Connector.h; NIR node type
    `nmc.Connector`, docs/nir-support.md). Input `(n_pre)`, output
    `(n_post)`; output i is the sum over its synapses j of
    weight * x_j delayed by the synapse's delay.

    - `rule`: `#snn.rule<all_to_all | one_to_one | fixed_probability |
      fixed_number_pre | fixed_total_number>`; `p` (fixed_probability) or
      `n` (in-degree of fixed_number_pre, total of fixed_total_number);
      `allow_self` (pairs j == i, default true), `with_replacement`
      (multapses, default false).
    - `weight_distribution` / `weight`: `#snn.dist<constant>` [value],
      `uniform` [low, high), `normal_clipped` [mean, sd, low, high]
      (redrawn until inside), `choice` [v0, v1, ...].
    - `delay_distribution` / `delay`: the same, in seconds; absent means no
      delay. A synapse of delay d acts as a Delay node of d on its input;
      after discretization d is round(d / dt) steps.
    - `seed`: the synapses onto output i depend only on (seed, i).

    The op keeps the rule: only engines and backends expand it (the
    reference engines once, the SpiNNaker backend row by row), or
    `snn-expand-connectors` for targets that need explicit synapses.

    ```mlir
    %1 = snn.connector "exc"(%0 : tensor<100xf32>) {
        rule = #snn.rule<fixed_probability>, n_pre = 100, n_post = 50,
        p = 0.1 : f64, weight_distribution = #snn.dist<constant>,
        weight = array<f64: 0.5>, seed = 42} -> tensor<50xf32>
    ```
  }], SNN_StdpDoc, [{
    A plastic connector needs a constant delay distribution (or none).
  }]);
  let extraClassDeclaration = [{
    /// The model's spec of this op; "" or the reason it has none (a
    /// missing p/n, a parameter count that does not fit a distribution).
    std::string getSpec(::nmc::model::ConnectorSpec &spec);
  }];
}

def SNN_ScaleOp : SNN_NodeOp<"scale", (ins SNN_FloatParam:$scale)> {
  let summary = "y = x * s elementwise (NIR Scale)";
  let description = [{ `scale` has the activation shape. }];
  let hasCanonicalizer = 1;
}

class SNN_ConvOp<string mnemonic, int spatial> : SNN_NodeOp<mnemonic,
    (ins SNN_FloatParam:$weight, SNN_FloatParam:$bias,
         DenseI64ArrayAttr:$stride, SNN_Padding:$padding,
         DenseI64ArrayAttr:$dilation, I64Attr:$groups,
         OptionalAttr<DenseI64ArrayAttr>:$input_shape)> {
  int spatialDims = spatial;
}

def SNN_Conv1dOp : SNN_ConvOp<"conv1d", 1> {
  let summary = "1-D convolution (NIR Conv1d, PyTorch semantics)";
  let description = [{
    Cross-correlation with zero padding. `weight (Cout, Cin/groups, K)`,
    `bias (Cout)`, `stride`/`dilation` one entry, `padding` one entry or
    `"same"`/`"valid"`, `groups`. Input `(Cin, L)`, output `(Cout, L')` with
    L' = floor((L + 2p - d(K-1) - 1)/s + 1). `input_shape` (L) is optional.
  }];
}

def SNN_Conv2dOp : SNN_ConvOp<"conv2d", 2> {
  let summary = "2-D convolution (NIR Conv2d, PyTorch semantics)";
  let description = [{
    Cross-correlation with zero padding. `weight (Cout, Cin/groups, kH, kW)`,
    `bias (Cout)`, `stride`/`padding`/`dilation` two entries each (or padding
    `"same"`/`"valid"`), `groups`. Input `(Cin, H, W)`, output
    `(Cout, H', W')`. `input_shape` (H, W) is optional.
  }];
}

def SNN_FlattenOp : SNN_NodeOp<"flatten",
    (ins I64Attr:$start_dim, I64Attr:$end_dim,
         OptionalAttr<DenseI64ArrayAttr>:$input_type)> {
  let summary = "Merge dimensions start_dim..end_dim (NIR Flatten)";
  let description = [{
    Dimensions count in the NIR shape, which has no batch dimension;
    negative values count from the end. `input_type` is the input shape as
    stored by NIR.
  }];
  let hasCanonicalizer = 1;
}

class SNN_PoolOp<string mnemonic> : SNN_NodeOp<mnemonic,
    (ins DenseI64ArrayAttr:$kernel_size, DenseI64ArrayAttr:$stride,
         DenseI64ArrayAttr:$padding)>;

def SNN_SumPool2dOp : SNN_PoolOp<"sum_pool2d"> {
  let summary = "Sum over 2-D windows (NIR SumPool2d)";
  let description = [{
    `kernel_size`, `stride`, `padding` two entries each. Input `(C, H, W)`,
    output `(C, H', W')`; padded cells count as zero.
  }];
}

def SNN_AvgPool2dOp : SNN_PoolOp<"avg_pool2d"> {
  let summary = "Mean over 2-D windows (NIR AvgPool2d)";
  let description = [{
    SumPool2d followed by a scale of 1/(kH·kW) (NIR docs).
  }];
}

def SNN_DelayOp : SNN_NodeOp<"delay", (ins SNN_FloatParam:$delay)> {
  let summary = "y(t) = x(t - delay) elementwise (NIR Delay)";
  let description = [{
    `delay` has the activation shape, in the time unit of the network
    (`snn-discretize` rounds delay/dt to whole steps).
  }];
  let hasCanonicalizer = 1;
}

def SNN_ThresholdOp : SNN_NodeOp<"threshold", (ins SNN_FloatParam:$threshold)> {
  let summary = "z = (x > threshold) (NIR Threshold)";
  let description = [{ Heaviside step, strict `>`; `threshold` per element. }];
}

//===----------------------------------------------------------------------===//
// Neurons (continuous time)
//===----------------------------------------------------------------------===//

class SNN_NeuronOp<string mnemonic, dag params>
    : SNN_NodeOp<mnemonic, params> {
  let extraClassDeclaration = [{
    /// Parameter attributes by NIR name, in declaration order.
    ::llvm::SmallVector<std::pair<::llvm::StringRef, ::mlir::DenseFPElementsAttr>>
    getNeuronParams();
  }];
}

def SNN_IOp : SNN_NeuronOp<"i", (ins SNN_FloatParam:$r)> {
  let summary = "Integrator: dv/dt = R I (NIR I)";
  let description = [{ Outputs v. Parameters have the neuron shape. }];
}

/// The optional nmc neuron extensions of the spiking neurons
/// (docs/nir-support.md): refractory period, adaptive threshold.
defvar SNN_SpikingExt = (ins OptionalAttr<SNN_FloatParam>:$t_ref,
                             OptionalAttr<SNN_FloatParam>:$d_theta,
                             OptionalAttr<SNN_FloatParam>:$tau_theta);

defvar SNN_SpikingExtDoc = [{

    Optional nmc extensions (neuron shape each, time in the NIR file's
    unit): `t_ref` >= 0, the refractory period: after a spike step the
    membrane is held at its reset value and inputs do not reach it for
    round(t_ref/dt) steps (a synaptic current keeps integrating);
    `d_theta` with `tau_theta` > 0, an adaptive threshold: theta grows by
    d_theta per spike and decays with tau_theta; the threshold is
    v_threshold + theta.
  }];

def SNN_IFOp : SNN_NeuronOp<"if",
    !con((ins SNN_FloatParam:$r, SNN_FloatParam:$v_threshold,
              SNN_FloatParam:$v_reset), SNN_SpikingExt)> {
  let summary = "Integrate-and-fire (NIR IF)";
  let description = !strconcat([{
    dv/dt = R I; z = (v > v_threshold); on z: v = v_reset. Outputs z.
    Files without `v_reset` (NIR < 1.0.6) import with v_reset = 0.
  }], SNN_SpikingExtDoc);
}

def SNN_LIOp : SNN_NeuronOp<"li",
    (ins SNN_FloatParam:$tau, SNN_FloatParam:$r, SNN_FloatParam:$v_leak)> {
  let summary = "Leaky integrator (NIR LI)";
  let description = [{ tau dv/dt = (v_leak - v) + R I. Outputs v. }];
}

def SNN_LIFOp : SNN_NeuronOp<"lif",
    !con((ins SNN_FloatParam:$tau, SNN_FloatParam:$r, SNN_FloatParam:$v_leak,
              SNN_FloatParam:$v_threshold, SNN_FloatParam:$v_reset),
         SNN_SpikingExt)> {
  let summary = "Leaky integrate-and-fire (NIR LIF)";
  let description = !strconcat([{
    tau dv/dt = (v_leak - v) + R I; z = (v > v_threshold); on z:
    v = v_reset. Outputs z.
  }], SNN_SpikingExtDoc);
}

def SNN_CubaLIOp : SNN_NeuronOp<"cubali",
    (ins SNN_FloatParam:$tau_syn, SNN_FloatParam:$tau_mem, SNN_FloatParam:$r,
         SNN_FloatParam:$v_leak, SNN_FloatParam:$w_in)> {
  let summary = "Current-based leaky integrator (NIR CubaLI)";
  let description = [{
    tau_syn dI/dt = -I + w_in S; tau_mem dv/dt = (v_leak - v) + R I.
    Outputs v. Files without `w_in` import with w_in = 1.
  }];
}

def SNN_CubaLIFOp : SNN_NeuronOp<"cubalif",
    !con((ins SNN_FloatParam:$tau_syn, SNN_FloatParam:$tau_mem,
              SNN_FloatParam:$r, SNN_FloatParam:$v_leak,
              SNN_FloatParam:$v_threshold, SNN_FloatParam:$v_reset,
              SNN_FloatParam:$w_in), SNN_SpikingExt)> {
  let summary = "Current-based leaky integrate-and-fire (NIR CubaLIF)";
  let description = !strconcat([{
    CubaLI dynamics plus z = (v > v_threshold), on z: v = v_reset. Outputs z.
  }], SNN_SpikingExtDoc);
}

//===----------------------------------------------------------------------===//
// Discrete time (after snn-discretize)
//===----------------------------------------------------------------------===//

def SNN_DiscreteNeuronOp : SNN_NodeOp<"discrete_neuron",
    (ins SNN_NeuronTypeAttr:$neuron_type, F64ElementsAttr:$a_syn,
         F64ElementsAttr:$b_syn,
         F64ElementsAttr:$a_mem, F64ElementsAttr:$c_mem_syn,
         F64ElementsAttr:$c_mem_in, F64ElementsAttr:$c_mem_0,
         F64ElementsAttr:$v_threshold, F64ElementsAttr:$v_reset,
         SNN_ResetModeAttr:$reset,
         OptionalAttr<I64ElementsAttr>:$ref_steps,
         OptionalAttr<F64ElementsAttr>:$a_theta,
         OptionalAttr<F64ElementsAttr>:$d_theta)> {
  let summary = "A neuron as a discrete-time update rule";
  let description = [{
    Produced by `snn-discretize` from any NIR neuron op (`neuron_type`, e.g.
    `#snn.neuron_type<LIF>`, names it). Per element, with x the summed input
    of the step:
    ```
    I' = a_syn I + b_syn x                          (CubaLI/CubaLIF)
    v' = a_mem v + c_mem_syn I + c_mem_in x + c_mem_0
    spiking types: z = v' > v_threshold; on z: v' = v_reset
                   (reset = #snn.reset<value>)
                   or v' -= v_threshold (reset = #snn.reset<subtract>)
    ```
    The coefficients come from nmc/Model/NeuronModel.h, the single
    definition of the neuron equations. Optional, spiking types only (the
    nmc extensions, `stepNeuronExtWith`): `ref_steps` refractory steps
    after a spike (v held, x ignored, I still updated); `a_theta` and
    `d_theta` an adaptive threshold theta' = a_theta theta (+ d_theta on a
    spike), compared as v' > v_threshold + theta.
  }];
}

def SNN_DiscreteDelayOp : SNN_NodeOp<"discrete_delay",
    (ins SNN_IntParam:$steps)> {
  let summary = "y[t] = x[t - steps] elementwise, in whole steps";
  let description = [{ Produced by `snn-discretize` from `snn.delay`. }];
}

#endif // NMC_DIALECT_SNN_SNNOPS_TD

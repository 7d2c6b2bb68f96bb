//===- SpinnOps.td - spinn dialect operations --------------*- tablegen -*-===//
#ifndef NMC_DIALECT_SPINN_SPINNOPS_TD
#define NMC_DIALECT_SPINN_SPINNOPS_TD

include "nmc/Dialect/Spinn/SpinnDialect.td"
include "nmc/Dialect/Spinn/SpinnEnums.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "nmc/Dialect/SNN/SNNAttrs.td"

/// Values on edges, as in the snn dialect.
def Spinn_Tensor : TensorOf<[F32]>;

/// An i64 attribute read as int64_t (I64Attr reads uint64_t).
def Spinn_I64 : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                             "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

/// The snn node trait: a name, summed inputs of one shape, a parent graph.
def Spinn_SNNNodeTrait : NativeOpTrait<"SNNNode"> {
  let cppNamespace = "::nmc::snn::OpTrait";
}


def Spinn_ProjectionOp : Spinn_Op<"projection", [Spinn_SNNNodeTrait]> {
  let summary = "A weight node as a SpiNNaker synapse matrix";
  let description = [{
    Made by `convert-snn-to-spinn` from a weight node (`snn.affine`,
    `snn.linear`, `snn.sparse_affine`), whose `name` and result it keeps.
    Its input is the spikes of population `pre` (an `snn.discrete_delay`
    in between is absorbed into `delay_steps`); its result feeds population
    `post`.

    Explicit form: the matrix is CSR by source, as sPyNNaker's synaptic
    rows (spinnaker.md §A.5): source neuron `i` of `pre` (`n_pre` neurons)
    reaches neurons `indices[indptr[i] .. indptr[i+1])` of `post` (`n_post`
    neurons). Per entry: `synapse_types` (0 excitatory, 1 inhibitory: the
    sign of the weight), `codes` (the 16-bit unsigned weight magnitude) and
    `weights`, the signed weight the hardware applies:
    `±code * 2^(shift - 15)` with `shift` the post population's ring-buffer
    left shift of that synapse type (WeightCoding.h). `delay_steps` has one
    entry (all synapses) or one per entry: the HARDWARE delay D >= 1 in
    ticks (SpinnImage.h "Time": the graph delay plus the latency
    difference of the two populations, plus one on a cycle-closing edge).

    Connector form (an `snn.connector` kept procedural): none of the six
    arrays above; `connector` is a dictionary of the connector op's
    attributes as named there (rule, n_pre, n_post, p, n, allow_self,
    with_replacement, weight_distribution, weight, delay_distribution,
    delay, seed) and a synapse's hardware delay is its connector delay in
    steps (round(delay / dt), Connector.h) + `delay_offset`. The image
    builder expands it slice by slice and codes each weight with the post
    population's shift of its synapse type.

    Plastic (issue 14): `stdp` is the weight node's `#snn.stdp<...>` rule,
    copied unchanged (taus in the graph's time unit, amplitudes and bounds
    in its weight unit). An explicit plastic projection's synapses are
    every entry of the weight node (zero weights too: they may learn),
    `weights` are the graph's (s16.15, exact; |w| < 512), `codes` and
    `synapse_types` are 0 (no 16-bit coding: the image builder writes
    them as s16.15 words in plastic rows, SpinnImage.h "Plastic rows"), and
    `delay_steps` has one value D for all synapses (the rule's dendritic
    delay on the machine). A plastic connector-form projection (a plastic
    `snn.connector`) has a constant delay, so one D = round(delay / dt) +
    `delay_offset`; the image builder expands it like a static connector
    but writes every synapse (zero weights too) as a plastic s16.15 word.
    A plastic projection takes no part in the post population's
    ring-buffer shifts.

    `zeroed` counts nonzero weights whose code rounded to 0 (dropped from
    the matrix), `saturated` weights clamped to code 65535 (connector form:
    0, counted by the image builder). `latency_clash`: a cycle-closing
    edge whose hardware delay would have been < 1 was raised (explicit:
    those synapses to D = 1; connector: `delay_offset` so that the
    smallest D is 1), so the machine differs from the original network
    there (it still equals the image's hardware-equivalent network).

    ```mlir
    %1 = spinn.projection "fc"(%0 : tensor<2xf32>) {pre = "in",
        post = "lif", n_pre = 2, n_post = 1,
        indptr = dense<[0, 1, 2]> : tensor<3xi64>,
        indices = dense<[0, 0]> : tensor<2xi64>,
        synapse_types = dense<[0, 1]> : tensor<2xi32>,
        codes = dense<[16384, 8192]> : tensor<2xi32>,
        weights = dense<[0.5, -0.25]> : tensor<2xf64>,
        delay_steps = dense<1> : tensor<1xi64>,
        zeroed = 0, saturated = 0} -> tensor<1xf32>
    ```
  }];
  let arguments = (ins StrAttr:$name, Variadic<Spinn_Tensor>:$inputs,
                       StrAttr:$pre, StrAttr:$post,
                       Spinn_I64:$n_pre, Spinn_I64:$n_post,
                       OptionalAttr<I64ElementsAttr>:$indptr,
                       OptionalAttr<I64ElementsAttr>:$indices,
                       OptionalAttr<I32ElementsAttr>:$synapse_types,
                       OptionalAttr<I32ElementsAttr>:$codes,
                       OptionalAttr<F64ElementsAttr>:$weights,
                       OptionalAttr<I64ElementsAttr>:$delay_steps,
                       OptionalAttr<DictionaryAttr>:$connector,
                       OptionalAttr<Spinn_I64>:$delay_offset,
                       OptionalAttr<UnitAttr>:$latency_clash,
                       OptionalAttr<SNN_StdpAttr>:$stdp,
                       Spinn_I64:$zeroed, Spinn_I64:$saturated);
  let results = (outs Spinn_Tensor:$output);
  let assemblyFormat = [{
    $name (`(` $inputs^ `:` type($inputs) `)`)? attr-dict `->` type($output)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Connector form: the synapses are generated from `connector`.
    bool isConnector() { return getConnector().has_value(); }
    /// Number of synapses (entries of the matrix; 0 in connector form).
    int64_t getNumSynapses() {
      return getIndices() ? getIndices()->getNumElements() : 0;
    }
    /// Hardware delay of entry `k` in ticks (explicit form).
    int64_t getDelay(int64_t k);
    /// The connector's spec (connector form); "" or why it has none.
    std::string getConnectorSpec(::nmc::model::ConnectorSpec &spec);
    /// Smallest and largest hardware delay in ticks. Connector form: from
    /// the delay distribution's support at the enclosing graph's dt plus
    /// `delay_offset`; the verifier makes that support bounded and the dt
    /// present.
    std::pair<int64_t, int64_t> getDelayRange();
    /// Largest hardware delay in ticks (see getDelayRange).
    int64_t getMaxDelay() { return getDelayRange().second; }
  }];
}

def Spinn_MappingOp : Spinn_Op<"mapping", [
    NoTerminator, SingleBlock]> {
  let summary = "The SpiNNaker mapping of one graph";
  let description = [{
    One per `snn.graph`, made by `convert-snn-to-spinn`. Its region holds a
    `spinn.population` per population (unique names) and, after routing,
    `spinn.router_table` ops (one per chip).

    `machine` is the SpiNNaker machine the mapping is for, as the JSON of
    `nmc::spinn::toJson` (MachineJson.h): recorded by the first pass that
    needs one (`spinn-place`), so later passes and the backend use the
    same. `key_fields` are the widths of the population | slice | neuron
    fields of the routing keys (`spinn-allocate-keys`), high bits first.
    `placement_cost` is spinn-place's measure of its placement: the sum of
    the hex distances between the chips of every slice and every slice it
    has synapses onto.
  }];
  let arguments = (ins OptionalAttr<StrAttr>:$machine,
                       OptionalAttr<DenseI64ArrayAttr>:$key_fields,
                       OptionalAttr<Spinn_I64>:$placement_cost);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    /// The population named `name`, or null.
    PopulationOp lookupPopulation(::llvm::StringRef name);
  }];
}

def Spinn_PopulationOp : Spinn_Op<"population", [HasParent<"MappingOp">,
    NoTerminator, SingleBlock]> {
  let summary = "A population of neurons or spike sources";
  let description = [{
    `name` is the snn node it stands for (a spiking `snn.discrete_neuron`:
    `kind = #spinn.kind<neuron>`, or an `snn.input`: `#spinn.kind<source>`),
    `size` its neuron count. A neuron population has the ring-buffer left
    shifts `shift_exc` and `shift_inh` (0..16) of its two synapse types:
    the ring buffer's 16-bit sum is shifted left by that much into the
    s16.15 input (spinnaker.md §A.4). `latency` (ticks, >= 0; 0 for
    sources) is how many ticks the population's spikes lag the reference's
    (SpinnImage.h "Time", `convert-snn-to-spinn`).

    The region holds the population's `spinn.slice` ops (`spinn-partition`),
    in order, covering `[0, size)` without overlap.
  }];
  let arguments = (ins StrAttr:$name, Spinn_PopulationKindAttr:$kind,
                       Spinn_I64:$size,
                       OptionalAttr<Spinn_I64>:$shift_exc,
                       OptionalAttr<Spinn_I64>:$shift_inh,
                       OptionalAttr<Spinn_I64>:$latency);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$name attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    ::llvm::iterator_range<::mlir::Block::op_iterator<SliceOp>> getSlices();
  }];
}

def Spinn_SliceOp : Spinn_Op<"slice", [HasParent<"PopulationOp">]> {
  let summary = "The neurons [lo, hi) of a population, on one core";
  let description = [{
    Made by `spinn-partition`, with its estimates: `dtcm_bytes` (neuron
    state, ring buffers, input buffer, DMA buffers, master population
    table), `sdram_bytes` (synaptic rows onto the slice),
    `delay_bits` (neuron slices: the ring buffer has 2^delay_bits slots
    per synapse type and neuron, on-core delays 1 .. 2^delay_bits - 1) and
    `needs_delay_extension` (some incoming delay exceeds the ring buffer's
    slots). `spinn-place` adds the chip `x`, `y` and core `p`;
    `spinn-allocate-keys` the routing `key` and `mask`.

    Delay extension (spinnaker.md §A.5) of a SOURCE slice some of whose
    synapses need more than their target core's on-core maximum: the core
    `ext_x`, `ext_y`, `ext_p` (`spinn-place`), `ext_stage_ticks` S
    (`spinn-partition`: at most the smallest on-core maximum of the target
    cores involved) and `ext_keys`, one routing key per stage (stage s is
    `ext_keys[s-1]`, with this slice's `mask`; `spinn-allocate-keys`). At
    most 8 stages.
  }];
  let arguments = (ins Spinn_I64:$lo, Spinn_I64:$hi,
                       OptionalAttr<Spinn_I64>:$dtcm_bytes,
                       OptionalAttr<Spinn_I64>:$sdram_bytes,
                       OptionalAttr<BoolAttr>:$needs_delay_extension,
                       OptionalAttr<Spinn_I64>:$x,
                       OptionalAttr<Spinn_I64>:$y,
                       OptionalAttr<Spinn_I64>:$p,
                       OptionalAttr<Spinn_I64>:$key,
                       OptionalAttr<Spinn_I64>:$mask,
                       OptionalAttr<Spinn_I64>:$delay_bits,
                       OptionalAttr<Spinn_I64>:$ext_stage_ticks,
                       OptionalAttr<Spinn_I64>:$ext_x,
                       OptionalAttr<Spinn_I64>:$ext_y,
                       OptionalAttr<Spinn_I64>:$ext_p,
                       OptionalAttr<DenseI64ArrayAttr>:$ext_keys);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Spinn_RouterTableOp : Spinn_Op<"router_table", [HasParent<"MappingOp">]> {
  let summary = "One chip's multicast routing table";
  let description = [{
    The table of chip (`x`, `y`): `entries` is a flat list of
    (key, mask, route) triples, first match wins; `route` has 6 link bits
    and 18 core bits (spinnaker.md §A.6). Made by `spinn-route`, shortened
    by `spinn-compress-tables`.

    Per entry, optional: `defaultable` (the entry only repeats default
    routing: the packet enters on link L and leaves on the opposite link
    to no core; `spinn-route` keeps such entries so compression may use
    them, `spinn-compress-tables` drops them) and `sources` (the index, in
    the mapping, of the population whose slice sends the packets: names
    the populations responsible when a table does not fit). `uncompressed`
    is the entry count before `spinn-compress-tables`.
  }];
  let arguments = (ins Spinn_I64:$x, Spinn_I64:$y,
                       DenseI64ArrayAttr:$entries,
                       OptionalAttr<DenseBoolArrayAttr>:$defaultable,
                       OptionalAttr<DenseI64ArrayAttr>:$sources,
                       OptionalAttr<Spinn_I64>:$uncompressed);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

#endif // NMC_DIALECT_SPINN_SPINNOPS_TD

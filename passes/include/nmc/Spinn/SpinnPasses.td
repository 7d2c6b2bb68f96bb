//===- SpinnPasses.td - Passes of the SpiNNaker target -----*- tablegen -*-===//
//
// The PACMAN stages of docs/targets/spinnaker-compiler.md, in pipeline
// order. Defaults come from /work/shared/reference/spinnaker.md (cited per
// option).
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_SPINNPASSES_TD
#define NMC_SPINN_SPINNPASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSNNToSpinn : Pass<"convert-snn-to-spinn", "nmc::snn::GraphOp"> {
  let summary = "Turn populations and weight nodes into spinn ops";
  let description = [{
    Expects a discretized graph quantized to s16.15 (`snn-quantize`).
    Populations are the spiking `snn.discrete_neuron` nodes (IF, LIF,
    CubaLIF) and the graph inputs (spike sources). Every weight node
    (`snn.affine`, `snn.linear`, `snn.sparse_affine`) from one population's
    spikes (optionally through one `snn.discrete_delay`, which becomes the
    synapses' delays) into one spiking neuron node becomes a
    `spinn.projection` (CSR by source, synapse type by sign); an
    `snn.connector` becomes a connector-form projection (kept procedural,
    statistics from its distributions).

    Timing (SpinnImage.h "Time"): from the reference's execution order,
    every population gets a `latency` (0 for inputs, 1 + the largest of
    its forward feeders) and every synapse the hardware delay
    D = d + L(post) - L(pre) (+1 on a cycle-closing edge); a D < 1 is
    raised to 1 with a warning and `latency_clash`.

    Per post population and synapse type the ring-buffer left shift is
    chosen as sPyNNaker's `get_ring_buffer_shifts` does (spinnaker.md §A.4):
    the expected maximum of the summed weight per step (the worst case
    max|w| x fan-in when all delays are equal; otherwise the Poisson upper
    bound mean + sigma x SD at `spikes-per-second`, capped by that worst
    case and at least the largest weight), shift = ceil(log2(max)), plus one
    when 2^shift <= max. A weight w becomes code = round(|w| 2^(15-shift))
    (ties away from zero), clamped to 65535; the projection's `weights` are
    rewritten to the value the hardware applies, sign(w) code 2^(shift-15).
    Codes that round to 0 (dropped) and clamped codes are counted in
    `zeroed` / `saturated` and warned about per projection.

    Anything else (convolutions, pooling, non-spiking neurons, weight
    nodes fed by non-spiking nodes or by sums of several nodes, nonzero
    biases, adaptive thresholds, ...) is an error naming the node.
    The graph's `spinn.mapping` gets a `spinn.population` per population.
  }];
  let dependentDialects = ["nmc::spinn::SpinnDialect"];
  let options = [
    // spinnaker.md §A.4: spynnaker.cfg spikes_per_second = 30.
    Option<"spikesPerSecond", "spikes-per-second", "double", "30.0",
           "expected peak rate of a source neuron (Hz) for the ring-buffer "
           "bound">,
    // spinnaker.md §A.4: spynnaker.cfg ring_buffer_sigma = 5.
    Option<"ringBufferSigma", "ring-buffer-sigma", "double", "5.0",
           "standard deviations above the mean summed weight">,
    Option<"forceShift", "force-shift", "int64_t", "-1",
           "use this ring-buffer left shift (0..16) for every population "
           "and synapse type instead of choosing it (-1: choose)">
  ];
}

def SpinnPartition : Pass<"spinn-partition", "nmc::snn::GraphOp"> {
  let summary = "Slice every population into per-core neuron ranges";
  let description = [{
    Gives every `spinn.population` slices of at most `neurons-per-core`
    neurons (`source-neurons-per-core` for sources): all full but the
    last. For a neuron population it estimates each slice's DTCM: neuron
    state (bytes per neuron by model), ring buffers 2^(n+t+d) x 2 B with
    n = max(1, ceil(log2(slice size))), t = 1 (two synapse types),
    d = max(1, ceil(log2(max incoming hardware delay + 1))) capped so
    n + t + d <= 14 and recorded as `delay_bits` (longer delays set
    `needs_delay_extension`), the input spike buffer, two DMA
    row buffers and the master population table (one entry per incoming
    source slice). While a slice does not fit `dtcm-bytes` the population's
    slice size is halved; when one neuron does not fit it is an error
    naming the population and the bytes. A source slice with synapses of
    hardware delay above their target core's 2^delay_bits - 1 gets
    `ext_stage_ticks` (delay extension, DelayExtension.h; at most 8
    stages). SDRAM per slice: every source
    neuron's synaptic row onto the slice (3 header words + one word per
    synapse, empty rows take none); a slice above `sdram-bytes` (one
    chip's budget) is an error. The total per chip is spinn-place's check.
  }];
  let options = [
    // spinnaker.md §A.3: 256 = POP_TABLE_MAX_ROW_LENGTH.
    Option<"neuronsPerCore", "neurons-per-core", "int64_t", "256",
           "largest slice of a neuron population">,
    // [assumed] graph inputs replay host spikes like a SpikeSourceArray,
    // whose PyNN default is the same 256 (Poisson sources would allow 500,
    // spinnaker.md §A.3).
    Option<"sourceNeuronsPerCore", "source-neurons-per-core", "int64_t",
           "256", "largest slice of a source population">,
    // spinnaker.md §A.1: DTCM_SIZE 0x10000.
    Option<"dtcmBytes", "dtcm-bytes", "int64_t", "65536",
           "DTCM per core (bytes)">,
    // spinnaker.md §A.1: max_sdram_per_chip = 123,469,792 B.
    Option<"sdramBytes", "sdram-bytes", "int64_t", "123469792",
           "SDRAM budget of one chip (bytes)">
  ];
}

/// The machine option every pass after partitioning shares.
def SpinnMachineOption : Option<"machine", "machine", "std::string", "\"\"",
      "SpiNNaker machine: a preset (spin5, spin3, spin5:WxH, spin2) or a "
      "JSON file (MachineJson.h); empty: the one recorded on spinn.mapping, "
      "else spin5. A machine other than the recorded one is an error">;

def SpinnPlace : Pass<"spinn-place", "nmc::snn::GraphOp"> {
  let summary = "Put every slice on a chip and an application core";
  let description = [{
    Greedy neighbourhood growth, deterministic: slices in mapping order
    (populations as convert-snn-to-spinn made them, i.e. graph order;
    slices in order) fill the application cores `monitor_cores ..
    cores-1` of a chip (core 0 is SC&MP, core 1 the extra monitor on
    SpiNNaker 1, spinnaker.md §A.1), then the next chip: ring by ring
    (hex distance) around the first present chip in (x, y) order, each
    ring in (x, y) order. A chip's
    SDRAM (`chip.sdram_usable_bytes`) bounds the sum of its slices'
    `sdram_bytes`; each slice's `dtcm_bytes` must fit `chip.dtcm_bytes`.
    Records the machine on spinn.mapping. Errors name the slices needed
    and the cores available. Then every slice with `ext_stage_ticks` gets
    a delay-extension core (`ext_x`, `ext_y`, `ext_p`): its own chip if a
    core is free, else the nearest chip with one.

    `placement_cost` on spinn.mapping: the sum, over every pair of slices
    where one has synapses onto the other, of their chips' hex distance.
    With `anneal-steps` > 0, simulated annealing then lowers it: a step
    swaps the contents of two cores of the chips the greedy placement used
    (a slice and a free core = a move), keeping every chip's SDRAM budget;
    Metropolis acceptance with a temperature falling linearly from 1 hop
    to 0; deterministic for a given `seed`.
  }];
  let options = [
    SpinnMachineOption,
    Option<"annealSteps", "anneal-steps", "int64_t", "0",
           "simulated-annealing steps after the greedy placement (0: none)">,
    Option<"seed", "seed", "uint64_t", "1",
           "seed of the annealing's random numbers">
  ];
}

def SpinnAllocateKeys : Pass<"spinn-allocate-keys", "nmc::snn::GraphOp"> {
  let summary = "Give every slice a zoned 32-bit routing key and mask";
  let description = [{
    Keys are population index | slice index | neuron index (PACMAN's
    ZonedRoutingInfoAllocator, spinnaker.md §B.2), one field split for all
    slices so every slice has the same mask: widths ceil(log2) of the
    population count, the most slices of a population and the largest
    slice. A slice's mask covers everything but the neuron bits; neuron i
    of a slice sends key | i. Delay-extension stage keys (`ext_keys`) take
    population-field values after the real populations. More than 32
    bits is an error naming the widths. The widths are recorded as
    `key_fields` on spinn.mapping.
  }];
}

def SpinnRoute : Pass<"spinn-route", "nmc::snn::GraphOp"> {
  let summary = "Multicast trees and per-chip router tables";
  let description = [{
    Every slice with synapses onto other slices (the projections' CSR rows
    of its neurons) gets one multicast tree from its chip to the (chip,
    core) of each such post slice (directly delivered synapses) and to its
    delay-extension core, and every extension stage one tree under its
    stage key from the extension core to the cores with synapses of that
    stage: longest-dimension-first paths, merged
    (Routing.h buildTree). Each tree chip gets the entry (slice key, slice
    mask, route word), defaultable entries included and flagged (the
    compressor needs them), tagged with the pre population's index. One
    `spinn.router_table` per chip, replacing earlier ones. Graph inputs
    are placed like populations: their cores replay the host's spikes, as
    sPyNNaker's SpikeSourceArray cores do.
  }];
  let options = [SpinnMachineOption];
}

def SpinnCompressTables : Pass<"spinn-compress-tables", "nmc::snn::GraphOp"> {
  let summary = "Compress every router table to fit the router";
  let description = [{
    Compresses each `spinn.router_table` with nmc::spinn::compressTables
    (RouterTable.h): dropping defaultable entries when that is enough,
    else pair compression (PACMAN's default) and/or ordered covering
    (Mundy et al. 2016). A table that cannot reach the target is an error
    naming the chip, the entry count, the best reached and the population
    pairs with the most entries there. Records the count before on
    `uncompressed`.
  }];
  let options = [
    SpinnMachineOption,
    // spinnaker.md §A.6: 1023 entries available to applications.
    Option<"target", "target", "int64_t", "-1",
           "entries per chip to reach: -1 the machine's "
           "chip.router_entries_usable (1023 on SpiNNaker 1), 0 as few as "
           "the compressor can">,
    Option<"compressor", "compressor", "std::string", "\"auto\"",
           "auto (pair, then ordered covering if still too long), pair or "
           "ordered-covering">
  ];
}

#endif // NMC_SPINN_SPINNPASSES_TD

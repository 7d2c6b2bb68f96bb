//===- VerilatedMesh.cpp - The verilated nmc_mesh as a StepModel ----------===//
#include "VerilatedMesh.h"

#include "Vnmc_mesh.h"
#include "Vnmc_mesh_conv.h"
#include "verilated.h"
#if NMC_RTL_TRACE
#include "verilated_fst_c.h"
#endif

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace nmc::xbar {

/// The clock, load, host, step and backdoor ports of a verilated mesh.
class VerilatedMesh::Driver {
public:
  virtual ~Driver() = default;
  virtual void load(const RtlMemory &m) = 0;
  virtual void inject(std::span<const int64_t> addresses) = 0;
  /// Runs a step; its output addresses into `spikes`; returns its cycles.
  virtual int64_t step(std::vector<int64_t> &spikes) = 0;
  virtual uint64_t backdoor(int64_t node, int64_t slot) = 0;
  virtual uint64_t clockCycles() const = 0;
};

namespace {

template <class V> class DriverOf : public VerilatedMesh::Driver {
public:
  DriverOf(const std::string &fstPath, uint32_t randomInitSeed)
      : context(std::make_unique<VerilatedContext>()) {
    // The model's initial values (VL_RAND_RESET, Verilator's default
    // --x-initial unique) come from the thread's context, which a new
    // context becomes: 0, or random from the seed (randReset 2).
    if (randomInitSeed != 0) {
      context->randReset(2);
      context->randSeed(int(randomInitSeed & 0x7fffffff));
    }
#if NMC_RTL_TRACE
    if (!fstPath.empty())
      context->traceEverOn(true);
    dut = std::make_unique<V>(context.get());
    if (!fstPath.empty()) {
      fst = std::make_unique<VerilatedFstC>();
      dut->trace(fst.get(), 99);
      fst->open(fstPath.c_str());
    }
#else
    if (!fstPath.empty())
      throw std::runtime_error("rtl: built without FST waveforms; configure "
                               "with -DNMC_RTL_TRACE=ON");
    dut = std::make_unique<V>(context.get());
#endif
    // Every input driven before the reset (they start random too).
    dut->rst_n = 0;
    dut->ld_we = 0;
    dut->ld_sel = 0;
    dut->ld_node = 0;
    dut->ld_addr = 0;
    dut->ld_data = 0;
    dut->hin_clear = 0;
    dut->hin_valid = 0;
    dut->hin_addr = 0;
    dut->tick = 0;
    dut->out_ready = 1;
    dut->bd_node = 0;
    dut->bd_slot = 0;
    clock();
    dut->rst_n = 1;
    clock();
  }
  ~DriverOf() override {
#if NMC_RTL_TRACE
    if (fst)
      fst->close();
#endif
    dut->final();
  }

  void load(const RtlMemory &m) override {
    for (size_t a = 0; a < m.words.size(); ++a) {
      dut->ld_we = 1;
      dut->ld_sel = uint8_t(m.sel);
      dut->ld_node = uint8_t(m.node);
      dut->ld_addr = uint16_t(a);
      dut->ld_data = m.words[a];
      clock();
    }
    dut->ld_we = 0;
    clock();
  }

  void inject(std::span<const int64_t> addresses) override {
    dut->hin_clear = 1;
    clock();
    dut->hin_clear = 0;
    for (int64_t a : addresses) {
      dut->hin_valid = 1;
      dut->hin_addr = uint16_t(a);
      clock();
    }
    dut->hin_valid = 0;
  }

  int64_t step(std::vector<int64_t> &spikes) override {
    dut->tick = 1;
    clock();
    dut->tick = 0;
    spikes.clear();
    const uint64_t limit = uint64_t(1) << 24;
    for (uint64_t n = 0; dut->busy || dut->out_valid; ++n) {
      if (n == limit)
        throw std::runtime_error("rtl: a step did not finish in 2^24 cycles");
      if (dut->out_valid) // this cycle's, popped at the next edge
        spikes.push_back(dut->out_addr);
      clock();
    }
    std::sort(spikes.begin(), spikes.end());
    return dut->step_cycles;
  }

  uint64_t backdoor(int64_t node, int64_t slot) override {
    dut->bd_node = uint8_t(node);
    dut->bd_slot = uint8_t(slot);
    dut->eval();
    return dut->bd_v;
  }

  uint64_t clockCycles() const override { return dut->cycle_count; }

private:
  void clock() {
    for (int level = 0; level < 2; ++level) {
      dut->clk = level;
      dut->eval();
#if NMC_RTL_TRACE
      if (fst)
        fst->dump(time);
#endif
      ++time;
    }
  }

  std::unique_ptr<VerilatedContext> context;
  std::unique_ptr<V> dut;
#if NMC_RTL_TRACE
  std::unique_ptr<VerilatedFstC> fst;
#endif
  uint64_t time = 0;
};

} // namespace

VerilatedMesh::VerilatedMesh(const RtlImage &img, const std::string &fstPath,
                             uint32_t randomInitSeed)
    : image(img) {
  // rtl/cosim/CMakeLists.txt verilates the configurations in this order.
  const std::vector<RtlMeshParams> configs = rtlMeshConfigs();
  if (image.params == configs.at(0))
    dut = std::make_unique<DriverOf<Vnmc_mesh>>(fstPath, randomInitSeed);
  else if (image.params == configs.at(1))
    dut = std::make_unique<DriverOf<Vnmc_mesh_conv>>(fstPath, randomInitSeed);
  else
    throw std::runtime_error(
        "rtl: the image was written for other nmc_mesh parameters than the "
        "verilated models' (see 'params' in mesh.txt)");
  for (const RtlMemory &m : image.memories)
    dut->load(m);
}

VerilatedMesh::~VerilatedMesh() = default;

uint64_t VerilatedMesh::clockCycles() const { return dut->clockCycles(); }

void VerilatedMesh::inject(std::span<const int64_t> addresses) {
  for (int64_t a : addresses)
    if (a < 0 || a >= image.inputSize)
      throw std::runtime_error(
          fmt::format("rtl: input spike {} outside input '{}' of {} elements",
                      a, image.input, image.inputSize));
  dut->inject(addresses);
}

void VerilatedMesh::step() { cycles = dut->step(spikes); }

int64_t VerilatedMesh::membrane(const std::string &node,
                                int64_t element) const {
  for (const RtlSlice &s : image.slices)
    if (s.kind == RtlSliceKind::Neuron && s.node == node &&
        s.begin <= element && element < s.end) {
      const uint64_t v = dut->backdoor(s.meshNode, s.slot + element - s.begin);
      const int64_t bits = 1 + image.params.intBits + image.params.fracBits;
      const uint64_t raw = v & ((uint64_t(1) << bits) - 1);
      const bool negative = raw >> (bits - 1);
      return negative ? int64_t(raw) - (int64_t(1) << bits) : int64_t(raw);
    }
  throw std::runtime_error(
      fmt::format("rtl: neuron '{}' element {} is in no slot", node, element));
}

} // namespace nmc::xbar

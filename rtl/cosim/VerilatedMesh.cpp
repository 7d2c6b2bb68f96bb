//===- VerilatedMesh.cpp - The verilated nmc_mesh as a StepModel ----------===//
#include "VerilatedMesh.h"

#include "Vnmc_mesh.h"
#include "verilated.h"
#if NMC_RTL_TRACE
#include "verilated_fst_c.h"
#endif

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace nmc::xbar {

namespace {

/// Refuses an image written for another mesh.
void checkParams(const RtlMeshParams &a, const RtlMeshParams &b) {
  const int64_t x[] = {a.meshW,  a.meshH,   a.rows,    a.cols,     a.slices,
                       a.levels, a.digitW,  a.intBits, a.fracBits, a.pe,
                       a.lanes,  a.entries, a.routes,  a.stages,   a.inputs,
                       a.peers,  a.linkRegs};
  const int64_t y[] = {b.meshW,  b.meshH,   b.rows,    b.cols,     b.slices,
                       b.levels, b.digitW,  b.intBits, b.fracBits, b.pe,
                       b.lanes,  b.entries, b.routes,  b.stages,   b.inputs,
                       b.peers,  b.linkRegs};
  if (!std::equal(std::begin(x), std::end(x), std::begin(y)))
    throw std::runtime_error(
        "rtl: the image was written for other nmc_mesh parameters than the "
        "verilated model's (see 'params' in mesh.txt)");
}

} // namespace

RtlMeshParams VerilatedMesh::params() { return RtlMeshParams{}; }

void VerilatedMesh::FstDeleter::operator()(VerilatedFstC *f) const {
#if NMC_RTL_TRACE
  delete f;
#else
  (void)f; // never made
#endif
}

VerilatedMesh::VerilatedMesh(const RtlImage &img, const std::string &fstPath)
    : image(img), context(std::make_unique<VerilatedContext>()) {
  checkParams(image.params, params());
#if NMC_RTL_TRACE
  if (!fstPath.empty())
    context->traceEverOn(true);
  dut = std::make_unique<Vnmc_mesh>(context.get());
  if (!fstPath.empty()) {
    fst.reset(new VerilatedFstC);
    dut->trace(fst.get(), 99);
    fst->open(fstPath.c_str());
  }
#else
  if (!fstPath.empty())
    throw std::runtime_error("rtl: built without FST waveforms; configure "
                             "with -DNMC_RTL_TRACE=ON");
  dut = std::make_unique<Vnmc_mesh>(context.get());
#endif
  dut->rst_n = 0;
  dut->out_ready = 1;
  clock();
  dut->rst_n = 1;
  clock();
  for (const RtlMemory &m : image.memories) {
    for (size_t a = 0; a < m.words.size(); ++a) {
      dut->ld_we = 1;
      dut->ld_sel = uint8_t(m.sel);
      dut->ld_node = uint8_t(m.node);
      dut->ld_addr = uint16_t(a);
      dut->ld_data = m.words[a];
      clock();
    }
  }
  dut->ld_we = 0;
  clock();
}

VerilatedMesh::~VerilatedMesh() {
#if NMC_RTL_TRACE
  if (fst)
    fst->close();
#endif
  dut->final();
}

void VerilatedMesh::clock() {
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

uint64_t VerilatedMesh::clockCycles() const { return dut->cycle_count; }

void VerilatedMesh::inject(std::span<const int64_t> addresses) {
  dut->hin_clear = 1;
  clock();
  dut->hin_clear = 0;
  for (int64_t a : addresses) {
    if (a < 0 || a >= image.inputSize)
      throw std::runtime_error(
          fmt::format("rtl: input spike {} outside input '{}' of {} elements",
                      a, image.input, image.inputSize));
    dut->hin_valid = 1;
    dut->hin_addr = uint16_t(a);
    clock();
  }
  dut->hin_valid = 0;
}

void VerilatedMesh::step() {
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
  cycles = dut->step_cycles;
}

int64_t VerilatedMesh::membrane(const std::string &node,
                                int64_t element) const {
  for (const RtlSlice &s : image.slices)
    if (s.neuron && s.node == node && s.begin <= element && element < s.end) {
      dut->bd_node = uint8_t(s.meshNode);
      dut->bd_slot = uint8_t(s.slot + element - s.begin);
      dut->eval();
      const int64_t bits = 1 + image.params.intBits + image.params.fracBits;
      const uint64_t raw = dut->bd_v & ((uint64_t(1) << bits) - 1);
      const bool negative = raw >> (bits - 1);
      return negative ? int64_t(raw) - (int64_t(1) << bits) : int64_t(raw);
    }
  throw std::runtime_error(
      fmt::format("rtl: neuron '{}' element {} is in no slot", node, element));
}

} // namespace nmc::xbar

//===- WeightCoding.h - 16-bit synaptic weights and ring-buffer shifts ---===//
//
// A weight w onto a population whose ring buffer of w's synapse type has
// left shift `shift` is stored as the unsigned 16-bit code
// round(|w| * 2^(15 - shift)) (ties away from zero); the neuron then sees
// code * 2^(shift - 15), i.e. code << shift in s16.15 raw units
// (spinnaker.md §A.4). One definition for convert-snn-to-spinn (explicit
// matrices), the image writer (connectors expanded slice by slice) and the
// emulator, so all three apply the same numbers.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SPINNAKER_WEIGHTCODING_H
#define NMC_TARGET_SPINNAKER_WEIGHTCODING_H

#include "nmc/Support/FastRound.h"

#include <cmath>
#include <cstdint>

namespace nmc::spinn {

/// Largest code a 16-bit row weight holds (§A.4 SYNAPSE_WEIGHT_BITS 16).
inline constexpr int64_t kMaxWeightCode = 65535;
/// Largest ring-buffer shift an s16.15 input allows.
inline constexpr int kMaxRingBufferShift = 16;

/// Synapse type of a weight: excitatory (0) if w > 0, inhibitory (1) if
/// w < 0. Zero weights are not synapses.
inline uint32_t synapseTypeOf(double w) { return w < 0 ? 1u : 0u; }

struct WeightCode {
  /// round(|w| 2^(15-shift)) clamped to kMaxWeightCode; 0 means the synapse
  /// is dropped.
  uint32_t code = 0;
  bool zeroed = false;    ///< w != 0 rounded to code 0
  bool saturated = false; ///< the code was clamped to kMaxWeightCode
};

inline WeightCode encodeWeight(double w, int shift) {
  WeightCode c;
  // std::round rounds half away from zero.
  // = std::round(std::ldexp(|w|, 15 - shift)), bit for bit, without the
  // two libm calls (FastRound.h).
  const int e = 15 - shift;
  const double code =
      roundHalfAway(e >= -1022 && e <= 1023 ? std::fabs(w) * pow2(e)
                                            : std::ldexp(std::fabs(w), e));
  if (code == 0.0) {
    c.zeroed = w != 0.0;
    return c;
  }
  if (!(code <= double(kMaxWeightCode))) {
    c.saturated = true;
    c.code = uint32_t(kMaxWeightCode);
    return c;
  }
  c.code = uint32_t(code);
  return c;
}

/// The signed weight the hardware applies for `code` of synapse `type`.
inline double appliedWeight(uint32_t code, uint32_t type, int shift) {
  const double magnitude = std::ldexp(double(code), shift - 15);
  return type == 1 ? -magnitude : magnitude;
}

} // namespace nmc::spinn

#endif // NMC_TARGET_SPINNAKER_WEIGHTCODING_H

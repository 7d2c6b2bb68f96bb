//===- Fixtures.h - NIR fixture files for the compiler tests ----*- C++ -*-===//
#ifndef NMC_TESTS_COMPILER_FIXTURES_H
#define NMC_TESTS_COMPILER_FIXTURES_H

#include <string>
#include <vector>

namespace nmc::test {

inline std::string fixture(const std::string &name) {
  return std::string(NMC_SHARED_DIR) + "/nir/" + name;
}

/// The 14 valid .nir fixtures of ../shared/nir (the BROKEN one is not here).
inline const std::vector<std::string> &validFixtures() {
  static const std::vector<std::string> files = {
      "gen_all_primitives.nir",
      "gen_conv_if_net.nir",
      "gen_ff_affine_lif.nir",
      "gen_ff_affine_lif_uncompressed.nir",
      "gen_rnn_cubalif_flat.nir",
      "gen_rnn_cubalif_subgraph.nir",
      "paper_braille_noDelay_bias_zero.nir",
      "paper_braille_noDelay_noBias_subtract.nir",
      "paper_cnn_sinabs.nir",
      "paper_lif_norse.nir",
      "paper_lif_rockpool_quirk.nir",
      "paper_two_lif_neurons.nir",
      "spyx_braille_noDelay_bias_zero_subgraph.nir",
      "spyx_braille_noDelay_noBias_subtract_subgraph.nir"};
  return files;
}

} // namespace nmc::test

#endif // NMC_TESTS_COMPILER_FIXTURES_H

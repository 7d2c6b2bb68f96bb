//===- XbarImage.h - The crossbar image (compiler -> emulator) --*- C++ -*-===//
//
// What `nmc compile --target xbar` produces and the xbar emulator runs
// (format "nmc-xbar-image", docs/targets/xbar.md):
//   - `network`: the whole discretized network as reference-image nodes in
//     the periphery's fixed-point format. Neurons, biases, delays, pooling,
//     scale and threshold run in the digital periphery exactly as the
//     fixed-point reference runs them. Weight nodes (affine, sparse_affine,
//     conv) keep their kind and geometry, and their `weight` arrays hold the
//     weights the crossbar realizes in ideal mode (level * scale), so the
//     reference-fixed engine on `network` *is* the ideal crossbar;
//   - `layers`: one per weight node, its logical matrix and level scale;
//   - `tiles`: the tile-sized blocks of those matrices as signed conductance
//     levels, with their ADC full scale and mesh position;
//   - `periphery`: which tile's digital periphery computes which elements of
//     the other nodes (neurons, ...);
//   - `routes`: the spike routes between tiles (and from the host port);
//   - `reference`: the float network it was compiled from (what the
//     `reference` target runs), so a run can report its agreement with the
//     float reference; empty if not kept.
// The matrix convention is the crossbar's: rows are inputs (word lines),
// columns outputs (bit lines), i.e. the transpose of NIR's weight[out, in].
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_XBARIMAGE_H
#define NMC_TARGET_XBAR_XBARIMAGE_H

#include "nmc/Emulator/Image.h"
#include "nmc/Image/OpenImage.h"
#include "nmc/Target/Xbar/Hardware.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::xbar {

inline constexpr const char *kFormatName = "nmc-xbar-image";
/// Bump on incompatible change of the layout. 2: the embedded networks'
/// /nodes as columns (reference image format 3).
inline constexpr int64_t kFormatVersion = 2;
/// The host interface (input nodes' spikes enter here), for Route::fromTile.
inline constexpr int64_t kHostPort = -1;

enum class LayerKind { Dense, Sparse, Conv };

/// One weight node of `network` mapped onto crossbar tiles.
struct Layer {
  std::string node; ///< name of the weight node in `network`
  LayerKind kind = LayerKind::Dense;
  /// The logical matrix of one group: rows = inputs, cols = outputs.
  /// Dense/Sparse: rows = in, cols = out. Conv (kernel unrolled, im2col):
  /// rows = (cin/groups) * kh * kw in (channel, ky, kx) order, cols =
  /// cout/groups; one read per output position.
  int64_t rows = 0, cols = 0;
  int64_t groups = 1;
  /// weight = level * scale; scale is a value of the periphery format.
  double scale = 0;
  /// Mapping losses: weights clipped to the top level, and nonzero weights
  /// that became level 0.
  int64_t clipped = 0, zeroed = 0;
};

/// A tile-sized block [rowStart, rowStart+rows) x [colStart, colStart+cols)
/// of one group of a layer's matrix.
struct Tile {
  int64_t layer = 0; ///< index into XbarPayload::layers
  int64_t group = 0;
  int64_t rowStart = 0, rows = 0;
  int64_t colStart = 0, cols = 0;
  /// rows x cols signed levels, row-major; |level| <= Hardware::maxLevel().
  /// With slices > 1 each level is split into base-`levels` digits over
  /// adjacent physical columns (least significant first).
  std::vector<int32_t> levels;
  /// ADC full scale in level units (Calibrated: the largest |column sum|
  /// of this tile's levels; Fixed: Adc::fullScale).
  double adcFullScale = 0;
  int64_t x = 0, y = 0; ///< mesh position (xbar-place)
};

/// Elements [begin, end) of a non-weight node computed by a tile's digital
/// periphery (neurons next to the columns that feed them).
struct PeripherySlice {
  std::string node;
  int64_t begin = 0, end = 0;
  int64_t tile = 0;
};

/// Spikes of `sourceNode` elements [begin, end) travel from `fromTile`
/// (kHostPort for input nodes, entering at mesh (0, 0)) to `toTile`, which
/// drives them on its rows; `hops` is the mesh (Manhattan) distance.
struct Route {
  std::string sourceNode;
  int64_t begin = 0, end = 0;
  int64_t fromTile = kHostPort, toTile = 0;
  int64_t hops = 0;
};

struct XbarPayload : image::Payload {
  image::Image network;
  Hardware hw;
  std::vector<Layer> layers;
  std::vector<Tile> tiles;
  std::vector<PeripherySlice> periphery;
  std::vector<Route> routes;
  image::Image reference;
};

/// The common header of an xbar image (inputs/outputs of `network`).
image::Header makeXbarHeader(const XbarPayload &payload);

/// Reads the xbar payload of an open image file (the imageFormats() entry);
/// nullptr and `error` (HDF5 path and what is wrong) on failure.
std::shared_ptr<const image::Payload>
readXbarPayload(hid_t file, const image::Header &header, std::string &error);

/// Writes `payload` as an image file; false and `error` on failure.
bool writeXbarImage(const std::string &path, const XbarPayload &payload,
                    std::string &error);

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_XBARIMAGE_H

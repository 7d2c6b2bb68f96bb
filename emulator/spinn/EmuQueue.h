//===- EmuQueue.h - Monotone priority queue of router events -----*- C++
//-*-===//
//
// The routing loop pops events in (ps, seq) order and only ever schedules
// events after the one it handles, so the keys it pushes are never below
// the last key popped. A radix heap (Ahuja, Mehlhorn, Orlin, Tarjan 1990)
// uses that: bucket b holds the keys whose highest bit differing from the
// last popped key is b - 1, so a push is a count-leading-zeros and a
// push_back, and a pop re-files one bucket, each key moving down a few
// times in all. Same order as a binary heap on (ps, seq), without its
// unpredictable compares. T has int64_t ps >= 0 and seq >= 0, unique pairs.
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUQUEUE_H
#define NMC_SPINN_EMUQUEUE_H

#include <array>
#include <cassert>
#include <cstdint>
#include <vector>

namespace nmc::spinn::emu {

template <class T> class RadixQueue {
public:
  bool empty() const { return count == 0; }
  size_t size() const { return count; }
  /// Empties the queue; the next keys may be anything >= 0.
  void clear() {
    for (std::vector<T> &b : buckets)
      b.clear();
    used = {};
    count = 0;
    lastPs = lastSeq = 0;
  }
  /// The smallest key in the queue (not empty), without removing it.
  const T &top() {
    settle();
    return buckets[0].back();
  }
  void push(const T &x) {
    assert(uint64_t(x.ps) > lastPs ||
           (uint64_t(x.ps) == lastPs && uint64_t(x.seq) >= lastSeq));
    file(x);
    ++count;
  }
  T pop() {
    settle();
    T x = buckets[0].back();
    buckets[0].pop_back();
    if (buckets[0].empty())
      used[0] &= ~uint64_t(1);
    --count;
    return x;
  }

private:
  static constexpr int kBuckets = 129;
  int bucketOf(const T &x) const {
    if (const uint64_t d = uint64_t(x.ps) ^ lastPs)
      return 128 - __builtin_clzll(d);
    if (const uint64_t d = uint64_t(x.seq) ^ lastSeq)
      return 64 - __builtin_clzll(d);
    return 0;
  }
  void file(const T &x) {
    const int b = bucketOf(x);
    buckets[size_t(b)].push_back(x);
    used[size_t(b) / 64] |= uint64_t(1) << (b % 64);
  }
  /// Makes bucket 0 hold the smallest key.
  void settle() {
    if (used[0] & 1)
      return;
    int b = 0;
    for (size_t w = 0; w < used.size(); ++w)
      if (used[w]) {
        b = int(w * 64) + __builtin_ctzll(used[w]);
        break;
      }
    std::vector<T> &from = buckets[size_t(b)];
    size_t best = 0;
    for (size_t i = 1; i < from.size(); ++i)
      if (from[i].ps < from[best].ps ||
          (from[i].ps == from[best].ps && from[i].seq < from[best].seq))
        best = i;
    lastPs = uint64_t(from[best].ps);
    lastSeq = uint64_t(from[best].seq);
    used[size_t(b) / 64] &= ~(uint64_t(1) << (b % 64));
    std::swap(from, spare);
    for (const T &x : spare)
      file(x); // all land below b
    spare.clear();
  }

  std::array<std::vector<T>, kBuckets> buckets;
  std::vector<T> spare;
  std::array<uint64_t, 3> used{};
  size_t count = 0;
  uint64_t lastPs = 0, lastSeq = 0;
};

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUQUEUE_H

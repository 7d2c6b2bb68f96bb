//===- EventQueue.h - Calendar queue of pulses (internal) -----------------===//
//
// Pulses are (time fs, pin). A ring of buckets 2^shift fs wide covers the
// near future (cell delays are a few ps, so nearly every pulse lands a few
// buckets ahead: O(1) push); a heap holds pulses beyond the ring's horizon
// and a small heap those pushed into the bucket being drained (delays below
// one bucket). A bucket is sorted by (time, pin) when it is reached, which
// makes the order of equal-time pulses deterministic and groups a cell's
// simultaneous pulses (its pins are consecutive).
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_SFQ_EVENTQUEUE_H
#define NMC_EMULATOR_SFQ_EVENTQUEUE_H

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

namespace nmc::sfq {

struct Pulse {
  int64_t t;
  int32_t pin;
  friend bool operator<(const Pulse &a, const Pulse &b) {
    return a.t != b.t ? a.t < b.t : a.pin < b.pin;
  }
  friend bool operator>(const Pulse &a, const Pulse &b) { return b < a; }
};

class EventQueue {
public:
  /// 2^bucketBits buckets of 2^shift fs (defaults: 0.256 ps, ~4.2 ns: the
  /// best of 2^7..2^12 fs on bench/sfq).
  explicit EventQueue(int shift = 8, int bucketBits = 14)
      : shift(shift), ring(size_t(1) << bucketBits),
        mask((int64_t(1) << bucketBits) - 1) {}

  void push(Pulse p) {
    const int64_t b = p.t >> shift;
    if (b <= current) {
      late.push_back(p);
      std::push_heap(late.begin(), late.end(), std::greater<>());
    } else if (b <= current + mask) {
      ring[b & mask].push_back(p);
      ++inRing;
    } else {
      far.push_back(p);
      std::push_heap(far.begin(), far.end(), std::greater<>());
    }
  }

  /// Moves every pulse of the earliest time into `batch`, sorted by pin;
  /// false when the queue is empty.
  bool popBatch(std::vector<Pulse> &batch) {
    batch.clear();
    while (pos == bucket.size() && late.empty())
      if (!advance())
        return false;
    int64_t t = pos < bucket.size() ? bucket[pos].t : INT64_MAX;
    if (!late.empty())
      t = std::min(t, late.front().t);
    while (pos < bucket.size() && bucket[pos].t == t)
      batch.push_back(bucket[pos++]);
    bool merged = false;
    while (!late.empty() && late.front().t == t) {
      std::pop_heap(late.begin(), late.end(), std::greater<>());
      batch.push_back(late.back());
      late.pop_back();
      merged = true;
    }
    if (merged)
      std::sort(batch.begin(), batch.end());
    return true;
  }

private:
  /// Makes the next non-empty bucket current; false if none is left.
  bool advance() {
    bucket.clear();
    pos = 0;
    while (true) {
      if (inRing == 0) {
        if (far.empty())
          return false;
        current = (far.front().t >> shift) - 1; // jump over the gap
      }
      ++current;
      while (!far.empty() && (far.front().t >> shift) <= current + mask) {
        std::pop_heap(far.begin(), far.end(), std::greater<>());
        const Pulse p = far.back();
        far.pop_back();
        ring[(p.t >> shift) & mask].push_back(p);
        ++inRing;
      }
      std::vector<Pulse> &b = ring[current & mask];
      if (b.empty())
        continue;
      bucket.swap(b);
      inRing -= bucket.size();
      std::sort(bucket.begin(), bucket.end());
      return true;
    }
  }

  int shift;
  std::vector<std::vector<Pulse>> ring;
  int64_t mask;
  int64_t current = -1;      ///< the bucket being drained (absolute number)
  std::vector<Pulse> bucket; ///< its pulses, sorted
  size_t pos = 0;
  size_t inRing = 0;
  std::vector<Pulse> late, far; ///< min-heaps
};

} // namespace nmc::sfq

#endif // NMC_EMULATOR_SFQ_EVENTQUEUE_H

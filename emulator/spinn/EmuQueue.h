//===- EmuQueue.h - Calendar queue of router events --------------*- C++
//-*-===//
//
// The routing loop handles events in (ps, seq) order and schedules new ones
// at most `horizon` ps after the one it handles (a hop, a wait up to the
// limit, a re-injection delay). A calendar queue uses that: time is cut
// into buckets of `unit` ps, a ring of them covers more than the horizon,
// each bucket is kept sorted, and a bitmap finds the next non-empty bucket.
// When every time is a multiple of the unit (the routing's times are
// multiples of the gcd of its constants), a bucket holds one time and
// events arrive in seq order: appending keeps it sorted. Same order as a
// binary heap on (ps, seq), at O(1) per event. T has int64_t ps >= 0 and
// int64_t seq, unique pairs.
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUQUEUE_H
#define NMC_SPINN_EMUQUEUE_H

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

namespace nmc::spinn::emu {

template <class T> class CalendarQueue {
public:
  /// Events are pushed at most `horizon` ps after the time passed to
  /// advance(); buckets are `unit` ps wide (doubled until at most 2^16
  /// cover the horizon).
  CalendarQueue(int64_t horizon, int64_t unit)
      : unit(std::max<int64_t>(1, unit)) {
    while (horizon / this->unit + 2 > (int64_t(1) << 16))
      this->unit *= 2;
    scale = 1.0 / double(this->unit);
    size_t n = 64;
    while (int64_t(n) < horizon / this->unit + 2)
      n *= 2;
    buckets.resize(n);
    heads.assign(n, 0);
    used.assign(n / 64, 0);
  }

  bool empty() const { return count == 0; }
  void clear() {
    for (size_t w = 0; w < used.size(); ++w)
      for (uint64_t u = used[w]; u; u &= u - 1) {
        const size_t b = w * 64 + size_t(__builtin_ctzll(u));
        buckets[b].clear();
        heads[b] = 0;
      }
    std::fill(used.begin(), used.end(), 0);
    count = 0;
  }
  /// The loop is at time `now` (nondecreasing; no event before it queued).
  void advance(int64_t now) { cur = std::max(cur, bucketOf(now)); }
  void push(const T &x) {
    const int64_t at = bucketOf(x.ps);
    assert(at >= cur && at < cur + int64_t(buckets.size()));
    const size_t b = size_t(at) & (buckets.size() - 1);
    std::vector<T> &v = buckets[b];
    if (heads[b] == v.size()) {
      v.clear();
      heads[b] = 0;
    }
    v.push_back(x);
    // Keep the bucket sorted (from the back: usually no move at all).
    for (size_t i = v.size() - 1; i > heads[b] && before(v[i], v[i - 1]); --i)
      std::swap(v[i], v[i - 1]);
    used[b / 64] |= uint64_t(1) << (b % 64);
    ++count;
  }
  /// The smallest event (not empty).
  const T &top() {
    const size_t b = first();
    return buckets[b][heads[b]];
  }
  T pop() {
    const size_t b = first();
    T x = buckets[b][heads[b]++];
    if (heads[b] == buckets[b].size()) {
      buckets[b].clear();
      heads[b] = 0;
      used[b / 64] &= ~(uint64_t(1) << (b % 64));
    }
    --count;
    return x;
  }

private:
  /// floor(ps / unit), by a multiply (within 1) and a fix.
  int64_t bucketOf(int64_t ps) const {
    if (ps >= (int64_t(1) << 52))
      return ps / unit;
    int64_t q = int64_t(double(ps) * scale);
    if (q * unit > ps)
      --q;
    else if ((q + 1) * unit <= ps)
      ++q;
    return q;
  }
  static bool before(const T &a, const T &b) {
    return a.ps != b.ps ? a.ps < b.ps : a.seq < b.seq;
  }
  /// The first non-empty bucket from `cur` on, around the ring.
  size_t first() const {
    const size_t n = buckets.size(), start = size_t(cur) & (n - 1);
    size_t w = start / 64;
    uint64_t bits = used[w] & (~uint64_t(0) << (start % 64));
    for (size_t k = 0; k <= used.size(); ++k) {
      if (bits)
        return w * 64 + size_t(__builtin_ctzll(bits));
      w = (w + 1) % used.size();
      bits = used[w];
    }
    assert(false && "top/pop of an empty queue");
    return 0;
  }

  int64_t unit = 1;
  double scale = 1;
  int64_t cur = 0; ///< bucket of the loop's time (absolute)
  size_t count = 0;
  std::vector<std::vector<T>> buckets;
  std::vector<size_t> heads;  ///< first unpopped event per bucket
  std::vector<uint64_t> used; ///< non-empty buckets
};

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUQUEUE_H

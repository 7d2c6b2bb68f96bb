//===- QueueTest.cpp - The routing loop's event queue and worker pool -----===//
//
// The calendar queue must pop in exactly the (ps, seq) order a sort gives,
// for a discrete-event pattern (pops interleaved with pushes up to the
// horizon after the current time, equal times, long idle gaps, wrap-around
// of the ring); the worker pool must call every index exactly once, for
// any thread count and many passes.
//===----------------------------------------------------------------------===//
#include "EmuPool.h"
#include "EmuQueue.h"

#include "nmc/Support/Random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <tuple>

using namespace nmc;
using namespace nmc::spinn::emu;

namespace {
struct Ev {
  int64_t ps = 0, seq = 0;
};
} // namespace

TEST(SpinnEmuQueue, CalendarPopsInTimeThenCreationOrder) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    Xoshiro256 rng(seed);
    const int64_t horizon = 10310, width = 80;
    CalendarQueue<Ev> q(horizon, width);
    std::vector<Ev> popped;
    int64_t seq = 0, now = 0;
    // Seed events; then each pop schedules 0..3 events in (now, now +
    // horizon], some at the same time, sometimes after a long gap.
    for (int i = 0; i < 20; ++i)
      q.push({int64_t(rng.uniform() * horizon), seq++});
    for (int round = 0; round < 20000; ++round) {
      if (q.empty()) {
        now += 1000000 + int64_t(rng.uniform() * 1e6); // idle gap
        q.advance(now);
        q.push({now, seq++});
      }
      const Ev e = q.pop();
      ASSERT_GE(e.ps, now);
      now = e.ps;
      q.advance(now);
      popped.push_back(e);
      const int children = int(rng.uniform() * 4);
      const int64_t at = now + 1 + int64_t(rng.uniform() * (horizon - 1));
      for (int c = 0; c < children; ++c)
        q.push({rng.uniform() < 0.5
                    ? at
                    : now + 1 + int64_t(rng.uniform() * (horizon - 1)),
                seq++});
    }
    for (size_t i = 1; i < popped.size(); ++i)
      ASSERT_LT(std::tie(popped[i - 1].ps, popped[i - 1].seq),
                std::tie(popped[i].ps, popped[i].seq))
          << "seed " << seed << " pop " << i;
    q.clear();
    EXPECT_TRUE(q.empty());
  }
}

TEST(SpinnEmuPool, EveryIndexOnceForAnyThreadCount) {
  for (unsigned threads : {1u, 2u, 3u, 5u}) {
    WorkerPool pool(threads);
    for (size_t n : {0u, 1u, 2u, 7u, 64u, 1000u}) {
      for (int pass = 0; pass < 50; ++pass) {
        std::vector<std::atomic<int>> hits(n);
        pool.parallelFor(n, [&](size_t i) { hits[i].fetch_add(1); });
        for (size_t i = 0; i < n; ++i)
          ASSERT_EQ(hits[i].load(), 1)
              << threads << " threads, n " << n << " index " << i;
      }
    }
  }
}

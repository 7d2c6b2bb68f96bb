//===- EmuPool.h - Worker threads for the emulator's per-core phases -----===//
//
// parallelFor(n, f) calls f(i) for every i in [0, n) on the caller and the
// workers. Thread w owns the w-th contiguous part of the range (the same
// cores every pass, so their data stays in its cache) and takes its indices
// one by one; when it runs out it takes the others' (cores differ a lot in
// work). Workers live as long as the pool; between jobs they spin
// for up to 1 ms (the routing between two passes takes about as long as a
// pass) and then sleep, so a pass costs no thread creation and usually no
// wake-up. The caller never waits for a worker that has not taken an
// index: a worker the OS has not scheduled yet finds nothing left. f must
// not throw.
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUPOOL_H
#define NMC_SPINN_EMUPOOL_H

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace nmc::spinn::emu {

class WorkerPool {
public:
  explicit WorkerPool(unsigned threads)
      : count(threads ? threads : 1), parts(count) {
    for (unsigned w = 1; w < count; ++w)
      workers.emplace_back([this, w] { loop(w); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
      generation.fetch_add(1, std::memory_order_release);
    }
    wake.notify_all();
    for (std::thread &t : workers)
      t.join();
  }
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  unsigned threads() const { return count; }

  void parallelFor(size_t n, const std::function<void(size_t)> &f) {
    if (count == 1 || n < 2) {
      for (size_t i = 0; i < n; ++i)
        f(i);
      return;
    }
    uint64_t gen;
    {
      std::lock_guard<std::mutex> lock(mutex);
      job.store(&f, std::memory_order_relaxed);
      size.store(n, std::memory_order_relaxed);
      finished.store(0, std::memory_order_relaxed);
      gen = generation.load(std::memory_order_relaxed) + 1;
      for (unsigned r = 0; r < count; ++r)
        parts[r].cursor.store(gen << 32 | (n * r / count),
                              std::memory_order_release);
      generation.store(gen, std::memory_order_release);
    }
    wake.notify_all();
    work(gen, 0);
    // The items others took: usually done by the time the caller is.
    auto all = [&] { return finished.load(std::memory_order_acquire) == n; };
    if (!spinUntil(all, 200)) {
      std::unique_lock<std::mutex> lock(mutex);
      done.wait(lock, all);
    }
  }

private:
  /// Takes indices of job `gen`, from part `home` on, until none is left.
  void work(uint64_t gen, unsigned home) {
    const std::function<void(size_t)> &f = *job.load(std::memory_order_relaxed);
    const size_t n = size.load(std::memory_order_relaxed);
    for (unsigned k = 0; k < count; ++k) {
      const unsigned r = (home + k) % count;
      const uint64_t hi = n * (r + 1) / count;
      std::atomic<uint64_t> &cursor = parts[r].cursor;
      for (;;) {
        uint64_t c = cursor.load(std::memory_order_acquire);
        size_t i = 0;
        do {
          if ((c >> 32) != gen || (c & 0xFFFFFFFFu) >= hi)
            break;
          i = size_t(c & 0xFFFFFFFFu);
        } while (
            !cursor.compare_exchange_weak(c, c + 1, std::memory_order_acq_rel));
        if ((c >> 32) != gen)
          return; // a later job: this one is over
        if ((c & 0xFFFFFFFFu) >= hi)
          break;
        f(i);
        if (finished.fetch_add(1, std::memory_order_acq_rel) + 1 == n) {
          std::lock_guard<std::mutex> lock(mutex);
          done.notify_one();
        }
      }
    }
  }
  /// Spins up to `us` microseconds for `ready`.
  template <class Ready> static bool spinUntil(Ready ready, int us) {
    const auto until =
        std::chrono::steady_clock::now() + std::chrono::microseconds(us);
    for (int k = 0;; ++k) {
      if (ready())
        return true;
      if ((k & 15) == 15 && std::chrono::steady_clock::now() > until)
        return false;
      // Yield, not pause: on a busy host the thread we wait for may need
      // this CPU.
      std::this_thread::yield();
    }
  }
  void loop(unsigned home) {
    uint64_t seen = 0;
    for (;;) {
      if (!spinUntil(
              [&] {
                return generation.load(std::memory_order_acquire) != seen;
              },
              1000)) {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] {
          return generation.load(std::memory_order_acquire) != seen;
        });
      }
      seen = generation.load(std::memory_order_acquire);
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (stopping)
          return;
      }
      work(seen, home);
    }
  }

  unsigned count;
  std::vector<std::thread> workers;
  std::mutex mutex;
  std::condition_variable wake, done;
  std::atomic<const std::function<void(size_t)> *> job{nullptr};
  std::atomic<size_t> size{0};
  std::atomic<uint64_t> generation{0};
  /// Per thread's part: generation << 32 | its next index.
  struct alignas(64) Part {
    std::atomic<uint64_t> cursor{0};
  };
  std::vector<Part> parts;
  std::atomic<size_t> finished{0};
  bool stopping = false;
};

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUPOOL_H

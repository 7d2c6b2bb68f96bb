//===- EmuPool.h - Worker threads for the emulator's per-core phases -----===//
//
// parallelFor(n, f) calls f(i) for every i in [0, n), the range cut into
// one contiguous chunk per thread (the caller runs chunk 0). Workers live as
// long as the pool, so a phase costs two wake-ups, not thread creations.
// f must not throw.
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUPOOL_H
#define NMC_SPINN_EMUPOOL_H

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace nmc::spinn::emu {

class WorkerPool {
public:
  explicit WorkerPool(unsigned threads) : count(threads ? threads : 1) {
    for (unsigned w = 1; w < count; ++w)
      workers.emplace_back([this, w] { loop(w); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
      ++generation;
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
    {
      std::lock_guard<std::mutex> lock(mutex);
      job = &f;
      size = n;
      pending = count - 1;
      ++generation;
    }
    wake.notify_all();
    chunk(0);
    std::unique_lock<std::mutex> lock(mutex);
    done.wait(lock, [&] { return pending == 0; });
    job = nullptr;
  }

private:
  void chunk(unsigned w) {
    const size_t lo = size * w / count, hi = size * (w + 1) / count;
    for (size_t i = lo; i < hi; ++i)
      (*job)(i);
  }
  void loop(unsigned w) {
    size_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return generation != seen; });
        seen = generation;
        if (stopping)
          return;
      }
      chunk(w);
      std::lock_guard<std::mutex> lock(mutex);
      if (--pending == 0)
        done.notify_one();
    }
  }

  unsigned count;
  std::vector<std::thread> workers;
  std::mutex mutex;
  std::condition_variable wake, done;
  const std::function<void(size_t)> *job = nullptr;
  size_t size = 0, generation = 0;
  unsigned pending = 0;
  bool stopping = false;
};

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUPOOL_H

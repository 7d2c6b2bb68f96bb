//===- H5Guard.cpp - Fork, limit, watch: the untrusted-file check ---------===//
//
// Protocol: the child writes one line per object before reading it,
// "<bytes> <path>\n", then "done\n" when the walk ends. The parent allows
// each object kBaseSeconds of the child's CPU time plus time for its bytes;
// spinning beyond that is a hang (libhdf5's loops on a broken B-tree) and
// the child is killed. CPU time, not wall time, so a loaded machine never
// makes a healthy file look hung; a child blocked without using the CPU is
// given kWallFactor times as much wall time plus kWallSeconds. The child
// also runs under RLIMIT_CPU and RLIMIT_AS, so a runaway loop or allocation
// ends it too.
//===----------------------------------------------------------------------===//
#include "nmc/IO/H5Guard.h"
#include "nmc/Support/H5.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <poll.h>
#include <set>
#include <sstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define NMC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NMC_ASAN 1
#endif
#endif

#ifdef NMC_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

namespace nmc::io {

namespace {

/// CPU time each object may take before the child counts as hung, plus
/// time proportional to its bytes (decompression runs at > 100 MB/s); a
/// healthy object takes milliseconds.
constexpr double kBaseSeconds = 0.25;
constexpr double kBytesPerSecond = 20e6;
/// Wall time of a child that makes no progress without using the CPU.
constexpr double kWallFactor = 8, kWallSeconds = 2;
/// How often the parent looks at the child's CPU time.
constexpr int kPollMilliseconds = 20;
/// Exit code of a child that caught an exception (std::bad_alloc).
constexpr int kChildOutOfMemory = 3;

std::atomic<bool> trustedFlag{false};

/// Files that passed, by identity: `nmc run` looks at an image twice.
using FileKey = std::tuple<dev_t, ino_t, off_t, int64_t, int64_t>;
std::mutex passedMutex;
std::set<FileKey> passed;

bool fileKey(const std::string &path, FileKey &key) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return false;
  key = {st.st_dev, st.st_ino, st.st_size, int64_t(st.st_mtim.tv_sec),
         int64_t(st.st_mtim.tv_nsec)};
  return true;
}

/// Virtual memory the process maps now (bytes), 0 if unknown.
[[maybe_unused]] double mappedBytes() { // unused under ASan
  std::ifstream statm("/proc/self/statm");
  double pages = 0;
  if (!(statm >> pages))
    return 0;
  return pages * double(sysconf(_SC_PAGE_SIZE));
}

void writeAll(int fd, const std::string &line) {
  const char *p = line.data();
  size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      _exit(0); // the parent is gone
    p += n;
    left -= size_t(n);
  }
}

/// Limits of the child: CPU seconds and address space.
struct Limits {
  rlim_t cpuSeconds;
  rlim_t addressSpace; // 0 = none (sanitizers reserve terabytes)
};

Limits limitsFor(const std::string &path) {
  struct stat st;
  const double size = ::stat(path.c_str(), &st) == 0 ? double(st.st_size) : 0;
  Limits l;
  // Generous: a healthy file reads at well over 10 MB/s of file size.
  l.cpuSeconds = rlim_t(10 + size / 1e6);
  l.addressSpace = 0;
#ifndef NMC_ASAN
  // What the process maps now plus this machine's memory: the readers allow
  // a dataset up to 3/4 of it; more is a corrupt size field gone wild.
  const double physical =
      double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGE_SIZE));
  if (physical > 0)
    l.addressSpace = rlim_t(mappedBytes() + physical + double(1 << 30));
#endif
  return l;
}

[[noreturn]] void runChild(const std::string &path, int out,
                           const Limits &limits) {
  // Die by the signal itself, without LLVM's or anyone's crash handlers.
  for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGXCPU, SIGPIPE})
    std::signal(sig, SIG_DFL);
  // glibc's "malloc(): invalid size" and libhdf5's messages are not ours.
  ::setenv("LIBC_FATAL_STDERR_", "1", 1);
  int null = ::open("/dev/null", O_WRONLY);
  if (null >= 0) {
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
  }
  struct rlimit core = {0, 0};
  ::setrlimit(RLIMIT_CORE, &core);
  struct rlimit cpu = {limits.cpuSeconds, limits.cpuSeconds + 1};
  ::setrlimit(RLIMIT_CPU, &cpu);
  if (limits.addressSpace) {
    struct rlimit as = {limits.addressSpace, limits.addressSpace};
    ::setrlimit(RLIMIT_AS, &as);
  }
  try {
    h5::silenceErrors();
    detail::walkHDF5File(path, [out](const std::string &object, double bytes) {
      writeAll(out, std::to_string(int64_t(bytes)) + " " + object + "\n");
    });
  } catch (...) {
    _exit(kChildOutOfMemory);
  }
  writeAll(out, "done\n");
  _exit(0);
}

/// CPU seconds (user + system) process `pid` has used; -1 if unknown.
double cpuSeconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text))
    return -1;
  // Fields after the parenthesized command name: state is field 3, utime
  // and stime are fields 14 and 15.
  const size_t close = text.rfind(')');
  if (close == std::string::npos)
    return -1;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int f = 3; f <= 15 && fields >> field; ++f)
    if (f == 14)
      utime = std::atof(field.c_str());
    else if (f == 15)
      stime = std::atof(field.c_str());
  return (utime + stime) / double(sysconf(_SC_CLK_TCK));
}

/// What the parent saw of the child.
struct Watch {
  std::string object;   // last object announced
  std::string previous; // the object announced before it
  bool done = false;    // the walk finished
  bool hung = false;    // killed for making no progress
  bool blocked = false; // ... without using the CPU (wall-time limit)
  double allowed = 0;   // seconds the last object was given
};

void watchChild(int in, pid_t child, Watch &w) {
  using Clock = std::chrono::steady_clock;
  auto started = Clock::now();
  double cpuAtStart = std::max(0.0, cpuSeconds(child));
  w.allowed = kBaseSeconds;
  std::string pending;
  char buffer[4096];
  for (;;) {
    const double wall =
        std::chrono::duration<double>(Clock::now() - started).count();
    const double cpu = cpuSeconds(child);
    const bool spinning = cpu >= 0 && cpu - cpuAtStart > w.allowed;
    const bool blocked = wall > kWallFactor * w.allowed + kWallSeconds;
    if (spinning || blocked) {
      ::kill(child, SIGKILL);
      w.hung = true;
      w.blocked = !spinning;
      if (w.blocked)
        w.allowed = kWallFactor * w.allowed + kWallSeconds;
      return;
    }
    struct pollfd p = {in, POLLIN, 0};
    int r = ::poll(&p, 1, kPollMilliseconds);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      continue; // re-check the limits
    ssize_t n = ::read(in, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return; // the child exited (or closed its end)
    pending.append(buffer, size_t(n));
    size_t eol;
    while ((eol = pending.find('\n')) != std::string::npos) {
      std::string line = pending.substr(0, eol);
      pending.erase(0, eol + 1);
      if (line == "done") {
        w.done = true;
        continue;
      }
      size_t space = line.find(' ');
      double bytes = std::atof(line.substr(0, space).c_str());
      w.previous = std::move(w.object);
      w.object = space == std::string::npos ? "" : line.substr(space + 1);
      w.allowed = kBaseSeconds + bytes / kBytesPerSecond;
      started = Clock::now();
      cpuAtStart = std::max(0.0, cpuSeconds(child));
    }
  }
}

std::string where(const Watch &w) {
  if (w.object.empty())
    return "while opening the file";
  // Damage read earlier can surface only when libhdf5 frees its caches.
  if (w.object == detail::kClosingFile)
    return "while closing the file after reading " + w.previous;
  return "while reading " + w.object;
}

} // namespace

void setTrustedInput(bool trusted) { trustedFlag = trusted; }

bool trustedInput() {
  if (trustedFlag)
    return true;
  const char *env = std::getenv("NMC_TRUSTED_INPUT");
  return env && std::strcmp(env, "1") == 0;
}

bool checkHDF5File(const std::string &path, std::string &error) {
  FileKey key;
  if (trustedInput() || !fileKey(path, key))
    return true; // missing files are the reader's to report
  {
    std::lock_guard<std::mutex> lock(passedMutex);
    if (passed.count(key))
      return true;
  }
  const Limits limits = limitsFor(path);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    error = std::string("cannot check the file (pipe: ") +
            std::strerror(errno) + ")";
    return false;
  }
  pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    error = std::string("cannot check the file (fork: ") +
            std::strerror(errno) + ")";
    return false;
  }
  if (child == 0) {
    ::close(fds[0]);
#ifdef NMC_ASAN
    // A sanitizer report in the child (libhdf5 over-reading its heap) ends
    // it as the crash it is in a plain build, not with ASan's exit code 1.
    __sanitizer_set_death_callback(+[] {
      std::signal(SIGABRT, SIG_DFL);
      std::abort();
    });
#endif
    runChild(path, fds[1], limits);
  }
  ::close(fds[1]);
  Watch w;
  watchChild(fds[0], child, w);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!w.hung && w.done && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    std::lock_guard<std::mutex> lock(passedMutex);
    passed.insert(key);
    return true;
  }
  char seconds[32];
  if (w.hung) {
    std::snprintf(seconds, sizeof seconds, "%.2f", w.allowed);
    error = "the HDF5 library hung (no progress in " + std::string(seconds) +
            (w.blocked ? " s" : " s of CPU time") + ") " + where(w) +
            ": the file is corrupt";
  } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
    error = "the HDF5 library exceeded its CPU time limit (" +
            std::to_string(limits.cpuSeconds) + " s) " + where(w) +
            ": the file is corrupt";
  } else if (WIFSIGNALED(status)) {
    error = "the HDF5 library crashed (signal " +
            std::to_string(WTERMSIG(status)) + ") " + where(w) +
            ": the file is corrupt";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == kChildOutOfMemory) {
    error = "the HDF5 library ran out of memory " + where(w) +
            ": the file is corrupt";
  } else {
    error = "the HDF5 library failed (exit code " +
            std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
            ") " + where(w) + ": the file is corrupt";
  }
  return false;
}

} // namespace nmc::io

//===- FuzzSupport.cpp - Shared helpers of the libFuzzer targets ----------===//
#include "FuzzSupport.h"

#include "nmc/IO/H5Guard.h"

#include <hdf5.h>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace nmc::fuzz {

std::string writeScratchFile(const uint8_t *data, size_t size,
                             const std::string &suffix) {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("nmc-fuzz-" + std::to_string(getpid()) + suffix))
                         .string();
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    std::abort();
  if (size && std::fwrite(data, 1, size, f) != size)
    std::abort();
  std::fclose(f);
  return path;
}

namespace {

/// A running `nmc-fuzz-h5walk --serve`, restarted after it dies.
class Walker {
public:
  bool survives(const std::string &path, unsigned seconds) {
    if (pid == 0)
      start(seconds);
    std::string request = path + "\n";
    char reply[3];
    if (write(toChild, request.data(), request.size()) ==
            ssize_t(request.size()) &&
        readAll(reply, sizeof reply))
      return true;
    stop();
    return false;
  }

private:
  void start(unsigned seconds) {
    // A write to a walker that just died must fail, not kill the fuzzer.
    std::signal(SIGPIPE, SIG_IGN);
    // Beside this fuzzer in the build's bin/ folder.
    std::string exe =
        (std::filesystem::read_symlink("/proc/self/exe").parent_path() /
         "nmc-fuzz-h5walk")
            .string();
    std::string limit = std::to_string(seconds);
    char *argv[] = {exe.data(), const_cast<char *>("--serve"), limit.data(),
                    nullptr};
    char *envp[] = {nullptr};
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC))
      std::abort();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null",
                                     O_WRONLY, 0);
    int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    if (rc != 0) {
      std::fprintf(stderr, "cannot run %s\n", exe.c_str());
      std::abort();
    }
    toChild = in[1];
    fromChild = out[0];
  }

  bool readAll(char *buffer, size_t size) {
    for (size_t done = 0; done < size;) {
      ssize_t n = read(fromChild, buffer + done, size - done);
      if (n <= 0)
        return false; // the walker died
      done += size_t(n);
    }
    return true;
  }

  void stop() {
    close(toChild);
    close(fromChild);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
      ;
    pid = 0;
  }

  pid_t pid = 0;
  int toChild = -1, fromChild = -1;
};

} // namespace

bool libhdf5SurvivesFile(const std::string &path, unsigned seconds) {
  static Walker walker;
  return walker.survives(path, seconds);
}

void silenceHDF5Errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

void keepNoHDF5FreeLists() { H5set_free_list_limits(0, 0, 0, 0, 0, 0); }

} // namespace nmc::fuzz

// libFuzzer calls this once at start in every target linking this file.
extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  nmc::fuzz::silenceHDF5Errors();
  nmc::fuzz::keepNoHDF5FreeLists();
  // The walker above already contains libhdf5; the readers' own forked
  // check (H5Guard) would only repeat it, and forking this large ASan
  // process for every input cost ~80% of the run time.
  nmc::io::setTrustedInput(true);
  return 0;
}

//===- CosimCommand.cpp - nmc cosim ---------------------------------------===//
//
// Co-simulates a network on the xbar emulator and on the verilated RTL
// mesh in lockstep (docs/rtl.md "nmc cosim"): compiles the model for xbar
// (image + nmc_mesh memories, cached by content and settings), then runs
// nmc-rtl-cosim, built next to nmc when CMake found Verilator, as a child
// process, and prints its comparison as a report (--summary-json works as
// for `nmc run`). The driver does not link the verilated model: nmc builds
// without Verilator, and the model's runtime stays out of the compiler.
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CompileCache.h"
#include "Frontend.h"
#include "Options.h"
#include "Targets.h"

#include "nmc/Sim/OutputFile.h"
#include "nmc/Sim/Report.h"
#include "nmc/Target/Xbar/RtlImage.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <optional>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace nmc::driver {

namespace {

constexpr const char *kCosimBinary = "nmc-rtl-cosim";

/// nmc-rtl-cosim: $NMC_RTL_COSIM, else beside this executable.
fs::path cosimBinary() {
  if (const char *path = std::getenv("NMC_RTL_COSIM"); path && *path)
    return path;
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path(kCosimBinary) : self.parent_path() / kCosimBinary;
}

/// A directory removed when the command ends.
struct TempDir {
  TempDir() {
    std::string pattern =
        (fs::temp_directory_path() / "nmc-cosim-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw std::runtime_error("cannot create a temporary directory in " +
                               fs::temp_directory_path().string());
    path = pattern;
  }
  ~TempDir() {
    std::error_code error;
    fs::remove_all(path, error);
  }
  fs::path path;
};

/// Everything the compiled image and RTL depend on, one item a line: the
/// nmc binary (a rebuilt compiler recompiles), the model's bytes, the
/// hardware (a JSON file by its bytes) and the discretization.
std::string cacheKey(const std::string &model, const po::variables_map &vm) {
  std::string key = "nmc cosim cache 1\n";
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  struct stat st {};
  if (!error && ::stat(self.c_str(), &st) == 0)
    key += fmt::format("nmc {} {} {}\n", self.string(), st.st_size,
                       st.st_mtim.tv_sec * 1000000000ll + st.st_mtim.tv_nsec);
  key += fmt::format("model {} {}\n", fs::absolute(model).string(),
                     fileHash(model));
  const std::string hw = vm["hw"].as<std::string>();
  key += "hw " + hw;
  if (hw.size() > 5 && hw.ends_with(".json"))
    key += " " + fileHash(hw);
  key += "\n";
  if (vm.count("hw-set"))
    for (const std::string &s : vm["hw-set"].as<std::vector<std::string>>())
      key += "hw-set " + s + "\n";
  for (const char *option : {"dt", "method", "reset"})
    key += fmt::format("{} {}\n", option,
                       vm[option].value().type() == typeid(double)
                           ? fmt::format("{}", vm[option].as<double>())
                           : vm[option].as<std::string>());
  return key;
}

/// The image and its RTL memories, written into `dir` (image.h5, rtl/).
/// A network the RTL mesh cannot hold fails before anything is written.
void compileInto(const std::string &model, const SNNLoweringOptions &disc,
                 const fs::path &dir) {
  image::LoadedImage img = loadImageOrModel(model, "xbar", true, disc);
  const auto *payload = img.as<xbar::XbarPayload>();
  xbar::RtlImage rtl;
  try {
    rtl = xbar::buildRtlImage(*payload, xbar::RtlMeshParams{});
  } catch (const std::runtime_error &e) {
    throw std::runtime_error(model + ": " + e.what());
  }
  findTarget("xbar").write(img, (dir / "image.h5").string());
  xbar::writeRtlImage(rtl, (dir / "rtl").string());
}

/// Runs `argv`, its standard output discarded (it prints its own summary;
/// nmc prints the report), its errors shown. Returns its exit code.
int runChild(const std::vector<std::string> &argv) {
  std::vector<char *> args;
  for (const std::string &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  pid_t pid = 0;
  const int failed =
      posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed)
    throw std::runtime_error(argv[0] + ": cannot run (" +
                             std::strerror(failed) + ")");
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      throw std::runtime_error(argv[0] + ": lost the child process");
  if (WIFSIGNALED(status))
    throw std::runtime_error(argv[0] + ": killed by signal " +
                             std::to_string(WTERMSIG(status)));
  return WEXITSTATUS(status);
}

/// RATE of `--input bernoulli:RATE` (per time unit, as in `nmc run`), or
/// nullopt if `spec` is not of that form.
std::optional<double> bernoulliRate(const std::string &spec) {
  const std::string prefix = "bernoulli:";
  if (!spec.starts_with(prefix))
    return std::nullopt;
  char *end = nullptr;
  const double rate = std::strtod(spec.c_str() + prefix.size(), &end);
  if (end == spec.c_str() + prefix.size() || *end || !(rate >= 0) ||
      !std::isfinite(rate))
    return std::nullopt;
  return rate;
}

} // namespace

int cosimCommand(const Args &args) {
  std::string input, target, inputSpec, trace, summaryJson;
  SNNLoweringOptions disc;
  int64_t steps = 100;
  uint64_t seed = 1;
  bool noCache = false;
  po::options_description opts(
      "nmc cosim MODEL|IMAGE [--target xbar] [options]\n\n"
      "Runs a network on the xbar emulator and on the verilated RTL mesh\n"
      "(rtl/nmc_mesh.sv) in lockstep on random input spikes and compares\n"
      "every step: output spikes, the step's cycles, every membrane. MODEL\n"
      "is compiled for xbar first (cached by content and settings in\n"
      "$XDG_CACHE_HOME/nmc/cosim or ~/.cache/nmc/cosim). Prints the\n"
      "comparison and the RTL simulation speed; exit 0 if identical, 1 on\n"
      "a mismatch or an error. docs/rtl.md, docs/user-guide.md.\n\nOptions");
  opts.add_options()("help,h", "show this help")(
      "steps", po::value(&steps)->default_value(100), "time steps to compare")(
      "seed", po::value(&seed)->default_value(1), "seed of the input spikes")(
      "input,i", po::value(&inputSpec),
      "bernoulli:RATE: every input neuron spikes with probability RATE*dt "
      "per step (default: probability 0.3)")(
      "trace", po::value(&trace), "write an FST waveform of the RTL")(
      "summary-json", po::value(&summaryJson), "write the summary as JSON")(
      "no-cache", po::bool_switch(&noCache),
      "compile into a temporary directory, not the cache");
  addDiscretizeOptions(opts, disc);
  addTargetOptions(opts, target);
  po::variables_map vm;
  if (auto code = parseWithPositional(args, opts, "model", input, "cosim",
                                      "missing the network or image file", &vm))
    return *code;
  if (steps <= 0)
    return usageError("cosim", "--steps must be positive", opts);
  const std::optional<double> rate =
      inputSpec.empty() ? std::optional<double>() : bernoulliRate(inputSpec);
  if (!inputSpec.empty() && !rate)
    return usageError("cosim",
                      "--input " + inputSpec +
                          ": expected bernoulli:RATE, RATE >= 0 (one rate "
                          "for every input neuron)",
                      opts);
  if (targetGiven(vm) && chosenTarget(vm) != "xbar")
    return usageError("cosim",
                      "--target " + chosenTarget(vm) +
                          ": the RTL mesh is the digital twin of the xbar "
                          "target; use --target xbar",
                      opts);
  checkTargetOptions(vm, "xbar");
  if (vm.count("rtl-out"))
    return usageError("cosim",
                      "--rtl-out is for nmc compile; nmc cosim keeps the RTL "
                      "memories in its cache",
                      opts);
  const bool fromImage = isImageFile(input);
  if (fromImage)
    for (const char *option : {"dt", "method", "reset", "hw", "hw-set"})
      if (vm.count(option) && !vm[option].defaulted())
        return usageError("cosim",
                          std::string("--") + option +
                              " applies when compiling a model; '" + input +
                              "' is an image, compiled already",
                          opts);
  if (!summaryJson.empty())
    sim::checkWritable(summaryJson);

  const fs::path binary = cosimBinary();
  if (access(binary.c_str(), X_OK) != 0)
    throw std::runtime_error(
        binary.string() +
        " is not built, so nmc cosim has no verilated RTL model: install "
        "Verilator (tools/install-deps.sh) and reconfigure (cmake -S . -B "
        "build), then `cmake --build build --target nmc-rtl-cosim`");

  // The image and its RTL memories: from the cache, compiled into it, or
  // into a temporary directory (an image, or --no-cache).
  const auto setupStart = std::chrono::steady_clock::now();
  TempDir temp;
  std::string image = input, rtlDir, cacheState = "off";
  std::string cacheDir;
  double dt = 0;
  if (fromImage) {
    image::LoadedImage img = loadImageOrModel(input, "xbar", true, disc);
    dt = img.header.dt;
    try {
      xbar::writeRtlImage(xbar::buildRtlImage(*img.as<xbar::XbarPayload>(),
                                              xbar::RtlMeshParams{}),
                          (temp.path / "rtl").string());
    } catch (const std::runtime_error &e) {
      throw std::runtime_error(input + ": " + e.what());
    }
    rtlDir = (temp.path / "rtl").string();
    cacheState = "image";
  } else {
    fs::path dir = temp.path;
    const fs::path root = userCacheDir("cosim");
    if (noCache || root.empty()) {
      compileInto(input, disc, dir);
    } else {
      CompileCache cache(root, cacheKey(input, vm));
      cacheState = cache.has() ? "hit" : "compiled";
      if (!cache.has())
        cache.store([&](const fs::path &d) { compileInto(input, disc, d); });
      dir = cache.dir();
      cacheDir = dir.string();
    }
    image = (dir / "image.h5").string();
    rtlDir = (dir / "rtl").string();
    dt = loadImageOrModel(image, "xbar", true, disc).header.dt;
  }
  const double probability = rate ? *rate * dt : 0.3;
  if (probability > 1)
    throw std::runtime_error(fmt::format("--input {}: rate*dt = {} exceeds 1",
                                         inputSpec, probability));
  const double setupSeconds = std::chrono::duration<double>(
                                  std::chrono::steady_clock::now() - setupStart)
                                  .count();

  const std::string childJson = (temp.path / "cosim.json").string();
  std::vector<std::string> argv = {binary.string(),
                                   image,
                                   rtlDir,
                                   "--steps",
                                   std::to_string(steps),
                                   "--seed",
                                   std::to_string(seed),
                                   "--rate",
                                   fmt::format("{}", probability),
                                   "--summary-json",
                                   childJson};
  if (!trace.empty()) {
    argv.push_back("--trace");
    argv.push_back(trace);
  }
  const int code = runChild(argv);
  if (code > 1 || !fs::exists(childJson))
    throw ReportedError(binary.string() + " failed"); // it said why

  sim::Report report{"nmc cosim: " + input, {}};
  sim::Section &setup = report.section("setup");
  setup.add("target", "xbar")
      .add("image", image)
      .add("cache", cacheState, sim::Unit::None,
           "compiled, hit, off or image (docs/rtl.md)");
  if (!cacheDir.empty())
    setup.add("cache_dir", cacheDir);
  setup.add(fromImage ? "load" : "compile", setupSeconds, sim::Unit::Seconds,
            "compiling or reading the cache; writing the RTL memories");
  for (sim::Section &s : sim::readJson(childJson).sections)
    report.sections.push_back(std::move(s));
  if (!summaryJson.empty())
    sim::writeJson(summaryJson, report);

  // The mismatch's context is several lines: printed after the summary,
  // whose value keeps the first line.
  std::string context;
  for (sim::Section &s : report.sections)
    for (sim::Value &v : s.values)
      if (const auto *text = std::get_if<std::string>(&v.value);
          v.key == "first_mismatch" && text) {
        const size_t eol = text->find('\n');
        if (eol != std::string::npos) {
          context = text->substr(eol + 1);
          v.value = text->substr(0, eol);
        }
      }
  sim::printText(std::cout, report);
  if (!context.empty())
    std::cout << "\n" << context << "\n";
  return code == 0 ? 0 : 1;
}

} // namespace nmc::driver

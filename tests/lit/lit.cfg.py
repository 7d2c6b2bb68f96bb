# -*- Python -*-
import os

import lit.formats
import lit.util
from lit.llvm import llvm_config

config.name = "nmc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nmc_obj_root, "tests", "lit")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs", "check_rate.py", "check_sfq_xor.py", "check_sfq_rates.py"]

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.nmc_tools_dir, config.llvm_tools_dir]
tools = ["nmc-opt"]
for optional in ["nmc-translate", "nmc", "nmc-ridge", "nmc-sfq-export"]:
    if os.path.exists(os.path.join(config.nmc_tools_dir, optional)):
        tools.append(optional)
        config.available_features.add(optional)
llvm_config.add_tool_substitutions(tools, tool_dirs)

# `REQUIRES: verilator`: the build has the verilated RTL mesh (configured
# with NMC_ENABLE_RTL, which needs Verilator, and nmc-rtl-cosim built).
# Elsewhere such tests are UNSUPPORTED.
if lit.util.pythonize_bool(config.nmc_enable_rtl) and os.path.exists(
    os.path.join(config.nmc_tools_dir, "nmc-rtl-cosim")
):
    config.available_features.add("verilator")

# `REQUIRES: iverilog`: Icarus Verilog is installed (tools/install-deps.sh).
if lit.util.which("iverilog") and lit.util.which("vvp"):
    config.available_features.add("iverilog")

# NIR fixtures (../shared/nir beside the checkout).
config.substitutions.append(("%nir", os.path.join(config.nmc_shared_dir, "nir")))
# Folder of the built tools, for scripts that run several of them.
config.substitutions.append(("%nmc_bin", config.nmc_tools_dir))
config.substitutions.append(("%examples", os.path.join(config.nmc_src_root, "examples")))

# "asan": the tools carry AddressSanitizer (a build with NMC_SANITIZE or
# NMC_FUZZ, docs/testing.md). ASan reserves terabytes of address space, so
# tests that cap it with `ulimit -v` say `UNSUPPORTED: asan`.
_cache = os.path.join(config.nmc_obj_root, "CMakeCache.txt")
if os.path.exists(_cache):
    with open(_cache) as f:
        _text = f.read()
    if "NMC_SANITIZE:BOOL=ON" in _text or "NMC_FUZZ:BOOL=ON" in _text:
        config.available_features.add("asan")

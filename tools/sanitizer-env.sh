# Sourced before running anything from ./build-asan (tools/test.sh,
# tools/fuzz.sh): sanitizer settings shared by the tests and the fuzzers.
#  - allocator_may_return_null: a huge allocation throws std::bad_alloc (as
#    with glibc), which nmc reports as "out of memory", instead of aborting;
#  - allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons its free slab
#    space when compiled with ASan (nmc's inline copies are) but Debian's
#    libMLIR is not and allocates from the same slabs without unpoisoning:
#    a false use-after-poison in every MLIR storage uniquer otherwise;
#  - halt_on_error / print_stacktrace: any UBSan report fails the test;
#  - LSan suppressions: tests/fuzz/lsan.supp, one commented entry each.
_nmc_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1:allow_user_poisoning=0:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$_nmc_root/tests/fuzz/lsan.supp:print_suppressions=0}
unset _nmc_root

# Sourced before running anything from ./build-asan (tools/test.sh,
# tools/fuzz.sh): sanitizer settings shared by the tests and the fuzzers.
#  - allocator_may_return_null: a huge allocation throws std::bad_alloc (as
#    with glibc), which nmc reports as "out of memory", instead of aborting;
#  - halt_on_error / print_stacktrace: any UBSan report fails the test;
#  - LSan suppressions: tests/fuzz/lsan.supp, one commented entry each.
_nmc_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1:detect_stack_use_after_return=0:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$_nmc_root/tests/fuzz/lsan.supp:print_suppressions=0}
unset _nmc_root

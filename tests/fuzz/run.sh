#!/usr/bin/env bash
# Builds the fuzz targets into build-fuzz/ (clang, ASan + UBSan, libFuzzer)
# and runs each for as long as asked, one after the other; prints per
# target the executions and any finding, and exits 1 when there was one.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]        SECONDS each (default 60)
#   tests/fuzz/run.sh --runs N [TARGET...]         N executions each (CI)
#
# TARGETs are the names in tests/fuzz/CMakeLists.txt (default: all). Each
# target reads its committed seeds (tests/fuzz/corpus/TARGET), seeds cut
# from ../shared/data when it is there (tests/fuzz/shared_seeds.py), and
# what earlier runs found (build-fuzz/corpus/TARGET, where new inputs go).
# Findings are saved as build-fuzz/findings/TARGET-*, the whole output as
# build-fuzz/logs/TARGET.log. Replay one: build-fuzz/fuzz/TARGET FILE.
# Build jobs: $NEWSMARK_FUZZ_BUILD_JOBS (default 1). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."

limit=(-max_total_time=60)
what="60 s"
if [ "${1:-}" = "--runs" ]; then
  limit=("-runs=$2")
  what="$2 runs"
  shift 2
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  limit=("-max_total_time=$1")
  what="$1 s"
  shift
fi
all=(input_fuzzer pipeline_fuzzer date_rules_fuzzer sentence_rules_fuzzer
     gold_fuzzer records_fuzzer gazetteer_fuzzer)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

build=build-fuzz
# Debian's clang-14 package installs clang++-14; `clang` adds the clang++ link.
cxx=$(command -v clang++ || command -v clang++-14 || echo clang++)
cmake -S . -B "$build" -DNEWSMARK_FUZZ=ON -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSMARK_BUILD_TESTS=OFF \
  -DNEWSMARK_BUILD_BENCH=OFF > "$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 2; }
mv "$build.configure.log" "$build/configure.log"
cmake --build "$build" -j"${NEWSMARK_FUZZ_BUILD_JOBS:-1}" --target "${targets[@]}" \
  > "$build/build.log" 2>&1 || { tail -50 "$build/build.log"; exit 2; }

mkdir -p "$build/corpus" "$build/findings" "$build/logs"
if [ ! -d "$build/shared-seeds" ]; then
  python3 tests/fuzz/shared_seeds.py ../shared/data "$build/shared-seeds"
fi

symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$symbolizer}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
findings=0
for t in "${targets[@]}"; do
  corpora=("$build/corpus/$t" "tests/fuzz/corpus/$t")
  [ -d "$build/shared-seeds/$t" ] && corpora+=("$build/shared-seeds/$t")
  mkdir -p "$build/corpus/$t"
  dict=()
  case $t in
    input_fuzzer | gold_fuzzer | records_fuzzer) dict=(-dict=tests/fuzz/json.dict) ;;
  esac
  log="$build/logs/$t.log"
  start=$(date +%s)
  status=0
  "$build/fuzz/$t" "${limit[@]}" "${dict[@]}" -print_final_stats=1 -timeout=20 \
    -artifact_prefix="$build/findings/$t-" "${corpora[@]}" > "$log" 2>&1 || status=$?
  seconds=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$status" -eq 0 ]; then
    echo "$t: ${execs:-?} executions in ${seconds} s ($what asked): no finding"
  else
    findings=$((findings + 1))
    artifact=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -1)
    echo "$t: FINDING after ${execs:-?} executions in ${seconds} s (exit $status): ${artifact:-see $log}"
    grep -m1 -E 'invariant broken|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error' "$log" |
      sed 's/^/    /' || true
  fi
done
[ "$findings" -eq 0 ] || { echo "$findings target(s) with findings; logs in $build/logs/"; exit 1; }

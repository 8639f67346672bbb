#!/usr/bin/env bash
# Runs the libFuzzer targets with cargo-fuzz, each for the given number of seconds.
#   scripts/fuzz.sh 20     a short run (part of `make test`)
#   scripts/fuzz.sh 600    a long run (`make fuzz`)
#   FUZZ_RUNS=10000000 scripts/fuzz.sh 0 validate   a run to a number of executions instead
#                          (libFuzzer's -runs; the seconds are then not a limit)
# One input running longer than 30 s is a finding (a hang), as is a panic.
# The corpora live under the build cache, seeded from tests/fixtures and fuzz/seeds/<target>/;
# findings are copied to fuzz/regressions/<target>/ and fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(validate json responses machine devserver_request devserver_proxy devserver_answers devserver_pem)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz
fi

# libFuzzer instrumentation needs unstable compiler flags; the stable toolchain allows them here.
export RUSTC_BOOTSTRAP=1
work=${CARGO_TARGET_DIR:-target}/fuzz-work
log=$work/fuzz.log
mkdir -p "$work"
status=0
# Built once before the runs, so that a run's time is the fuzzing alone.
cargo fuzz build --fuzz-dir fuzz -s none
for t in "${targets[@]}"; do
  corpus=$work/corpus/$t
  artifacts=$work/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  # Only this run's findings are copied to fuzz/regressions/ (earlier ones are there already).
  rm -f "$artifacts"/*
  find tests/fixtures -type f -name '*.json' -exec cp -n {} "$corpus/" \;
  [ -d "fuzz/seeds/$t" ] && find "fuzz/seeds/$t" -type f -exec cp -n {} "$corpus/" \;
  if [ -n "${FUZZ_RUNS:-}" ]; then
    limit=(-runs="$FUZZ_RUNS")
    echo "fuzz: $t for $FUZZ_RUNS executions"
  else
    limit=(-max_total_time="$seconds")
    echo "fuzz: $t for ${seconds}s"
  fi
  started=$(date +%s)
  if ! cargo fuzz run --fuzz-dir fuzz -s none "$t" "$corpus" -- \
      "${limit[@]}" -timeout=30 -artifact_prefix="$artifacts/" -print_final_stats=1 \
      >"$work/$t.out" 2>&1; then
    status=1
    mkdir -p "fuzz/regressions/$t"
    cp "$artifacts"/* "fuzz/regressions/$t/" 2>/dev/null || true
    tail -40 "$work/$t.out"
    echo "fuzz: $t found a failing input; copied to fuzz/regressions/$t/"
  fi
  # A run that failed has no final statistics: `|| true` so the other targets still run.
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.out" | awk '{print $2}' | tail -1 || true)
  cov=$(grep -o 'cov: [0-9]*' "$work/$t.out" | tail -1 | awk '{print $2}' || true)
  elapsed=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$work/$t.out" | awk '{print $5}' | tail -1 || true)
  elapsed=${elapsed:-$(($(date +%s) - started))}
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
  echo "$(date -u +%F) $t executions=${runs:-?} coverage=${cov:-?} seconds=$elapsed commit=$commit" | tee -a "$log"
done
exit $status

#!/usr/bin/env bash
# Sets up and runs every test: the whole suite on the default build over io_uring, again over
# epoll chosen at run time, the engine and protocol suites on the compile-time epoll build, and a
# compile check of the kqueue build. Ends with one line:
#   tests: N passed, N failed, N skipped
# and exits non-zero when anything failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONFIG="${CONFIG:-Release}"
RESULTS="$ROOT/artifacts/test-results"

usage() {
  echo "usage: scripts/test.sh [--filter EXPR]   (EXPR as for dotnet test --filter)"
}
FILTER=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --filter) FILTER=(--filter "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# --- prerequisites: real clients the tests drive (a fresh Debian 12 has only the .NET SDK) ---
"$ROOT/scripts/setup-deps.sh" test

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
PASSED=0 FAILED=0 SKIPPED=0
FAILED_RUNS=()

# Adds one TRX file's counters to the totals and prints the reasons of skipped tests.
count_trx() {
  local trx="$1" label="$2"
  if [[ ! -f "$trx" ]]; then
    echo "!! $label produced no results (build or test host failure)"
    FAILED=$((FAILED + 1))
    return
  fi
  local counters total passed failed notexec
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  notexec=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  PASSED=$((PASSED + ${passed:-0}))
  FAILED=$((FAILED + ${failed:-0}))
  SKIPPED=$((SKIPPED + ${notexec:-0}))
  echo "-- $label: ${total:-0} tests, ${passed:-0} passed, ${failed:-0} failed, ${notexec:-0} skipped"
  if [[ "${notexec:-0}" != "0" ]]; then
    # Each skipped test and the reason it gave.
    awk 'BEGIN{RS="<UnitTestResult "} /outcome="NotExecuted"/ {
           name=$0; sub(/.*testName="/,"",name); sub(/".*/,"",name);
           msg=$0; if (match(msg,/<Message>[^<]*<\/Message>/)) { msg=substr(msg,RSTART+9,RLENGTH-19) } else { msg="(no reason given)" }
           print "   skipped: " name " -- " msg }' "$trx"
  fi
}

# Runs one test project; $1 label, $2 project, $3 backend build, $4 URING_TEST_BACKEND.
run_tests() {
  local label="$1" project="$2" build="$3" runtime="$4"
  local dir="$RESULTS/${label//[^A-Za-z0-9_.-]/_}"
  local trx="$dir/results.trx"
  echo "== $label (build $build, backend $runtime)"
  if ! URING_TEST_BACKEND="$runtime" dotnet test "$project" -c "$CONFIG" -p:UringBackend="$build" \
      --results-directory "$dir" --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" "${FILTER[@]}" ; then
    FAILED_RUNS+=("$label")
  fi
  count_trx "$trx" "$label"
}

TEST_PROJECTS=()
while IFS= read -r p; do TEST_PROJECTS+=("$p"); done < <(find tests -name '*.Tests.csproj' | sort)

# One project at a time: some tests change machine-wide state (kernel.io_uring_disabled).
for p in "${TEST_PROJECTS[@]}"; do
  name="$(basename "$p" .csproj)"
  run_tests "$name [io_uring]" "$p" IoUring io_uring
done
for p in "${TEST_PROJECTS[@]}"; do
  name="$(basename "$p" .csproj)"
  [[ "$name" == Uring.Native.Tests ]] && continue   # ABI layout does not depend on the backend
  run_tests "$name [epoll at run time]" "$p" IoUring epoll
done
for p in "${TEST_PROJECTS[@]}"; do
  name="$(basename "$p" .csproj)"
  [[ "$name" == Uring.Native.Tests ]] && continue
  run_tests "$name [epoll build]" "$p" Epoll epoll
done

echo "== kqueue build (compile check only; kqueue is not exercised on Linux)"
if dotnet build engine/Uring.Engine.csproj -c "$CONFIG" -p:UringBackend=Kqueue -nologo -v:q; then
  PASSED=$((PASSED + 1))
else
  FAILED=$((FAILED + 1))
  FAILED_RUNS+=("kqueue build")
fi

if [[ ${#FAILED_RUNS[@]} -gt 0 ]]; then
  echo "failed runs: ${FAILED_RUNS[*]}"
  [[ $FAILED -eq 0 ]] && FAILED=${#FAILED_RUNS[@]}
fi
echo "tests: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[[ $FAILED -eq 0 ]]

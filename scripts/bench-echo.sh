#!/usr/bin/env bash
# Echo benchmark: uringd --protocol echo on the server core, perf/Uring.EchoLoad on the load core,
# once per backend (io_uring, epoll). Reports messages/s and server CPU-µs per message, measured
# as scripts/bench.sh measures requests. About a minute with the defaults.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/bench-echo.sh [options]

  --quick              smoke run (~30 s with builds done): 1 s warm-up, 2 s per workload
  --backends LIST      uringd backends to compare (default io_uring,epoll)
  --variant NAME=ARGS  compare uringd started with extra ARGS instead of the backends; repeatable,
                       e.g. --variant plain='--arena plain' --variant thp='--arena thp'
                            --variant copy='--send-zc-threshold 0' --variant zc='--send-zc-threshold 1024'
  --cores SERVER:LOAD  taskset CPU lists for uringd and the load generator (default 0:1)
  --connections N      concurrent connections (default 64)
  --size BYTES         message size (default 64)
  --duration SECONDS   measured seconds per workload (default 8)
  --warmup SECONDS     warm-up seconds before each workload (default 2)
  --port PORT          uringd's port (default 28070)
  --out DIR            results directory (default results/echo-<UTC timestamp>)
  --no-build           use the binaries already built
  --keep-tmp           keep the temp dir (server logs)
  -h, --help           this text

Workloads per backend: echo-<size>B (one message in flight per connection, ping-pong) and
echo-<size>B-p16 (16 messages per write, 16 in flight per connection).
Exits non-zero when uringd does not start, the port is busy, or an echo is lost or corrupted.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/bench/lib.sh
source "$ROOT/scripts/bench/lib.sh"
# shellcheck source=scripts/bench/record.sh
source "$ROOT/scripts/bench/record.sh"

BACKENDS=io_uring,epoll CORES=0:1 CONNECTIONS=64 SIZE=64 DURATION='' WARMUP='' PORT=28070 OUT=''
QUICK=0 UNIT=message
VARIANT_NAMES=() VARIANT_ARGS=()
while (($#)); do
  case $1 in
    --quick) QUICK=1 ;;
    --backends) BACKENDS=${2:?--backends needs a list}; shift ;;
    --variant)
      v=${2:?--variant needs NAME=ARGS}; shift
      [[ $v == *=* && ${v%%=*} =~ ^[A-Za-z0-9_.-]+$ ]] || bench_die "--variant wants NAME=ARGS (got '$v')"
      VARIANT_NAMES+=("${v%%=*}"); VARIANT_ARGS+=("${v#*=}") ;;
    --cores) CORES=${2:?--cores needs SERVER:LOAD}; shift ;;
    --connections) CONNECTIONS=${2:?--connections needs a number}; shift ;;
    --size) SIZE=${2:?--size needs bytes}; shift ;;
    --duration) DURATION=${2:?--duration needs seconds}; shift ;;
    --warmup) WARMUP=${2:?--warmup needs seconds}; shift ;;
    --port) PORT=${2:?--port needs a port}; shift ;;
    --out) OUT=${2:?--out needs a directory}; shift ;;
    --no-build) BENCH_NO_BUILD=1 ;;
    --keep-tmp) KEEP_TMP=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo >&2; bench_die "unknown argument: $1" ;;
  esac
  shift
done

bench_set_cores "$CORES"
if ((QUICK)); then DURATION=${DURATION:-2} WARMUP=${WARMUP:-1}; else DURATION=${DURATION:-8} WARMUP=${WARMUP:-2}; fi
for n in "$CONNECTIONS" "$SIZE" "$DURATION" "$PORT"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || bench_die "--connections, --size, --duration and --port want positive numbers (got '$n')"
done
[[ $WARMUP =~ ^[0-9]+$ ]] || bench_die "--warmup wants whole seconds"
IFS=',' read -ra BACKEND_LIST <<<"$BACKENDS"
for b in "${BACKEND_LIST[@]}"; do
  [[ $b =~ ^(io_uring|epoll)$ ]] || bench_die "unknown backend '$b' (io_uring, epoll)"
done
# Without --variant, the variants are the backends.
if ((${#VARIANT_NAMES[@]} == 0)); then
  for b in "${BACKEND_LIST[@]}"; do VARIANT_NAMES+=("$b"); VARIANT_ARGS+=("--backend $b"); done
fi

# --- set-up -----------------------------------------------------------------------------------

ulimit -n 65536 2>/dev/null || true
bench_install taskset:util-linux /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
command -v dotnet >/dev/null || bench_die "dotnet (the .NET 10 SDK) is not on PATH"
[[ -x $ROOT/scripts/setup-deps.sh ]] && "$ROOT/scripts/setup-deps.sh" run
CLK_TCK=$(getconf CLK_TCK)
URINGD_BIN=$(bench_dotnet_exe "$ROOT/uringd/uringd.csproj" uringd)
ECHOLOAD_BIN=$(bench_dotnet_exe "$ROOT/perf/Uring.EchoLoad/Uring.EchoLoad.csproj" Uring.EchoLoad)
REPORT_BIN=$(bench_dotnet_exe "$ROOT/perf/Uring.BenchReport/Uring.BenchReport.csproj" Uring.BenchReport)

OUT=${OUT:-$ROOT/results/echo-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/raw"
BENCH_TMP=$(mktemp -d /tmp/uring-bench-echo.XXXXXX)
bench_install_traps

# --- measuring --------------------------------------------------------------------------------

# parse_echo RAW — R_* from Uring.EchoLoad's ECHO_JSON line. A connection that failed counts as
# a socket error; an echo that differed from what was sent as an "other" error.
parse_echo() {
  local line
  line=$(grep -m1 '^ECHO_JSON ' "$1") || return 1
  R_REQUESTS=$(bench_json_field "$line" messages) R_SECONDS=$(bench_json_field "$line" seconds)
  R_P50=$(bench_json_field "$line" p50_us) R_P99=$(bench_json_field "$line" p99_us)
  R_SOCKET=$(bench_json_field "$line" failed_connections) R_OTHER=$(bench_json_field "$line" mismatches)
  R_NON2XX=0
}

# run_echo SERVER NAME DEPTH — warm up, measure, record.
run_echo() {
  local server=$1 name=$2 depth=$3
  local raw=$OUT/raw/$server-$name.txt load_rc=0
  local args=(--port "$PORT" --connections "$CONNECTIONS" --size "$SIZE" --depth "$depth")
  ((WARMUP > 0)) && { bench_run_load "$BENCH_TMP/warmup.txt" "$ECHOLOAD_BIN" "${args[@]}" --duration "$WARMUP" || true; }
  bench_measure_begin
  bench_run_load "$raw" "$ECHOLOAD_BIN" "${args[@]}" --duration "$DURATION" || load_rc=$?
  bench_measure_end "$raw"
  if ! parse_echo "$raw"; then
    bench_add_run "$server" "$name" echoload "tcp://127.0.0.1:$PORT" "$CONNECTIONS" "$depth" failed "Uring.EchoLoad exited $load_rc without a summary"
    FAILURES+=("$server $name: Uring.EchoLoad exited $load_rc without a summary (see $raw)")
    return 0
  fi
  bench_check_run "$server" "$name" "$raw"
  bench_add_run "$server" "$name" echoload "tcp://127.0.0.1:$PORT" "$CONNECTIONS" "$depth" "$RUN_STATUS" "$RUN_NOTE" measured
}

# run_variant NAME ARGS — start uringd with ARGS, both workloads, stop.
run_variant() {
  local name=$1 extra=$2 server=uringd-$1 log=$BENCH_TMP/uringd-$1.log
  local -a extra_args
  read -ra extra_args <<<"$extra"
  if bench_port_busy "$PORT"; then
    FAILURES+=("$server: port $PORT is busy (another process listens there; try --port)")
    bench_log "ERROR: port $PORT is busy"
    return 0
  fi
  bench_log "starting uringd --protocol echo $extra on CPU $SERVER_CORES (port $PORT)"
  bench_launch "$log" "$URINGD_BIN" --cores "$SERVER_CORES" --port "$PORT" --protocol echo "${extra_args[@]}"
  local rc=0
  bench_wait_tcp "$SERVER_PID" "$PORT" 30 || rc=$?
  if ((rc != 0)); then
    bench_stop_tree "$SERVER_PID"; SERVER_PID=''
    cp "$log" "$OUT/raw/$server-server.log"
    FAILURES+=("$server did not start: $(tail -n 3 "$log" | tr '\n' ' ')")
    bench_log "ERROR: $server did not start (log: $OUT/raw/$server-server.log)"
    return 0
  fi
  # uringd's first log line names the backend and ring set-up actually in use.
  bench_add_server "$server" "$("$URINGD_BIN" --version) $extra" "$PORT" "" "$(grep -m1 'backend;' "$log" || true)"
  run_echo "$server" "echo-${SIZE}B" 1
  kill -0 "$SERVER_PID" 2>/dev/null && run_echo "$server" "echo-${SIZE}B-p16" 16
  bench_stop_tree "$SERVER_PID"; SERVER_PID=''
  cp "$log" "$OUT/raw/$server-server.log"
}

bench_core_quiet_check "$SERVER_CORES"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
bench_log "variants: ${VARIANT_NAMES[*]}; $CONNECTIONS connections x $SIZE B; ${WARMUP} s warm-up + ${DURATION} s each; server CPU $SERVER_CORES, load CPU $LOAD_CORES"
for i in "${!VARIANT_NAMES[@]}"; do
  run_variant "${VARIANT_NAMES[$i]}" "${VARIANT_ARGS[$i]}"
done

bench_write_results "$OUT/results.json" "$STARTED"
bench_report "$OUT/results.json" "$REPORT_BIN"

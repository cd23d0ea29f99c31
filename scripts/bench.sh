#!/usr/bin/env bash
# HTTP load harness: builds uringd and the Kestrel peer, then runs the same workloads against
# uringd, nginx, Kestrel and h2o in turn, each pinned to the same server core(s) with the load
# generator on the other core(s). Writes results.json, results.md and results.png under results/.
# See perf/README.md for how to read them, and ../shared/PERF.md for the method.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/bench.sh [options]

  --quick              smoke run (< 2 min): 1 s warm-up, 3 s per workload, 4 workloads
  --servers LIST       comma-separated, from uringd,nginx,kestrel,h2o (default: all four)
  --workloads LIST     comma-separated workload names (default: all; see below)
  --cores SERVER:LOAD  taskset CPU lists for the servers and the load generator (default 0:1)
  --duration SECONDS   measured seconds per workload (default 10; --quick: 3)
  --warmup SECONDS     warm-up seconds before each workload (default 2; --quick: 1)
  --out DIR            results directory (default results/<UTC timestamp>)
  --port-base PORT     first port used (default 28080; servers use PORT..PORT+30)
  --uringd-backend B   pass --backend B to uringd (auto|io_uring|epoll)
  --uringd-h2 PORT     uringd's h2c prior-knowledge port, when it is not its HTTP/1.1 port
                       (a server that takes h2c on its HTTP/1.1 port is found by itself)
  --no-build           use the binaries already built
  --keep-tmp           keep the temp dir (configs, server logs)
  -h, --help           this text

Workloads: plaintext-64, plaintext-512, plaintext-64-p16 (wrk, 16 pipelined), json-64, 100k-64,
plaintext-64-hey (hey, second opinion), h2-16x32 (h2load -c 16 -m 32, h2c prior knowledge).
--quick runs plaintext-64, plaintext-64-p16, plaintext-64-hey and h2-16x32.

Environment: URINGD_ARGS (extra uringd arguments), URINGD_PROTOCOL (default http),
BENCH_DOTNET_ARGS (extra dotnet build arguments, e.g. -p:ArtifactsPath=DIR).
Exits non-zero when a server does not start, a port is busy, or a workload sees errors or
non-2xx responses (after writing what was measured).
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/bench/lib.sh
source "$ROOT/scripts/bench/lib.sh"
# shellcheck source=scripts/bench/record.sh
source "$ROOT/scripts/bench/record.sh"
# shellcheck source=scripts/bench/http-load.sh
source "$ROOT/scripts/bench/http-load.sh"
# shellcheck source=scripts/bench/servers.sh
source "$ROOT/scripts/bench/servers.sh"

# name|tool|path|connections|depth (wrk: requests per write; h2load: streams per connection)|in --quick
WORKLOADS_TABLE='
plaintext-64|wrk|/plaintext|64|1|1
plaintext-512|wrk|/plaintext|512|1|0
plaintext-64-p16|wrk|/plaintext|64|16|1
json-64|wrk|/json|64|1|0
100k-64|wrk|/100k|64|1|0
plaintext-64-hey|hey|/plaintext|64|1|1
h2-16x32|h2load|/plaintext|16|32|1'

QUICK=0 SERVERS=uringd,nginx,kestrel,h2o WORKLOADS='' CORES=0:1 DURATION='' WARMUP='' OUT=''
PORT_BASE=28080 UNIT=request
URINGD_BACKEND=${URINGD_BACKEND:-} URINGD_H2_PORT=${URINGD_H2_PORT:-}
while (($#)); do
  case $1 in
    --quick) QUICK=1 ;;
    --servers) SERVERS=${2:?--servers needs a list}; shift ;;
    --workloads) WORKLOADS=${2:?--workloads needs a list}; shift ;;
    --cores) CORES=${2:?--cores needs SERVER:LOAD}; shift ;;
    --duration) DURATION=${2:?--duration needs seconds}; shift ;;
    --warmup) WARMUP=${2:?--warmup needs seconds}; shift ;;
    --out) OUT=${2:?--out needs a directory}; shift ;;
    --port-base) PORT_BASE=${2:?--port-base needs a port}; shift ;;
    --uringd-backend) URINGD_BACKEND=${2:?--uringd-backend needs auto, io_uring or epoll}; shift ;;
    --uringd-h2) URINGD_H2_PORT=${2:?--uringd-h2 needs a port}; shift ;;
    --no-build) BENCH_NO_BUILD=1 ;;
    --keep-tmp) KEEP_TMP=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo >&2; bench_die "unknown argument: $1" ;;
  esac
  shift
done

bench_set_cores "$CORES"
if ((QUICK)); then DURATION=${DURATION:-3} WARMUP=${WARMUP:-1}; else DURATION=${DURATION:-10} WARMUP=${WARMUP:-2}; fi
[[ $DURATION =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ ]] || bench_die "--duration/--warmup want whole seconds"
IFS=',' read -ra SERVER_LIST <<<"$SERVERS"
for s in "${SERVER_LIST[@]}"; do
  [[ $s =~ ^(uringd|nginx|kestrel|h2o)$ ]] || bench_die "unknown server '$s' (uringd, nginx, kestrel, h2o)"
done
[[ -n $URINGD_BACKEND && ! $URINGD_BACKEND =~ ^(auto|io_uring|epoll)$ ]] && bench_die "--uringd-backend: auto, io_uring or epoll"

# The workloads of this run, in table order.
SELECTED=()
while IFS='|' read -r name tool path conns depth inquick; do
  [[ -z $name ]] && continue
  if [[ -n $WORKLOADS ]]; then [[ ,$WORKLOADS, == *,$name,* ]] || continue
  elif ((QUICK && !inquick)); then continue; fi
  SELECTED+=("$name|$tool|$path|$conns|$depth")
done <<<"$WORKLOADS_TABLE"
((${#SELECTED[@]})) || bench_die "no workload selected (--workloads $WORKLOADS)"
if [[ -n $WORKLOADS ]]; then
  for w in ${WORKLOADS//,/ }; do
    grep -q "^$w|" <<<"$WORKLOADS_TABLE" || bench_die "unknown workload '$w'"
  done
fi

# --- set-up -----------------------------------------------------------------------------------

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

wanted=(wrk:wrk hey:hey h2load:nghttp2-client curl:curl taskset:util-linux
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core)
[[ ,$SERVERS, == *,nginx,* ]] && wanted+=(nginx:nginx-light)
[[ ,$SERVERS, == *,h2o,* ]] && wanted+=(h2o:h2o)
bench_install "${wanted[@]}"
command -v dotnet >/dev/null || bench_die "dotnet (the .NET 10 SDK) is not on PATH"
CLK_TCK=$(getconf CLK_TCK)

# uringd's own run-time libraries (libnuma, libmimalloc), as scripts/run.sh installs them.
[[ ,$SERVERS, == *,uringd,* && -x $ROOT/scripts/setup-deps.sh ]] && "$ROOT/scripts/setup-deps.sh" run
[[ ,$SERVERS, == *,uringd,* ]] && URINGD_BIN=$(bench_dotnet_exe "$ROOT/uringd/uringd.csproj" uringd)
[[ ,$SERVERS, == *,kestrel,* ]] && KESTREL_BIN=$(bench_dotnet_exe "$ROOT/perf/KestrelPeer/KestrelPeer.csproj" KestrelPeer)
REPORT_BIN=$(bench_dotnet_exe "$ROOT/perf/Uring.BenchReport/Uring.BenchReport.csproj" Uring.BenchReport)

OUT=${OUT:-$ROOT/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/raw"
BENCH_TMP=$(mktemp -d /tmp/uring-bench.XXXXXX)
bench_install_traps
bench_servers_init "$PORT_BASE"
bench_write_www
bench_prepare_wrk_scripts "$BENCH_TMP"

# --- measuring --------------------------------------------------------------------------------

# run_workload SERVER "name|tool|path|conns|depth" — probe, warm up, measure, record.
run_workload() {
  local server=$1 name tool path conns depth
  IFS='|' read -r name tool path conns depth <<<"$2"
  local port=${H1_PORT[$server]} curl_args=()
  if [[ $tool == h2load ]]; then
    curl_args=(--http2-prior-knowledge)
    port=${H2_PORT[$server]}
    # No h2c port configured: use the HTTP/1.1 port if it also takes h2c prior knowledge (an
    # HTTP/1-only server refuses the preface, and the workload is skipped).
    if [[ -z $port ]] && [[ $(curl -s -o /dev/null -m 5 -w '%{http_version}' "${curl_args[@]}" "http://127.0.0.1:${H1_PORT[$server]}$path" || true) == 2 ]]; then
      port=${H1_PORT[$server]}
    fi
    if [[ -z $port ]]; then
      bench_add_run "$server" "$name" "$tool" "" "$conns" "$depth" skipped "no h2c: its HTTP/1.1 port refused prior knowledge (--uringd-h2 PORT names another port)"
      return 0
    fi
  fi
  local url="http://127.0.0.1:$port$path" code
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "${curl_args[@]}" "$url" || true)
  if [[ $code != 200 ]]; then
    bench_add_run "$server" "$name" "$tool" "$url" "$conns" "$depth" skipped "probe of $path answered ${code:-nothing}, not 200"
    return 0
  fi

  local raw=$OUT/raw/$server-$name.txt load_rc=0
  ((WARMUP > 0)) && { bench_http_load "$WARMUP" "$BENCH_TMP/warmup.txt" "$tool" "$url" "$conns" "$depth" || true; }
  bench_measure_begin
  bench_http_load "$DURATION" "$raw" "$tool" "$url" "$conns" "$depth" || load_rc=$?
  bench_measure_end "$raw"

  if ! bench_parse "$tool" "$raw" || ((load_rc != 0)); then
    bench_add_run "$server" "$name" "$tool" "$url" "$conns" "$depth" failed "$tool exited $load_rc or printed no summary"
    FAILURES+=("$server $name: $tool exited $load_rc or printed no summary (see $raw)")
    return 0
  fi
  bench_check_run "$server" "$name" "$raw"
  bench_add_run "$server" "$name" "$tool" "$url" "$conns" "$depth" "$RUN_STATUS" "$RUN_NOTE" measured
}

# run_server SERVER — port check, start, wait, every workload, stop.
run_server() {
  local server=$1 port
  for port in "${H1_PORT[$server]}" ${H2_PORT[$server]:+"${H2_PORT[$server]}"}; do
    if bench_port_busy "$port"; then
      FAILURES+=("$server: port $port is busy (another process listens there; try --port-base)")
      bench_log "ERROR: $server: port $port is busy"
      return 0
    fi
  done
  "server_${server}_prepare"
  bench_log "starting $server on CPU $SERVER_CORES (port ${H1_PORT[$server]}${H2_PORT[$server]:+, h2c ${H2_PORT[$server]}})"
  "server_${server}_start"
  local rc=0
  bench_wait_tcp "$SERVER_PID" "${H1_PORT[$server]}" 60 || rc=$?
  if ((rc != 0)); then
    local why="did not listen on port ${H1_PORT[$server]} within 60 s"
    ((rc == 2)) && why="exited before listening"
    stop_server "$server"
    FAILURES+=("$server $why: $(grep -v '^== ' "$OUT/raw/$server-server.log" | tail -n 3 | tr '\n' ' ')")
    bench_log "ERROR: $server $why (log: $OUT/raw/$server-server.log)"
    return 0
  fi
  local note=''
  [[ $server == h2o ]] && note='plaintext and json from static files (no per-request serialization)'
  bench_add_server "$server" "$("server_${server}_version")" "${H1_PORT[$server]}" "${H2_PORT[$server]}" "$note"

  local before=${#FAILURES[@]} w
  for w in "${SELECTED[@]}"; do
    run_workload "$server" "$w"
    kill -0 "$SERVER_PID" 2>/dev/null || { bench_log "ERROR: $server exited"; break; }
  done
  if ! bench_server_ran "$server" && ((${#FAILURES[@]} == before)); then
    FAILURES+=("$server: answered none of the workloads (does it speak HTTP/1.1 on port ${H1_PORT[$server]}?)")
  fi
  stop_server "$server"
}

# stop_server SERVER — stops it and keeps its logs in raw/SERVER-server.log.
stop_server() {
  bench_stop_tree "$SERVER_PID"
  SERVER_PID=''
  local f
  : >"$OUT/raw/$1-server.log"
  for f in "$BENCH_TMP/$1"/*.log; do
    [[ -f $f ]] && { echo "== $(basename "$f")"; cat "$f"; } >>"$OUT/raw/$1-server.log"
  done
  return 0
}

bench_core_quiet_check "$SERVER_CORES"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
bench_log "servers: $SERVERS; ${#SELECTED[@]} workloads; ${WARMUP} s warm-up + ${DURATION} s each; server CPU $SERVER_CORES, load CPU $LOAD_CORES"
for server in "${SERVER_LIST[@]}"; do
  run_server "$server"
done

bench_write_results "$OUT/results.json" "$STARTED"
bench_report "$OUT/results.json" "$REPORT_BIN"

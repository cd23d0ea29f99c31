#!/usr/bin/env bash
# Memory per idle keep-alive connection and cold start, uringd next to nginx and Kestrel (the
# method of ../shared/PERF.md): each server pinned to the server core, perf/Uring.ConnHold on the
# load core opens N connections with one request each and holds them idle; the server's RSS delta
# divided by N is the cost of an idle connection. Cold start: spawn -> first correct response,
# median of 7. --max: how many idle connections uringd holds on this machine, and what stops it.
# Writes results.json and results.md under results/memory-<timestamp>/.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/bench-memory.sh [options]

  --quick              smoke run: 1,000 connections, 1 repeat, 3 cold starts
  --servers LIST       comma-separated, from uringd,nginx,kestrel (default: all three)
  --connections N      idle connections per measurement (default 10000)
  --repeat R           memory measurements per server, each on a fresh server (default 3)
  --cold-runs C        cold starts per server (default 7; 0 skips them)
  --max                only the capacity run: hold as many idle connections against uringd as
                       this machine allows (up to --max-target) and report what stopped it
  --max-target N       connections the --max run aims for (default 100000)
  --max-hold SECONDS   how long --max holds what it reached, watching for drops (default 10)
  --max-processes N    uringd worker processes (--processes) for the --max run; default auto: as
                       many as the target needs at 70% of one process's descriptor limit
  --per-process N      connections per Uring.ConnHold process (default 15000: one process may
                       hold < 20,000 descriptors here); more connections start more processes,
                       each from its own source address 127.0.0.K
  --uringd-protocol P  http or echo (default: http when uringd's --help lists it, else echo)
  --cores SERVER:LOAD  taskset CPU lists for the servers and Uring.ConnHold (default 0:1)
  --out DIR            results directory (default results/memory-<UTC timestamp>,
                       --max: results/memory-max-<UTC timestamp>)
  --port-base PORT     first port used (default 28180: uringd 28180, nginx 28190, Kestrel 28200/28201)
  --no-build           use the binaries already built
  --keep-tmp           keep the temp dir (configs, server logs, holder output)
  -h, --help           this text

Environment: URINGD_ARGS (extra uringd arguments), URINGD_BIN (a uringd binary to use instead of
building one, e.g. a Native AOT publish), BENCH_DOTNET_ARGS (extra dotnet build arguments, e.g.
-p:ArtifactsPath=DIR).
Exits non-zero when a server does not start, a port is busy, a connection is refused, reset or
answered wrongly, or an idle connection is dropped (after writing what was measured).
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/bench/lib.sh
source "$ROOT/scripts/bench/lib.sh"
# shellcheck source=scripts/bench/record.sh
source "$ROOT/scripts/bench/record.sh"
# shellcheck source=scripts/bench/servers.sh
source "$ROOT/scripts/bench/servers.sh"
# shellcheck source=scripts/bench/memory.sh
source "$ROOT/scripts/bench/memory.sh"
export LC_ALL=C

QUICK=0 SERVERS=uringd,nginx,kestrel CONNECTIONS='' REPEAT='' COLD_RUNS='' MAX=0 MAX_TARGET=100000
MAX_HOLD=10 MAX_PROCESSES=auto PER_PROCESS=15000 URINGD_PROTOCOL_WANTED='' CORES=0:1 OUT='' PORT_BASE=28180
while (($#)); do
  case $1 in
    --quick) QUICK=1 ;;
    --servers) SERVERS=${2:?--servers needs a list}; shift ;;
    --connections) CONNECTIONS=${2:?--connections needs a number}; shift ;;
    --repeat) REPEAT=${2:?--repeat needs a number}; shift ;;
    --cold-runs) COLD_RUNS=${2:?--cold-runs needs a number}; shift ;;
    --max) MAX=1 ;;
    --max-target) MAX_TARGET=${2:?--max-target needs a number}; shift ;;
    --max-hold) MAX_HOLD=${2:?--max-hold needs seconds}; shift ;;
    --max-processes) MAX_PROCESSES=${2:?--max-processes needs a number or auto}; shift ;;
    --per-process) PER_PROCESS=${2:?--per-process needs a number}; shift ;;
    --uringd-protocol) URINGD_PROTOCOL_WANTED=${2:?--uringd-protocol needs http or echo}; shift ;;
    --cores) CORES=${2:?--cores needs SERVER:LOAD}; shift ;;
    --out) OUT=${2:?--out needs a directory}; shift ;;
    --port-base) PORT_BASE=${2:?--port-base needs a port}; shift ;;
    --no-build) BENCH_NO_BUILD=1 ;;
    --keep-tmp) KEEP_TMP=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo >&2; bench_die "unknown argument: $1" ;;
  esac
  shift
done

bench_set_cores "$CORES"
if ((QUICK)); then CONNECTIONS=${CONNECTIONS:-1000} REPEAT=${REPEAT:-1} COLD_RUNS=${COLD_RUNS:-3}
else CONNECTIONS=${CONNECTIONS:-10000} REPEAT=${REPEAT:-3} COLD_RUNS=${COLD_RUNS:-7}; fi
for n in "$CONNECTIONS" "$REPEAT" "$MAX_TARGET" "$MAX_HOLD" "$PER_PROCESS" "$PORT_BASE"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || bench_die "--connections, --repeat, --max-target, --max-hold, --per-process and --port-base want positive numbers (got '$n')"
done
[[ $COLD_RUNS =~ ^[0-9]+$ ]] || bench_die "--cold-runs wants a number"
[[ $MAX_PROCESSES == auto || $MAX_PROCESSES =~ ^[1-9][0-9]*$ ]] || bench_die "--max-processes wants a positive number or auto"
((PER_PROCESS <= 28000)) || bench_die "--per-process above 28000 would run out of ephemeral ports on one source address"
[[ -z $URINGD_PROTOCOL_WANTED || $URINGD_PROTOCOL_WANTED =~ ^(http|echo)$ ]] || bench_die "--uringd-protocol: http or echo"
((MAX)) && SERVERS=uringd
IFS=',' read -ra SERVER_LIST <<<"$SERVERS"
for s in "${SERVER_LIST[@]}"; do
  [[ $s =~ ^(uringd|nginx|kestrel)$ ]] || bench_die "unknown server '$s' (uringd, nginx, kestrel)"
done

# --- set-up -----------------------------------------------------------------------------------

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
wanted=(curl:curl taskset:util-linux mkfifo:coreutils)
[[ ,$SERVERS, == *,nginx,* ]] && wanted+=(nginx:nginx-light)
bench_install "${wanted[@]}"
command -v dotnet >/dev/null || bench_die "dotnet (the .NET 10 SDK) is not on PATH"
[[ ,$SERVERS, == *,uringd,* && -x $ROOT/scripts/setup-deps.sh ]] && "$ROOT/scripts/setup-deps.sh" run
# URINGD_BIN names a uringd built elsewhere (a Native AOT publish, say) instead of building one.
if [[ ,$SERVERS, == *,uringd,* ]]; then
  if [[ -n ${URINGD_BIN:-} ]]; then [[ -x $URINGD_BIN ]] || bench_die "URINGD_BIN=$URINGD_BIN is not an executable"
  else URINGD_BIN=$(bench_dotnet_exe "$ROOT/uringd/uringd.csproj" uringd); fi
fi
[[ ,$SERVERS, == *,kestrel,* ]] && KESTREL_BIN=$(bench_dotnet_exe "$ROOT/perf/KestrelPeer/KestrelPeer.csproj" KestrelPeer)
CONNHOLD_BIN=$(bench_dotnet_exe "$ROOT/perf/Uring.ConnHold/Uring.ConnHold.csproj" Uring.ConnHold)

# uringd speaks HTTP once the HTTP/1.1 module has landed; until then it is measured on echo.
URINGD_NOTE=''
if [[ ,$SERVERS, == *,uringd,* ]]; then
  URINGD_PROTOCOL=${URINGD_PROTOCOL_WANTED:-$(mem_uringd_protocol)}
  if [[ $URINGD_PROTOCOL == echo ]]; then
    if [[ -n $URINGD_PROTOCOL_WANTED ]]; then URINGD_NOTE='--protocol echo (asked for): one 16-byte echo per connection instead of GET /plaintext'
    else URINGD_NOTE="uringd's --help lists no http protocol: measured with --protocol echo (one 16-byte echo per connection instead of GET /plaintext)"; fi
    bench_log "NOTE: $URINGD_NOTE"
  fi
fi
export URINGD_PROTOCOL

stamp=$(date -u +%Y%m%dT%H%M%SZ)
if ((MAX)); then OUT=${OUT:-$ROOT/results/memory-max-$stamp}; else OUT=${OUT:-$ROOT/results/memory-$stamp}; fi
mkdir -p "$OUT/raw"
BENCH_TMP=$(mktemp -d /tmp/uring-bench-memory.XXXXXX)
mem_install_traps
bench_servers_init "$PORT_BASE"
HARD_NOFILE=$(ulimit -Hn)

MEMORY_JSON=() COLD_JSON=() SERVERS_JSON=() FAILURES=() MAX_JSON=null
declare -A PER_CONN_MEDIAN COLD_MEDIAN VERSION_OF

protocol_of() { if [[ $1 == uringd ]]; then echo "$URINGD_PROTOCOL"; else echo http; fi; }

# start_server SERVER — prepare, start pinned, wait until it listens. Returns 1 (recorded) when not.
start_server() {
  local server=$1 port=${H1_PORT[$1]} rc=0
  if bench_port_busy "$port"; then
    FAILURES+=("$server: port $port is busy (another process listens there; try --port-base)")
    bench_log "ERROR: $server: port $port is busy"
    return 1
  fi
  "server_${server}_start"
  bench_wait_tcp "$SERVER_PID" "$port" 60 || rc=$?
  if ((rc != 0)); then
    local why="did not listen on port $port within 60 s"
    ((rc == 2)) && why="exited before listening"
    stop_server "$server"
    FAILURES+=("$server $why: $(grep -v '^== ' "$OUT/raw/$server-server.log" | tail -n 3 | tr '\n' ' ')")
    bench_log "ERROR: $server $why (log: $OUT/raw/$server-server.log)"
    return 1
  fi
}

# stop_server SERVER [TAG] — stops it and appends its logs to raw/SERVER-server.log.
stop_server() {
  bench_stop_tree "$SERVER_PID"
  SERVER_PID=''
  local f
  for f in "$BENCH_TMP/$1"/*.log; do
    [[ -f $f ]] || continue
    { echo "== $(basename "$f")${2:+ ($2)}"; cat "$f"; } >>"$OUT/raw/$1-server.log"
    : >"$f" # the next start of the same server appends to some logs (nginx's error.log)
  done
  return 0
}

# prepare_server SERVER — its config (nginx: sized for the connections held).
prepare_server() {
  case $1 in
    nginx) mem_nginx_prepare "$((MAX ? MAX_TARGET : CONNECTIONS))" ;;
    *) "server_${1}_prepare" ;;
  esac
}

# hold_connections SERVER TOTAL TIMEOUT [ConnHold args...] — starts holders of up to PER_PROCESS
# connections each, one after the other, each on its own source address. Sets HELD (connections
# ready), SHORT_REASON (the first holder's "short" line), HOLD_FAIL (why a holder failed), OPEN_SECONDS.
hold_connections() {
  local server=$1 total=$2 timeout=$3; shift 3
  local left=$total k=0 count secs
  HELD=0 SHORT_REASON='' HOLD_FAIL='' OPEN_SECONDS=0
  while ((left > 0)); do
    count=$((left < PER_PROCESS ? left : PER_PROCESS))
    mem_hold_start "${H1_PORT[$server]}" "$(protocol_of "$server")" "$count" "127.0.0.$((k + 1))" "$@"
    if ! mem_hold_wait_ready "$k" "$((count / 1000 + timeout + 60))"; then
      HOLD_FAIL="holder $k ($count connections from 127.0.0.$((k + 1))): $HOLD_ERROR"
      return 1
    fi
    HELD=$((HELD + HOLD_READY))
    secs=$(mem_hold_open_seconds "$k")
    OPEN_SECONDS=$(awk -v a="$OPEN_SECONDS" -v b="${secs:-0}" 'BEGIN {printf "%.2f", a + b}')
    if [[ -n $HOLD_SHORT ]]; then SHORT_REASON="holder $k (127.0.0.$((k + 1))): $HOLD_SHORT"; return 0; fi
    left=$((left - count)); k=$((k + 1))
  done
}

# --- memory per idle connection ---------------------------------------------------------------

# measure_memory SERVER RUN — fresh server, warm-up, baseline, N idle connections, settle, sample.
measure_memory() {
  local server=$1 run=$2 n=$CONNECTIONS
  prepare_server "$server"
  start_server "$server" || return 0
  local proto status=ok note='' rss0 rss1 peak after delta per
  proto=$(protocol_of "$server")
  # Warm-up: one connection and one request, then closed.
  if ! mem_warm_up "$server"; then
    stop_server "$server" "run $run"
    return 0
  fi
  sleep 1
  rss0=$(mem_server_rss_kb)
  # shellcheck disable=SC2046
  bench_reset_hwm $(bench_tree_pids "$SERVER_PID")
  if ! hold_connections "$server" "$n" 10; then
    FAILURES+=("$server run $run: $HOLD_FAIL")
    bench_log "ERROR: $server: $HOLD_FAIL"
    mem_hold_release
    stop_server "$server" "run $run"
    return 0
  fi
  mem_settle
  rss1=$SETTLED_KB
  # shellcheck disable=SC2046
  peak=$(bench_hwm_kb $(bench_tree_pids "$SERVER_PID"))
  local lost
  lost=$(mem_holds_lost)
  mem_hold_release
  sleep 1
  after=$(mem_server_rss_kb)
  mem_server_died "$server" && status=failed note=$DIED_NOTE
  if [[ -n $lost ]]; then
    status=failed note="${note:+$note; }idle connections dropped: $(head -1 <<<"$lost") ($(wc -l <<<"$lost") in all)"
  fi
  if ((${#HOLD_RELEASE_ERRORS[@]})); then
    status=failed note="${note:+$note; }${HOLD_RELEASE_ERRORS[*]}"
  fi
  stop_server "$server" "run $run"
  delta=$((rss1 - rss0))
  per=$(awk -v d="$delta" -v n="$n" 'BEGIN {printf "%.0f", d * 1024 / n}')
  [[ $status == ok ]] || FAILURES+=("$server run $run: $note")
  bench_log "$(printf '%-8s run %d: %d idle connections (opened in %s s): RSS %s -> %s (settled in %s s), delta %s = %s per connection; peak %s; after close %s  %s' \
    "$server" "$run" "$n" "$OPEN_SECONDS" "$(mem_kb_text "$rss0")" "$(mem_kb_text "$rss1")" "$SETTLE_SECONDS" \
    "$(mem_kb_text "$delta")" "$(mem_per_conn_text "$per")" "$(mem_kb_text "$peak")" "$(mem_kb_text "$after")" "$status")"
  MEMORY_JSON+=("$(printf '{"server":%s,"protocol":%s,"run":%d,"connections":%d,"openSeconds":%s,"settleSeconds":%s,"rssBeforeKb":%d,"rssHeldKb":%d,"deltaKb":%d,"bytesPerConnection":%s,"peakRssKb":%d,"rssAfterCloseKb":%d,"status":%s,"note":%s}' \
    "$(bench_json_str "$server")" "$(bench_json_str "$proto")" "$run" "$n" "$(bench_json_num "$OPEN_SECONDS")" \
    "$(bench_json_num "$SETTLE_SECONDS")" "$rss0" "$rss1" "$delta" "$(bench_json_num "$per")" "$peak" "$after" \
    "$(bench_json_str "$status")" "$(bench_json_str "$note")")")
  [[ $status == ok ]] && PER_CONN_RUNS+=("$per")
  return 0
}

# mem_warm_up SERVER [N] — N connections (default 1), one request each, closed (a failing server is
# recorded). Several reach every worker process of a server that has more than one.
mem_warm_up() {
  local out=$BENCH_TMP/warm.out rc=0
  : | taskset -c "$LOAD_CORES" "$CONNHOLD_BIN" --port "${H1_PORT[$1]}" --protocol "$(protocol_of "$1")" -n "${2:-1}" >"$out" 2>&1 || rc=$?
  if ((rc != 0)); then
    FAILURES+=("$1: the warm-up request failed: $(tail -n 2 "$out" | tr '\n' ' ')")
    bench_log "ERROR: $1: the warm-up request failed (see $out)"
    cp "$out" "$OUT/raw/$1-warmup.txt"
    return 1
  fi
}

# --- cold start -------------------------------------------------------------------------------

measure_cold_start() {
  local server=$1 runs=() i proto
  proto=$(protocol_of "$server")
  prepare_server "$server"
  for ((i = 1; i <= COLD_RUNS; i++)); do
    if mem_cold_start_once "$server" "$proto"; then
      runs+=("$COLD_MS")
    else
      FAILURES+=("$server cold start $i: $COLD_ERROR")
      bench_log "ERROR: $server cold start $i: $COLD_ERROR"
      stop_server "$server" "cold start $i"
      break
    fi
    stop_server "$server" "cold start $i"
  done
  local median='' min='' max='' status=ok
  if ((${#runs[@]})); then
    median=$(mem_median "${runs[@]}")
    min=$(printf '%s\n' "${runs[@]}" | sort -g | head -1)
    max=$(printf '%s\n' "${runs[@]}" | sort -g | tail -1)
    COLD_MEDIAN[$server]=$median
  fi
  ((${#runs[@]} == COLD_RUNS)) || status=failed
  bench_log "$(printf '%-8s cold start (spawn -> first %s): %s ms median of %d (%s)  %s' "$server" \
    "$([[ $proto == http ]] && echo 200 || echo echo)" "${median:-—}" "${#runs[@]}" "${runs[*]:-}" "$status")"
  local IFS=,
  COLD_JSON+=("$(printf '{"server":%s,"protocol":%s,"runsMs":[%s],"medianMs":%s,"minMs":%s,"maxMs":%s,"status":%s}' \
    "$(bench_json_str "$server")" "$(bench_json_str "$proto")" "${runs[*]:-}" "$(bench_json_num "$median")" \
    "$(bench_json_num "$min")" "$(bench_json_num "$max")" "$(bench_json_str "$status")")")
}

# --- --max: how many idle connections uringd holds here ---------------------------------------

# max_processes — uringd worker processes for the --max run. Each has its own RLIMIT_NOFILE, so the
# target is spread over enough of them that none nears its limit (SO_REUSEPORT hashes connections
# evenly, within a few percent).
max_processes() {
  if [[ $MAX_PROCESSES != auto ]]; then echo "$MAX_PROCESSES"; return; fi
  if [[ ! $HARD_NOFILE =~ ^[0-9]+$ ]]; then echo 1; return; fi
  local usable=$((HARD_NOFILE * 7 / 10))
  echo $(((MAX_TARGET + usable - 1) / usable))
}

# worker_fds — "total most pid": descriptors over uringd's processes (a supervisor and its workers,
# or uringd alone), the most one of them holds, and that process.
worker_fds() {
  local pids p n total=0 most=0 busiest=$SERVER_PID
  pids=$(bench_tree_pids "$SERVER_PID")
  for p in $pids; do
    n=$(mem_fd_count "$p")
    total=$((total + n)); ((n > most)) && most=$n busiest=$p
  done
  echo "$total $most $busiest"
}

measure_max() {
  local server=uringd target=$MAX_TARGET procs saved_args=${URINGD_ARGS:-}
  procs=$(max_processes)
  MAX_PROCS=$procs
  ((procs > 1)) && URINGD_ARGS="${URINGD_ARGS:+$URINGD_ARGS }--processes $procs"
  prepare_server "$server"
  start_server "$server" || { URINGD_ARGS=$saved_args; return 0; }
  URINGD_ARGS=$saved_args
  # A supervisor answers nothing itself: wait until every worker is up (the port answers as soon as
  # the first one listens).
  if ((procs > 1)); then
    local w i
    for ((i = 0; i < 600; i++)); do
      w=$(($(bench_tree_pids "$SERVER_PID" | wc -w) - 1))
      ((w >= procs)) && break
      sleep 0.1
    done
    sleep 2
  fi
  mem_warm_up "$server" "$((procs * 8))" || { stop_server "$server" max; return 0; }
  sleep 1
  local rss0 rss1 peak fds most=0 limit emfile reason per status=ok note='' lost
  rss0=$(mem_server_rss_kb)
  # shellcheck disable=SC2046
  bench_reset_hwm $(bench_tree_pids "$SERVER_PID")
  bench_log "--max: aiming for $target idle connections against uringd, $PER_PROCESS per Uring.ConnHold process"
  # Best effort: each holder stops at its first failure and reports it, instead of failing.
  hold_connections "$server" "$target" 5 --best-effort --timeout 5 || true
  if [[ -n $HOLD_FAIL ]]; then
    status=failed note=$HOLD_FAIL
    FAILURES+=("--max: $HOLD_FAIL")
  fi
  mem_settle
  rss1=$SETTLED_KB
  # shellcheck disable=SC2046
  peak=$(bench_hwm_kb $(bench_tree_pids "$SERVER_PID"))
  local busiest
  read -r fds most busiest <<<"$(worker_fds)"
  limit=$(mem_fd_limit "$busiest")
  bench_log "--max: $HELD idle connections held (uringd, $procs process(es): $fds descriptors open, at most $most in one; RLIMIT_NOFILE soft/hard ${limit/ //} each); holding them ${MAX_HOLD} s"
  # Hold, watching the server: one at its descriptor limit keeps failing accept() meanwhile.
  local i died_after=''
  for ((i = 1; i <= MAX_HOLD * 2; i++)); do
    sleep 0.5
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then died_after=$(awk -v t="$i" -v s="$SETTLE_SECONDS" 'BEGIN {printf "%.1f", s + t * 0.5}'); break; fi
  done
  lost=$(mem_holds_lost)
  mem_hold_release
  local held_after=$HOLD_CLOSED_TOTAL
  if mem_server_died "$server"; then
    status=failed note="${note:+$note; }$DIED_NOTE, ${died_after:-?} s after the holders were ready"
    FAILURES+=("--max: $DIED_NOTE, ${died_after:-?} s after the holders were ready (its idle connections were all lost)")
    bench_log "ERROR: --max: $DIED_NOTE, ${died_after:-?} s after the holders were ready"
  fi
  stop_server "$server" max
  emfile=$(grep -c 'EMFILE' "$OUT/raw/$server-server.log" || true)

  # Why it stopped, from the evidence: the server's descriptors, its log, the holder's reason.
  local soft=${limit%% *}
  if ((HELD >= target)); then
    reason="reached the target of $target ($procs uringd worker process(es), $fds descriptors in all, at most $most in one of its RLIMIT_NOFILE $soft)"
  elif ((emfile > 0)) || { [[ $soft =~ ^[0-9]+$ ]] && ((most >= soft - 64)); }; then
    reason="uringd ran out of descriptors: a process held $most open of its RLIMIT_NOFILE $soft (hard $HARD_NOFILE here; raising the hard limit needs CAP_SYS_RESOURCE, which this machine refuses); accept failed with EMFILE ($emfile log lines) and the next connections got no response. Client side: ${SHORT_REASON:-—}"
  elif [[ $SHORT_REASON == *EMFILE* ]]; then
    reason="the load tool ran out of descriptors: $SHORT_REASON"
  elif [[ $SHORT_REASON == *EADDRNOTAVAIL* ]]; then
    reason="ephemeral ports ran out: $SHORT_REASON"
  else
    reason=${SHORT_REASON:-${HOLD_FAIL:-unknown}}
  fi
  if [[ -n $lost ]] && ((held_after < HELD)); then
    status=failed note="${note:+$note; }$((HELD - held_after)) idle connections dropped while held: $(head -1 <<<"$lost")"
    FAILURES+=("--max: $((HELD - held_after)) of $HELD idle connections dropped while held: $(head -1 <<<"$lost")")
  fi
  per=$(awk -v d="$((rss1 - rss0))" -v n="$HELD" 'BEGIN {if (n > 0) printf "%.0f", d * 1024 / n}')
  local at_target
  at_target=$(awk -v b="${per:-0}" -v n="$target" -v base="$rss0" 'BEGIN {printf "%.0f", base + b * n / 1024}')
  bench_log "--max: reached $HELD of $target; stopped because: $reason"
  bench_log "--max: RSS $(mem_kb_text "$rss0") -> $(mem_kb_text "$rss1") ($(mem_per_conn_text "$per") per connection); peak $(mem_kb_text "$peak"); $target would need ~$(mem_kb_text "$at_target") at this rate"
  MAX_JSON=$(printf '{"target":%d,"reached":%d,"heldAfterSeconds":%d,"stillHeld":%d,"holdSeconds":%d,"perProcess":%d,"processes":%d,"uringdProcesses":%d,"serverFdsMaxPerProcess":%d,"openSeconds":%s,"serverFds":%d,"serverFdLimit":%s,"hardNofile":%s,"emfileLogLines":%d,"serverDiedAfterSeconds":%s,"reason":%s,"rssBeforeKb":%d,"rssHeldKb":%d,"bytesPerConnection":%s,"peakRssKb":%d,"rssAtTargetEstimateKb":%s,"protocol":%s,"status":%s,"note":%s}' \
    "$target" "$HELD" "$MAX_HOLD" "$held_after" "$MAX_HOLD" "$PER_PROCESS" "$(((HELD + PER_PROCESS - 1) / PER_PROCESS))" "$procs" "${most:-0}" \
    "$(bench_json_num "$OPEN_SECONDS")" "$fds" "$(bench_json_str "${limit:-}")" "$(bench_json_str "$HARD_NOFILE")" \
    "$emfile" "$(bench_json_num "$died_after")" "$(bench_json_str "$reason")" "$rss0" "$rss1" "$(bench_json_num "$per")" "$peak" \
    "$(bench_json_num "$at_target")" "$(bench_json_str "$URINGD_PROTOCOL")" "$(bench_json_str "$status")" "$(bench_json_str "$note")")
  MAX_REASON=$reason MAX_RSS0=$rss0 MAX_RSS1=$rss1 MAX_PEAK=$peak MAX_PER=$per MAX_AT_TARGET=$at_target
  MAX_FDS=$fds MAX_MOST=$most MAX_LIMIT=$limit MAX_HELD_AFTER=$held_after MAX_STATUS=$status MAX_NOTE=$note
}

# --- report -----------------------------------------------------------------------------------

write_json() {
  local IFS=, f sep=''
  {
    printf '{"schema":1,"kind":"memory","mode":%s,"startedAt":%s,"quick":%s,"connections":%d,"repeat":%d,"coldRuns":%d,' \
      "$(bench_json_str "$( ((MAX)) && echo max || echo idle)")" "$(bench_json_str "$STARTED")" \
      "$( ((QUICK)) && echo true || echo false)" "$CONNECTIONS" "$REPEAT" "$COLD_RUNS"
    printf '"serverCores":%s,"loadCores":%s,"hardNofile":%s,"host":%s,"servers":[%s],"memory":[%s],"coldStart":[%s],"max":%s,"failures":[' \
      "$(bench_json_str "$SERVER_CORES")" "$(bench_json_str "$LOAD_CORES")" "$(bench_json_str "$HARD_NOFILE")" \
      "$(bench_host_json)" "${SERVERS_JSON[*]}" "${MEMORY_JSON[*]}" "${COLD_JSON[*]}" "$MAX_JSON"
    for f in "${FAILURES[@]}"; do printf '%s%s' "$sep" "$(bench_json_str "$f")"; sep=,; done
    printf ']}\n'
  } >"$OUT/results.json"
}

# json_get OBJECT KEY — a flat string or number value from one JSON object.
json_get() {
  local re="\"$2\":(\"(([^\"\\\\]|\\\\.)*)\"|-?[0-9.eE+-]+|null)"
  [[ $1 =~ $re ]] || return 0
  if [[ -n ${BASH_REMATCH[2]} || ${BASH_REMATCH[1]} == '""' ]]; then printf '%s' "${BASH_REMATCH[2]}"; else printf '%s' "${BASH_REMATCH[1]}"; fi
}

write_markdown() {
  local md=$OUT/results.md s r
  {
    if ((MAX)); then
      echo "# Idle connections uringd holds on this machine ($STARTED)"
    else
      echo "# Memory per idle keep-alive connection and cold start ($STARTED)"
    fi
    echo
    echo "Host: $(uname -sr), $(nproc) CPUs; server on CPU $SERVER_CORES, Uring.ConnHold on CPU $LOAD_CORES;" \
      "hard RLIMIT_NOFILE $HARD_NOFILE. Method: ../shared/PERF.md; KB = 1024 bytes."
    [[ -n $URINGD_NOTE ]] && { echo; echo "**uringd**: $URINGD_NOTE."; }
    echo
    if ((!MAX)); then
      echo "| server | per idle conn | cold start |"
      echo "|---|---|---|"
      for s in "${SERVER_LIST[@]}"; do
        local label=${VERSION_OF[$s]:-$s} pc=${PER_CONN_MEDIAN[$s]:-} cs=${COLD_MEDIAN[$s]:-}
        [[ $s == uringd ]] && label="uringd ($URINGD_PROTOCOL)"
        printf '| %s | %s | %s |\n' "$label" \
          "$([[ -n $pc ]] && awk -v b="$pc" 'BEGIN {printf "%.2f KB", b / 1024}' || echo —)" \
          "$([[ -n $cs ]] && echo "$cs ms" || echo —)"
      done
      echo
      echo "Per idle connection: the server's RSS (VmRSS summed over its processes) with $CONNECTIONS idle" \
        "keep-alive connections held, minus its RSS after one warm-up request, divided by $CONNECTIONS;" \
        "median of $REPEAT runs, each on a freshly started server. Cold start: from the spawn to the first" \
        "correct response (HTTP 200, or uringd's first echo), median of $COLD_RUNS."
      echo
      echo "## Memory runs"
      echo
      echo "| server | run | connections | opened in | RSS before | RSS held | delta | per connection | peak RSS | RSS after close | status |"
      echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
      for r in "${MEMORY_JSON[@]}"; do
        printf '| %s | %s | %s | %s s | %s | %s | %s | %s | %s | %s | %s |\n' \
          "$(json_get "$r" server)" "$(json_get "$r" run)" "$(json_get "$r" connections)" "$(json_get "$r" openSeconds)" \
          "$(mem_kb_text "$(json_get "$r" rssBeforeKb)")" "$(mem_kb_text "$(json_get "$r" rssHeldKb)")" \
          "$(mem_kb_text "$(json_get "$r" deltaKb)")" "$(mem_per_conn_text "$(json_get "$r" bytesPerConnection)")" \
          "$(mem_kb_text "$(json_get "$r" peakRssKb)")" "$(mem_kb_text "$(json_get "$r" rssAfterCloseKb)")" \
          "$(json_get "$r" status)$(n=$(json_get "$r" note); [[ -n $n ]] && echo ": $n")"
      done
      if ((COLD_RUNS > 0)); then
        echo
        echo "## Cold starts"
        echo
        echo "| server | first | runs (ms) | median | min | max |"
        echo "|---|---|---|---:|---:|---:|"
        for r in "${COLD_JSON[@]}"; do
          local ms=${r#*\"runsMs\":[}; ms=${ms%%]*}
          printf '| %s | %s | %s | %s ms | %s ms | %s ms |\n' "$(json_get "$r" server)" \
            "$([[ $(json_get "$r" protocol) == http ]] && echo '200 on GET /plaintext' || echo echo)" \
            "${ms//,/, }" "$(json_get "$r" medianMs)" "$(json_get "$r" minMs)" "$(json_get "$r" maxMs)"
        done
      fi
    else
      echo "| target | reached | still held after ${MAX_HOLD} s | per idle conn | RSS before → held (peak) | uringd processes | descriptors: all, most in one (soft/hard limit each) |"
      echo "|---:|---:|---:|---:|---|---:|---|"
      printf '| %s | %s | %s | %s | %s → %s (%s) | %s | %s, %s of %s |\n' "$MAX_TARGET" "$HELD" "${MAX_HELD_AFTER:-—}" \
        "$(mem_per_conn_text "${MAX_PER:-}")" "$(mem_kb_text "${MAX_RSS0:-0}")" "$(mem_kb_text "${MAX_RSS1:-0}")" \
        "$(mem_kb_text "${MAX_PEAK:-0}")" "${MAX_PROCS:-1}" "${MAX_FDS:-—}" "${MAX_MOST:-—}" "${MAX_LIMIT/ //}"
      echo
      echo "**Stopped because**: ${MAX_REASON:-—}"
      echo
      echo "**Status**: ${MAX_STATUS:-failed}${MAX_NOTE:+ — $MAX_NOTE}"
      echo
      echo "At the measured rate, $MAX_TARGET idle connections would take ~$(mem_kb_text "${MAX_AT_TARGET:-0}") of uringd RSS."
      echo "Holders: Uring.ConnHold processes of up to $PER_PROCESS connections each, from 127.0.0.1, 127.0.0.2, ...;" \
        "each stops at its first failure (connect refused, no response within 5 s) and holds what it opened."
    fi
    echo
    echo "## Servers"
    echo
    for r in "${SERVERS_JSON[@]}"; do
      echo "- $(json_get "$r" name): $(json_get "$r" version)$(n=$(json_get "$r" note); [[ -n $n ]] && echo " — $n")"
    done
    if ((${#FAILURES[@]})); then
      echo
      echo "## Failures"
      echo
      printf -- '- %s\n' "${FAILURES[@]}"
    fi
  } >"$md"
}

# --- run --------------------------------------------------------------------------------------

bench_core_quiet_check "$SERVER_CORES"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for server in "${SERVER_LIST[@]}"; do
  VERSION_OF[$server]=$("server_${server}_version")
  note=''
  [[ $server == uringd ]] && note="--protocol $URINGD_PROTOCOL${URINGD_ARGS:+ $URINGD_ARGS}"
  [[ $server == nginx ]] && note="worker_processes $SERVER_NCORES, worker_connections $(mem_nginx_worker_connections "$CONNECTIONS") (its connection array is allocated at start: baseline, not delta), worker_rlimit_nofile $HARD_NOFILE"
  [[ $server == kestrel ]] && note="perf/KestrelPeer, Kestrel's default limits"
  SERVERS_JSON+=("$(printf '{"name":%s,"version":%s,"port":%s,"protocol":%s,"note":%s}' "$(bench_json_str "$server")" \
    "$(bench_json_str "${VERSION_OF[$server]}")" "${H1_PORT[$server]}" "$(bench_json_str "$(protocol_of "$server")")" "$(bench_json_str "$note")")")
done

if ((MAX)); then
  bench_log "--max against uringd ($URINGD_PROTOCOL) on CPU $SERVER_CORES; holders on CPU $LOAD_CORES"
  HELD=0
  measure_max
else
  bench_log "servers: $SERVERS; $CONNECTIONS idle connections x $REPEAT runs, $COLD_RUNS cold starts each; server CPU $SERVER_CORES, load CPU $LOAD_CORES"
  for server in "${SERVER_LIST[@]}"; do
    PER_CONN_RUNS=()
    for ((run = 1; run <= REPEAT; run++)); do measure_memory "$server" "$run"; done
    ((${#PER_CONN_RUNS[@]})) && PER_CONN_MEDIAN[$server]=$(mem_median "${PER_CONN_RUNS[@]}")
    ((COLD_RUNS > 0)) && measure_cold_start "$server"
  done
fi

write_json
write_markdown
echo
cat "$OUT/results.md"
echo
bench_log "results: $OUT/results.json, results.md (server logs in $OUT/raw)"
if ((${#FAILURES[@]})); then
  printf '\n[bench] FAILED:\n' >&2
  printf '  - %s\n' "${FAILURES[@]}" >&2
  exit 1
fi

# shellcheck shell=bash disable=SC2034 # sets globals its callers read
# Idle-connection memory and cold start, for scripts/bench-memory.sh (sourced after lib.sh,
# record.sh and servers.sh). Needs CONNHOLD_BIN, LOAD_CORES, SERVER_CORES, BENCH_TMP and OUT.
#
# Idle connections are held by perf/Uring.ConnHold processes, each reading a FIFO on stdin: the
# script keeps the FIFO's write end open while it samples the server, and closing it is the
# signal to close the connections. One process may hold < 20,000 descriptors here (hard
# RLIMIT_NOFILE, no CAP_SYS_RESOURCE), so more connections mean more processes, each on its own
# source address (127.0.0.K: ~28k ephemeral ports each towards one server port).

HOLD_PIDS=() HOLD_FDS=() HOLD_OUTS=() PROBE_PID=''

# mem_cleanup — the EXIT trap: stops the holders, the probe and the server, removes the temp dir.
mem_cleanup() {
  local rc=$? pid
  for pid in "${HOLD_PIDS[@]}" ${PROBE_PID:+"$PROBE_PID"}; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${HOLD_PIDS[@]}" ${PROBE_PID:+"$PROBE_PID"}; do wait "$pid" 2>/dev/null || true; done
  [[ -n ${SERVER_PID:-} ]] && bench_stop_tree "$SERVER_PID"
  if [[ -n ${BENCH_TMP:-} ]]; then
    if ((${KEEP_TMP:-0})); then bench_log "temp dir kept: $BENCH_TMP"; else rm -rf "$BENCH_TMP"; fi
  fi
  exit "$rc"
}

mem_install_traps() {
  trap mem_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# mem_rss_kb PID... — VmRSS summed over the processes, in KB.
mem_rss_kb() {
  local total=0 pid key value _
  for pid in "$@"; do
    while read -r key value _; do
      [[ $key == VmRSS: ]] && total=$((total + value))
    done <"/proc/$pid/status" 2>/dev/null || true
  done
  echo "$total"
}

# mem_server_rss_kb — the running server's RSS (all its processes: nginx master + worker).
mem_server_rss_kb() {
  # shellcheck disable=SC2046 # a pid list
  mem_rss_kb $(bench_tree_pids "$SERVER_PID")
}

# mem_settle — waits until the server's RSS stops moving: sampled every 0.5 s, at least 2 s,
# stable when it moved by at most max(64 KB, 0.2 %) over the last second, at most 20 s. Sets
# SETTLED_KB and SETTLE_SECONDS.
mem_settle() {
  local samples=() start=$SECONDS rss n
  while :; do
    sleep 0.5
    rss=$(mem_server_rss_kb)
    samples+=("$rss")
    n=${#samples[@]}
    if ((n >= 4)); then
      local prev=${samples[n - 3]} diff tol
      diff=$((rss - prev)); ((diff < 0)) && diff=$((-diff))
      tol=$((rss / 500)); ((tol < 64)) && tol=64
      ((diff <= tol)) && break
    fi
    ((SECONDS - start >= 20)) && { bench_log "RSS still moving after 20 s (${samples[*]: -4} KB); taking the last sample"; break; }
  done
  SETTLED_KB=$rss SETTLE_SECONDS=$(awk -v n="$n" 'BEGIN {printf "%.1f", n * 0.5}')
}

# mem_hold_start PORT PROTOCOL COUNT SOURCE [ARGS...] — starts one Uring.ConnHold process pinned to
# the load cores holding COUNT connections from SOURCE; its stdin is a FIFO we keep open.
mem_hold_start() {
  local port=$1 protocol=$2 count=$3 source=$4; shift 4
  local k=${#HOLD_PIDS[@]} fifo out fd
  fifo=$BENCH_TMP/hold-$k.in out=$BENCH_TMP/hold-$k.out
  rm -f "$fifo"; mkfifo "$fifo"
  exec {fd}<>"$fifo"
  # The child must not inherit the other holders' FIFO ends, or closing ours would not end them.
  (
    for f in "${HOLD_FDS[@]}" "$fd"; do exec {f}>&-; done
    exec taskset -c "$LOAD_CORES" "$CONNHOLD_BIN" --port "$port" --protocol "$protocol" -n "$count" \
      --sources "$source" "$@" <"$fifo" >"$out" 2>"$out.err"
  ) &
  HOLD_PIDS+=("$!") HOLD_FDS+=("$fd") HOLD_OUTS+=("$out")
}

# mem_hold_wait_ready INDEX SECONDS — waits for holder INDEX's "ready N"; sets HOLD_READY (N) and
# HOLD_SHORT (its "short" reason, empty when it opened all). Returns 1 when it exited or timed out
# first (HOLD_ERROR says why).
mem_hold_wait_ready() {
  local k=$1 secs=$2 out=${HOLD_OUTS[$1]} line deadline
  deadline=$((SECONDS + secs))
  HOLD_READY=0 HOLD_SHORT='' HOLD_ERROR=''
  while ((SECONDS < deadline)); do
    if line=$(grep -m1 '^ready ' "$out" 2>/dev/null); then
      HOLD_READY=${line#ready }
      HOLD_SHORT=$(sed -n 's/^short //p' "$out" | head -1)
      return 0
    fi
    if ! kill -0 "${HOLD_PIDS[$k]}" 2>/dev/null; then
      HOLD_ERROR=$(grep -v '^Uring.ConnHold: [0-9]* of' "$out.err" | tail -n 3 | tr '\n' ' ')
      HOLD_ERROR=${HOLD_ERROR:-exited without saying why}
      return 1
    fi
    sleep 0.1
  done
  HOLD_ERROR="not ready within $secs s"
  return 1
}

# mem_hold_open_seconds INDEX — how long holder INDEX took to open its connections (its stderr).
mem_hold_open_seconds() {
  sed -n 's/.* open and idle in \([0-9.]*\) s.*/\1/p' "${HOLD_OUTS[$1]}.err" | head -1
}

# mem_holds_lost — "lost" lines reported so far by any holder (idle connections the server dropped).
mem_holds_lost() {
  local out
  for out in "${HOLD_OUTS[@]}"; do grep '^lost ' "$out" 2>/dev/null || true; done
}

# mem_hold_release — closes every holder's stdin, waits for them (30 s, then SIGKILL) and clears the
# lists. Sets HOLD_RELEASE_ERRORS to the problems seen (an exit status, a missing "closed") and
# HOLD_CLOSED_TOTAL to the connections still idle when they were closed.
mem_hold_release() {
  local k fd pid rc line
  HOLD_RELEASE_ERRORS=() HOLD_CLOSED_TOTAL=0
  for fd in "${HOLD_FDS[@]}"; do exec {fd}>&-; done
  for k in "${!HOLD_PIDS[@]}"; do
    pid=${HOLD_PIDS[$k]}
    local i
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rc=0; wait "$pid" 2>/dev/null || rc=$?
    if ((rc != 0)); then
      HOLD_RELEASE_ERRORS+=("holder $k exited $rc: $(tail -n 2 "${HOLD_OUTS[$k]}.err" | tr '\n' ' ')")
    fi
    if line=$(grep -m1 '^closed ' "${HOLD_OUTS[$k]}"); then
      line=${line#closed }; HOLD_CLOSED_TOTAL=$((HOLD_CLOSED_TOTAL + ${line%% *}))
    elif ((rc == 0)); then
      HOLD_RELEASE_ERRORS+=("holder $k did not report closing its connections")
    fi
  done
  HOLD_PIDS=() HOLD_FDS=() HOLD_OUTS=()
}

# mem_server_died SERVER — true when the server is no longer running; sets DIED_NOTE to its exit
# status and the log line that says why (a runtime abort, an unhandled exception).
mem_server_died() {
  kill -0 "$SERVER_PID" 2>/dev/null && return 1
  local rc=0 why
  wait "$SERVER_PID" 2>/dev/null || rc=$?
  why=$(grep -hE 'terminate called|Unhandled exception|Fatal|fatal|emerg|crit' "$BENCH_TMP/$1"/*.log 2>/dev/null | head -1 || true)
  DIED_NOTE="$1 exited with status $rc$( ((rc > 128)) && echo " (signal $((rc - 128)))")${why:+: $why}"
  return 0
}

# mem_fd_count PID — descriptors the process has open.
mem_fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }

# mem_fd_limit PID — "soft hard" RLIMIT_NOFILE of the process.
mem_fd_limit() { awk '/^Max open files/ {print $4, $5}' "/proc/$1/limits" 2>/dev/null; }

# mem_median VALUE... — the median (the mean of the middle two for an even count).
mem_median() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
      if (NR == 0) exit
      if (NR % 2) printf "%s", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# mem_uringd_protocol — http when uringd's --help lists http for --protocol, else echo.
mem_uringd_protocol() {
  if "$URINGD_BIN" --help 2>&1 | awk '/^ *--protocol/ {p = 1; print; next} p && /^ *-/ {p = 0} p' | grep -qiw http; then
    echo http
  else
    echo echo
  fi
}

# mem_nginx_worker_connections CONNECTIONS — what is held plus room, at least 30000, but no more
# than the hard descriptor limit (nginx cannot use more, and warns when asked to).
mem_nginx_worker_connections() {
  local wc=$(($1 + 1024)) hard
  hard=$(ulimit -Hn); [[ $hard == unlimited ]] && hard=1048576
  ((wc < 30000)) && wc=30000
  ((wc > hard)) && wc=$hard
  echo "$wc"
}

# mem_nginx_prepare CONNECTIONS — nginx's configuration for holding many idle connections: one
# worker per server core, worker_connections above what is held (nginx allocates and initialises
# its connection and event arrays at start, ~0.4 KB per slot, so that part is in its baseline RSS,
# not in the delta), the descriptor limit raised to the hard limit, a long keep-alive, a deep
# accept queue.
mem_nginx_prepare() {
  local conns=$1 dir=$BENCH_TMP/nginx hard wc
  mkdir -p "$dir/body" "$dir/proxy" "$dir/fastcgi"
  hard=$(ulimit -Hn); [[ $hard == unlimited ]] && hard=1048576
  wc=$(mem_nginx_worker_connections "$conns")
  cat >"$dir/nginx.conf" <<CONF
# Written by scripts/bench-memory.sh: idle keep-alive connections, no logging.
daemon off;
master_process on;
user root;
worker_processes $SERVER_NCORES;
worker_rlimit_nofile $hard;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {
    worker_connections $wc;
}
http {
    access_log off;
    keepalive_requests 100000;
    keepalive_timeout 300s;
    default_type text/plain;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    server {
        listen 127.0.0.1:${H1_PORT[nginx]} backlog=4096;
        location = /plaintext { return 200 "Hello, World!"; }
        location = / { return 200 "Hello, World!"; }
    }
}
CONF
}

# mem_cold_start_once SERVER PROTOCOL — spawns SERVER (server_SERVER_start) with a probe already
# polling its port from the load cores; sets COLD_MS (spawn -> first correct response, in ms) or
# returns 1 with COLD_ERROR. Stops the server again.
mem_cold_start_once() {
  local server=$1 protocol=$2 port=${H1_PORT[$1]} out=$BENCH_TMP/probe.out t0 t1 line i
  COLD_MS='' COLD_ERROR=''
  for ((i = 0; i < 50; i++)); do bench_port_busy "$port" || break; sleep 0.1; done
  if bench_port_busy "$port"; then COLD_ERROR="port $port is busy"; return 1; fi
  : >"$out"
  taskset -c "$LOAD_CORES" "$CONNHOLD_BIN" --probe --port "$port" --protocol "$protocol" --timeout 60 >"$out" 2>"$out.err" &
  PROBE_PID=$!
  for ((i = 0; i < 300; i++)); do
    grep -q '^probing' "$out" && break
    kill -0 "$PROBE_PID" 2>/dev/null || break
    sleep 0.1
  done
  if ! grep -q '^probing' "$out"; then
    COLD_ERROR="the probe did not start: $(tail -n 2 "$out.err" | tr '\n' ' ')"
    kill -KILL "$PROBE_PID" 2>/dev/null || true; wait "$PROBE_PID" 2>/dev/null || true; PROBE_PID=''
    return 1
  fi
  # $EPOCHREALTIME is read by bash itself (no fork): the spawn starts right after it.
  t0=${EPOCHREALTIME/[.,]/}
  "server_${server}_start"
  local rc=0 died=0
  while kill -0 "$PROBE_PID" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then died=1; kill -TERM "$PROBE_PID" 2>/dev/null || true; break; fi
    sleep 0.05
  done
  wait "$PROBE_PID" || rc=$?
  PROBE_PID=''
  bench_stop_tree "$SERVER_PID"; SERVER_PID=''
  line=$(grep -m1 '^first-response ' "$out" || true)
  if ((died)) && [[ -z $line ]]; then
    COLD_ERROR="$server exited before answering"
    return 1
  fi
  if ((rc != 0)) || [[ -z $line ]]; then
    COLD_ERROR="no first response: $(tail -n 2 "$out.err" | tr '\n' ' ')"
    return 1
  fi
  t1=${line#first-response }
  COLD_MS=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1000}')
}

# mem_kb_text KB — "12.3 MB" or "456 KB".
mem_kb_text() { awk -v k="$1" 'BEGIN {if (k >= 10240) printf "%.1f MB", k / 1024; else printf "%d KB", k}'; }

# mem_per_conn_text BYTES — "0.23 KB (236 B)".
mem_per_conn_text() {
  [[ -z $1 ]] && { printf '—'; return; }
  awk -v b="$1" 'BEGIN {printf "%.2f KB (%d B)", b / 1024, b}'
}

# shellcheck shell=bash
# Measuring one run and recording it in results.json (sourced by bench.sh and bench-echo.sh).
#
# The caller sets: SERVER_CORES LOAD_CORES CLK_TCK UNIT (request|message) QUICK DURATION WARMUP
# OUT (results dir) BENCH_TMP; and uses SERVER_PID (the running server) and LOAD_PID (a running
# load generator) so the EXIT trap can stop both. Runs are collected in RUNS_JSON, servers in
# SERVERS_JSON, failures in FAILURES; bench_write_results turns them into results.json.

SERVER_PID='' LOAD_PID='' KEEP_TMP=${KEEP_TMP:-0}
RUNS_JSON=() SERVERS_JSON=() FAILURES=()

# bench_cleanup — the EXIT trap: stops what this script started, removes the temp dir.
bench_cleanup() {
  local rc=$?
  [[ -n $LOAD_PID ]] && kill -KILL "$LOAD_PID" 2>/dev/null
  [[ -n $SERVER_PID ]] && bench_stop_tree "$SERVER_PID"
  if [[ -n ${BENCH_TMP:-} ]]; then
    if ((KEEP_TMP)); then bench_log "temp dir kept: $BENCH_TMP"; else rm -rf "$BENCH_TMP"; fi
  fi
  exit "$rc"
}

bench_install_traps() {
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# bench_launch LOG CMD... — starts the server pinned to the server cores; sets SERVER_PID.
bench_launch() {
  local log=$1; shift
  taskset -c "$SERVER_CORES" "$@" >"$log" 2>&1 &
  SERVER_PID=$!
}

# bench_run_load OUT CMD... — one load-generator run pinned to the load cores, output to OUT;
# in the background so the EXIT trap can stop it. Returns the generator's exit status.
bench_run_load() {
  local out=$1; shift
  echo "# $*" >"$out"
  taskset -c "$LOAD_CORES" "$@" >>"$out" 2>&1 &
  LOAD_PID=$!
  local rc=0
  wait "$LOAD_PID" || rc=$?
  LOAD_PID=''
  return "$rc"
}

# bench_measure_begin / bench_measure_end RAW — bracket the measured interval: the server's CPU
# ticks (all its processes), the server cores' ticks by kind, and its peak RSS over the run
# (VmHWM, reset at the start). Sets M_TICKS M_RSS_KB M_RAW and M_CORE_TASKS M_CORE_IRQ
# M_CORE_STEAL M_CORE_TOTAL (the server cores' ticks, see bench_core_ticks).
bench_measure_begin() {
  local pids
  pids=$(bench_tree_pids "$SERVER_PID")
  # shellcheck disable=SC2086
  bench_reset_hwm $pids
  # shellcheck disable=SC2086
  M_T0=$(bench_cpu_ticks $pids)
  M_CORE0=$(bench_core_ticks "$SERVER_CORES")
}

bench_measure_end() {
  local core1 pids t1
  core1=$(bench_core_ticks "$SERVER_CORES")
  pids=$(bench_tree_pids "$SERVER_PID")
  # shellcheck disable=SC2086
  t1=$(bench_cpu_ticks $pids)
  # shellcheck disable=SC2086
  M_RSS_KB=$(bench_hwm_kb $pids)
  M_TICKS=$((t1 - M_T0)) M_RAW="raw/$(basename "$1")"
  local a0 a1 a2 a3 b0 b1 b2 b3
  read -r a0 a1 a2 a3 <<<"$M_CORE0"; read -r b0 b1 b2 b3 <<<"$core1"
  M_CORE_TASKS=$((b0 - a0)) M_CORE_IRQ=$((b1 - a1)) M_CORE_STEAL=$((b2 - a2)) M_CORE_TOTAL=$((b3 - a3))
}

# bench_core_pct TICKS — TICKS as a percentage of the server cores' time over the run.
bench_core_pct() { awk -v x="$1" -v all="$M_CORE_TOTAL" 'BEGIN {if (all > 0) printf "%.1f", 100 * x / all}'; }

# bench_check_run SERVER WORKLOAD RAW — after a parse into R_*: sets RUN_STATUS/RUN_NOTE and
# records a failure for errors, non-2xx responses, no progress, or a server that died.
bench_check_run() {
  local server=$1 workload=$2 raw=$3
  RUN_STATUS=ok RUN_NOTE=''
  if ((R_SOCKET + R_NON2XX + R_OTHER > 0)); then
    RUN_STATUS=failed RUN_NOTE="socket errors $R_SOCKET, non-2xx $R_NON2XX, other errors $R_OTHER"
  elif ((R_REQUESTS == 0)); then
    RUN_STATUS=failed RUN_NOTE="no ${UNIT} completed"
  fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    RUN_STATUS=failed RUN_NOTE="${RUN_NOTE:+$RUN_NOTE; }the server exited during the run"
  fi
  [[ $RUN_STATUS == ok ]] || FAILURES+=("$server $workload: $RUN_NOTE (see $raw)")
}

# bench_add_run SERVER WORKLOAD TOOL URL CONNS DEPTH STATUS NOTE [measured] — records one run;
# with "measured", also the parser's R_* figures (R_REQUESTS R_SECONDS R_P50 R_P99 in µs,
# R_SOCKET R_NON2XX R_OTHER) and the M_* figures of bench_measure_end.
bench_add_run() {
  local server=$1 workload=$2 tool=$3 url=$4 conns=$5 depth=$6 status=$7 note=$8 measured=${9:-}
  local fields=''
  if [[ -n $measured ]]; then
    local cpu_us rps per_req server_pct other_pct irq_pct steal_pct
    cpu_us=$(awk -v t="$M_TICKS" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", t * 1e6 / hz}')
    rps=$(awk -v n="$R_REQUESTS" -v s="$R_SECONDS" 'BEGIN {printf "%.1f", (s > 0 ? n / s : 0)}')
    per_req=$(awk -v us="$cpu_us" -v n="$R_REQUESTS" 'BEGIN {if (n > 0) printf "%.3f", us / n}')
    # How the server cores spent the run: the server, other processes, irq/softirq, steal. Other
    # processes there mean a shared, noisy core. With tick-based accounting (no
    # CONFIG_IRQ_TIME_ACCOUNTING) a softirq tick is charged both to /proc/stat's softirq and to the
    # interrupted task's stime, so the server's own network work is in its ticks: others are
    # tasks + irq - server. With IRQ time accounting this counts irq as "others" too: it errs
    # toward calling a run noisy.
    local others=$((M_CORE_TASKS + M_CORE_IRQ - M_TICKS))
    server_pct=$(bench_core_pct "$M_TICKS") other_pct=$(bench_core_pct $((others > 0 ? others : 0)))
    irq_pct=$(bench_core_pct "$M_CORE_IRQ") steal_pct=$(bench_core_pct "$M_CORE_STEAL")
    if awk -v o="$other_pct" 'BEGIN {exit !(o > 10)}'; then
      note="${note:+$note; }other processes took ${other_pct}% of the server cores: noisy"
    fi
    fields=$(printf ',"seconds":%s,"requests":%s,"rps":%s,"latencyP50Us":%s,"latencyP99Us":%s,"errors":{"socket":%s,"non2xx":%s,"other":%s},"serverCpuUs":%s,"cpuUsPerRequest":%s,"serverCpuPct":%s,"otherTasksPct":%s,"irqPct":%s,"stealPct":%s,"peakRssKb":%s,"raw":%s' \
      "$(bench_json_num "$R_SECONDS")" "$(bench_json_num "$R_REQUESTS")" "$(bench_json_num "$rps")" \
      "$(bench_json_num "$R_P50")" "$(bench_json_num "$R_P99")" "$(bench_json_num "$R_SOCKET")" \
      "$(bench_json_num "$R_NON2XX")" "$(bench_json_num "$R_OTHER")" "$(bench_json_num "$cpu_us")" \
      "$(bench_json_num "$per_req")" "$(bench_json_num "$server_pct")" "$(bench_json_num "$other_pct")" \
      "$(bench_json_num "$irq_pct")" "$(bench_json_num "$steal_pct")" \
      "$(bench_json_num "$M_RSS_KB")" "$(bench_json_str "$M_RAW")")
    bench_log "$(printf '%-15s %-17s %10s %s/s  p50 %6s µs  p99 %7s µs  %7s CPU-µs/%s  core: server %s%%, others %s%%, irq %s%%  peak RSS %s KB  %s' \
      "$server" "$workload" "$rps" "$UNIT" "$R_P50" "$R_P99" "$per_req" "$UNIT" "$server_pct" "$other_pct" "$irq_pct" "$M_RSS_KB" "$status")"
  else
    bench_log "$server $workload: $status — $note"
  fi
  RUNS_JSON+=("$(printf '{"server":%s,"workload":%s,"tool":%s,"url":%s,"connections":%s,"depth":%s,"status":%s,"note":%s%s}' \
    "$(bench_json_str "$server")" "$(bench_json_str "$workload")" "$(bench_json_str "$tool")" \
    "$(bench_json_str "$url")" "$conns" "$depth" "$(bench_json_str "$status")" "$(bench_json_str "$note")" "$fields")")
}

# bench_add_server NAME VERSION PORT H2PORT NOTE
bench_add_server() {
  SERVERS_JSON+=("$(printf '{"name":%s,"version":%s,"port":%s,"h2Port":%s,"note":%s}' \
    "$(bench_json_str "$1")" "$(bench_json_str "$2")" "$3" "$(bench_json_num "$4")" "$(bench_json_str "$5")")")
}

# bench_server_ran SERVER — true when at least one of its runs is ok.
bench_server_ran() {
  local r
  for r in "${RUNS_JSON[@]}"; do
    [[ $r == *"\"server\":\"$1\""*'"status":"ok"'* ]] && return 0
  done
  return 1
}

# bench_write_results FILE STARTED — results.json (schema 1; perf/Uring.BenchReport reads it).
bench_write_results() {
  local file=$1 started=$2 f sep=''
  local IFS=,
  {
    printf '{"schema":1,"unit":%s,"startedAt":%s,"quick":%s,"durationSeconds":%s,"warmupSeconds":%s,' \
      "$(bench_json_str "$UNIT")" "$(bench_json_str "$started")" "$( ((QUICK)) && echo true || echo false)" "$DURATION" "$WARMUP"
    printf '"serverCores":%s,"loadCores":%s,"clockTicksPerSecond":%s,"host":%s,' \
      "$(bench_json_str "$SERVER_CORES")" "$(bench_json_str "$LOAD_CORES")" "$CLK_TCK" "$(bench_host_json)"
    printf '"servers":[%s],"runs":[%s],"failures":[' "${SERVERS_JSON[*]}" "${RUNS_JSON[*]}"
    for f in "${FAILURES[@]}"; do printf '%s%s' "$sep" "$(bench_json_str "$f")"; sep=,; done
    printf ']}\n'
  } >"$file"
}

# bench_report RESULTS_JSON REPORT_BIN — renders results.md/.png, prints the table and exits
# non-zero when anything failed.
bench_report() {
  local json=$1 report_bin=$2 dir
  dir=$(dirname "$json")
  "$report_bin" "$json" || bench_die "Uring.BenchReport could not render $json"
  echo
  cat "$dir/results.md"
  echo
  bench_log "results: $dir/results.json, results.md, results.png (raw tool output in $dir/raw)"
  if ((${#FAILURES[@]})); then
    printf '\n[bench] FAILED:\n' >&2
    printf '  - %s\n' "${FAILURES[@]}" >&2
    exit 1
  fi
}

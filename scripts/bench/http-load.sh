# shellcheck shell=bash disable=SC2034 # sets globals its callers read
# HTTP load generators for scripts/bench.sh (sourced): how each tool is run, and how its output
# becomes the R_* figures bench_add_run records. Needs LOAD_NCORES and BENCH_TMP (holding
# wrk-report.lua and wrk-pipeline.lua, see bench_prepare_wrk_scripts).

# bench_prepare_wrk_scripts DIR — wrk takes one script: the pipelining one gets the report
# function appended.
bench_prepare_wrk_scripts() {
  local here
  here=$(dirname "${BASH_SOURCE[0]}")
  cp "$here/wrk-report.lua" "$1/wrk-report.lua"
  cat "$here/wrk-pipeline.lua" "$here/wrk-report.lua" >"$1/wrk-pipeline.lua"
}

# bench_http_load SECONDS OUT TOOL URL CONNS DEPTH — DEPTH is requests per write for wrk,
# streams per connection for h2load. h2load also writes OUT.log (one line per request).
bench_http_load() {
  local secs=$1 out=$2 tool=$3 url=$4 conns=$5 depth=$6
  case $tool in
    wrk)
      local script=$BENCH_TMP/wrk-report.lua extra=()
      if ((depth > 1)); then script=$BENCH_TMP/wrk-pipeline.lua extra=(-- "$depth"); fi
      bench_run_load "$out" wrk -t "$LOAD_NCORES" -c "$conns" -d "${secs}s" --timeout 5s --latency \
        -s "$script" "$url" "${extra[@]}" ;;
    hey)
      bench_run_load "$out" hey -z "${secs}s" -c "$conns" -cpus "$LOAD_NCORES" "$url" ;;
    h2load)
      bench_run_load "$out" h2load -c "$conns" -m "$depth" -t "$LOAD_NCORES" -D "$secs" --log-file="$out.log" "$url" ;;
    *) bench_die "unknown load tool $tool" ;;
  esac
}

# bench_parse TOOL RAW — sets R_REQUESTS R_SECONDS R_P50 R_P99 (µs) R_SOCKET (connect, read,
# write, timeout errors) R_NON2XX R_OTHER; fails when the output holds no summary.
bench_parse() {
  case $1 in
    wrk) bench_parse_wrk "$2" ;;
    hey) bench_parse_hey "$2" ;;
    h2load) bench_parse_h2load "$2" "$2.log" ;;
  esac
}

# wrk: the WRK_JSON line printed by wrk-report.lua.
bench_parse_wrk() {
  local line
  line=$(grep -m1 '^WRK_JSON ' "$1") || return 1
  R_REQUESTS=$(bench_json_field "$line" requests)
  R_SECONDS=$(awk -v us="$(bench_json_field "$line" duration_us)" 'BEGIN {printf "%.3f", us / 1e6}')
  R_P50=$(bench_json_field "$line" p50_us) R_P99=$(bench_json_field "$line" p99_us)
  # wrk's coordinated-omission correction can add samples below its recorded minimum, which its
  # percentile walk never visits: it then answers 0 (seen pipelined at ~1M req/s). No real request
  # takes 0 µs: report "not measured" rather than a figure.
  [[ $R_P50 == 0 ]] && R_P50=''
  [[ $R_P99 == 0 ]] && R_P99=''
  R_SOCKET=$(($(bench_json_field "$line" connect) + $(bench_json_field "$line" read) + $(bench_json_field "$line" write) + $(bench_json_field "$line" timeout)))
  # wrk counts responses with a status above 399 (its "Non-2xx or 3xx responses"); a 3xx would
  # pass here, but the probe before each workload insists on 200.
  R_NON2XX=$(bench_json_field "$line" status) R_OTHER=0
}

# hey: its text summary (latencies in seconds with 4 decimals; codes and errors as "[N] count").
bench_parse_hey() {
  local kv
  kv=$(awk '
    /^  Total:/ { total = $2 }
    /^  50% in/ { p50 = $3 * 1e6 }
    /^  99% in/ { p99 = $3 * 1e6 }
    /^Status code distribution:/ { section = "status"; next }
    /^Error distribution:/ { section = "error"; next }
    section == "status" && /^  \[[0-9]+\]/ {
      code = substr($1, 2, 3); n = $2
      if (code ~ /^2/) ok += n; else bad += n
    }
    section == "error" && /^  \[[0-9]+\]/ { errs += substr($1, 2, length($1) - 2) }
    END { printf "%d %.3f %d %d %d %d\n", ok, total, p50, p99, bad, errs }' "$1")
  read -r R_REQUESTS R_SECONDS R_P50 R_P99 R_NON2XX R_OTHER <<<"$kv"
  R_SOCKET=0
  [[ $R_SECONDS != 0.000 ]]
}

# h2load: its summary lines, and percentiles from the per-request log (3rd column: µs), since
# it prints only min/max/mean.
bench_parse_h2load() {
  local kv pct
  kv=$(awk '
    /^finished in/ { secs = $3; sub(/s,$/, "", secs) }
    # requests: T total, S started, D done, OK succeeded, F failed, E errored, X timeout
    /^requests:/ { succeeded = $8; failed = $10; errored = $12; timeout = $14 }
    # status codes: A 2xx, B 3xx, C 4xx, D 5xx
    /^status codes:/ { bad = $5 + $7 + $9 }
    END { printf "%d %s %d %d %d\n", succeeded, secs, failed + errored, timeout, bad }' "$1")
  read -r R_REQUESTS R_SECONDS R_OTHER R_SOCKET R_NON2XX <<<"$kv"
  [[ -n $R_SECONDS && -f $2 ]] || return 1
  pct=$(cut -f3 "$2" | sort -n | awk '
    function at(p,   i) { i = int(NR * p + 0.5); return v[i < 1 ? 1 : i] }
    { v[NR] = $1 }
    END { if (NR) printf "%d %d", at(0.50), at(0.99) }')
  read -r R_P50 R_P99 <<<"${pct:-x x}"
  rm -f "$2"
}

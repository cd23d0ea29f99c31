# shellcheck shell=bash disable=SC2034 # sets globals its callers read
# Shared helpers for scripts/bench.sh and scripts/bench-echo.sh (sourced, not run).
# Process accounting reads /proc directly so a fresh Debian (no procps) needs nothing extra.

bench_log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bench_die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

# --- tools ------------------------------------------------------------------------------------

# bench_install CMD:PACKAGE ... — apt-get installs the packages whose command is missing.
# A temporary policy-rc.d keeps dpkg from starting nginx/h2o as system services (in a container
# both would grab port 80 and the second one's postinst would fail).
bench_install() {
  local pair cmd pkg missing=()
  for pair in "$@"; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    if [[ $cmd == /* ]]; then [[ -e $cmd ]] && continue
    else command -v "$cmd" >/dev/null 2>&1 && continue; fi
    missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || bench_die "missing ${missing[*]} and not root: install them with apt-get"
  bench_log "installing: ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; own_policy=1
  fi
  local rc=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; } \
    || rc=$?
  ((own_policy)) && rm -f "$policy"
  ((rc == 0)) || bench_die "apt-get install ${missing[*]} failed"
}

# bench_dotnet_build PROJECT [ARGS...] — Release build, retried when another build holds a file.
# BENCH_DOTNET_ARGS adds arguments (e.g. -p:ArtifactsPath=DIR to build out of the tree).
bench_dotnet_build() {
  local proj=$1; shift
  local log attempt
  log=$(mktemp)
  for attempt in 1 2 3 4 5; do
    # shellcheck disable=SC2086
    if dotnet build "$proj" -c Release -nologo -v:q ${BENCH_DOTNET_ARGS:-} "$@" >"$log" 2>&1; then
      rm -f "$log"; return 0
    fi
    if grep -qE 'being used by another process|MSB3021|MSB3026|MSB3027|CS2012' "$log"; then
      bench_log "build of $proj hit a file lock (another build?); retry $attempt"
      sleep $((attempt * 3)); continue
    fi
    break
  done
  grep -E 'error|Error' "$log" | head -30 >&2
  rm -f "$log"
  bench_die "dotnet build $proj failed"
}

# bench_dotnet_target_dir PROJECT [ARGS...] — where the Release build put its output (asks
# MSBuild, so the artifacts layout is never guessed).
bench_dotnet_target_dir() {
  local proj=$1; shift
  # shellcheck disable=SC2086
  dotnet msbuild "$proj" -nologo -getProperty:TargetDir -p:Configuration=Release ${BENCH_DOTNET_ARGS:-} "$@" | tail -1
}

# bench_dotnet_exe PROJECT ASSEMBLY — builds PROJECT in Release (unless BENCH_NO_BUILD=1) and
# prints the path of its executable; dies when it is missing.
bench_dotnet_exe() {
  local proj=$1 name=$2 dir
  if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    bench_log "building $(basename "$proj" .csproj) (Release)"
    bench_dotnet_build "$proj"
  fi
  dir=$(bench_dotnet_target_dir "$proj")
  [[ -x $dir$name ]] || bench_die "$name is not built ($dir$name); run without --no-build"
  echo "$dir$name"
}

# --- cores ------------------------------------------------------------------------------------

# bench_set_cores SERVER:LOAD — validates --cores and sets SERVER_CORES LOAD_CORES (taskset
# lists) and SERVER_NCORES LOAD_NCORES (how many CPUs each has).
bench_set_cores() {
  [[ $1 =~ ^[0-9,-]+:[0-9,-]+$ ]] || bench_die "--cores wants SERVER:LOAD CPU lists, e.g. 0:1 (got '$1')"
  SERVER_CORES=${1%%:*} LOAD_CORES=${1#*:}
  SERVER_NCORES=$(bench_cpu_count "$SERVER_CORES") LOAD_NCORES=$(bench_cpu_count "$LOAD_CORES")
}

# bench_cpu_count LIST — number of CPUs in a taskset-style list ("0", "0-3", "0,2,4-5").
bench_cpu_count() {
  local n=0 part lo hi
  IFS=',' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    if [[ $part == *-* ]]; then lo=${part%-*}; hi=${part#*-}; n=$((n + hi - lo + 1)); else n=$((n + 1)); fi
  done
  echo "$n"
}

# --- ports and readiness ----------------------------------------------------------------------

# bench_port_busy PORT — true when something already accepts on 127.0.0.1:PORT.
bench_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# bench_wait_http PID URL SECONDS [CURL_ARGS...] — waits until URL answers 2xx while PID lives.
bench_wait_http() {
  local pid=$1 url=$2 secs=$3; shift 3
  local deadline=$((SECONDS + secs)) code
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 2
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$@" "$url" 2>/dev/null || true)
    [[ $code == 2* ]] && return 0
    sleep 0.2
  done
  return 1
}

# bench_wait_tcp PID PORT SECONDS — waits until the port accepts while PID lives.
bench_wait_tcp() {
  local pid=$1 port=$2 secs=$3
  local deadline=$((SECONDS + secs))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 2
    bench_port_busy "$port" && return 0
    sleep 0.2
  done
  return 1
}

# --- process accounting -----------------------------------------------------------------------

# bench_tree_pids ROOT — ROOT and all its descendants (nginx master + workers, h2o helpers).
bench_tree_pids() {
  local root=$1 f line rest pid ppid
  local -A children=()
  for f in /proc/[0-9]*/stat; do
    read -r line <"$f" 2>/dev/null || continue
    pid=${line%% *}
    rest=${line##*) }            # comm may hold spaces or ')': cut at the last ") "
    read -r _ ppid _ <<<"$rest"
    children[$ppid]+=" $pid"
  done
  local queue=("$root") out=() p
  while ((${#queue[@]})); do
    p=${queue[0]}; queue=("${queue[@]:1}")
    [[ -d /proc/$p ]] || continue
    out+=("$p")
    # shellcheck disable=SC2206
    [[ -n ${children[$p]:-} ]] && queue+=(${children[$p]})
  done
  echo "${out[@]}"
}

# bench_cpu_ticks PID... — utime+stime+cutime+cstime summed over the processes, in clock ticks
# (getconf CLK_TCK per second). cutime/cstime carry children that exited and were reaped.
bench_cpu_ticks() {
  local total=0 pid line rest
  local -a f
  for pid in "$@"; do
    read -r line <"/proc/$pid/stat" 2>/dev/null || continue
    rest=${line##*) }
    read -ra f <<<"$rest"        # f[0] is field 3 (state): utime is field 14 -> f[11]
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$total"
}

# bench_hwm_kb PID... — VmHWM (peak RSS) summed over the processes, in KB.
bench_hwm_kb() {
  local total=0 pid key value _
  for pid in "$@"; do
    while read -r key value _; do
      [[ $key == VmHWM: ]] && total=$((total + value))
    done <"/proc/$pid/status" 2>/dev/null || true
  done
  echo "$total"
}

# bench_reset_hwm PID... — resets VmHWM to the current RSS (clear_refs 5, Linux 4.0+, root),
# so each workload reports its own peak rather than the peak so far.
bench_reset_hwm() {
  local pid
  for pid in "$@"; do echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true; done
}

# bench_stop_tree ROOT — SIGTERM to the tree, SIGKILL after 10 s; waits for our own child.
bench_stop_tree() {
  local root=$1 pids i
  kill -0 "$root" 2>/dev/null || return 0
  pids=$(bench_tree_pids "$root")
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$root" 2>/dev/null || break
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  wait "$root" 2>/dev/null || true
}

# bench_core_ticks LIST — "TASKS IRQ STEAL TOTAL" clock ticks summed over the CPUs in LIST
# (/proc/stat): time in any process (user+nice+system), in irq+softirq, stolen by the
# hypervisor, and in all. Compared with the server's own ticks it shows whether something else
# ran on the server's cores, and how much network work no process was charged for.
bench_core_ticks() {
  local cpus=" " part lo hi c
  IFS=',' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    if [[ $part == *-* ]]; then lo=${part%-*}; hi=${part#*-}; for ((c = lo; c <= hi; c++)); do cpus+="cpu$c "; done
    else cpus+="cpu$part "; fi
  done
  # cpuN user nice system idle iowait irq softirq steal (guest time is already inside user)
  awk -v want="$cpus" 'index(want, " " $1 " ") {
      tasks += $2 + $3 + $4; irq += $7 + $8; steal += $9
      for (i = 2; i <= 9; i++) total += $i
    } END { printf "%d %d %d %d\n", tasks, irq, steal, total }' /proc/stat
}

# bench_core_quiet_check LIST — warns when the CPUs in LIST are already busy (another build or
# benchmark): the figures would then measure the sharing, not the server.
bench_core_quiet_check() {
  local a b busy
  a=$(bench_core_ticks "$1"); sleep 1; b=$(bench_core_ticks "$1")
  read -r t0 i0 s0 all0 <<<"$a"; read -r t1 i1 s1 all1 <<<"$b"
  busy=$(( (t1 - t0 + i1 - i0 + s1 - s0) * 100 / (all1 - all0 > 0 ? all1 - all0 : 1) ))
  if ((busy > 10)); then
    bench_log "WARNING: CPU $1 is already ${busy}% busy before any server started: the figures will be noisy (see otherTasksPct in results.json)"
  fi
}

# --- JSON -------------------------------------------------------------------------------------

# bench_json_str TEXT — TEXT as a JSON string literal.
bench_json_str() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\t'/\\t}; s=${s//$'\r'/}
  printf '"%s"' "$s"
}

# bench_json_num VALUE — VALUE if it is a number, else null.
bench_json_num() {
  if [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]]; then printf '%s' "$1"; else printf 'null'; fi
}

# bench_json_field JSON KEY — the value of a flat numeric KEY in a one-line JSON object.
bench_json_field() {
  local re="\"$2\":(-?[0-9.eE+-]+)"
  [[ $1 =~ $re ]] && printf '%s' "${BASH_REMATCH[1]}"
}

# bench_host_json — the machine the figures come from.
bench_host_json() {
  local model
  model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
  printf '{"kernel":%s,"cpu":%s,"cpus":%s}' \
    "$(bench_json_str "$(uname -sr)")" "$(bench_json_str "${model:-unknown}")" "$(nproc)"
}

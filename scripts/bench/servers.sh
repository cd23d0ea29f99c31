# shellcheck shell=bash
# The servers scripts/bench.sh compares (sourced). Each NAME has:
#   server_NAME_prepare — writes its config under $BENCH_TMP/NAME
#   server_NAME_start   — starts it (bench_launch: in the foreground of a background job, pinned
#                         to $SERVER_CORES) with one worker/thread/reactor per server core
#   server_NAME_version — one line naming the build
# H1_PORT[NAME] is its HTTP/1.1 port; H2_PORT[NAME] its h2c (prior knowledge) port, empty when
# it does not speak h2c. Every server serves /plaintext (13 bytes "Hello, World!", text/plain),
# /json ({"message":"Hello, World!"}) and /100k (102,400 bytes).

declare -A H1_PORT H2_PORT

bench_servers_init() {
  local base=$1
  H1_PORT[uringd]=$base;            H2_PORT[uringd]=${URINGD_H2_PORT:-}
  H1_PORT[nginx]=$((base + 10));    H2_PORT[nginx]=$((base + 11))
  H1_PORT[kestrel]=$((base + 20));  H2_PORT[kestrel]=$((base + 21))
  # h2o takes h2c prior knowledge on its cleartext HTTP/1.1 port.
  H1_PORT[h2o]=$((base + 30));      H2_PORT[h2o]=$((base + 30))
}

# The static bodies nginx and h2o serve (Kestrel and uringd build the same in memory).
bench_write_www() {
  local www=$BENCH_TMP/www
  mkdir -p "$www"
  printf 'Hello, World!' >"$www/plaintext.txt"
  printf '{"message":"Hello, World!"}' >"$www/json.json"
  # 102,400 bytes of a printable 100-byte line, as perf/KestrelPeer builds its /100k body.
  local line='0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz'
  local i chunk=''
  for ((i = 0; i < 1024; i++)); do chunk+="$line"$'\n'; done
  printf '%s' "$chunk" | head -c 102400 >"$www/100k.bin"
}

# --- uringd -----------------------------------------------------------------------------------

server_uringd_prepare() { mkdir -p "$BENCH_TMP/uringd"; }

server_uringd_start() {
  local args=(--cores "$SERVER_CORES" --port "${H1_PORT[uringd]}")
  [[ -n ${URINGD_BACKEND:-} ]] && args+=(--backend "$URINGD_BACKEND")
  # shellcheck disable=SC2086 # URINGD_ARGS is a user-supplied word list
  bench_launch "$BENCH_TMP/uringd/out.log" "$URINGD_BIN" "${args[@]}" --protocol "${URINGD_PROTOCOL:-http}" ${URINGD_ARGS:-}
}

server_uringd_version() { "$URINGD_BIN" --version 2>/dev/null | head -1 || echo "uringd (unknown version)"; }

# --- nginx ------------------------------------------------------------------------------------

server_nginx_prepare() {
  local dir=$BENCH_TMP/nginx www=$BENCH_TMP/www
  mkdir -p "$dir/body" "$dir/proxy" "$dir/fastcgi"
  local locations="
        location = /plaintext { return 200 \"Hello, World!\"; }
        location = /json { default_type application/json; return 200 '{\"message\":\"Hello, World!\"}'; }
        location = /100k { default_type application/octet-stream; alias $www/100k.bin; }
        location = / { return 200 \"Hello, World!\"; }"
  cat >"$dir/nginx.conf" <<CONF
# Written by scripts/bench.sh: one worker per server core, no logging, long keep-alive.
daemon off;
master_process on;
user root;
worker_processes $SERVER_NCORES;
worker_rlimit_nofile 65536;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {
    worker_connections 16384;
}
http {
    access_log off;
    keepalive_requests 100000;
    keepalive_timeout 65;
    default_type text/plain;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    server {
        listen 127.0.0.1:${H1_PORT[nginx]};
        $locations
    }
    server {
        # h2c with prior knowledge (nginx's http2 on a cleartext listener).
        listen 127.0.0.1:${H2_PORT[nginx]} http2;
        $locations
    }
}
CONF
}

server_nginx_start() {
  local dir=$BENCH_TMP/nginx
  bench_launch "$dir/out.log" nginx -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log"
}

server_nginx_version() { nginx -v 2>&1 | sed 's/^nginx version: //'; }

# --- Kestrel ----------------------------------------------------------------------------------

server_kestrel_prepare() { mkdir -p "$BENCH_TMP/kestrel"; }

server_kestrel_start() {
  # Kestrel has no worker count: pinning bounds it to the server cores (the runtime sizes its
  # thread pool from the affinity mask).
  bench_launch "$BENCH_TMP/kestrel/out.log" "$KESTREL_BIN" --port "${H1_PORT[kestrel]}" --h2-port "${H2_PORT[kestrel]}"
}

server_kestrel_version() { echo "Kestrel (ASP.NET Core $(dotnet --list-runtimes | awk '/AspNetCore.App/ {v=$2} END {print v}'))"; }

# --- h2o --------------------------------------------------------------------------------------

server_h2o_prepare() {
  local dir=$BENCH_TMP/h2o www=$BENCH_TMP/www
  mkdir -p "$dir"
  cat >"$dir/h2o.conf" <<CONF
# Written by scripts/bench.sh: one thread per server core, no access log, static files.
user: root
num-threads: $SERVER_NCORES
pid-file: $dir/h2o.pid
error-log: $dir/error.log
max-connections: 65536
listen:
  host: 127.0.0.1
  port: ${H1_PORT[h2o]}
hosts:
  default:
    paths:
      /plaintext:
        file.file: $www/plaintext.txt
      /json:
        file.file: $www/json.json
      /100k:
        file.file: $www/100k.bin
      /:
        file.file: $www/plaintext.txt
CONF
}

server_h2o_start() {
  local dir=$BENCH_TMP/h2o
  bench_launch "$dir/out.log" h2o -c "$dir/h2o.conf"
}

server_h2o_version() { h2o --version 2>/dev/null | head -1; }

#!/usr/bin/env bash
# Installs the Debian packages a task needs when they are missing (a fresh Debian 12 has only the
# .NET SDK). Usage: scripts/setup-deps.sh run|test|bench
set -euo pipefail

want=()
need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || want+=("$2")
}
need_lib() { # need_lib SONAME PACKAGE
  ldconfig -p 2>/dev/null | grep -q "$1" || want+=("$2")
}

case "${1:-run}" in
  run)
    need_lib libnuma.so.1 libnuma1
    need_lib libmimalloc.so.2 libmimalloc2.0
    ;;
  test)
    need curl curl
    need h2load nghttp2-client
    need nghttp nghttp2-client
    need_lib libnuma.so.1 libnuma1
    need_lib libmimalloc.so.2 libmimalloc2.0
    ;;
  bench)
    need curl curl
    need wrk wrk
    need hey hey
    need h2load nghttp2-client
    need nginx nginx-light
    need h2o h2o
    need taskset util-linux
    ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

if [[ ${#want[@]} -eq 0 ]]; then exit 0; fi
# Remove duplicates while keeping order.
mapfile -t want < <(printf '%s\n' "${want[@]}" | awk '!seen[$0]++')
echo "installing: ${want[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}"
fi

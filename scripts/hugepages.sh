#!/usr/bin/env bash
# Reserves huge pages of the default size (2 MiB on x86_64) for uringd's reactor arenas, which map
# them with MAP_HUGETLB when the pool has room (else THP, else plain pages; uringd --topology shows
# which). The pool is machine-wide: give it back with --release when done.
set -euo pipefail

SYSCTL=/proc/sys/vm/nr_hugepages

usage() {
  cat <<'EOF_USAGE'
Usage: scripts/hugepages.sh N          reserve N huge pages (sets vm.nr_hugepages to N)
       scripts/hugepages.sh --release  give them all back (vm.nr_hugepages = 0)
       scripts/hugepages.sh --status   show the pool
       scripts/hugepages.sh -h|--help  this text

Needs root. Size the pool as reactors x arena size / page size. The kernel spreads the pool over
the NUMA nodes with memory; each reactor's arena prefers its own node's pages.
When memory is fragmented the kernel may find fewer contiguous pages than asked for: the script
then compacts memory (vm.compact_memory) and tries once more. Exits 0 when the pool holds N pages,
1 when it holds fewer, 2 on a usage error.
EOF_USAGE
}

status() {
  awk '/^HugePages_(Total|Free|Rsvd)|^Hugepagesize/ { printf "  %-16s %s%s\n", $1, $2, ($3 == "" ? "" : " " $3) }' /proc/meminfo
}

total() { awk '/^HugePages_Total/ { print $2 }' /proc/meminfo; }

set_pool() { # set_pool N
  if ! echo "$1" > "$SYSCTL" 2>/dev/null; then
    echo "hugepages.sh: cannot write $SYSCTL (needs root, and a kernel with hugetlb support)" >&2
    exit 1
  fi
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --status) status; exit 0 ;;
  --release) want=0 ;;
  ''|*[!0-9]*) usage >&2; exit 2 ;;
  *) want=$((10#$1)) ;;
esac
if [[ $# -ne 1 ]]; then usage >&2; exit 2; fi

set_pool "$want"
if [[ $(total) -lt $want ]]; then
  # Huge pages need physically contiguous memory: compaction frees some, then ask again.
  echo 1 > /proc/sys/vm/compact_memory 2>/dev/null || true
  set_pool "$want"
fi

got=$(total)
echo "asked for $want huge pages, got $got:"
status
if [[ $got -lt $want ]]; then
  echo "hugepages.sh: only $got of $want pages could be reserved (fragmented memory; try at boot: hugepages=$want)" >&2
  exit 1
fi

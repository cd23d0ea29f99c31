#!/usr/bin/env bash
# Publishes uringd with Native AOT to artifacts/aot/uringd: a single native binary that starts in
# ~13 ms here (perf/README.md) instead of ~180 ms with the JIT. Installs the native toolchain the
# AOT compiler links with (gcc, zlib1g-dev) when missing. Extra arguments go to dotnet publish.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1 || [[ ! -e /usr/include/zlib.h ]]; then
  echo "installing the native toolchain for Native AOT: gcc zlib1g-dev"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends gcc libc6-dev zlib1g-dev >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends gcc libc6-dev zlib1g-dev; }
fi
"$ROOT/scripts/setup-deps.sh" run
dotnet publish "$ROOT/uringd/uringd.csproj" -c Release -r linux-x64 -p:PublishAot=true -o "$ROOT/artifacts/aot" -nologo -v:q "$@"
echo "uringd (Native AOT): $ROOT/artifacts/aot/uringd"
"$ROOT/artifacts/aot/uringd" --version

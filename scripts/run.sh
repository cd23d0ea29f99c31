#!/usr/bin/env bash
# Builds uringd (Release) and runs it on its embedded default: one reactor per allowed CPU on
# port 8080. Extra arguments go to uringd (try --help), e.g. scripts/run.sh --cores 0 --port 9000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup-deps.sh" run
dotnet build "$ROOT/uringd/uringd.csproj" -c Release -nologo -v:q
exec "$ROOT/artifacts/bin/uringd/release_iouring/uringd" "$@"

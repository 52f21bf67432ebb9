#!/usr/bin/env bash
# Rendering plus DKIM signing of warnings on one core: bench/messages.sh [count=20000] [rsa|ed25519]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$root/bench/Herald.Bench" -c Release -nologo -v quiet
exec dotnet "$root/bench/Herald.Bench/bin/Release/net10.0/Herald.Bench.dll" messages "${1:-20000}" "${2:-rsa}"

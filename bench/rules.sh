#!/usr/bin/env bash
# Rule evaluation benchmark: bench/rules.sh [events=1000000] [passes=5]
# Decisions per second with the shipped default rule set on one thread (best of the passes).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$root/bench/Herald.Bench" -c Release -nologo -v quiet
exec dotnet "$root/bench/Herald.Bench/bin/Release/net10.0/Herald.Bench.dll" rules "${1:-1000000}" "${2:-5}"

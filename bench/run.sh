#!/usr/bin/env bash
# End-to-end benchmark: bench/run.sh [rows=1000000] [organisations=5000]
# Generates a scan_http_vulnerable report with addresses over the real routing table and measures
# events per second through parse, enrich, match, decide and store, then warning creation, and peak memory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/fetch-routing-data.sh" "$root/.cache/routing" >/dev/null
schema="${HERALD_SCHEMA:-$root/tests/data/shadowserver/schema/intelmq.json}"
dotnet build "$root/bench/Herald.Bench" -c Release -nologo -v quiet
exec dotnet "$root/bench/Herald.Bench/bin/Release/net10.0/Herald.Bench.dll" "${1:-1000000}" "${2:-5000}" "$root/.cache/routing" "$schema"

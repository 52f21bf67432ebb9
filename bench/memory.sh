#!/usr/bin/env bash
# Peak memory of `herald process` on a large report: bench/memory.sh [rows=3400000] [organisations=5000]
# 3,400,000 rows of scan_http_vulnerable make a report of about 1 GB. The registry and the report are generated
# first (not measured); then `herald registry import` and `herald process` run as an operator runs them, the
# latter under /usr/bin/time -v, whose "Maximum resident set size" is the peak RSS of the whole process.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-3400000}"
organisations="${2:-5000}"
"$root/scripts/fetch-routing-data.sh" "$root/.cache/routing" >/dev/null
export HERALD_ROUTING="$root/.cache/routing"
export HERALD_SCHEMA="${HERALD_SCHEMA:-$root/tests/data/shadowserver/schema/intelmq.json}"
dotnet build "$root/bench/Herald.Bench" -c Release -nologo -v quiet >/dev/null
dotnet build "$root/src/Herald.Cli" -c Release -nologo -v quiet >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/herald-memory-XXXXXX")"
trap 'rm -rf "$work"' EXIT
export HERALD_DATA="$work/data"
herald=(dotnet "$root/src/Herald.Cli/bin/Release/net10.0/Herald.Cli.dll")

report="$(dotnet "$root/bench/Herald.Bench/bin/Release/net10.0/Herald.Bench.dll" prepare "$rows" "$organisations" "$HERALD_ROUTING" "$HERALD_SCHEMA" "$work/in")"
"${herald[@]}" registry import "$work"/in/registry/*.csv >/dev/null
/usr/bin/time -v "${herald[@]}" process "$report" >"$work/process.log" 2>"$work/time.log" || { cat "$work/process.log" "$work/time.log"; exit 1; }

events="$(grep -E '│ events ' "$work/process.log" | tr -dc '0-9')"
seconds="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.log")"
peak_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.log")"
echo "report          $(du -m "$report" | cut -f1) MB, $rows rows"
echo "events          $events"
echo "wall time       $seconds s ($(awk -v e="$events" -v s="$seconds" 'BEGIN { printf "%.0f", e / s }') events/s, whole process: routing load, ingest, warnings)"
echo "peak RSS        $((peak_kb / 1024)) MiB"
grep -E 'warnings (created|written)' "$work/process.log" | tr -s ' │' ' '

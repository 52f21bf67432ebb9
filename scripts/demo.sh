#!/usr/bin/env bash
# Brings Herald up on its embedded defaults with demo data: SQLite, a synthetic registry, a processed
# demo report, warnings as .eml files in data/pickup, and the web application on http://127.0.0.1:5080.
# Options are passed to `herald serve` (e.g. --urls http://127.0.0.1:8080). HERALD_DATA moves the data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export HERALD_ROUTING="${HERALD_ROUTING:-$root/.cache/routing}"
scripts/fetch-routing-data.sh "$HERALD_ROUTING"
# Shadowserver's published schema; offline, the copy shipped with Herald (the command says which).
scripts/herald schema update
# The demo's warnings are DKIM-signed with a key of their own (the DNS record to publish is printed once).
[[ -f "${HERALD_DATA:-data}/keys/dkim.pem" ]] || scripts/herald keys dkim-generate
scripts/herald demo
exec scripts/herald serve "$@"

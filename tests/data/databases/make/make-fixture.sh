#!/usr/bin/env bash
# Makes an upgrade fixture with the real Herald of an older commit:
#   tests/data/databases/make/make-fixture.sh <commit> <output.db>
# Builds <commit> in a throwaway git worktree, runs its command line over the synthetic inputs beside this script,
# compacts the database and copies it to <output.db>; the worktree and the data directory are removed afterwards.
# Needs the .NET SDK, sqlite3, the routing data (scripts/fetch-routing-data.sh) and the shared data (../shared/data
# beside the main checkout, or HERALD_SHARED_DATA).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
commit=$1
shared=${HERALD_SHARED_DATA:-$(dirname "$(git -C "$here" rev-parse --path-format=absolute --git-common-dir)")/../shared/data}
out=$(realpath -m "$2")
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 HERALD_ROUTING="$repo/.cache/routing"

work=$(mktemp -d /tmp/herald-fixture.XXXXXX)
git -C "$repo" worktree add --detach "$work/tree" "$commit"
trap 'git -C "$repo" worktree remove --force "$work/tree"; rm -rf "$work"' EXIT
dotnet build "$work/tree/src/Herald.Cli/Herald.Cli.csproj" -c Release -v quiet -nologo
cli="$work/tree/src/Herald.Cli/bin/Release/net10.0/Herald.Cli.dll"
data="$work/data"
h() { echo "+ herald $*"; dotnet "$cli" "$@" --data "$data"; }

cd "$here"
h schema update --from "$shared/shadowserver/schema/intelmq.json"
h demo --organisations 20 --rows 30 --seed 7
h registry import organisations.csv partners.csv
h source add researchers --max-age 7d --require source.port
h source add partner-rdp --mapping rdp-mapping.yaml
h source key create researchers
h process 2026-12-06-scan_http_vulnerable-nl-geo.csv
h process 2026-12-05-scan_http_vulnerable-nl-geo.csv
h process partner-rdp.csv --mapping rdp-mapping.yaml
# The same report as IntelMQ JSON lines: its events are seen again (suppressed). parse exits 1 for its two rejections.
dotnet "$cli" parse 2026-12-06-scan_http_vulnerable-nl-geo.csv --format intelmq --data "$data" > "$work/events.jsonl" || [[ $? -eq 1 ]]
h process "$work/events.jsonl" --format intelmq
h quarantine correct 1 --by alice --line '"2026-12-06 02:30:00","193.41.234.12",443,"critical","tcp",,"cve-2021-41773",16289,"NL",,,518210,,,"HTTP/1.1",401,"Unauthorized",,,,,"nginx/1.18.0",149,"chunked",,"1.18.0",,,'
h quarantine resubmit 1 --by alice
h inhibit add --when "{organisation.kvk: '90000002'}" --reason "synthetic: maintenance window" --expires 30d --analyst alice
h review approve 2 --reason "checked by phone (synthetic)" --analyst bob
h review reject 4 --reason "test data (synthetic)" --analyst bob
h contacts import-ripe ripe.db.inetnum ripe.db.aut-num ripe.db.role ripe.db.organisation
h contacts bounce security@kok-logistiek.example --reason "550 5.1.1 user unknown (synthetic)"
h calls record 1 --outcome NoAnswer --note "synthetic: nobody answered" --by alice
mkdir -p "$data/inbox"
cp "$shared/shadowserver/samples/scan_telnet.csv" "$data/inbox/2026-12-05-scan_telnet-nl-geo.csv"
h collect --once
h deliver --once
h cases follow-up

sqlite3 "$data/herald.db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" >/dev/null
cp "$data/herald.db" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes, user_version $(sqlite3 "$out" 'PRAGMA user_version'))"

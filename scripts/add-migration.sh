#!/usr/bin/env bash
# Adds an EF Core migration for the current model to Herald's SQLite migrations:
#   scripts/add-migration.sh <Name>
# Installs the dotnet-ef tool into .cache/tools when it is missing (no tool manifest in the repository), writes the
# migration into src/Herald/Storage/Migrations/Sqlite (namespace = folder) and brings it to the house style.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ $# -ne 1 || ! $1 =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: scripts/add-migration.sh <Name>   (PascalCase, e.g. AddCaseNotes)" >&2
  exit 2
fi

version=10.0.15   # the same as Microsoft.EntityFrameworkCore.Design in Directory.Packages.props
tools=.cache/tools
if ! "$tools/dotnet-ef" --version 2>/dev/null | grep -qx "$version"; then
  dotnet tool uninstall dotnet-ef --tool-path "$tools" >/dev/null 2>&1 || true
  dotnet tool install dotnet-ef --version "$version" --tool-path "$tools"
fi

# The project is its own startup project: Storage/Migrations/SqliteDesignTimeFactory opens HeraldDb as Herald does.
# No --namespace: given one, dotnet ef puts the model snapshot in a folder named after it; the output folder
# under the root namespace Herald gives the same namespace.
dir=Storage/Migrations/Sqlite
"$tools/dotnet-ef" migrations add "$1" \
  --project src/Herald/Herald.csproj \
  --startup-project src/Herald/Herald.csproj \
  --context HeraldDb \
  --output-dir "$dir"

# EF marks the designer file and the snapshot auto-generated, not the migration itself: that one is read (and at times
# edited) like any code, so it gets the house style (file-scoped namespace, no byte-order mark).
migration=$(ls -t src/Herald/"$dir"/*_"$1".cs | head -n 1)
dotnet format src/Herald/Herald.csproj --include "$migration"
echo "added $migration"

#!/usr/bin/env bash
# Runs every test on a fresh machine: fetches the routing data the tests use, builds, tests, and
# ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/fetch-routing-data.sh .cache/routing || { echo "could not fetch routing data"; echo "0 passed, 1 failed"; exit 1; }
scripts/fetch-public-suffix-list.sh || { echo "could not fetch the public suffix list"; echo "0 passed, 1 failed"; exit 1; }

# Real peers the tests start themselves (IMAP, DNS, ...): install what is missing.
mapfile -t packages < <(grep -Ev '^\s*(#|$)' scripts/test-packages.txt)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if (( ${#missing[@]} )); then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || { echo "could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "missing Debian packages for the tests: ${missing[*]} (run as root or install them)"
  fi
fi
# Tests that need one of those programs fail instead of skipping when it is absent.
export HERALD_REQUIRE_PROGRAMS=1

log="$(mktemp)"
dotnet test Herald.slnx -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The runner prints one summary per test project: "Passed!  - Failed: 0, Passed: 45, Skipped: 0, ...".
passed=$(grep -E '(Passed|Failed)! +- ' "$log" | grep -Eo 'Passed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '(Passed|Failed)! +- ' "$log" | grep -Eo 'Failed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi   # a build or runner failure counts
echo "${passed} passed, ${failed} failed"
exit $status

#!/usr/bin/env bash
# Runs every test on a fresh machine: fetches the routing data the tests use, builds, tests, and
# ends with one line "N passed, N failed".
#
# scripts/test.sh --clock-ahead DAYS runs the same tests with the clock DAYS days ahead instead, to prove that
# no test depends on today's date (.ci/run runs both). It builds first on the real clock, then runs
# `dotnet test --no-build` under Debian's libfaketime (package faketime): LD_PRELOAD and FAKETIME=+DAYSd move
# the wall clock of the test host and of every program it starts (dotnet, dovecot, dnsmasq, gpg, python3,
# openssl) by the same amount; timers and timeouts keep working because the monotonic clock is moved by the
# same offset (FAKETIME_DONT_FAKE_MONOTONIC=1 would break .NET's timed waits: Thread.Sleep returns at once).
# Either way HERALD_TEST_CLOCK (the Unix time the run should see now) lets a test check the clock it runs on.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ahead=""
if [[ "${1:-}" == "--clock-ahead" ]]; then
  ahead="${2:-}"
  [[ "$ahead" =~ ^[0-9]+$ ]] || { echo "usage: scripts/test.sh [--clock-ahead DAYS]"; echo "0 passed, 1 failed"; exit 2; }
elif [[ $# -gt 0 ]]; then
  echo "usage: scripts/test.sh [--clock-ahead DAYS]"; echo "0 passed, 1 failed"; exit 2
fi

scripts/fetch-routing-data.sh .cache/routing || { echo "could not fetch routing data"; echo "0 passed, 1 failed"; exit 1; }
scripts/fetch-public-suffix-list.sh || { echo "could not fetch the public suffix list"; echo "0 passed, 1 failed"; exit 1; }

# Real peers the tests start themselves (IMAP, DNS, ...): install what is missing.
mapfile -t packages < <(grep -Ev '^\s*(#|$)' scripts/test-packages.txt)
[[ -n "$ahead" ]] && packages+=(faketime)
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
if [[ -z "$ahead" ]]; then
  HERALD_TEST_CLOCK="$(date +%s)" dotnet test Herald.slnx -c Release 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
else
  lib="$(dpkg -L libfaketime 2>/dev/null | grep -m 1 '/libfaketime\.so\.1$')"
  [[ -n "$lib" ]] || { echo "libfaketime is not installed (Debian package faketime)"; echo "0 passed, 1 failed"; exit 1; }
  dotnet build Herald.slnx -c Release -nologo -v quiet
  # The faked processes must not outlive the run as MSBuild nodes that a later build would reuse.
  fake=(env LD_PRELOAD="$lib" FAKETIME="+${ahead}d" MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0)
  echo "clock-ahead run: the tests' clock reads $("${fake[@]}" date -u '+%Y-%m-%d %H:%M:%S UTC') (the real one $(date -u '+%Y-%m-%d %H:%M:%S UTC'))"
  HERALD_TEST_CLOCK="$(( $(date +%s) + ahead * 86400 ))" "${fake[@]}" \
    dotnet test Herald.slnx -c Release --no-build --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
fi
# The runner prints one summary per test project: "Passed!  - Failed: 0, Passed: 45, Skipped: 0, ...".
passed=$(grep -E '(Passed|Failed)! +- ' "$log" | grep -Eo 'Passed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '(Passed|Failed)! +- ' "$log" | grep -Eo 'Failed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi   # a build or runner failure counts
rm -f "$log"
echo "${passed} passed, ${failed} failed"
exit $status

#!/usr/bin/env bash
# Fetches the public suffix list (publicsuffix.org, MPL-2.0) as carried by the npm package `psl`, and
# writes it in the list's own format (one rule per line) to a file.
# Usage: scripts/fetch-public-suffix-list.sh [destination file]   (default: .cache/publicsuffix/public_suffix_list.dat)
set -euo pipefail
dest="${1:-$(cd "$(dirname "$0")/.." && pwd)/.cache/publicsuffix/public_suffix_list.dat}"
if [[ -s "$dest" ]]; then
  echo "public suffix list already in $dest"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent psl >/dev/null)
tar -xzf "$work"/psl-*.tgz -C "$work"
mkdir -p "$(dirname "$dest")"
# data/rules.js is `export default [ "rule", ... ];`: keep the quoted rules, one per line.
sed -n 's/^[[:space:]]*"\([^"]*\)",\{0,1\}[[:space:]]*$/\1/p' "$work/package/data/rules.js" > "$work/list.dat"
rules=$(wc -l < "$work/list.dat")
if (( rules < 5000 )); then echo "only $rules rules in psl's data/rules.js: format changed?" >&2; exit 1; fi
mv "$work/list.dat" "$dest"
echo "public suffix list in $dest: $rules rules"

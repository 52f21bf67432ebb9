#!/usr/bin/env bash
# Fetches public routing data (IP range -> AS number and name, IP range -> country) from the npm
# packages @ip-location-db/asn and @ip-location-db/asn-country (CC BY 4.0) into a directory.
# Usage: scripts/fetch-routing-data.sh [destination]   (default: .cache/routing)
set -euo pipefail
dest="${1:-$(cd "$(dirname "$0")/.." && pwd)/.cache/routing}"
if [[ -f "$dest/asn/asn-ipv4.csv" && -f "$dest/asn-country/asn-country-ipv4.csv" ]]; then
  echo "routing data already in $dest"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"
for pkg in asn asn-country; do
  (cd "$work" && npm pack --silent "@ip-location-db/$pkg" >/dev/null)
  mkdir -p "$work/$pkg" "$dest/$pkg"
  tar -xzf "$work"/ip-location-db-"$pkg"-*.tgz -C "$work/$pkg"
  cp "$work/$pkg"/package/*.csv "$work/$pkg"/package/*LICENSE* "$dest/$pkg/" 2>/dev/null || cp "$work/$pkg"/package/*.csv "$dest/$pkg/"
  rm -f "$dest/$pkg"/*-num.csv
done
echo "routing data in $dest: $(wc -l < "$dest/asn/asn-ipv4.csv") IPv4 and $(wc -l < "$dest/asn/asn-ipv6.csv") IPv6 AS ranges"

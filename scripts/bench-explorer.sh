#!/usr/bin/env bash
# The tool explorer of the cncf-landscape corpus (about 3,900 tools ever
# listed, 2,400 in the newest release) in headless Chromium: time to its first
# render and to a search's result, and the size of its data (tools.js, drawn
# first, and the parts loaded after it).
# Run by `make bench`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$root/../shared/corpora/cncf-landscape}"
if [ ! -d "$corpus" ]; then
	echo "bench-explorer: $corpus not found; skipped"
	exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/bin/landscape" analyze "$corpus" --out "$tmp" >/dev/null
page="$(ls "$tmp"/*/explorer.html)"
out="$(cd "$root/test/browser" && node bench-explorer.mjs "$page" 7)"
echo "$out"
echo "$out" | tail -1 | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	printf "explorer cncf-landscape: %d tools, first render %d ms, search %d ms, data %.2f MB (tools.js %.2f MB)\n",
		v["tools"], v["median_ms"], v["search_ms"], v["data_bytes"] / 1e6, v["first_bytes"] / 1e6
}'

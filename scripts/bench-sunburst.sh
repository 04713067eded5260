#!/usr/bin/env bash
# The sunburst of the newest cncf-landscape release (about 2,400 tools) with
# inline assets, in headless Chromium: time to first render and page size,
# against the targets (≤ 1 s, ≤ 1.5 MB). Run by `make bench`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$root/../shared/corpora/cncf-landscape}"
if [ ! -d "$corpus" ]; then
	echo "bench-sunburst: $corpus not found; skipped"
	exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/bin/landscape" chart sunburst "$corpus" --output-format html --assets inline -o "$tmp/sunburst.html"
out="$(cd "$root/test/browser" && node bench.mjs "$tmp/sunburst.html" 7)"
echo "$out"
echo "$out" | tail -1 | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	printf "sunburst cncf-landscape: first render %d ms (target 1000 ms: %.2fx), page %.2f MB (target 1.5 MB: %.2fx)\n",
		v["median_ms"], v["median_ms"] / 1000, v["bytes"] / 1e6, v["bytes"] / 1.5e6
}'

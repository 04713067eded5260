#!/usr/bin/env bash
# fuzz.sh [TIME] — runs every fuzz target of the repository for TIME each
# (default 60s; any `go test -fuzztime` value: 15s, 2m, 10000x), one after
# the other: `go test -fuzz` runs one target of one package at a time.
#
#   make test   runs it with 10s per target, make fuzz with $(FUZZTIME).
#
# A failing input is written by the go tool to the package's
# testdata/fuzz/FuzzX/ and the script stops with its error: fix the code and
# keep the file, which `go test` then runs as a regression case. A target
# that fails without a failing input (the engine gave up: a starved worker on
# a loaded machine) is run once more. New
# interesting inputs go to the go tool's cache ($(go env GOCACHE)/fuzz), not to
# the repository. GO overrides the go command; FUZZ_PARALLEL sets -parallel
# (default: the go tool's, GOMAXPROCS).
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-60s}
go=${GO:-go}
parallel=()
if [[ -n "${FUZZ_PARALLEL:-}" ]]; then
	parallel=(-parallel "$FUZZ_PARALLEL")
fi

# package and target, one per line.
targets="
./pipeline/read FuzzCanonical
./pipeline/read FuzzCNCF
./pipeline/read FuzzMarkdown
./pipeline/read FuzzCSV
./pipeline/read FuzzCNCFBlocks
./pipeline/identity FuzzNormalize
./pipeline/identity FuzzParseAliases
./pipeline/taxonomy FuzzParseOverrides
./pipeline/read FuzzManifest
./pipeline/export FuzzSourceNotes
./pipeline/export FuzzCSVCopies
./pipeline/export FuzzMarkdownText
"

# crashers counts the failing inputs kept for a target.
crashers() { { find "$1/testdata/fuzz/$2" -type f 2>/dev/null || true; } | wc -l; }

while read -r pkg target; do
	[[ -z "$pkg" ]] && continue
	for attempt in 1 2; do
		echo "== $target ($pkg) for $time"
		start=$(date +%s)
		before=$(crashers "$pkg" "$target")
		out=$(mktemp)
		set +e
		"$go" test -run '^$' -fuzz "^${target}\$" -fuzztime "$time" ${parallel[@]+"${parallel[@]}"} "$pkg" 2>&1 | tee "$out" | grep -v '^fuzz: elapsed'
		status=${PIPESTATUS[0]}
		set -e
		last=$(grep '^fuzz: elapsed' "$out" | tail -1 || true)
		seed=$(grep -c 'seed corpus entry' "$out" || true)
		rm -f "$out"
		echo "   $target: ${last#fuzz: } ($(( $(date +%s) - start ))s with the build)"
		[[ $status -eq 0 ]] && break
		if [[ $seed -gt 0 ]]; then
			echo "fuzz.sh: $target fails on an input of its seed corpus (above)" >&2
			exit "$status"
		fi
		if [[ $(crashers "$pkg" "$target") -gt $before ]]; then
			echo "fuzz.sh: $target failed; the failing input is in $pkg/testdata/fuzz/$target/" >&2
			exit "$status"
		fi
		# No failing input was written: the fuzzing engine itself gave up
		# (a worker starved on a loaded machine, say). Try once more.
		if [[ $attempt -eq 2 ]]; then
			echo "fuzz.sh: $target failed twice without a failing input (see above)" >&2
			exit "$status"
		fi
		echo "fuzz.sh: $target failed without a failing input; trying again" >&2
	done
done <<<"$targets"

#!/usr/bin/env bash
# Installs what the DuckDB dataset checks need: @duckdb/node-api, pinned by
# test/duckdb/package-lock.json (its DuckDB binary ships inside the npm
# package). Idempotent: does nothing when the installed packages match the
# lock file and load. The landscape CLI itself does not use DuckDB.
set -euo pipefail
cd "$(dirname "$0")/../test/duckdb"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	if command -v apt-get >/dev/null; then
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
	else
		echo "setup-duckdb: node and npm are needed" >&2
		exit 1
	fi
fi

stamp=node_modules/.landscape-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
loads() { node --input-type=module -e "await import('@duckdb/node-api')" >/dev/null 2>&1; }
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && loads; then
	exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
loads || { echo "setup-duckdb: @duckdb/node-api does not load after npm ci" >&2; exit 1; }
echo "$want" >"$stamp"
echo "setup-duckdb: @duckdb/node-api $(node -p "require('@duckdb/node-api/package.json').version") installed in test/duckdb"

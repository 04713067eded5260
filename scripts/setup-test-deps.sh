#!/usr/bin/env bash
# Installs what the browser tests need (idempotent):
#   - Chromium from Debian (/usr/bin/chromium), when it is missing;
#   - test/browser's npm dependencies (playwright-core, pinned in
#     package-lock.json; it drives the system Chromium and downloads no
#     browser of its own).
# Then run: LANDSCAPE_BROWSER=1 go test ./charts/html/
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "setup-test-deps: need root (or sudo) for: $*" >&2
		return 1
	fi
}

if [ ! -x /usr/bin/chromium ]; then
	echo "setup-test-deps: installing chromium (apt-get)"
	as_root apt-get update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "setup-test-deps: installing nodejs and npm (apt-get)"
	as_root apt-get update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
fi

cd "$root/test/browser"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
want="$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version')"
have="$(node -p 'try { require("./node_modules/playwright-core/package.json").version } catch (e) { "" }')"
if [ "$have" != "$want" ]; then
	echo "setup-test-deps: npm ci in test/browser (playwright-core $want)"
	if ! npm ci --no-audit --no-fund; then
		npm install --no-audit --no-fund
	fi
else
	echo "setup-test-deps: test/browser dependencies up to date (playwright-core $have)"
fi

/usr/bin/chromium --version 2>/dev/null || true
echo "setup-test-deps: done"

# landscape — see README.md. Every target works on a fresh machine with Go,
# Debian's apt and the npm registry.
GO      ?= go
BIN     := bin/landscape
CATALOG ?= snapshots/mlops
OUT     ?= out
FUZZTIME ?= 60s

.PHONY: all build run test test-deps bench snapshots fuzz vet clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/landscape

# The main job: analyse the bundled catalog into out/.
run: build
	./$(BIN) analyze $(CATALOG) --out $(OUT)

# Installs what the tests need (Chromium, playwright-core, DuckDB for node),
# then runs every test. The LANDSCAPE_* variables turn "skip when the tool is
# missing" into "fail when the tool is missing".
# The tests are built with -tags failpoints, which arms the kill points of
# the kill tests (internal/failpoint); the product never reads them.
test: test-deps
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) vet -tags failpoints ./...
	GO=$(GO) bash scripts/fuzz.sh 10s
	LANDSCAPE_BROWSER=1 LANDSCAPE_DUCKDB=1 $(GO) test -tags failpoints -count=1 -timeout 30m ./...

test-deps:
	bash scripts/setup-test-deps.sh
	bash scripts/setup-duckdb.sh

bench: build test-deps
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...
	bash scripts/bench-sunburst.sh
	bash scripts/bench-explorer.sh

# Regenerates snapshots/mlops/*.yaml from snapshots/mlops/tools.yaml, byte for byte.
snapshots:
	$(GO) run ./cmd/snapgen

# Runs every fuzz target for FUZZTIME each (scripts/fuzz.sh).
fuzz:
	GO=$(GO) bash scripts/fuzz.sh $(FUZZTIME)

vet:
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) vet -tags failpoints ./...

clean:
	rm -rf bin $(OUT)

# dimona — the two commands: `make demo` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export CARGO_TERM_COLOR ?= never
DEVSERVER := $(or $(CARGO_TARGET_DIR),target)/debug/dimona-devserver
PORT ?= 8080
WASM_TEST := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown

.PHONY: help setup setup-browser build devserver link demo test lint test-rust test-wasm test-wasm-node \
        test-wasm-browser test-node test-ts test-stacks test-server test-e2e test-fuzz bench fuzz fmt clean

help:
	@echo "make demo   build everything and serve the demo page on the embedded RSZ simulator"
	@echo "make test   every test layer, from cargo test to the browser end to end"
	@echo "make build  the npm package in pkg/;  make bench  benchmarks into BENCHMARKS.md"

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh browser

build: setup
	@scripts/build-pkg.sh

devserver:
	cargo build -p dimona-devserver

# Lets tests and examples `import "dimona"` exactly as after `npm install ./pkg`.
link:
	@mkdir -p node_modules && ln -sfn ../pkg node_modules/dimona

demo: build devserver
	$(DEVSERVER) --port $(PORT)

test: setup-browser lint test-rust test-fuzz build link test-wasm test-node test-ts test-stacks test-server devserver test-e2e
	@echo "make test: all layers passed"

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -p dimona --no-default-features --features bindings -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -p dimona-rules -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -p dimona-sim -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -p dimona --no-default-features --features validator -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -p dimona-validator -- -D warnings

# The identifier checks are also compared with python-stdnum on 12,000 generated numbers.
test-rust:
	cargo test --workspace
	python3 scripts/crosscheck_ids.py

test-wasm: test-wasm-node test-wasm-browser

test-wasm-node:
	$(WASM_TEST) --test wasm_node

# The browser wasm tests go through scripts/wasm-browser-runner.mjs: wasm-bindgen-test-runner
# serves the test page on a free loopback port and Debian's headless Chromium (playwright-core)
# loads it through a small proxy that gives each request a connection of its own. Loading the
# runner's server directly, Chromium often left the page loading (15 of 24 starts under
# chromedriver, 4 of 20 under playwright-core, on a loaded machine): that server (tiny_http 0.12)
# can lose a wake-up of its task pool when several connections arrive at once, and the connection
# left over is never read while the pool's four threads wait on the browser's idle keep-alive
# connections.
test-wasm-browser: setup-browser
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(CURDIR)/scripts/wasm-browser-runner.mjs \
	  cargo test --target wasm32-unknown-unknown --test wasm_browser

test-node: link
	node --test --test-concurrency=1 tests/node/

test-ts: link
	node_modules/.bin/tsc -p tests/ts/tsconfig.json

# The packed package in scratch projects of each stack (tests/stacks/projects), installs cached
# under $${XDG_CACHE_HOME:-~/.cache}/dimona/stacks; STACKS=vite,next runs some of them.
test-stacks: link
	node --test --test-concurrency=1 tests/stacks/

# dimona/server: the same test files in Node, Deno and Bun (binaries from npm), its types, and a
# short run of its fuzz harness. `make fuzz` runs the harness FUZZ_RUNS times per target.
DENO := node_modules/@deno/linux-x64-glibc/deno
BUN := node_modules/@oven/bun-linux-x64/bin/bun
FUZZ_RUNS ?= 1000000
test-server: setup
	node --test --test-concurrency=1 tests/server/
	$(DENO) test --allow-net=127.0.0.1 --allow-read=. tests/server/
	$(BUN) test tests/server/
	node_modules/.bin/tsc -p tests/server/tsconfig.json
	FUZZ_RUNS=10000 node tests/server/fuzz.mjs

test-e2e: link
	DIMONA_DEVSERVER=$(DEVSERVER) node --test --test-concurrency=1 tests/e2e/

# The fuzz properties replayed on the seed corpus, regressions and a pseudo-random sweep, then a
# short libFuzzer run of every target. `make fuzz` runs each target for FUZZ_SECONDS.
FUZZ_SECONDS ?= 600
test-fuzz:
	cargo fmt --manifest-path fuzz/Cargo.toml --check
	cargo clippy --manifest-path fuzz/Cargo.toml --release --all-targets -- -D warnings
	cargo test --manifest-path fuzz/Cargo.toml --release
	scripts/fuzz.sh 10

fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)
	FUZZ_RUNS=$(FUZZ_RUNS) nice -n 19 node tests/server/fuzz.mjs

# Benchmarks (measurements, never pass/fail): rewrites the tables in BENCHMARKS.md.
bench: build link devserver
	DIMONA_DEVSERVER=$(DEVSERVER) bench/run.sh

fmt:
	cargo fmt --all

clean:
	rm -rf pkg target node_modules/dimona

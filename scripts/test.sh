#!/usr/bin/env bash
# Sets up every tool (idempotently) and runs every test: formatting, lints (native and wasm),
# native unit and conformance tests, browser tests in headless Chromium, the release build, and
# end-to-end tests that drive Debian's Chromium against the built dist/ on loopback.
# Exits non-zero on the first failure. This is the README's test command and what CI runs.
set -euo pipefail

cd "$(dirname "$0")/.."
scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all --check

step "lint (native)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "lint (wasm app)"
cargo clippy -p logins-viewer --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "native tests"
cargo test --workspace --locked

step "browser tests (wasm-bindgen-test in headless Chromium)"
cargo test -p logins-viewer --target wasm32-unknown-unknown --locked --test browser

step "release build (trunk, offline)"
trunk build --release --offline

step "end-to-end tests (Playwright + Debian Chromium against dist/, served by the proxy's stand-in)"
# Already compiled by the native tests above; this only links the binary the tests start.
cargo build -p logins-proxy --locked
# A hung browser or server must fail the run with a message, not hold CI until its own limit:
# the suite takes ~6 minutes here, each test has its own hang guard (10x its time or more), and
# 40 minutes is the last resort if the runner itself hangs.
if ! timeout --kill-after=30 2400 node tests/e2e/run.mjs; then
  echo "end-to-end tests failed (or ran past 40 minutes: timeout)" >&2
  exit 1
fi

step "all tests passed"

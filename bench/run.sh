#!/usr/bin/env bash
# The benchmark command (bench/README.md): builds the release app and proxy, runs every
# benchmark on loopback, and writes bench/RESULTS.md.
#
#   bench/run.sh                 5 runs of each browser measurement (about 10 minutes here)
#   RUNS=3 bench/run.sh          fewer runs, for a quick look
#   SKIP_SDK=1 bench/run.sh      without the Python SDK baseline (it needs PyPI once)
#   SKIP_STAGES=1 bench/run.sh   without the logon-phase analysis (~3 minutes at 3 requests/s)
#   SKIP_TARGETS=1 bench/run.sh  without section 10, Fetch all of three targets against one (~1 minute)
#
# Exits non-zero when a benchmark fails, when the proxy load test sees an error, or (after
# writing the results) when the bundle is over its gzip budget: 2 means "over budget".
# Not part of scripts/test.sh: timings are figures to read, not assertions.
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${RUNS:-5}
# The gateway latency of the second comparison with the SDK (each page answered after this many
# ms ±50%): on loopback a page costs ~15 ms, and the real API takes longer.
latency_ms=${LATENCY_MS:-100}
out=$PWD/bench/out  # absolute: cargo bench runs the harness in core/
mkdir -p "$out"
rm -f "$out"/*.json

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup (idempotent)"
scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh
if [[ -z "${SKIP_SDK:-}" ]]; then
  # The official Python SDK, in a virtualenv of its own under bench/ (gitignored).
  if ! bench/.venv/bin/python -c 'import huaweicloudsdkworkspace' 2>/dev/null \
    || ! cmp -s bench/requirements.txt bench/.venv/requirements.txt; then
    echo "installing bench/requirements.txt into bench/.venv"
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
    cp bench/requirements.txt bench/.venv/requirements.txt
  fi
fi

step "build: the app (trunk, release) and the proxy (cargo, release)"
trunk build --release --offline
cargo build --release -p logins-proxy --locked
proxy_bin=target/release/logins-proxy

step "1. bundle sizes"
bundle_status=0
node bench/bundle.mjs --dist dist --json "$out/bundle.json" || bundle_status=$?
if [[ $bundle_status -ne 0 && $bundle_status -ne 2 ]]; then exit "$bundle_status"; fi

step "7. native micro-benchmarks of core"
cargo bench -p logins-core --bench micro --locked -- --json "$out/micro.json"

step "2-5. browser: start-up, Fetch all 10,000 and 100,000, interactions, memory ($runs runs)"
LOGINS_PROXY_BIN=$proxy_bin node bench/browser.mjs --runs "$runs" --sizes 10000,100000 \
  --latency-ms "$latency_ms" --json "$out/browser.json"

# Stand-ins with the same 100,000 records for the SDK and the load test: one answering at once,
# one with the gateway latency.
step "6. the Python SDK reading the same 100,000 records; proxy load"
logs=()
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true; rm -f "${logs[@]}"' EXIT
start_stand_in() { # extra flags...; sets $base and $server
  local log
  log=$(mktemp)
  logs+=("$log")
  "$proxy_bin" --stand-in --records 100000 --seed 1 --now-unix 1735689600 \
    --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  server=$!
  servers+=("$server")
  base=
  for _ in $(seq 1 300); do
    base=$(sed -n 's/.*listening on \(http:\/\/[^ ]*\).*/\1/p' "$log" | head -n 1)
    [[ -n "$base" ]] && return 0
    sleep 0.1
  done
  cat "$log" >&2
  echo "the stand-in did not start" >&2
  exit 1
}
if [[ -z "${SKIP_SDK:-}" ]]; then
  start_stand_in --latency-ms "$latency_ms"
  bench/.venv/bin/python bench/sdk_baseline.py --endpoint "$base" --runs "$runs" \
    --expect 100000 --latency-ms "$latency_ms" >"$out/sdk-latency.json"
fi
start_stand_in
if [[ -z "${SKIP_SDK:-}" ]]; then
  bench/.venv/bin/python bench/sdk_baseline.py --endpoint "$base" --runs "$runs" \
    --expect 100000 >"$out/sdk.json"
fi
node bench/load.mjs --base "$base" --pid "$server" --json "$out/load.json"

if [[ -z "${SKIP_STAGES:-}" ]]; then
  step "logon-phase analysis (500 logins at 100 ms, ~3 minutes: the rate limit)"
  LOGINS_PROXY_BIN="$proxy_bin" node bench/stages.mjs --json "$out/stages.json"
fi

if [[ -z "${SKIP_TARGETS:-}" ]]; then
  step "10. Fetch all: three targets totalling 100,000 against one of 100,000 ($runs runs each)"
  LOGINS_PROXY_BIN="$proxy_bin" node bench/targets.mjs --runs "$runs" --json "$out/targets.json"
fi

step "results"
node bench/report.mjs --in "$out" --out bench/RESULTS.md
if [[ $bundle_status -eq 2 ]]; then
  echo "the bundle is over its gzip budget (see bench/RESULTS.md, section 1)" >&2
fi
exit "$bundle_status"

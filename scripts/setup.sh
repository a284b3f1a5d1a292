#!/usr/bin/env bash
# Installs every tool the project needs, idempotently: each step checks what is present (and its
# version) and skips it. Safe to run on every build; a warm run takes a few seconds.
#
#   scripts/setup.sh            everything (build + test tools)
#   scripts/setup.sh --build    only what building and serving the app needs
#
# Nothing here downloads from outside the package registries (crates.io, Debian, npm): trunk is
# always run with --offline, and the browser is Debian's Chromium, never a downloaded one.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

want_test_tools=1
[[ "${1:-}" == "--build" ]] && want_test_tools=0

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

TRUNK_VERSION=0.21.14

# The wasm-bindgen CLI must match the library version in Cargo.lock exactly, and Trunk.toml pins
# the same version so trunk uses the installed CLI instead of downloading one.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
trunk_pin=$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' Trunk.toml)
if [[ -z "$wasm_bindgen_version" ]]; then
  echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if [[ "$wasm_bindgen_version" != "$trunk_pin" ]]; then
  echo "setup: Cargo.lock has wasm-bindgen $wasm_bindgen_version but Trunk.toml pins $trunk_pin;" >&2
  echo "       set [tools] wasm_bindgen = \"$wasm_bindgen_version\" in Trunk.toml." >&2
  exit 1
fi

# --- Rust: the wasm target --------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# --- trunk (a cold install takes ~15 minutes on 2 cores: never reinstall a present one) --------
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  log "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores)"
  # 0.22 needs a newer rustc than this machine's; --locked keeps trunk's own tested dependencies.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen-cli, at exactly the Cargo.lock version -----------------------------------------
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]]; then
  log "installing wasm-bindgen-cli $wasm_bindgen_version"
  # Without --locked: with it the install fails here (a yanked pinned dependency).
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

# --- JavaScript tools: binaryen (wasm-opt 132), playwright-core and axe-core ----------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing Node.js and npm from Debian"
  apt_install nodejs npm
fi
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.package-lock-source 2>/dev/null; then
  log "installing JavaScript tools (npm ci)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.package-lock-source
fi
if [[ "$(wasm-opt --version 2>/dev/null || true)" != *"version 132"* ]]; then
  echo "setup: wasm-opt on PATH is not binaryen 132 ($(command -v wasm-opt || echo none)); expected node_modules/.bin first" >&2
  exit 1
fi

# --- Debian's Chromium and ChromeDriver for browser and end-to-end tests ------------------------
if (( want_test_tools )); then
  if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    log "installing Debian's chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
fi

# --- Rust dependencies, so that --offline builds find everything ---------------------------------
cargo fetch --locked >/dev/null

log "ready (trunk $TRUNK_VERSION, wasm-bindgen $wasm_bindgen_version, $(wasm-opt --version))"

# Shared environment of the project's scripts; sourced, never run.
# Puts the project's pinned JavaScript tools (wasm-opt 132) ahead of any system copy, and keeps
# trunk from ever reaching for the network.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$repo_root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
# wasm-bindgen-test-runner looks for webdriver.json in the current directory; scripts run from the
# repository root, where it lives.

# apt_install PKG...: Debian packages, with one `apt-get update` per run (root or sudo).
apt_install() {
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  if [[ -z "${_apt_updated:-}" ]]; then
    $sudo apt-get update -qq
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

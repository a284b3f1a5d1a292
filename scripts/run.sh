#!/usr/bin/env bash
# Sets up the build tools (idempotently), builds the app and the proxy, and serves the app next
# to the local stand-in of the Workspace API (logins-proxy --stand-in), on loopback:
#
#   scripts/run.sh                        http://127.0.0.1:8080/, 100,000 demo records
#   PORT=9000 RECORDS=1000000 scripts/run.sh
#   LIVE=1 scripts/run.sh                 live data: logins keep arriving, sessions end, and an
#                                         incident (failures, high RTT) starts 5 minutes after
#                                         the start for 15 minutes (INCIDENT_IN, INCIDENT_MINUTES:
#                                         minutes; INCIDENT_IN=off for none)
#
# Open the printed URL: the first screen is prefilled for the stand-in (from /app-config.json),
# so "Run query" and "Fetch all" send real signed requests at once. Stop with Ctrl-C.
# For UI-only work with live reload, `trunk serve` still works (README, Development).
set -euo pipefail

cd "$(dirname "$0")/.."
scripts/setup.sh --build
# shellcheck source=scripts/env.sh
source scripts/env.sh

port=${PORT:-8080}
address=${ADDRESS:-127.0.0.1}
records=${RECORDS:-100000}

printf '\n\033[1m== building the app (trunk, release, offline)\033[0m\n'
trunk build --release --offline
printf '\n\033[1m== building the proxy (cargo, release)\033[0m\n'
cargo build --release -p logins-proxy --locked

url="http://$address:$port/"
[[ "$address" == "0.0.0.0" ]] && url="http://127.0.0.1:$port/"
cat <<MSG

$(printf '\033[1m')Open $url$(printf '\033[0m')
The first screen is prefilled for the local stand-in (proxy URL, region cn-north-4, endpoint,
project ID and the demo AK/SK it prints below; the demo values are not secrets).
Press "Run query" for one page or "Fetch all" for all $records records. Ctrl-C stops.

MSG
live=()
if [[ -n "${LIVE:-}" && "${LIVE}" != 0 ]]; then
  live=(--live)
  if [[ "${INCIDENT_IN:-5}" != off ]]; then
    incident_at=$(( $(date +%s) + 60 * ${INCIDENT_IN:-5} ))
    live+=(--incident-at "$incident_at" --incident-minutes "${INCIDENT_MINUTES:-15}")
  fi
  cat <<MSG
Live data: new logins arrive as time passes and ongoing sessions end; turn on "Watch".
$([[ -n "${incident_at:-}" ]] && echo "An incident starts at $(date -d "@$incident_at" +%H:%M) for ${INCIDENT_MINUTES:-15} minutes: about half the logins fail, the others at 600-900 ms RTT.")

MSG
fi
exec target/release/logins-proxy --stand-in --records "$records" "${live[@]}" --serve-dir dist --listen "$address:$port"

#!/usr/bin/env bash
# Sets up the build tools (idempotently), builds the app and serves it on loopback.
#   PORT=8080 (default) scripts/run.sh
# Open the printed URL. Stop with Ctrl-C. The server rebuilds when a source file changes.
set -euo pipefail

cd "$(dirname "$0")/.."
scripts/setup.sh --build
# shellcheck source=scripts/env.sh
source scripts/env.sh

port=${PORT:-8080}
address=${ADDRESS:-127.0.0.1}

printf '\n\033[1mThe app will be at http://%s:%s/ once the build below finishes.\033[0m\n\n' "$address" "$port"
exec trunk serve --release --offline --address "$address" --port "$port"

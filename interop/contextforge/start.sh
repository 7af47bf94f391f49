#!/bin/sh
# Starts ContextForge on 127.0.0.1:$1 with a database and secrets of its own, all removed when it exits.
# Run it with exec (`exec sh start.sh {port}`) so that a stop signal reaches this script and its cleanup first.
# The state folder is named by the port so the register hook (which knows only the port) finds the JWT secret.
set -eu
port="$1"
here="$(cd "$(dirname "$0")" && pwd)"
state="$(dirname "$(mktemp -u)")/contextforge-$port"
rm -rf "$state"
mkdir -m 700 "$state"
gateway=
trap 'rm -rf "$state"' EXIT
# Removed before the gateway is told to stop: its shutdown can outlast a harness's grace period before SIGKILL.
trap 'rm -rf "$state"; kill -TERM "$gateway" 2>/dev/null; wait "$gateway" || true; exit 143' TERM INT

. "$here/settings.sh"
# SQLite without Redis.
export DATABASE_URL="sqlite:///$state/mcp.db" CACHE_TYPE=database

# Optional: keep its log past the cell (the state folder goes when it exits), one file per start.
if [ -n "${CONTEXTFORGE_LOG_DIR:-}" ]; then
  export LOG_TO_FILE=true LOG_FOLDER="$CONTEXTFORGE_LOG_DIR" LOG_FILE="contextforge-$port-$(date +%s).log"
fi

"$here/.venv/bin/mcpgateway" --host 127.0.0.1 --port "$port" &
gateway=$!
wait "$gateway"

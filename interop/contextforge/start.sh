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

# Secrets as its docs require (random per cell: 32+ characters, not a known default).
"$here/.venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))' > "$state/jwt-secret"
export JWT_SECRET_KEY="$(cat "$state/jwt-secret")"
export AUTH_ENCRYPTION_SECRET="$("$here/.venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))')"
export PLATFORM_ADMIN_EMAIL=admin@example.com
export PLATFORM_ADMIN_PASSWORD="$("$here/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(24))')"
export BASIC_AUTH_PASSWORD="$PLATFORM_ADMIN_PASSWORD"
export AUTH_REQUIRED=true

# SQLite without Redis; the mock is on loopback; /mcp keeps sessions, which a notification needs to reach.
export DATABASE_URL="sqlite:///$state/mcp.db" CACHE_TYPE=database
export SSRF_ALLOW_LOCALHOST=true USE_STATEFUL_SESSIONS=true

# Optional: keep its log past the cell (the state folder goes when it exits), one file per start.
if [ -n "${CONTEXTFORGE_LOG_DIR:-}" ]; then
  export LOG_TO_FILE=true LOG_FOLDER="$CONTEXTFORGE_LOG_DIR" LOG_FILE="contextforge-$port-$(date +%s).log"
fi

"$here/.venv/bin/mcpgateway" --host 127.0.0.1 --port "$port" &
gateway=$!
wait "$gateway"

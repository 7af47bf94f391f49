#!/bin/sh
# --setup: wait for ContextForge, mint an admin token with its own JWT tool, register this cell's mock as a gateway,
# and print the gateway id and the token as setup outputs ({gateway_id}, {token}).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
base="http://127.0.0.1:$MCP_NOTIFY_CHECK_PORT"
# The hook runs before the probe connects (the header uses {token}), so it waits for start-up itself.
curl -sf -o /dev/null --retry 60 --retry-delay 1 --retry-all-errors --retry-max-time 28 "$base/health"

JWT_SECRET_KEY="$(cat "$(dirname "$(mktemp -u)")/contextforge-$MCP_NOTIFY_CHECK_PORT/jwt-secret")"
export JWT_SECRET_KEY
token="$("$here/.venv/bin/python" -m mcpgateway.utils.create_jwt_token -u admin@example.com --admin --exp 60 2>/dev/null)"

case "$MCP_NOTIFY_CHECK_TRANSPORT" in sse) transport=SSE ;; *) transport=STREAMABLEHTTP ;; esac
body="{\"name\":\"mock\",\"url\":\"$MCP_NOTIFY_CHECK_URL\",\"transport\":\"$transport\",\"visibility\":\"public\"}"
curl -sS --fail-with-body -X POST "$base/gateways" -H "Authorization: Bearer $token" \
  -H 'content-type: application/json' -d "$body" |
  "$here/.venv/bin/python" -c 'import json, sys; print("@mcp-notify-check set gateway_id=" + json.load(sys.stdin)["id"])'
echo "@mcp-notify-check set token=$token"

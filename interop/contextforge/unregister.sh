#!/bin/sh
# --teardown: remove the gateway the register hook added ($1 = {gateway_id}, $2 = {token}).
set -eu
curl -sS --fail-with-body -o /dev/null -X DELETE -H "Authorization: Bearer $2" \
  "http://127.0.0.1:$MCP_NOTIFY_CHECK_PORT/gateways/$1"

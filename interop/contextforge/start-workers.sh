#!/bin/sh
# Starts ContextForge as two workers, each its own process on its own port (127.0.0.1:$1 and :$2), sharing one SQLite
# database and one Redis (a private redis-server on a socket in the state folder), as a horizontally scaled deployment
# runs it: Redis carries the cache, leader election, session affinity and the event bus between workers.
# Run it with exec (`exec sh start-workers.sh {port} {port2}`) so that a stop signal reaches this script first.
set -eu
port="$1"
port2="$2"
here="$(cd "$(dirname "$0")" && pwd)"
state="$(dirname "$(mktemp -u)")/contextforge-$port"
rm -rf "$state"
mkdir -m 700 "$state"
command -v redis-server >/dev/null || { echo "start-workers.sh: needs redis-server (Debian: apt-get install redis-server)" >&2; exit 1; }
redis= first= second=
# Every path out ends both workers and Redis: a stop signal, and either worker exiting by itself. The state folder goes
# first, as in start.sh: a worker's shutdown can outlast a harness's grace period before SIGKILL.
stop() {
  trap - EXIT
  rm -rf "$state"
  for pid in $second $first; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $second $first; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$redis" ]; then kill -TERM "$redis" 2>/dev/null || true; wait "$redis" 2>/dev/null || true; fi
}
trap stop EXIT
trap 'exit 143' TERM INT

. "$here/settings.sh"

redis-server --port 0 --unixsocket "$state/redis.sock" --unixsocketperm 700 --save '' --appendonly no --dir "$state" >"$state/redis.log" 2>&1 &
redis=$!
export DATABASE_URL="sqlite:///$state/mcp.db" CACHE_TYPE=redis REDIS_URL="unix://$state/redis.sock"
export MCPGATEWAY_SESSION_AFFINITY_ENABLED=true

if [ -n "${CONTEXTFORGE_LOG_DIR:-}" ]; then
  export LOG_TO_FILE=true LOG_FOLDER="$CONTEXTFORGE_LOG_DIR"
fi
# The first worker creates the database; the second starts once it answers, so the two never migrate at once.
LOG_FILE="contextforge-$port-a-$(date +%s).log" "$here/.venv/bin/mcpgateway" --host 127.0.0.1 --port "$port" &
first=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
  kill -0 "$first" 2>/dev/null || exit 1
  sleep 0.2
done
LOG_FILE="contextforge-$port-b-$(date +%s).log" "$here/.venv/bin/mcpgateway" --host 127.0.0.1 --port "$port2" &
second=$!
# Either worker ending ends the deployment (the harness sees the gateway exit).
while kill -0 "$first" 2>/dev/null && kill -0 "$second" 2>/dev/null; do sleep 0.5; done

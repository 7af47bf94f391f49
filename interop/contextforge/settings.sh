# Sourced by start.sh and start-workers.sh (with $here and $state set): the settings every ContextForge start needs.
# Secrets as its docs require (random per cell: 32+ characters, not a known default); the JWT secret is kept in the
# state folder, where the register hook reads it to mint its token.
"$here/.venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))' > "$state/jwt-secret"
export JWT_SECRET_KEY="$(cat "$state/jwt-secret")"
export AUTH_ENCRYPTION_SECRET="$("$here/.venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))')"
export PLATFORM_ADMIN_EMAIL=admin@example.com
export PLATFORM_ADMIN_PASSWORD="$("$here/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(24))')"
export BASIC_AUTH_PASSWORD="$PLATFORM_ADMIN_PASSWORD"
export AUTH_REQUIRED=true
# The mock is on loopback; /mcp keeps sessions, which a notification needs to reach.
export SSRF_ALLOW_LOCALHOST=true USE_STATEFUL_SESSIONS=true

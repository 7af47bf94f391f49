#!/usr/bin/env bash
# The GitHub Action's work, kept out of action.yml so that it can be run (and tested) outside GitHub with the same
# environment variables: GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_JOB, RUNNER_TEMP and the MNC_*
# inputs that action.yml passes.
#
#   run.sh cache-key   writes lock-hash and npm-cache outputs, for the step that restores npm's cache
#   run.sh             sets up mcp-notify-check, runs it, and reports to GitHub (outputs, job summary, ::error lines)
#
# Exit code: the run's own (0 passed, 1 a check failed, 2 usage or harness error). A setup that fails (a bad input,
# the install, the build) is 2 as well, with an ::error that names the step; it never looks like a failed check.
set -uo pipefail

action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
output="${GITHUB_OUTPUT:-/dev/null}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"

# Workflow command escaping: data gets %, CR and LF encoded; a property (title=…) also : and ,.
escape_data() { local s="${1//'%'/%25}"; s="${s//$'\r'/%0D}"; printf '%s' "${s//$'\n'/%0A}"; }
escape_property() { local s; s="$(escape_data "$1")"; s="${s//:/%3A}"; printf '%s' "${s//,/%2C}"; }

if [ "${1:-}" = cache-key ]; then
  echo "lock-hash=$(node -e 'process.stdout.write(require("node:crypto").createHash("sha256").update(require("node:fs").readFileSync(process.argv[1])).digest("hex").slice(0, 16))' "$action_path/package-lock.json")" >> "$output"
  echo "npm-cache=$(npm config get cache)" >> "$output"
  exit 0
fi

# A per-job artifact name, so that the jobs of a matrix (shards, Node versions, …) never collide.
artifact="${MNC_ARTIFACT_NAME:-}"
if [ -z "$artifact" ]; then
  artifact="mcp-notify-check-${GITHUB_JOB:-job}"
  total="${MNC_JOB_TOTAL:-1}"
  if [ "${total:-1}" -gt 1 ] 2>/dev/null; then artifact+="-$(( ${MNC_JOB_INDEX:-0} + 1 ))-of-$total"; fi
  if [ -n "${MNC_SHARD:-}" ]; then artifact+="-shard-${MNC_SHARD//\//-of-}"; fi
fi
report_dir="mcp-notify-check-report"
{
  echo "artifact=$artifact"
  echo "report-dir=$report_dir"
} >> "$output"

# A setup failure: exit 2, one ::error naming the step, and the same in the job summary.
setup_failed() {
  local step="$1" message="$2"
  echo "::error title=$(escape_property "mcp-notify-check setup: $step")::$(escape_data "$message")"
  printf '### mcp-notify-check could not run\n\n**%s**: %s\n' "$step" "$message" >> "$summary"
  echo "exit-code=2" >> "$output"
  exit 2
}

# The first lines a failed npm printed that say why (not the pointer to its debug log).
npm_reason() { grep -E '^npm (error|ERR!) ' "$1" | grep -vE 'A complete log|^npm (error|ERR!) *$' | head -n 2 | sed -E 's/^npm (error|ERR!) //' | awk 'NR > 1 { printf "; " } { printf "%s", $0 }'; }

# --- the inputs ---------------------------------------------------------------------------------------------------
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
[ "$node_major" -ge 20 ] || setup_failed "node" "mcp-notify-check needs Node 20 or later on the runner (found: $(node --version 2>/dev/null || echo none)); add actions/setup-node before this step"
targets=0
[ -n "${MNC_CLIENT:-}" ] && targets=$((targets + 1))
[ -n "${MNC_GATEWAY:-}" ] && targets=$((targets + 1))
[ -n "${MNC_SERVER:-}${MNC_SERVER_URL:-}" ] && targets=$((targets + 1))
[ "$targets" -eq 1 ] || setup_failed "inputs" "give exactly one of client, gateway, or server (and/or server-url); got $targets"
[ -z "${MNC_GATEWAY:-}" ] || [ -n "${MNC_DOWNSTREAM:-}" ] || setup_failed "inputs" "gateway needs downstream: stdio, or the URL where the gateway serves its users (e.g. http://127.0.0.1:{port}/mcp)"
case "${MNC_FAIL_ON:-all}" in must|should|all) ;; *) setup_failed "inputs" "fail-on must be must, should or all (got \"$MNC_FAIL_ON\")" ;; esac
[ -z "${MNC_SHARD:-}" ] || [[ "$MNC_SHARD" =~ ^[1-9][0-9]*/[1-9][0-9]*$ ]] || setup_failed "inputs" "shard must be i/n, such as 1/3 (got \"$MNC_SHARD\")"
version="${MNC_VERSION:-}"
[ -z "$version" ] || [[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9.+-]*$ ]] || setup_failed "inputs" "version must be a published version or tag, such as 0.1.0 or latest (got \"$version\")"

# --- the tool -----------------------------------------------------------------------------------------------------
log="$(mktemp "$temp/mcp-notify-check-setup.XXXXXX")"
if [ -z "$version" ]; then
  # The copy in the action's own checkout: the tool at exactly the ref the workflow names, no registry package needed.
  # Stamps in node_modules say what an earlier use of the action in this job already did for this lock file.
  installed="$action_path/node_modules/.mcp-notify-check-installed"
  built="$action_path/node_modules/.mcp-notify-check-built"
  lock="$(cksum < "$action_path/package-lock.json")"
  if [ "$(cat "$installed" 2>/dev/null)" = "$lock" ]; then
    echo "mcp-notify-check: dependencies already installed in $action_path"
  else
    echo "::group::Install mcp-notify-check's dependencies in the action's checkout (npm ci)"
    (cd "$action_path" && npm ci --no-audit --no-fund --ignore-scripts) 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    echo "::endgroup::"
    [ "$rc" -eq 0 ] || setup_failed "install" "npm ci in the action's checkout failed (exit $rc): $(npm_reason "$log")"
    echo "$lock" > "$installed"
  fi
  if [ "$(cat "$built" 2>/dev/null)" = "$lock" ] && [ -f "$action_path/dist/src/cli.js" ]; then
    echo "mcp-notify-check: already built in $action_path"
  else
    echo "::group::Build mcp-notify-check (tsc)"
    (cd "$action_path" && npm run build --silent) 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    echo "::endgroup::"
    [ "$rc" -eq 0 ] || setup_failed "build" "the build in the action's checkout failed (exit $rc): $(grep -m 1 -E 'error TS[0-9]+' "$log" || tail -n 1 "$log")"
    echo "$lock" > "$built"
  fi
  cli=(node "$action_path/dist/src/cli.js")
else
  # A published package, once there is one: installed apart from the workspace, so a 404 is a setup error, not a verdict.
  prefix="$temp/mcp-notify-check-$version"
  echo "::group::Install mcp-notify-check@$version from npm"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund "mcp-notify-check@$version" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  echo "::endgroup::"
  [ "$rc" -eq 0 ] || setup_failed "install" "npm could not install mcp-notify-check@$version (exit $rc): $(npm_reason "$log"); leave version empty to run the action's own copy"
  cli=("$prefix/node_modules/.bin/mcp-notify-check")
fi

# --- the run ------------------------------------------------------------------------------------------------------
# Reports of an earlier use of the action in this job were uploaded by its own step; none of them may pass for this run's.
rm -rf "$report_dir"
args=(run --fail-on "${MNC_FAIL_ON:-all}" --out "$report_dir"
      --reporter junit --reporter html --reporter "markdown:$report_dir/summary.md" --reporter "json:$report_dir/report.json")
# A server speaks one transport, which its URL (or its absence) says.
[ -z "${MNC_SERVER:-}${MNC_SERVER_URL:-}" ] && args+=(--transport "${MNC_TRANSPORTS:-stdio,sse,http}")
[ -n "${MNC_CLIENT:-}" ] && args+=(--client "$MNC_CLIENT")
[ -n "${MNC_SERVER:-}" ] && args+=(--server "$MNC_SERVER")
[ -n "${MNC_SERVER_URL:-}" ] && args+=(--server-url "$MNC_SERVER_URL")
[ -n "${MNC_CHANGE_TOOL:-}" ] && args+=(--change-tool "$MNC_CHANGE_TOOL")
[ -n "${MNC_CHANGE_ARGS:-}" ] && args+=(--change-args "$MNC_CHANGE_ARGS")
[ -n "${MNC_CHANGE_CMD:-}" ] && args+=(--change-cmd "$MNC_CHANGE_CMD")
[ -n "${MNC_GATEWAY:-}" ] && args+=(--gateway "$MNC_GATEWAY" --downstream "$MNC_DOWNSTREAM")
[ -n "${MNC_SCENARIOS:-}" ] && args+=(--scenario "$MNC_SCENARIOS")
[ -n "${MNC_ERAS:-}" ] && args+=(--era "$MNC_ERAS")
[ -n "${MNC_DOWNSTREAM_ERA:-}" ] && args+=(--downstream-era "$MNC_DOWNSTREAM_ERA")
[ -n "${MNC_BASELINE:-}" ] && args+=(--baseline "$MNC_BASELINE")
[ -n "${MNC_SHARD:-}" ] && args+=(--shard "$MNC_SHARD")
# shellcheck disable=SC2206 -- extra arguments are split on spaces on purpose
[ -n "${MNC_ARGS:-}" ] && args+=($MNC_ARGS)

# stderr is shown as it comes and kept, so that a usage error (no report written) still becomes an ::error line.
errors="$(mktemp "$temp/mcp-notify-check-stderr.XXXXXX")"
{ "${cli[@]}" "${args[@]}" 2>&1 1>&3 3>&- | tee "$errors" 1>&2; } 3>&1
code=${PIPESTATUS[0]}
echo "exit-code=$code" >> "$output"

[ -f "$report_dir/summary.md" ] && cat "$report_dir/summary.md" >> "$summary"
if [ -f "$report_dir/report.json" ]; then
  node "$action_path/action/annotate.mjs" "$report_dir/report.json"
elif [ "$code" -ne 0 ]; then
  # No report: the run stopped before it began (a bad option, an unknown scenario). Its one-line reason is the error.
  sed -E 's/\x1b\[[0-9;]*m//g' "$errors" | grep -E '^(mcp-notify-check: |error: )' | while IFS= read -r line; do
    echo "::error title=mcp-notify-check::$(escape_data "$line")"
    printf '### mcp-notify-check could not run\n\n%s\n' "$line" >> "$summary"
  done
fi
exit "$code"

#!/usr/bin/env bash
# Lints docs/openapi.yaml with Redocly CLI (pinned below; rules: docs/redocly.yaml). Exits
# non-zero on any error. Part of the README's test command (infra/scripts/test.sh).
# Needs node 20+ and npm: the first run installs the CLI into infra/.tools/redocly (git-ignored,
# about 15 MB, a few seconds); later runs reuse it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REDOCLY_VERSION=2.77.0
tools=infra/.tools/redocly
installed=$tools/node_modules/@redocly/cli/package.json

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "error: the OpenAPI lint needs node (20 or newer) and npm on PATH; install them and try again." >&2
  exit 1
fi
# install only when missing or another version (grep: no extra tool to read the JSON)
if ! grep -q "\"version\": \"$REDOCLY_VERSION\"" "$installed" 2>/dev/null; then
  echo "Installing @redocly/cli@$REDOCLY_VERSION into $tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >/dev/null
fi
# no telemetry, no update check: CI machines reach the npm registry only
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
"$tools/node_modules/.bin/redocly" lint --config docs/redocly.yaml docs/openapi.yaml

#!/usr/bin/env bash
# The README's test command: builds every module and runs every test (unit, template checks,
# integration against the emulators, end to end through the local cloud) after linting
# docs/openapi.yaml (Redocly CLI: needs node + npm), then prints the function jar sizes.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source infra/scripts/find-jdk.sh
infra/scripts/lint-openapi.sh
mvn -B verify "$@"
infra/scripts/jar-sizes.sh

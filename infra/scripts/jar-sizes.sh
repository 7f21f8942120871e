#!/usr/bin/env bash
# Prints the size of each function's deployment jar (what Lambda loads at cold start).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
printf '%-28s %10s\n' "function jar" "bytes"
for jar in functions/*/target/function.jar; do
  printf '%-28s %10s\n' "$(basename "$(dirname "$(dirname "$jar")")")" "$(stat -c %s "$jar")"
done

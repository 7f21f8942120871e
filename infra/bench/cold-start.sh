#!/usr/bin/env bash
# Cold start per function (DESIGN.md, principle 3): jar size, JVM start, init, first and warm
# invoke, peak RSS; a fresh JVM per measurement, against the running local cloud (start it first
# with infra/local-cloud.sh). Options: --runs N (default 3), --classes. See docs/performance.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source infra/scripts/find-jdk.sh
# source-launch mode: nothing added to the Maven build
exec java infra/bench/ColdStart.java "$@"

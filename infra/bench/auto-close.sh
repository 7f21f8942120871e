#!/usr/bin/env bash
# Requests of one AutoClose run (C6; docs/performance.md, "Auto-close"): 100,000 open conversations
# of which 1,000 are due, against DynamoDB Local, counted by the RequestCounter every client has.
# Prints figures; times nothing that matters. Options as -D properties, e.g.
#   infra/bench/auto-close.sh -Dbench.companies=100 -Dbench.conversations=100000 -Dbench.due=1000 -Dbench.unansweredEvery=100
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source infra/scripts/find-jdk.sh
mvn -B -o -q -pl shared,functions/auto-close test -Dtest=AutoCloseBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DtrimStackTrace=false "$@" 2>&1 | grep --line-buffered -E "auto-close bench|ERROR|FAIL" || true

#!/usr/bin/env bash
# Search benchmark (C15, docs/performance.md "Search"): fills a fresh company of the RUNNING local cloud
# with 20,000 customers, 100,000 messages, 20,000 invoices and 20,000 appointments (their documents made
# by the indexer's own SearchDocuments, sent with _bulk; --through-table writes the items to the table
# instead: stream -> SearchIndexer), then
# prints GET /search p50 / p95 per kind of query and the lag from a table write to its being searchable.
# Start the local cloud first (infra/local-cloud.sh). Options: --customers N, --messages N, --invoices N,
# --appointments N, --queries N, --through-table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source infra/scripts/find-jdk.sh
cp=infra/local-cloud/target/classpath.txt
[ -f "$cp" ] || { echo "no $cp: build first (mvn -o package -DskipTests) and start infra/local-cloud.sh" >&2; exit 2; }
# source-launch mode on the local cloud's classpath (the SDK's DynamoDB client, Jackson): nothing added to the build
exec java --class-path "$(cat "$cp")" infra/bench/SearchBench.java "$@"

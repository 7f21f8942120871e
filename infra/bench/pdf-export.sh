#!/usr/bin/env bash
# C13's benchmark: a conversation of 10,000 messages as PDF (seconds, pages, bytes, peak heap), in
# a fresh JVM with a 1,024 MB function's heap and Lambda's serial GC, on the ExportWorker's own jar
# (built by mvn package). Usage: infra/bench/pdf-export.sh [messages] [runs]. docs/performance.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source infra/scripts/find-jdk.sh
JAR=functions/export-worker/target/function.jar
[ -f "$JAR" ] || { echo "build the worker first: mvn -B -o package -pl functions/export-worker -am -DskipTests" >&2; exit 1; }
# source-launch mode: nothing added to the Maven build
exec java -XX:+UseSerialGC -Xmx870m -Xshare:auto -cp "$JAR" infra/bench/PdfExport.java "$@"

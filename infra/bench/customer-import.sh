#!/usr/bin/env bash
# P4's benchmark: an import of N customer rows (default 100,000) through the CustomerImportWorker's
# own ImportRunner against DynamoDB Local (rows/s, peak heap, DynamoDB requests per row), in a
# fresh JVM with a 1,024 MB function's heap and Lambda's serial GC. Usage:
# infra/bench/customer-import.sh [rows]. Needs the worker's jar and shared's test classes (mvn -B -o
# package -pl functions/customer-import-worker -am -DskipTests). docs/performance.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source infra/scripts/find-jdk.sh
JAR=functions/customer-import-worker/target/function.jar
[ -f "$JAR" ] && [ -d shared/target/test-classes ] || {
  echo "build first: mvn -B -o package -pl functions/customer-import-worker -am -DskipTests" >&2; exit 1; }
CP_FILE="$PWD/shared/target/bench.classpath"
# DynamoDB Local and its dependencies: shared's test classpath (resolved offline from ~/.m2)
mvn -B -o -q dependency:build-classpath -pl shared -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
# source-launch mode: nothing added to the Maven build
exec java -XX:+UseSerialGC -Xmx870m --enable-native-access=ALL-UNNAMED \
  -cp "$JAR:shared/target/test-classes:$(cat "$CP_FILE")" infra/bench/CustomerImportBench.java "$@"

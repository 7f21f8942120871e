#!/usr/bin/env bash
# Starts the whole suite locally, in one JVM, with demo data: see the README ("Run it locally").
# Builds what is missing or stale first. Options: --port BASE, --data DIR, --retry-delay S, --verbose, --help.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source infra/scripts/find-jdk.sh

cloud=infra/local-cloud/target
stale=false
if [ ! -f "$cloud/classpath.txt" ] || [ ! -d "$cloud/classes" ]; then
  stale=true
else
  for jar in $(grep -E '^\s+CodeUri:' template.yaml | awk '{print $2}'); do
    [ -f "$jar" ] || stale=true
  done
  # any source or pom newer than the last build?
  if [ "$stale" = false ] && [ -n "$(find shared functions infra/local-cloud -newer "$cloud/classpath.txt" \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -o -name '*.json' -o -name '*.properties' \) -not -path '*/target/*' -print -quit)" ]; then
    stale=true
  fi
fi
if [ "$stale" = true ]; then
  echo "building the functions and the local cloud (mvn package, tests skipped)..."
  mvn -B -q -o package -DskipTests >/dev/null 2>&1 || mvn -B -q package -DskipTests
  touch "$cloud/classpath.txt"
fi

# JDK 24+ warns on stderr, outside any logger, when an engine (ElasticMQ's Pekko) uses sun.misc.Unsafe;
# the option that allows it quietly exists since JDK 23
jvm_options=()
if [ "$(java_major java)" -ge 23 ] 2>/dev/null; then
  jvm_options+=(--sun-misc-unsafe-memory-access=allow)
fi
exec java -Xmx2g -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED ${jvm_options[@]+"${jvm_options[@]}"} \
  -cp "$cloud/classes:$(cat "$cloud/classpath.txt")" \
  com.textinbox.localcloud.LocalCloud "$@"

#!/usr/bin/env bash
# Starts the whole suite locally, in one JVM, with demo data: see the README ("Run it locally").
# Builds what is missing or stale first. Options: --port BASE, --data DIR, --retry-delay S, --help.
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

exec java -Xmx2g -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
  -cp "$cloud/classes:$(cat "$cloud/classpath.txt")" \
  com.textinbox.localcloud.LocalCloud "$@"

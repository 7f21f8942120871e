#!/usr/bin/env bash
# Sourced by the project's scripts: points JAVA_HOME at a JDK >= 21 (Lambda's java21 target
# needs one to compile), searching JAVA_HOME, the java on PATH, then /usr/lib/jvm.
# Fails with a clear message when there is none.

java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk); then
  echo "error: no JDK 21 or newer found (looked at JAVA_HOME, the javac on PATH and /usr/lib/jvm/*)." >&2
  echo "       Install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+) and try again." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

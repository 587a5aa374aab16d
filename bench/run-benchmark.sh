#!/usr/bin/env bash
# Runs one benchmark class of a test bundle (a JUnit class without Test in its name, which the
# test suite leaves out) and prints the lines of its output that start with a prefix.
#   bench/run-benchmark.sh <test bundle> <class> <prefix>
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
./mvnw -B -o verify -pl "bundles/$1" -am -Dtest="$2" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtycho.localArtifacts=ignore >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
grep -h "^$3" "$log"

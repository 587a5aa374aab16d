#!/usr/bin/env bash
# Cost of STCN's decoder upsampling through DJL's internal interpolation (what StcnNetwork calls)
# against the public NDImageUtils.resize with the transposed copies it needs (channel-last), on the
# decoder maps of a 480p frame with two objects; prints ms per call and the largest difference.
# Runs UpsampleBenchmark in org.vosbench.engine.stcn.tests, which the test suite leaves out.
#   bench/upsample.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
./mvnw -B -o verify -pl bundles/org.vosbench.engine.stcn.tests -am -Dtest=UpsampleBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtycho.localArtifacts=ignore >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
grep -h "^upsample" "$log"

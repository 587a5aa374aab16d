#!/usr/bin/env bash
# Milliseconds per GrabCut interaction (the default interaction model) at 854x480 on the first
# frames of ../shared/data/davis-real: the ground truth's box, then three RITM-protocol clicks,
# median of 5 rounds, with the IoU each reaches. Runs GrabCutBenchmark in
# org.vosbench.interaction.grabcut.tests, which the test suite leaves out.
#   bench/interact.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -o -q verify -pl bundles/org.vosbench.interaction.grabcut.tests -am -Dtycho.localArtifacts=ignore \
  -Dtest=GrabCutBenchmark -Dsurefire.failIfNoSpecifiedTests=false
grep -h "^GrabCut" bundles/org.vosbench.interaction.grabcut.tests/target/surefire-reports/*GrabCutBenchmark*-output.txt 2>/dev/null \
  || echo "(see the Maven output above for the figures)"

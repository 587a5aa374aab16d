#!/usr/bin/env bash
# Scrubbing speed of the real sequence editor under Xvfb: car-roundabout (75 frames, 854x480),
# every frame with a mask and the filled overlay, cold (decoding) and warm (cached) frames/s.
# Runs ScrubbingBenchmark in org.vosbench.ui.editor.tests, which the test suite leaves out.
#   bench/scrub.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
run=(./mvnw -B -o -q verify -pl bundles/org.vosbench.ui.editor.tests -am -Dtest=ScrubbingBenchmark
  -Dsurefire.failIfNoSpecifiedTests=false)
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1600x1000x24" "${run[@]}"
else
  "${run[@]}"
fi
grep -h "frames/s" bundles/org.vosbench.ui.editor.tests/target/surefire-reports/*ScrubbingBenchmark*-output.txt 2>/dev/null \
  || echo "(see the Maven output above for the figures)"

#!/usr/bin/env bash
# The VOS sampler beside the official STCN VOSDataset on davis-real (384x384): frame jumps, reversal,
# target areas, normalised colour statistics and seconds per sample, over many draws each.
#   STCN_SRC=<STCN checkout> bench/train-data.sh [draws] [max skip]
# The official side needs Debian's python3 with torch and torchvision; without STCN_SRC it is skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
draws="${1:-200}"
skip="${2:-10}"
shared="${VOSBENCH_SHARED:-$here/../shared}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ -n "${STCN_SRC:-}" ] && /usr/bin/python3 -c "import torchvision" 2>/dev/null; then
  echo "== official VOSDataset (python3, torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'))"
  (cd /tmp && STCN_SRC="$STCN_SRC" /usr/bin/python3 "$here/bench/train-data-official.py" "$shared/data/davis-real" "$draws" "$skip" | grep ":")
else
  echo "== official VOSDataset: skipped (set STCN_SRC to an STCN checkout; needs python3-torchvision)"
fi
echo "== VOS Bench VosSource (Java)"
VOSBENCH_BENCH_DRAWS="$draws" VOSBENCH_BENCH_MAX_SKIP="$skip" ./mvnw -B -o -q verify \
  -pl bundles/org.vosbench.train.tests -am -Dtycho.localArtifacts=ignore -Dtycho.baseline.skip=true \
  -Dtest=SamplerStatisticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false >/dev/null 2>&1 \
  || { echo "the benchmark's build failed: run it without -q to see why"; exit 1; }
# surefire keeps the benchmark's output in its XML report
sed -n '/<system-out>/,/<\/system-out>/p' \
  bundles/org.vosbench.train.tests/target/surefire-reports/TEST-org.vosbench.train.data.SamplerStatisticsBenchmark.xml \
  | sed 's/.*CDATA\[//; s/\]\]>.*//' | grep ":"

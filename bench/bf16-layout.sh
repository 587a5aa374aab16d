#!/usr/bin/env bash
# Rate of STCN's decoder convolutions (480p frame, two objects) in float32 and in the bf16
# TorchScript modules with channels-first and channels-last arrays; prints GFLOP/s. On a CPU
# without bfloat16 arithmetic it prints nothing (the benchmark is skipped).
# Runs Bf16LayoutBenchmark in org.vosbench.engine.stcn.tests, which the test suite leaves out.
#   bench/bf16-layout.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
./mvnw -B -o verify -pl bundles/org.vosbench.engine.stcn.tests -am -Dtest=Bf16LayoutBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtycho.localArtifacts=ignore >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
grep -h "^bf16-layout" "$log"

#!/usr/bin/env bash
# Rate of STCN's decoder convolutions (480p frame, two objects) in float32 and in the bf16
# TorchScript modules with channels-first and channels-last arrays; prints GFLOP/s. On a CPU
# without bfloat16 arithmetic it prints nothing (the benchmark is skipped).
# Runs Bf16LayoutBenchmark in org.vosbench.engine.stcn.tests, which the test suite leaves out.
#   bench/bf16-layout.sh
exec "$(dirname "$0")/run-benchmark.sh" org.vosbench.engine.stcn.tests Bf16LayoutBenchmark bf16-layout

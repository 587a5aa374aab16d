#!/usr/bin/env bash
# Cost of STCN's decoder upsampling through DJL's internal interpolation (what StcnNetwork calls)
# against the public NDImageUtils.resize with the transposed copies it needs (channel-last), on the
# decoder maps of a 480p frame with two objects; prints ms per call and the largest difference.
# Runs UpsampleBenchmark in org.vosbench.engine.stcn.tests, which the test suite leaves out.
#   bench/upsample.sh
exec "$(dirname "$0")/run-benchmark.sh" org.vosbench.engine.stcn.tests UpsampleBenchmark upsample

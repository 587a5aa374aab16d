#!/usr/bin/env bash
# Propagation speed, whole command (JVM start and weight loading included), and the convolutions'
# share of it. For a ratio against the official STCN code, run both in the same run:
# STCN_SRC=... bench/precision.sh (a figure from another day or machine is no reference).
# Same weights as the parity fixtures (STCN's architecture and size, random values: the speed
# does not depend on the values), same frames: DAVIS horsejump-high, 50 frames, 2 objects.
#   bench/propagate.sh [extra propagate options, e.g. --device gpu --amp]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${VOSBENCH_SHARED:-$here/../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gunzip -c "$shared/fixtures/stcn-parity/weights.pth.gz" > "$work/weights.pth"
"$here/vosbench" --help >/dev/null
# Count the convolutions' work and time (printed at exit): the floor for STCN's arithmetic here.
export VOSBENCH_JVM_OPTS="${VOSBENCH_JVM_OPTS:-} -Dvosbench.stcn.profile=true"
frames=$(ls "$shared/data/davis-multi-pseudo/JPEGImages/480p/horsejump-high" | wc -l)
start=$(date +%s.%N)
"$here/vosbench" propagate --dataset "$shared/data/davis-multi-pseudo" --sequences horsejump-high \
  --weights "$work/weights.pth" --output "$work/out" --quiet "$@" | tee "$work/log"
end=$(date +%s.%N)
t=$(awk "BEGIN{print $end - $start}")
printf 'whole command: %.1f s for %d frames = %.3f s/frame (ratio to the official code: bench/precision.sh)\n' \
  "$t" "$frames" "$(awk "BEGIN{print $t / $frames}")"

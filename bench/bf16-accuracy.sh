#!/usr/bin/env bash
# bf16's accuracy at full size: `vosbench propagate --precision fp64`, `fp32` and `bf16
# --save-probabilities` on the first N frames of DAVIS horsejump-high (854x480, 2 objects) with
# the unsaturated weights of fixtures/stcn-train, then, per propagated frame, max and mean |dp|
# of fp32 and bf16 against fp64 and the share of labels equal to fp64's. (StcnBf16Test bounds the
# same difference by 2e-2 on the small test fixture; fp64 takes ~10 s per frame here.)
#   bench/bf16-accuracy.sh [frames (default 2)]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${VOSBENCH_SHARED:-$here/../shared}"
frames="${1:-2}"
py="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seq=horsejump-high
data="$work/data"
. "$here/bench/first-frames.sh"
first_frames "$seq" "$frames" "$data"
gunzip -c "$shared/fixtures/stcn-train/weights.pth.gz" > "$work/weights.pth"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); $frames frames"
for p in fp64 fp32 bf16; do
  "$here/vosbench" propagate --dataset "$data" --weights "$work/weights.pth" --threads 2 --output "$work/out-$p" \
    --precision "$p" --save-probabilities --quiet > "$work/log-$p"
done
"$py" - "$work" "$seq" <<'PY'
import sys, os, numpy as np
work, seq = sys.argv[1:3]
names = sorted(n for n in os.listdir(f'{work}/out-fp64/{seq}') if n.endswith('.npy'))[1:]
for n in names:
    ref = np.load(f'{work}/out-fp64/{seq}/{n}')
    row = [n[:-4]]
    for p in ('fp32', 'bf16'):
        x = np.load(f'{work}/out-{p}/{seq}/{n}').astype(np.float64)
        d = np.abs(x - ref)
        row.append(f'{p}: max |dp| {d.max():.3g}, mean {d.mean():.3g}, labels equal {100 * (x.argmax(0) == ref.argmax(0)).mean():.2f}%')
    print('frame ' + '; '.join(row))
PY

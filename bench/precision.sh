#!/usr/bin/env bash
# Side by side on this machine, in the same run: the official STCN inference loop (eval_davis.py's
# InferenceCore, 2 threads, float32) against `vosbench propagate` as a whole command (JVM start
# and weight loading included) at --precision fp32 and bf16; same weights (the parity fixture's,
# STCN's size), same 854x480 frames (DAVIS horsejump-high, 2 objects). Prints s/frame and the
# ratios, and the share of bf16 labels equal to our fp32 labels.
# WEIGHTS=stcn-train uses the training fixture's unsaturated weights instead of the parity
# fixture's chaotic ones (same sizes, same speed); read the label agreement with care either way:
# with the parity weights even fp32 at 1 and 2 threads disagree, with the training weights most
# pixels' top two probabilities are within 0.01 of each other (see README, Precision).
# SEQ=<sequence of ../shared/data/davis-multi-pseudo> runs another sequence (soapbox: 99 frames,
# 3 objects) for long-video figures.
#   STCN_SRC=<checkout of github.com/hkchengrex/STCN> [WEIGHTS=stcn-train] [SEQ=horsejump-high] bench/precision.sh [frames (default 20)]
# Needs Debian's python3-torch (/usr/bin/python3, torch 1.13) for the official side. The official
# sources are copied to a scratch folder where `.cuda()` becomes a no-op and ImageNet
# pretraining is switched off (nothing else changes); they are never part of this repository.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${VOSBENCH_SHARED:-$here/../shared}"
frames="${1:-20}"
: "${STCN_SRC:?set STCN_SRC to a checkout of github.com/hkchengrex/STCN}"
py="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seq="${SEQ:-horsejump-high}"
data="$work/data"
. "$here/bench/first-frames.sh"
first_frames "$seq" "$frames" "$data"
gunzip -c "$shared/fixtures/${WEIGHTS:-stcn-parity}/weights.pth.gz" > "$work/weights.pth"

cp -r "$STCN_SRC" "$work/stcn"
sed -i "s/self.device = 'cuda'/self.device = 'cpu'/" "$work/stcn/inference_core.py"
sed -i "s/pretrained=True/pretrained=False/" "$work/stcn/model/modules.py"
cat > "$work/official.py" <<'PY'
import sys, time, os
import numpy as np, torch, torch.nn.functional as F
from PIL import Image
torch.Tensor.cuda = lambda self, *a, **k: self
torch.nn.Module.cuda = lambda self, *a, **k: self
torch.set_num_threads(2)
torch.autograd.set_grad_enabled(False)
from model.eval_network import STCN
from inference_core import InferenceCore
from util.tensor_util import unpad
from dataset.range_transform import im_normalization
from torchvision import transforms
weights, root, seq = sys.argv[1:4]
names = sorted(os.listdir(f'{root}/JPEGImages/480p/{seq}'))
to = transforms.Compose([transforms.ToTensor(), im_normalization])
rgb = torch.stack([to(Image.open(f'{root}/JPEGImages/480p/{seq}/{n}').convert('RGB')) for n in names], 0).unsqueeze(0)
first = np.array(Image.open(f'{root}/Annotations/480p/{seq}/00000.png'))
labels = [l for l in np.unique(first) if l != 0]
msk = torch.stack([torch.from_numpy((first == l).astype(np.float32)) for l in labels], 0)[:, None, None]
net = STCN().eval()
net.load_state_dict(torch.load(weights))
start = time.time()
core = InferenceCore(net, rgb, len(labels), top_k=20, mem_every=5, include_last=False)
core.interact(msk[:, 0], 0, rgb.shape[1])
for ti in range(core.t):
    prob = F.interpolate(unpad(core.prob[:, ti], core.pad), rgb.shape[-2:], mode='bilinear', align_corners=False)
    torch.argmax(prob, dim=0)
t = time.time() - start
print(f'official: {t:.1f} s for {core.t} frames = {t / core.t:.3f} s/frame ({len(labels)} objects)')
PY

blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
echo "official side's BLAS (libblas.so.3): $blas"
case "$blas" in */blas/libblas.so*) echo "  warning: the reference (netlib) BLAS makes the official memory read slow; install libopenblas0-pthread for a fair comparison" ;; esac
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); load: $(cut -d' ' -f1-3 /proc/loadavg); weights: ${WEIGHTS:-stcn-parity}"
"$here/vosbench" info | sed -n '1,6p'
whole_start=$(date +%s.%N)
official=$(cd "$work/stcn" && PYTHONPATH="$work/stcn" "$py" "$work/official.py" "$work/weights.pth" "$data" "$seq" | tee /dev/stderr \
  | sed -E 's/.*= ([0-9.]+) s\/frame.*/\1/')
whole_end=$(date +%s.%N)
# the official figure times its loop only (as eval_davis.py reports it); ours include JVM start,
# weight loading, decoding and writing. For the record, the official script as a whole command:
awk "BEGIN{printf \"official, whole script (imports, weights, frames decoded, loop): %.3f s/frame\n\", ($whole_end - $whole_start) / $frames}"
run() {
  local start end
  start=$(date +%s.%N)
  "$here/vosbench" propagate --dataset "$data" --weights "$work/weights.pth" --threads 2 --output "$work/out-$1" \
    --precision "$1" --quiet > "$work/log-$1"
  end=$(date +%s.%N)
  awk "BEGIN{printf \"%.3f\", ($end - $start) / $frames}"
}
fp32=$(run fp32)
bf16=$(run bf16)
agree=$("$py" - "$work/out-fp32/$seq" "$work/out-bf16/$seq" <<'PY'
import sys, os, numpy as np
from PIL import Image
a, b = sys.argv[1:3]
same = total = 0
for n in sorted(os.listdir(a)):
    if n.endswith('.png') and n != '00000.png':
        x = np.array(Image.open(os.path.join(a, n))); y = np.array(Image.open(os.path.join(b, n)))
        same += int((x == y).sum()); total += x.size
print(f'{100 * same / total:.2f}')
PY
)
printf 'vosbench fp32: %s s/frame (whole command) = %.2fx the official code\n' "$fp32" "$(awk "BEGIN{print $official / $fp32}")"
printf 'vosbench bf16: %s s/frame (whole command) = %.2fx the official code; labels equal to our fp32: %s%%\n' \
  "$bf16" "$(awk "BEGIN{print $official / $bf16}")" "$agree"

#!/usr/bin/env bash
# Training speed and memory on CPU, side by side in the same run: `vosbench train` (stage 3
# schedule, 384x384 crops, batch 4, fp32, 2 threads, on the bundled DAVIS sample through the
# official VOS sampler) against the official training step (model/model.py STCNModel.do_pass, on
# random batches of the same shape, Debian's python3-torch, 2 threads, float32, no AMP on CPU).
# Prints iterations/s of the step (forward, loss, backward, Adam; the first iteration, a warm-up,
# left out), our data sampling time beside it (the official code samples in DataLoader worker
# processes, in parallel), the peak resident memory of each process, and the ratio.
#   STCN_SRC=<checkout of github.com/hkchengrex/STCN> bench/train.sh [iterations (default 5)]
# Without STCN_SRC (or /tmp/stcn-src) only our side runs. The official sources are copied to a
# scratch folder where .cuda() is a no-op, DistributedDataParallel a pass-through and ImageNet
# pretraining off; they are never part of this repository.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${VOSBENCH_SHARED:-$here/../shared}"
iterations="${1:-5}"
src="${STCN_SRC:-/tmp/stcn-src}"
py="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gunzip -c "$shared/fixtures/stcn-parity/weights.pth.gz" > "$work/weights.pth"
mkdir -p "$work/sample/JPEGImages/480p" "$work/sample/Annotations/480p" "$work/sample/ImageSets/2017"
cp -r "$here/bundles/org.vosbench.sample/sample/davis/." "$work/sample/"

echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)"

/usr/bin/time -f '%M' -o "$work/ours.rss" "$here/vosbench" train --stage 3 --dataset "$work/sample" \
  --weights "$work/weights.pth" --output "$work/ours" --size 384 --batch-size 4 --iterations "$iterations" \
  --save-every 1000000 --threads 2 --precision fp32 --quiet > "$work/ours.log"
# losses.csv: it,...,data_seconds,step_seconds; the first iteration is the warm-up
read -r ours_step ours_data < <(awk -F, 'NR > 2 { s += $9; d += $8; n++ } END { printf "%.3f %.3f\n", s / n, d / n }' \
  "$work/ours/losses.csv")
ours_rss=$(( $(cat "$work/ours.rss") / 1024 ))
printf 'vosbench train: %.3f it/s (%.2f s/step; data %.2f s/iteration, sequential); peak RSS %d MiB (whole command, checkpoint write included)\n' \
  "$(awk "BEGIN{print 1 / $ours_step}")" "$ours_step" "$ours_data" "$ours_rss"

if [ ! -d "$src/model" ]; then
  echo "official: skipped (set STCN_SRC to a checkout of github.com/hkchengrex/STCN)"
  exit 0
fi
cp -r "$src" "$work/stcn"
sed -i "s/pretrained=True/pretrained=False/" "$work/stcn/model/modules.py"
cat > "$work/official.py" <<'PY'
import sys, time, resource
import torch
torch.set_num_threads(2)
torch.Tensor.cuda = lambda self, *a, **k: self
torch.nn.Module.cuda = lambda self, *a, **k: self
class PassThrough(torch.nn.Module):
    def __init__(self, module, **kw):
        super().__init__()
        self.module = module
    def forward(self, *a, **k):
        return self.module(*a, **k)
torch.nn.parallel.DistributedDataParallel = PassThrough
from model.model import STCNModel
weights, iterations = sys.argv[1], int(sys.argv[2])
para = {'single_object': False, 'lr': 1e-5, 'steps': [125000], 'gamma': 0.1, 'amp': False, 'debug': False}
model = STCNModel(para).train()
model.STCN.module.load_state_dict(torch.load(weights))
g = torch.Generator().manual_seed(0)
def batch():
    b, s = 4, 384
    gt = (torch.rand(b, 3, 1, s, s, generator=g) > 0.5).float()
    selector = torch.tensor([[1., 1.], [1., 0.], [1., 1.], [1., 0.]])
    sec = (torch.rand(b, 3, 1, s, s, generator=g) > 0.7).float() * (1 - gt) * selector[:, 1].view(b, 1, 1, 1, 1)
    cls = (gt[:, :, 0] + 2 * sec[:, :, 0]).long()
    return {'rgb': torch.randn(b, 3, 3, s, s, generator=g), 'gt': gt, 'sec_gt': sec, 'cls_gt': cls,
            'selector': selector}
times = []
for it in range(iterations):
    data = batch()
    start = time.time()
    model.do_pass(data, it)
    times.append(time.time() - start)
step = sum(times[1:]) / max(1, len(times) - 1)
print(f'{step:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}')
PY
read -r off_step off_rss < <(cd "$work/stcn" && PYTHONPATH="$work/stcn" OMP_NUM_THREADS=2 "$py" "$work/official.py" \
  "$work/weights.pth" "$iterations" 2> "$work/official.err" | tail -1) || { cat "$work/official.err" >&2; exit 1; }
printf 'official do_pass: %.3f it/s (%.2f s/step, random batches); peak RSS %d MiB\n' \
  "$(awk "BEGIN{print 1 / $off_step}")" "$off_step" "$off_rss"
printf 'ratio (official s/step / ours): %.2fx\n' "$(awk "BEGIN{print $off_step / $ours_step}")"

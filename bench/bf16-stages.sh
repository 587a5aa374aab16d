#!/usr/bin/env bash
# Where bf16's error comes from, stage by stage: the official STCN code (Debian's python3-torch)
# run on the first two frames of the `synthetic` parity case (96x160) with the unsaturated training
# weights (fixtures/stcn-train), entirely in float64 (the reference) and with chosen
# convolutions in bfloat16 (bf16 in and out, float32 accumulation: what `--precision bf16` runs
# through TorchScript; everything else float32). Prints, per configuration, the relative error
# of the key encoder's f16, the key, the memory readout and the decoder's logits, and max/mean
# |dp| of the first propagated frame's probabilities (the figure StcnBf16Test bounds by 2e-2).
# FRAMES=horsejump-high runs the same on the first two 854x480 frames of DAVIS horsejump-high
# (../shared/data/davis-multi-pseudo; the float64 reference takes minutes there).
#   STCN_SRC=<checkout of github.com/hkchengrex/STCN> [FRAMES=horsejump-high] bench/bf16-stages.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${VOSBENCH_SHARED:-$here/../shared}"
: "${STCN_SRC:?set STCN_SRC to a checkout of github.com/hkchengrex/STCN}"
py="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$STCN_SRC" "$work/stcn"
sed -i "s/self.device = 'cuda'/self.device = 'cpu'/; s/dtype=torch.float32/dtype=torch.get_default_dtype()/" "$work/stcn/inference_core.py"
sed -i "s/pretrained=True/pretrained=False/" "$work/stcn/model/modules.py"
gunzip -c "$shared/fixtures/stcn-train/weights.pth.gz" > "$work/weights.pth"
cat > "$work/stages.py" <<'PY'
import sys, os, warnings, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from PIL import Image
warnings.filterwarnings('ignore')
torch.Tensor.cuda = lambda self, *a, **k: self
torch.nn.Module.cuda = lambda self, *a, **k: self
torch.set_num_threads(2)
torch.autograd.set_grad_enabled(False)
from model.eval_network import STCN
import inference_memory_bank
from inference_core import InferenceCore
from util.tensor_util import unpad
weights, root, seq = sys.argv[1:4]
names = sorted(os.listdir(f'{root}/JPEGImages/480p/{seq}'))[:2]
first = np.array(Image.open(f'{root}/Annotations/480p/{seq}/00000.png'))
labels = [l for l in np.unique(first) if l != 0]
FP32 = set()
plain = nn.Conv2d._conv_forward
def conv(self, x, w, b):
    if x.dtype == torch.float64 or self._name in FP32:
        return plain(self, x, w, b)
    return F.conv2d(x.bfloat16(), w.bfloat16(), None if b is None else b.bfloat16(), self.stride, self.padding,
                    self.dilation, self.groups).float()
nn.Conv2d._conv_forward = conv

def run(dt):
    torch.set_default_dtype(dt)
    net = STCN().eval()
    net.load_state_dict(torch.load(weights))
    net = net.to(dt)
    for n, m in net.named_modules():
        m._name = n
    cap = {}
    def hook(name):
        return lambda m, i, o: cap.__setitem__(name, (o[0] if isinstance(o, tuple) else o).double())
    for n in ['key_encoder', 'key_proj', 'decoder']:
        getattr(net, n).register_forward_hook(hook(n))
    match = inference_memory_bank.MemoryBank.match_memory
    def read(self, qk):
        r = match(self, qk); cap['readout'] = r.double(); return r
    inference_memory_bank.MemoryBank.match_memory = read
    x = torch.stack([torch.from_numpy(np.array(Image.open(f'{root}/JPEGImages/480p/{seq}/{n}').convert('RGB'))) for n in names])
    x = x.to(dt).permute(0, 3, 1, 2) / 255
    x = (x - torch.tensor([0.485, 0.456, 0.406], dtype=dt)[:, None, None]) / torch.tensor([0.229, 0.224, 0.225], dtype=dt)[:, None, None]
    msk = torch.stack([torch.from_numpy((first == l).astype(np.float64)).to(dt) for l in labels])[:, None, None]
    core = InferenceCore(net, x.unsqueeze(0), len(labels), top_k=20, mem_every=5, include_last=False)
    core.interact(msk[:, 0], 0, 2)
    inference_memory_bank.MemoryBank.match_memory = match
    cap['prob'] = unpad(core.prob[:, 1], core.pad).double()
    torch.set_default_dtype(torch.float32)
    return cap

ref = run(torch.float64)
convs = [n for n, m in STCN().named_modules() if isinstance(m, nn.Conv2d)]
def picked(*prefixes):
    return {n for n in convs if any(n == p or n.startswith(p + '.') for p in prefixes)}
configs = [('every convolution bf16', set()),
           ('float32: key encoder, key projection (vosbench bf16)', picked('key_encoder', 'key_proj')),
           ('float32: key encoder stem, res2, layer2', picked('key_encoder.conv1', 'key_encoder.res2', 'key_encoder.layer2')),
           ('float32: key encoder stem only', picked('key_encoder.conv1')),
           ('float32: key encoder stem, res2', picked('key_encoder.conv1', 'key_encoder.res2')),
           ('float32: key projection only', picked('key_proj')),
           ('float32: decoder only', picked('decoder')),
           ('bf16 only in the key encoder', set(convs) - picked('key_encoder')),
           ('bf16 only in the value encoder', set(convs) - picked('value_encoder')),
           ('bf16 only in the decoder', set(convs) - picked('decoder'))]
print(f"{'configuration':58s} {'f16':>7s} {'key':>7s} {'readout':>7s} {'logits':>7s} {'max|dp|':>8s} {'mean|dp|':>9s}")
for title, fp32 in configs:
    FP32.clear(); FP32.update(fp32)
    c = run(torch.float32)
    rel = [float((c[k] - ref[k]).abs().max() / ref[k].abs().max()) for k in ['key_encoder', 'key_proj', 'readout', 'decoder']]
    d = (c['prob'] - ref['prob']).abs()
    print(f"{title:58s} " + ' '.join(f'{r:7.3f}' for r in rel) + f" {float(d.max()):8.4f} {float(d.mean()):9.2e}", flush=True)
PY
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); relative errors are max|x - x64| / max|x64|"
if [ "${FRAMES:-synthetic}" = horsejump-high ]; then
  root="$shared/data/davis-multi-pseudo"
else
  root="$shared/fixtures/stcn-parity/synthetic"
fi
cd "$work/stcn" && PYTHONPATH="$work/stcn" "$py" "$work/stages.py" "$work/weights.pth" "$root" "${FRAMES:-synthetic}"

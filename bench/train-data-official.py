"""Statistics of the official STCN VOSDataset over many draws, to set beside VOS Bench's sampler.

Usage: [SEED=n] STCN_SRC=<STCN checkout> /usr/bin/python3 bench/train-data-official.py <davis root> <draws> <max skip> [bl]
Prints one 'name: value' line per statistic (the same names SamplerStatisticsBenchmark prints).
"""
import os
import sys
import time

import numpy as np

np.int = int  # the official code uses np.int, which numpy >= 1.24 no longer has
sys.path.insert(0, os.environ["STCN_SRC"])
import torch  # noqa: E402
from dataset.vos_dataset import VOSDataset  # noqa: E402

root, draws, max_skip = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
is_bl = len(sys.argv) > 4 and sys.argv[4] == "bl"
seed = int(os.environ.get("SEED", "1"))
np.random.seed(seed)
torch.manual_seed(seed)
ds = VOSDataset(os.path.join(root, "JPEGImages", "480p"), os.path.join(root, "Annotations", "480p"), max_skip, is_bl)
jumps, reversed_, empty, area0, area12, second = [], 0, 0, [], [], 0
sums = np.zeros(3)
squares = np.zeros(3)
pixels = 0
start = time.time()
for n in range(draws):
    d = ds[n % len(ds)]
    idx = [int(f[:-4]) for f in d["info"]["frames"]]
    jumps += [abs(idx[1] - idx[0]), abs(idx[2] - idx[1])]
    reversed_ += idx[0] > idx[2]
    gt = d["gt"][:, 0]
    empty += gt.sum() == 0
    area0.append(gt[0].mean())
    area12.append(gt[1:].mean())
    second += d["selector"][1].item() > 0
    rgb = d["rgb"].numpy().astype(np.float64)
    sums += rgb.sum(axis=(0, 2, 3))
    squares += (rgb ** 2).sum(axis=(0, 2, 3))
    pixels += rgb.shape[0] * rgb.shape[2] * rgb.shape[3]
elapsed = time.time() - start
mean = sums / pixels
std = np.sqrt(squares / pixels - mean ** 2)
print("draws: %d" % draws)
print("mean jump: %.3f" % np.mean(jumps))
print("largest jump: %d" % np.max(jumps))
print("fraction reversed: %.3f" % (reversed_ / draws))
print("fraction without target: %.3f" % (empty / draws))
print("mean target area, first frame: %.4f" % np.mean(area0))
print("mean target area, other frames: %.4f" % np.mean(area12))
print("fraction with second object: %.3f" % (second / draws))
print("rgb mean per channel: %.4f %.4f %.4f" % tuple(mean))
print("rgb std per channel: %.4f %.4f %.4f" % tuple(std))
print("seconds per sample: %.4f" % (elapsed / draws))

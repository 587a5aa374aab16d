#!/usr/bin/env bash
# Evaluation speed, whole command (JVM and OSGi start included), side by side with the official
# davis2017-evaluation toolkit (evaluation_method.py --task semi-supervised, whole process) on the
# same folders in the same run, when DAVIS_EVAL_SRC names a checkout of
# github.com/davisvideochallenge/davis2017-evaluation and /usr/bin/python3 has its imports
# (Debian: python3-opencv python3-skimage python3-pandas python3-scipy python3-tqdm). Without it
# only our time is printed, and no ratio. The benchmark set is DAVIS-val-sized: the 4 real
# sequences of ../shared/data (1-3 objects, 854x480) repeated 7 times = 28 sequences, 1,918
# frames, scored against the eval-oracle's "shift5_right" result folders. Both J&F means are
# printed (they must agree).
#   [DAVIS_EVAL_SRC=<toolkit checkout>] bench/eval.sh [repeats (default 3)] [copies (default 7)]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${VOSBENCH_SHARED:-$here/../shared}"
repeats="${1:-3}"
copies="${2:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/davis/Annotations/480p" "$work/davis/JPEGImages/480p" "$work/davis/ImageSets/2017" "$work/results"
for copy in $(seq "$copies"); do
  for set in davis-real davis-multi-pseudo; do
    for seq in $(cat "$shared/data/$set/ImageSets/2017/val.txt"); do
      name="$seq-$copy"
      ln -s "$shared/data/$set/Annotations/480p/$seq" "$work/davis/Annotations/480p/$name"
      ln -s "$shared/data/$set/JPEGImages/480p/$seq" "$work/davis/JPEGImages/480p/$name"
      ln -s "$shared/data/eval-oracle/$set/results/shift5_right/$seq" "$work/results/$name"
      echo "$name" >> "$work/davis/ImageSets/2017/val.txt"
    done
  done
done
frames=$(find -L "$work/davis/Annotations/480p" -name '*.png' | wc -l)
seqs=$(wc -l < "$work/davis/ImageSets/2017/val.txt")
echo "benchmark set: $seqs sequences, $frames frames"

"$here/vosbench" --help >/dev/null   # builds the product if missing; warms the OSGi cache
# wall-clock and CPU seconds (user + sys, all threads) of a command; CPU time moves less when
# other work shares the machine
timed() {
  local TIMEFORMAT='%R %U %S'
  { time "$@" >/dev/null 2>"$work/stderr"; } 2>&1 | tail -n 1
}
best=
bestcpu=
for i in $(seq "$repeats"); do
  read -r t u s < <(timed "$here/vosbench" evaluate --davis "$work/davis" --results "$work/results" --output "$work/out" --quiet)
  cpu=$(awk "BEGIN{print $u + $s}")
  printf 'run %d: %.2f s (whole command), %.2f s CPU\n' "$i" "$t" "$cpu"
  if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; bestcpu=$cpu; fi
done
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'vosbench best: %.2f s = %.2f ms/frame; %.0f frames/s; %.2f s CPU\n' "$best" "$(awk "BEGIN{print $best * 1000 / $frames}")" \
  "$(awk "BEGIN{print $frames / $best}")" "$bestcpu"
ours=$(awk -F, 'NR == 2 {print $1}' "$work/out/global_results-val.csv" 2>/dev/null || true)
py="${PYTHON:-/usr/bin/python3}"
if [ -z "${DAVIS_EVAL_SRC:-}" ]; then
  echo "official toolkit: not run (set DAVIS_EVAL_SRC to a checkout of davisvideochallenge/davis2017-evaluation)"
  exit 0
fi
if ! "$py" -c 'import cv2, skimage, pandas, scipy, tqdm' 2>/dev/null; then
  echo "official toolkit: not run ($py lacks cv2, skimage, pandas, scipy or tqdm; Debian: python3-opencv python3-skimage python3-pandas python3-scipy python3-tqdm)"
  exit 0
fi
read -r toolkit tu ts < <(cd "$DAVIS_EVAL_SRC" && timed "$py" evaluation_method.py --task semi-supervised \
  --davis_path "$work/davis" --results_path "$work/results")
theirs=$(awk -F, 'NR == 2 {print $1}' "$work/results/global_results-val.csv" 2>/dev/null || true)
[ -n "$theirs" ] || { echo "official toolkit failed:"; cat "$work/stderr"; exit 1; }
toolkitcpu=$(awk "BEGIN{print $tu + $ts}")
printf 'official toolkit: %.2f s = %.2f ms/frame, %.2f s CPU (whole process, same folders, same run)\n' "$toolkit" \
  "$(awk "BEGIN{print $toolkit * 1000 / $frames}")" "$toolkitcpu"
printf 'vosbench evaluate is %.1fx the official toolkit (wall clock; %.1fx in CPU time); J&F-Mean: vosbench %s, toolkit %s\n' \
  "$(awk "BEGIN{print $toolkit / $best}")" "$(awk "BEGIN{print $toolkitcpu / $bestcpu}")" "$ours" "$theirs"

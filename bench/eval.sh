#!/usr/bin/env bash
# Evaluation speed, whole command (JVM and OSGi start included), against the official
# davis2017-evaluation toolkit's ~38 s for 28 sequences / 1,476 frames on these 2-core machines
# (25.7 ms per frame). The benchmark set is DAVIS-val-sized: the 4 real sequences of
# ../shared/data (1-3 objects, 854x480) repeated 7 times = 28 sequences, 1,918 frames, scored
# against the eval-oracle's "shift5_right" result folders.
#   bench/eval.sh [repeats]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${VOSBENCH_SHARED:-$here/../shared}"
repeats="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/davis/Annotations/480p" "$work/davis/JPEGImages/480p" "$work/davis/ImageSets/2017" "$work/results"
for copy in 1 2 3 4 5 6 7; do
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
best=
for i in $(seq "$repeats"); do
  start=$(date +%s.%N)
  "$here/vosbench" evaluate --davis "$work/davis" --results "$work/results" --output "$work/out" --quiet >/dev/null
  end=$(date +%s.%N)
  t=$(awk "BEGIN{print $end - $start}")
  printf 'run %d: %.2f s (whole command)\n' "$i" "$t"
  if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
done
toolkit=$(awk "BEGIN{print 38 / 1476 * $frames}")
printf 'best: %.2f s = %.2f ms/frame; %.0f frames/s\n' "$best" "$(awk "BEGIN{print $best * 1000 / $frames}")" "$(awk "BEGIN{print $frames / $best}")"
printf 'official toolkit at 25.7 ms/frame would take %.1f s for these frames: %.1fx faster\n' "$toolkit" "$(awk "BEGIN{print $toolkit / $best}")"

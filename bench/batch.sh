#!/usr/bin/env bash
# vosbench batch on a Spark standalone cluster on this machine: a master and two workers (one core
# each) started from the project's own Spark jars (batch/target/lib), everything on 127.0.0.1.
#  1. throughput: sequences/s and frames/s with 1 and with 2 executors on a looped dataset of N
#     short sequences (default 100; 4 frames of the bundled sample at 427x240 each, training-free
#     backbone, one network thread per executor), and each executor's engine start-up;
#  2. a worker killed mid-run (SIGKILL to the worker and its executor): the job must complete with
#     every sequence whole and byte-identical to `vosbench propagate` on one machine.
#   bench/batch.sh [sequences]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-100}"
work="$(mktemp -d /tmp/vosbench-batch-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    for c in $(pgrep -P "$p" 2>/dev/null || true); do kill "$c" 2>/dev/null || true; done
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT


# A JDK 21+ for the cluster's JVMs (the workers start executors with $JAVA_HOME/bin/java).
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  for c in /usr/lib/jvm/*; do
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$c/release" 2>/dev/null || true)"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then export JAVA_HOME="$c"; fi
  done
fi
java="$JAVA_HOME/bin/java"
export SPARK_LOCAL_IP=127.0.0.1

"$here/vosbench" --help >/dev/null                       # builds the product if missing
lib="$here/batch/target/lib"
if [ ! -d "$lib" ]; then (cd "$here/batch" && ../mvnw -B -q package -DskipTests); fi
# The workers build their executors' class path from $SPARK_HOME/jars: the project's Spark jars.
mkdir -p "$work/spark"
ln -s "$lib" "$work/spark/jars"
echo "Spark from batch/target/lib (VOS Bench)" > "$work/spark/RELEASE"   # marks a binary layout: jars/
export SPARK_HOME="$work/spark" SPARK_SCALA_VERSION=2.13

# The looped dataset: sequence i is frames (i mod 46) .. +3 of the sample, 427x240.
/usr/bin/python3 - "$here/bundles/org.vosbench.sample/sample/davis" "$work/davis" "$n" <<'PY'
import os, sys
from PIL import Image
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = []
for i in range(n):
    name = "loop-%03d" % i
    names.append(name)
    os.makedirs(f"{dst}/JPEGImages/480p/{name}")
    os.makedirs(f"{dst}/Annotations/480p/{name}")
    for f in range(4):
        k = i % 46 + f
        Image.open(f"{src}/JPEGImages/480p/drift-straight/{k:05d}.jpg").resize((427, 240), Image.BILINEAR) \
            .save(f"{dst}/JPEGImages/480p/{name}/{f:05d}.jpg", quality=95)
    Image.open(f"{src}/Annotations/480p/drift-straight/{i % 46:05d}.png").resize((427, 240), Image.NEAREST) \
        .save(f"{dst}/Annotations/480p/{name}/00000.png")
os.makedirs(f"{dst}/ImageSets/2017")
open(f"{dst}/ImageSets/2017/val.txt", "w").write("\n".join(names) + "\n")
PY
frames=$((n * 4))
echo "looped dataset: $n sequences, $frames frames (427x240)"
grep -m1 "model name" /proc/cpuinfo | sed 's/.*: /CPU: /'; echo "cores: $(nproc)"

port=$((20000 + RANDOM % 20000))
master="spark://127.0.0.1:$port"
"$java" -Xmx256m -cp "$lib/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port $((port + 1)) > "$work/master.log" 2>&1 &
pids+=($!)
worker_pids=()
for w in 1 2; do
  mkdir -p "$work/w$w"
  "$java" -Xmx256m -cp "$lib/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
    --work-dir "$work/w$w" --webui-port $((port + 1 + w)) "$master" > "$work/worker$w.log" 2>&1 &
  pids+=($!)
  worker_pids+=($!)
done
for _ in $(seq 1 60); do
  [ "$(grep -c 'Registering worker' "$work/master.log" || true)" -ge 2 ] && break
  sleep 1
done
grep -q 'Registering worker' "$work/master.log" || { echo "the cluster did not start:"; cat "$work/master.log"; exit 1; }
echo "cluster: master $master, 2 workers with 1 core each"

common=(--dataset "$work/davis" --backbone weightfree --threads 1 --quiet
        --conf spark.executor.cores=1 --conf spark.executor.memory=1g)
run_batch() { # executors output
  local start end
  start=$(date +%s.%N)
  "$here/vosbench" batch --master "$master" --conf spark.cores.max="$1" "${common[@]}" --output "$2" > "$2.log" 2>&1
  end=$(date +%s.%N)
  local wall; wall=$(echo "$end - $start" | bc -l)
  grep -E '^(Batch|Executor|Spark)' "$2.log" | sed 's/^/  /'
  printf '  => %d executor(s): %.1f s whole command, %.2f sequences/s, %.2f frames/s\n' "$1" "$wall" \
    "$(echo "$n / $wall" | bc -l)" "$(echo "$frames / $wall" | bc -l)"
}
echo "throughput (whole command: driver JVM, Spark application, executors' start, $n tasks):"
run_batch 1 "$work/out-1"
run_batch 2 "$work/out-2"

echo "single machine: vosbench propagate (reference)"
start=$(date +%s.%N)
"$here/vosbench" propagate --dataset "$work/davis" --backbone weightfree --threads 1 --quiet --output "$work/ref" > "$work/ref.log" 2>&1
printf '  %.1f s whole command\n' "$(echo "$(date +%s.%N) - $start" | bc -l)"

echo "a worker killed mid-run:"
out="$work/out-killed"
"$here/vosbench" batch --master "$master" --conf spark.cores.max=2 "${common[@]}" --output "$out" > "$out.log" 2>&1 &
job=$!
for _ in $(seq 1 600); do
  done_now=$( (find "$out" -mindepth 1 -maxdepth 1 -name 'loop-*' 2>/dev/null || true) | wc -l)
  [ "$done_now" -ge $((n / 5)) ] && break
  sleep 0.2
done
victim="${worker_pids[1]}"
executor="$(pgrep -P "$victim" || true)"
echo "  $done_now of $n sequences finished; killing worker 2 (pid $victim) and its executor (pid ${executor:-none})"
kill -9 $executor "$victim" 2>/dev/null || true
rc=0; wait "$job" || rc=$?
grep -E '^(Batch|failed|Spark|Executor)' "$out.log" | sed 's/^/  /'
whole=$(find "$out" -mindepth 1 -maxdepth 1 -name 'loop-*' | wc -l)
if [ "$rc" -eq 0 ] && [ "$whole" -eq "$n" ] \
   && [ -z "$(find "$out" -name '*.partial' -o -name '*.old')" ] \
   && diff -r -x '.vosbench-*' -x '*.vosbench-lock' "$work/ref" "$out" > "$work/diff.txt"; then
  echo "  PASS: exit 0, $whole/$n sequences, every mask byte-identical to vosbench propagate, no attempt folder left"
else
  echo "  FAIL: exit $rc, $whole/$n sequences; differences:"; head -20 "$work/diff.txt" 2>/dev/null || true
  tail -30 "$out.log"
  exit 1
fi

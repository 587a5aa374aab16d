#!/usr/bin/env bash
# A lab's plugin on a Spark cluster whose worker does not share the driver's plugin folder: the
# cosine similarity plugin (generated and built as bench/plugin-roundtrip.sh does) is added to a
# plugin folder only the driver reads (VOSBENCH_PLUGINS); a standalone master and one worker run on
# 127.0.0.1, the worker with another home and another (empty) VOSBENCH_PLUGINS. `vosbench batch
# --similarity cosine` must complete, its masks byte-identical to `vosbench propagate
# --similarity cosine` on the driver: the executor got the plugin jar with the job (Spark's addFile)
# and installed it from its SparkFiles copy.
#   bench/batch-plugin.sh              prints "batch plugin on a cluster: PASS" (exit 0) or FAIL (exit 1)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/vosbench-batch-plugin.XXXXXX)"
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
step() { printf '%s  %s\n' "$(date +%T)" "$*"; }

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
mkdir -p "$work/spark"
ln -s "$lib" "$work/spark/jars"
echo "Spark from batch/target/lib (VOS Bench)" > "$work/spark/RELEASE"
export SPARK_HOME="$work/spark" SPARK_SCALA_VERSION=2.13

step "the cosine plugin, in the driver's plugin folder only"
export VOSBENCH_PLUGINS="$work/driver-plugins"
"$here/vosbench" plugin new similarity cosine --output "$work/cosine" >/dev/null
(cd "$work/cosine" && ./mvnw -B -q -o verify)
"$here/vosbench" plugins add "$work"/cosine/target/cosine-*.jar >/dev/null
"$here/vosbench" plugins list | grep -q "similarity 'cosine'" || { echo "cosine not listed" >&2; exit 1; }

step "standalone master + one worker (home $work/worker-home, VOSBENCH_PLUGINS $work/worker-plugins: both empty)"
port=$((20000 + RANDOM % 20000))
master="spark://127.0.0.1:$port"
"$java" -Xmx256m -cp "$lib/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port $((port + 1)) > "$work/master.log" 2>&1 &
pids+=($!)
mkdir -p "$work/w1" "$work/worker-home" "$work/worker-plugins"
# The executor inherits the worker's environment: its user.home (where the plugin manager would look
# by default) is the worker's own, and the driver's VOSBENCH_PLUGINS is not in it.
env -u VOSBENCH_PLUGINS HOME="$work/worker-home" VOSBENCH_PLUGINS="$work/worker-plugins" \
  JAVA_TOOL_OPTIONS="-Duser.home=$work/worker-home" \
  "$java" -Xmx256m -cp "$lib/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
  --work-dir "$work/w1" --webui-port $((port + 2)) "$master" > "$work/worker1.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  grep -q 'Registering worker' "$work/master.log" && break
  sleep 1
done
grep -q 'Registering worker' "$work/master.log" || { echo "the cluster did not start:"; cat "$work/master.log"; exit 1; }

data="$here/bundles/org.vosbench.sample/sample/davis"
step "vosbench batch --similarity cosine on the cluster"
rc=0
"$here/vosbench" batch --master "$master" --dataset "$data" --output "$work/out" --backbone weightfree \
  --similarity cosine --threads 1 --quiet --conf spark.executor.cores=1 --conf spark.executor.memory=1g \
  > "$work/batch.log" 2>&1 || rc=$?
grep -E '^(Batch|failed|Executor|Spark)' "$work/batch.log" | sed 's/^/  /'
step "vosbench propagate --similarity cosine on the driver (reference)"
"$here/vosbench" propagate --dataset "$data" --output "$work/ref" --backbone weightfree --similarity cosine \
  --threads 1 --quiet > "$work/ref.log" 2>&1
masks=$(find "$work/ref" -name '*.png' | wc -l)
# the executor's plugin folder: the copy Spark delivered into its work folder, not the worker's own
shipped=$(find "$work/w1" -path '*/vosbench-plugins/cosine_*.jar' | head -n1)
echo "  executor's plugin folder: ${shipped:-none}"
if [ "$rc" -eq 0 ] && [ "$masks" -gt 0 ] && [ -n "$shipped" ] && ! grep -q '^failed:' "$work/batch.log" \
   && grep -q "^Executor [0-9]*@" "$work/batch.log" \
   && diff -r -x '.vosbench-*' -x '*.vosbench-lock' "$work/ref" "$work/out" > "$work/diff.txt"; then
  echo "batch plugin on a cluster: PASS (exit 0, $masks masks byte-identical to vosbench propagate; the worker's own plugin folders are empty)"
else
  echo "batch plugin on a cluster: FAIL (exit $rc)"; head -20 "$work/diff.txt" 2>/dev/null || true
  tail -30 "$work/batch.log"
  exit 1
fi

#!/usr/bin/env bash
# vosbench batch against a real HDFS on this machine: Hadoop's MiniDFSCluster (a NameNode and a
# DataNode, hadoop-client-minicluster 3.5.0 from Maven Central, the Hadoop of Spark 4.2) on
# 127.0.0.1 holds a looped DAVIS dataset of 6 short sequences; `vosbench batch --master local[2]`
# reads it and writes its results there through Hadoop's FileSystem API (hdfs:// URIs), then runs
# again (every sequence must be skipped); the result folder, copied out, must hold exactly the
# sequences, byte-identical to `vosbench propagate` on a local copy of the dataset.
#   bench/batch-hdfs.sh          prints "batch on HDFS: PASS" (exit 0) or FAIL (exit 1)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/vosbench-batch-hdfs.XXXXXX)"
hdfs_pid=
cleanup() {
  [ -n "$hdfs_pid" ] && kill "$hdfs_pid" 2>/dev/null || true
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
"$here/vosbench" --help >/dev/null                       # builds the product if missing
lib="$here/batch/target/lib"
if [ ! -d "$lib" ]; then (cd "$here/batch" && ../mvnw -B -q package -DskipTests); fi
mini="$HOME/.m2/repository/org/apache/hadoop/hadoop-client-minicluster/3.5.0/hadoop-client-minicluster-3.5.0.jar"
if [ ! -f "$mini" ]; then
  step "fetching hadoop-client-minicluster 3.5.0 from Maven Central (56 MB, once)"
  "$here/mvnw" -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact=org.apache.hadoop:hadoop-client-minicluster:3.5.0 -Dtransitive=false
fi
hcp="$lib/*:$mini"
log4j="-Dlog4j2.configurationFile=$here/batch/log4j2.properties"

# 6 sequences of 4 frames from the bundled sample, 427x240
/usr/bin/python3 - "$here/bundles/org.vosbench.sample/sample/davis" "$work/davis" 6 <<'PY'
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
        Image.open(f"{src}/JPEGImages/480p/drift-straight/{7 * i + f:05d}.jpg").resize((427, 240), Image.BILINEAR) \
            .save(f"{dst}/JPEGImages/480p/{name}/{f:05d}.jpg", quality=95)
    Image.open(f"{src}/Annotations/480p/drift-straight/{7 * i:05d}.png").resize((427, 240), Image.NEAREST) \
        .save(f"{dst}/Annotations/480p/{name}/00000.png")
os.makedirs(f"{dst}/ImageSets/2017")
open(f"{dst}/ImageSets/2017/val.txt", "w").write("\n".join(names) + "\n")
PY

step "starting HDFS (MiniDFSCluster) and copying the dataset in"
port=$((20000 + RANDOM % 20000))
"$java" -Xmx768m $log4j -cp "$hcp" "$here/bench/hdfs/MiniHdfs.java" serve "$work/hdfs" "$port" "$work/davis" /data/davis \
  > "$work/hdfs.log" 2>&1 &
hdfs_pid=$!
for _ in $(seq 1 120); do grep -q '^ready' "$work/hdfs.log" && break; sleep 1; done
grep -q '^ready' "$work/hdfs.log" || { echo "HDFS did not start:"; tail -20 "$work/hdfs.log"; exit 1; }
h="hdfs://127.0.0.1:$port"
echo "  $(grep '^ready' "$work/hdfs.log")"

common=(--master 'local[2]' --dataset "$h/data/davis" --output "$h/runs/weightfree" --backbone weightfree --threads 1 --quiet)
step "vosbench batch ${common[*]}"
"$here/vosbench" batch "${common[@]}" > "$work/batch1.log" 2>&1 || { tail -30 "$work/batch1.log"; echo "batch on HDFS: FAIL"; exit 1; }
grep -E '^(Through|Batch|failed)' "$work/batch1.log" | sed 's/^/  /'
step "the same again: every sequence must be skipped"
"$here/vosbench" batch "${common[@]}" > "$work/batch2.log" 2>&1 || { tail -30 "$work/batch2.log"; echo "batch on HDFS: FAIL"; exit 1; }
grep -E '^(Batch|failed)' "$work/batch2.log" | sed 's/^/  /'
"$java" $log4j -cp "$hcp" "$here/bench/hdfs/MiniHdfs.java" get "$h/runs/weightfree" "$work/got" > "$work/get.log" 2>&1
step "vosbench propagate on the local copy (reference)"
"$here/vosbench" propagate --dataset "$work/davis" --output "$work/ref" --backbone weightfree --threads 1 --quiet \
  > "$work/ref.log" 2>&1
top=$(ls -A "$work/got" | tr '\n' ' ')
if grep -q 'Batch: 6 sequence(s) propagated, 0 already complete' "$work/batch1.log" \
   && grep -q 'Batch: 0 sequence(s) propagated, 6 already complete' "$work/batch2.log" \
   && [ "$top" = "loop-000 loop-001 loop-002 loop-003 loop-004 loop-005 " ] \
   && diff -r -x '.vosbench-*' -x '*.vosbench-lock' "$work/ref" "$work/got" > "$work/diff.txt"; then
  echo "batch on HDFS: PASS (6 sequences written through hdfs://, renamed in whole, skipped on the rerun; $(find "$work/got" -name '*.png' | wc -l) masks byte-identical to vosbench propagate)"
else
  echo "batch on HDFS: FAIL (result folder: $top)"; head -20 "$work/diff.txt" 2>/dev/null || true
  exit 1
fi

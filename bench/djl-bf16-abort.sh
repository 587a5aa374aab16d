#!/usr/bin/env bash
# Minimal reproduction of why `--precision bf16` runs its bfloat16 work inside TorchScript: DJL
# 0.35.1 (PyTorch engine, libtorch 2.7.1) aborts the JVM on any call that passes
# DataType.BFLOAT16 to its JNI (toType, zeros, create): GetScalarTypeFromDType in
# djl_pytorch_utils.h has no bf16 case and ends in a bare `throw;` with no active exception, so
# std::terminate runs ("terminate called without an active exception", exit 134). Runs
# bench/djl-bf16/Bf16Abort.java in a child JVM on the product's own DJL jars, once per call, and
# prints each exit status.
#   bench/djl-bf16-abort.sh
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
"$here/vosbench" --help >/dev/null 2>&1 || { echo "the product does not build: run ./vosbench --help to see why"; exit 1; }
plugins="$here/releng/org.vosbench.product/target/products/org.vosbench.product/linux/gtk/x86_64/plugins"
cp=$(ls "$plugins"/ai.djl.*.jar "$plugins"/com.google.gson_*.jar "$plugins"/slf4j.api_*.jar | tr '\n' ':')
for call in toType zeros; do
  out="$("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Doffline=true -cp "$cp" \
    "$here/bench/djl-bf16/Bf16Abort.java" "$call" 2>&1)"
  rc=$?
  echo "$out" | grep -v -E "^SLF4J|^WARNING" | sed 's/^/  /'
  echo "$call: exit status $rc$([ "$rc" = 134 ] && echo ' (SIGABRT: the JVM was aborted)')"
done

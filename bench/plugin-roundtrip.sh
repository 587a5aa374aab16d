#!/usr/bin/env bash
# A lab's plugin, end to end, exactly as the README's "Writing a plugin" walks through it: generate a
# similarity plugin outside the repository, build and test it with its own Maven wrapper, add it to
# this installation, propagate the bundled sample with it, see it in `vosbench plugins list`, remove
# it, and check that VOS Bench no longer knows it. Uses a private plugin folder (VOSBENCH_PLUGINS),
# so the user's own plugins are untouched. CI runs it after the tests.
#
#   bench/plugin-roundtrip.sh            prints each step's time and "plugin round trip: ok"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/vosbench-plugin.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export VOSBENCH_PLUGINS="$work/plugins"
vosbench() { "$here/vosbench" "$@"; }
step() { printf '%s  %s\n' "$(date +%T)" "$*"; }

step "plugin new similarity cosine"
vosbench plugin new similarity cosine --output "$work/cosine"
# The generated build finds a JDK 21+ the way ./vosbench does (JAVA_HOME, else the launcher's choice).
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | while read -r d; do
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null); [ -n "$v" ] && [ "$v" -ge 21 ] && echo "${d%/}"; done | head -n1)"
  export JAVA_HOME
fi
step "build the plugin outside the repository (./mvnw verify, offline)"
(cd "$work/cosine" && ./mvnw -B -q -o verify) 
jar=$(ls "$work"/cosine/target/cosine-*.jar)
step "plugins add $jar"
vosbench plugins add "$jar"
vosbench plugins list | grep -q "similarity 'cosine'" || { echo "plugin round trip: cosine not listed" >&2; exit 1; }
if vosbench info >/dev/null 2>&1; then
  vosbench info | grep -q cosine || { echo "plugin round trip: vosbench info does not list cosine" >&2; exit 1; }
fi

step "propagate the bundled sample with --similarity cosine"
cp -r "$here/bundles/org.vosbench.sample/sample/davis" "$work/data"
vosbench propagate --dataset "$work/data" --output "$work/out" --backbone weightfree --similarity cosine
n=$(find "$work/out" -name '*.png' | wc -l)
[ "$n" -gt 0 ] || { echo "plugin round trip: propagate wrote no mask" >&2; exit 1; }

step "plugins remove cosine"
vosbench plugins remove cosine
if vosbench propagate --dataset "$work/data" --output "$work/out2" --backbone weightfree --similarity cosine 2>"$work/err"; then
  echo "plugin round trip: cosine still usable after remove" >&2; exit 1
fi
grep -q 'similarity cosine: unknown similarity' "$work/err" || { cat "$work/err" >&2; exit 1; }
step "plugin round trip: ok ($n masks propagated with the plugin)"

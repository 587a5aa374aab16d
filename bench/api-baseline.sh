#!/usr/bin/env bash
# The build's API baseline check (tycho-baseline-plugin against releng/api-baseline, see pom.xml),
# shown on a scratch copy of this checkout. The scratch copy's baseline is first cut from its own
# unchanged build of core + engine (as releng/api-baseline/make-baseline.py does at a release), so
# the cases hold whatever the current development version is; then four changes to the API bundle
# org.vosbench.engine, each built offline (core + engine only):
#   1. incompatible: an abstract method added to org.vosbench.engine.Similarity (every plugin that
#      implements it breaks) with the package still at its baseline version -> the build must FAIL,
#      naming the changed class and method;
#   2. compatible, versioned: a new public class in org.vosbench.engine with the package's and the
#      bundle's version raised to the next micro (0.x: inside the [0.1,0.2) imports) -> PASS;
#   4. the class of 2 added without raising a version -> FAIL (every API change is versioned);
#   3. implementation only: a method body of an API class changed, versions untouched -> PASS.
#   bench/api-baseline.sh          prints each case's outcome and "api baseline: ok"
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/vosbench-api-baseline.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ]; then
  for c in /usr/lib/jvm/*; do
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$c/release" 2>/dev/null || true)"
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ -x "$c/bin/javac" ]; then export JAVA_HOME="$c"; fi
  done
fi
engine=bundles/org.vosbench.engine
build() { # case-name: builds core + engine of the scratch copy offline; output in $work/<case>.log
  (cd "$work/repo" && MAVEN_OPTS="${MAVEN_OPTS:--Xmx1200m}" ./mvnw -B -o verify -DskipTests -Dtycho.localArtifacts=ignore \
    -pl bundles/org.vosbench.core,$engine) > "$work/$1.log" 2>&1
}
add_class() { # a new public class in the API package org.vosbench.engine
  cat > "$work/repo/$engine/src/org/vosbench/engine/SimilarityNames.java" <<'JAVA'
package org.vosbench.engine;

/** The ids of the similarities VOS Bench ships. */
public final class SimilarityNames {
    public static final String L2 = "l2";

    private SimilarityNames() {
    }
}
JAVA
}
fresh() {
  rm -rf "$work/repo"
  mkdir -p "$work/repo"
  (cd "$here" && tar --exclude=./.git --exclude='*/target' -cf - .) | tar -C "$work/repo" -xf -
  if [ -d "$work/baseline" ]; then rm -rf "$work/repo/releng/api-baseline"; cp -r "$work/baseline" "$work/repo/releng/api-baseline"; fi
}
echo "0. the baseline: core and engine as they are now, built and cut into the scratch copy's releng/api-baseline"
fresh
(cd "$work/repo" && MAVEN_OPTS="${MAVEN_OPTS:--Xmx1200m}" ./mvnw -B -o package -DskipTests -Dtycho.localArtifacts=ignore \
  -Dtycho.baseline.skip=true -pl bundles/org.vosbench.core,$engine) > "$work/baseline.log" 2>&1 || { tail -20 "$work/baseline.log"; exit 1; }
python3 "$here/releng/api-baseline/make-baseline.py" --jars "$work/baseline" \
  $(ls "$work"/repo/bundles/org.vosbench.core/target/org.vosbench.core-*.jar "$work"/repo/$engine/target/org.vosbench.engine-*.jar | grep -v sources) \
  | sed 's/^/   /'
version=$(sed -n 's/^Export-Package: org.vosbench.engine;version="\([0-9.]*\)".*/\1/p' "$here/$engine/META-INF/MANIFEST.MF")
micro=$(echo "$version" | awk -F. '{print $1"."$2"."$3+1}')
bundle=$(sed -n 's/^Bundle-Version: \([0-9.]*\)\.qualifier/\1/p' "$here/$engine/META-INF/MANIFEST.MF")
bundle_micro=$(echo "$bundle" | awk -F. '{print $1"."$2"."$3+1}')
ok=1

echo "1. incompatible: Similarity gains an abstract method, package org.vosbench.engine stays $version"
fresh
sed -i 's/^    NDArray affinity(NDArray memKeys, NDArray queryKeys);/&\n\n    String describe();/' "$work/repo/$engine/src/org/vosbench/engine/Similarity.java"
grep -q 'String describe();' "$work/repo/$engine/src/org/vosbench/engine/Similarity.java"
# the engine's own implementation follows, so the bundle compiles; plugins built against the baseline would not load
sed -i 's/^public final class L2Similarity implements Similarity {/&\n\n    @Override\n    public String describe() {\n        return "l2";\n    }/' \
  "$work/repo/$engine/src/org/vosbench/engine/internal/L2Similarity.java"
if build incompatible; then
  echo "   FAIL: the build passed"; ok=0
else
  grep -E 'Baseline problems found|org.vosbench.engine.Similarity|MAJOR|suggested' "$work/incompatible.log" \
    | sed "s/^\[ERROR\] */   /" | head -12 || true
  grep -q 'Baseline problems found' "$work/incompatible.log" && echo "   => build failed, as it must" \
    || { echo "   FAIL: the build failed for another reason:"; tail -20 "$work/incompatible.log"; ok=0; }
fi

echo "2. compatible: a new public class in org.vosbench.engine, the package raised to $micro, the bundle to $bundle_micro"
fresh
add_class
sed -i -e "s/^Export-Package: org.vosbench.engine;version=\"$version\"/Export-Package: org.vosbench.engine;version=\"$micro\"/" \
  -e "s/^Bundle-Version: $bundle.qualifier/Bundle-Version: $bundle_micro.qualifier/" "$work/repo/$engine/META-INF/MANIFEST.MF"
grep -q "Bundle-Version: $bundle_micro.qualifier" "$work/repo/$engine/META-INF/MANIFEST.MF"
if build compatible; then
  grep -E 'tycho-baseline|baseline problems' "$work/compatible.log" | sed 's/^\[INFO\] */   /' | tail -2
  echo "   => build passed"
else
  echo "   FAIL: the build failed:"; grep -E 'ERROR' "$work/compatible.log" | head -20; ok=0
fi

echo "3. implementation only: a method body of org.vosbench.engine.SessionSettings changed, no version changed"
fresh
f="$work/repo/$engine/src/org/vosbench/engine/SessionSettings.java"
python3 - "$f" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
# a harmless change in the body of toString (or of the first method with a body): an extra local
m = re.search(r'\n(    public [^;{]*\([^)]*\)[^;{]*\{\n)', s)
s = s[:m.end()] + "        int unusedForTheBaselineCheck = 0;\n" + s[m.end():]
open(p, "w").write(s)
PY
if build implementation; then
  grep -E 'baseline problems' "$work/implementation.log" | sed 's/^\[INFO\] */   /' | tail -2
  echo "   => build passed"
else
  echo "   FAIL: the build failed:"; grep -E 'ERROR' "$work/implementation.log" | head -20; ok=0
fi
echo "4. the same new public class, no version raised"
fresh
add_class
if build unversioned; then
  echo "   FAIL: the build passed"; ok=0
else
  grep -E 'Baseline problems found' "$work/unversioned.log" | head -1 | sed 's/^\[ERROR\] */   /' || true
  grep -q 'Baseline problems found' "$work/unversioned.log" && echo "   => build failed, as it must" || { tail -20 "$work/unversioned.log"; ok=0; }
fi
[ "$ok" = 1 ] && echo "api baseline: ok" || { echo "api baseline: FAILED"; exit 1; }

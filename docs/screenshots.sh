#!/bin/sh
# Retakes the screenshots of docs/workbench.md from the materialized product, under Xvfb: the screenshot
# tour (bundle org.vosbench.app.tour, built with the rest but not part of the product) is installed for
# this one run through a private plugin folder; it walks the path of docs/workbench.md on the bundled
# sample and writes <folder>/*.png and <folder>/tour.txt, then closes the workbench.
#   ./mvnw -B -o install -DskipTests && docs/screenshots.sh [folder]
set -e
cd "$(dirname "$0")/.."
out=${1:-$PWD/target/screenshots}
jar=$(ls bundles/org.vosbench.app.tour/target/org.vosbench.app.tour-*.jar 2>/dev/null | grep -v sources | head -1)
if [ -z "$jar" ]; then
    echo "screenshots.sh: build first (./mvnw -B -o install -DskipTests): no tour bundle in bundles/org.vosbench.app.tour/target" >&2
    exit 2
fi
plugins=$(mktemp -d)
trap 'rm -rf "$plugins"' EXIT
cp "$jar" "$plugins/"
mkdir -p "$out"
VOSBENCH_JVM_OPTS="$VOSBENCH_JVM_OPTS -Dvosbench.plugins=$plugins -Dvosbench.tour=$out -Dvosbench.tour.exit=true" \
    xvfb-run -a -s "-screen 0 1600x1000x24" ./vosbench workbench
echo "screenshots in $out"

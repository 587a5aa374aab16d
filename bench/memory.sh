#!/usr/bin/env bash
# Time and resident memory per frame over a long video (the bundled sample looped back and
# forth), for STCN's memory policy (memory grows with the video) and the bounded one (flat).
#   bench/memory.sh [frames] [extra options, e.g. --weights stcn.pth]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
frames="${1:-2000}"
shift || true
for policy in bounded stcn; do
  echo "== --memory $policy"
  "$here/vosbench" bench memory --frames "$frames" --every 100 --memory "$policy" "$@" || echo "(--memory $policy stopped: $?)"
done

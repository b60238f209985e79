#!/usr/bin/env bash
# Replays every real log in ../shared/data/logs (or DIR) through the production topology and prints, per
# access log of 500 lines or more, its lines and the alerts by detector (alert JSON kept in --out): the
# figures docs/evaluation.md quotes for real traffic. The smaller fixtures are CrowdSec's and fail2ban's
# test files, which the conformance suite covers. Usage: tools/evaluation/real-logs.sh [--out DIR] [LOG_DIR]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${TMPDIR:-/tmp}/gatewatch-real-logs
if [ "${1:-}" = "--out" ]; then out=$2; shift 2; fi
logs=${1:-$here/../shared/data/logs}
[ -d "$logs" ] || { echo "real-logs.sh: no folder $logs" >&2; exit 2; }
mkdir -p "$out"
find "$logs" -type f ! -name '*.txt' ! -name '*.md' -size +40k | sort | while read -r log; do
  name=$(basename "$(dirname "$log")")-$(basename "$log")
  "$here/detector" replay --format auto --input "$log" < /dev/null > "$out/$name.alerts.jsonl" 2> "$out/$name.err" || {
    echo "real-logs.sh: replay of $log failed; see $out/$name.err" >&2; exit 1; }
  lines=$(wc -l < "$log")
  alerts=$(grep -c '"detector"' "$out/$name.alerts.jsonl" || true)
  by=$(grep -o '"detector" *: *"[a-z_]*"' "$out/$name.alerts.jsonl" | sed 's/.*"\([a-z_]*\)"$/\1/' | sort | uniq -c \
    | awk '{printf "%s%s %s", (NR>1?", ":""), $2, $1}' || true)
  printf '%-48s %7d lines %4d alerts  %s\n' "$name" "$lines" "$alerts" "${by:-}"
done

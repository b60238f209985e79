#!/usr/bin/env bash
# Simulate, replay and evaluate several seeds of one simulator profile, and print one line per seed
# plus the attacks missed and the benign actors alerted. Usage:
#   tools/evaluation/seeds.sh [--profile classic|hard] [--hours 12] [--out DIR] SEED...
# Each seed takes about a minute (simulate 3 s, replay 30-60 s on two cores).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
profile=classic hours=12 out=${TMPDIR:-/tmp}/gatewatch-seeds
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=$2; shift 2 ;;
    --hours) hours=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --*) echo "seeds.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: seeds.sh [--profile classic|hard] [--hours 12] [--out DIR] SEED..." >&2; exit 2; }
for seed in "$@"; do
  dir="$out/$profile-$seed"
  mkdir -p "$dir"
  echo "seeds.sh: seed $seed ($profile, $hours h) in $dir" >&2
  "$here/detector" simulate --profile "$profile" --hours "$hours" --seed "$seed" --out "$dir" 2> "$dir/simulate.err"
  "$here/detector" replay --format nginx --input "$dir/access.log" > "$dir/alerts.jsonl" 2> "$dir/replay.err"
  "$here/detector" evaluate --alerts "$dir/alerts.jsonl" --labels "$dir/labels.json" > "$dir/evaluation.txt"
  caught=$(awk '/^attacks caught/ {print $3}' "$dir/evaluation.txt")
  benign=$(awk '/^benign actors alerted/ {print $4}' "$dir/evaluation.txt")
  falses=$(awk '/^false alerts/ {print $3}' "$dir/evaluation.txt")
  printf 'seed %-4s %-8s caught %-6s benign actors alerted %-5s false alerts %s\n' "$seed" "$profile" "$caught" "$benign" "$falses"
  awk '$1 ~ /^attack-/ && $6 == "missed" {print "  missed:  " $1 " (" $2 ")"} $1 ~ /^benign-/ && $4 == "alerted" {print "  alerted: " $1 " by " $6}' "$dir/evaluation.txt"
done

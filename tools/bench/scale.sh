#!/usr/bin/env bash
# The scale table of docs/performance.md: `./detector bench` once per combination of clients, stream
# threads, partitions and processing guarantee, one markdown row per run, headed by the commit and the
# command so that the table carries its provenance (DocsFiguresTest refuses a table without it).
#
# usage: tools/bench/scale.sh [--events N] [--seconds T] [--clients "100000 1000000"] [--threads "1 2"]
#                             [--partitions "4 8"] [--guarantees "exactly_once_v2 at_least_once"] [--out FILE]
# Defaults run all 16 combinations with 300,000 events and a 10 s latency phase: about 2 minutes a run on
# two idle cores, so about 35 minutes in all. Progress and each run's full stderr go to FILE.log.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

events=300000
seconds=10
clients="100000 1000000"
threads="1 2"
partitions="4 8"
guarantees="exactly_once_v2 at_least_once"
out=scale-table.md
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --partitions) partitions=$2; shift 2 ;;
    --guarantees) guarantees=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scale.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
# edited docs do not change what is measured; edited code does
if [ -n "$(git -C "$here" status --porcelain --untracked-files=no -- . ':!docs' 2>/dev/null)" ]; then
  commit="$commit+uncommitted"
fi
log="$out.log"
: > "$log"

# the value of KEY in a bench summary line (key=value pairs separated by spaces)
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

{
  echo "Scale table, measured on $commit ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)) with"
  echo "\`tools/bench/scale.sh --events $events --seconds $seconds\` (each row: \`./detector bench --events $events"
  echo "--seconds $seconds --clients K --threads S --partitions P --processing-guarantee G\`)."
  echo
  echo "| clients | threads | partitions | guarantee | passthrough ev/s | full ev/s | ratio | CPU µs/event (full) | B allocated/event (full) | p99 ms at ${seconds}s × 20k ev/s | heap peak / live MB | RSS peak MB | state B/client on disk | load before → after |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$out"

for k in $clients; do
  for s in $threads; do
    for p in $partitions; do
      for g in $guarantees; do
        echo "scale.sh: clients=$k threads=$s partitions=$p guarantee=$g" | tee -a "$log" >&2
        before=$(cut -d' ' -f1 /proc/loadavg)
        if line=$("$here/detector" bench --events "$events" --seconds "$seconds" --clients "$k" --threads "$s" \
            --partitions "$p" --processing-guarantee "$g" 2>>"$log" | tail -1); then
          after=$(cut -d' ' -f1 /proc/loadavg)
          echo "$line" >> "$log"
          printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s → %s |\n' "$k" "$s" "$p" "$g" \
            "$(field "$line" passthrough_eps)" "$(field "$line" full_eps)" "$(field "$line" ratio)" \
            "$(field "$line" full_cpu_us)" "$(field "$line" full_alloc_b)" "$(field "$line" p99_ms)" \
            "$(field "$line" heap_peak_mb)" "$(field "$line" heap_live_mb)" "$(field "$line" rss_peak_mb)" \
            "$(field "$line" state_bytes_per_client)" "$before" "$after" >> "$out"
        else
          printf '| %s | %s | %s | %s | failed: see %s |||||||||| \n' "$k" "$s" "$p" "$g" "$log" >> "$out"
        fi
      done
    done
  done
done
echo "scale.sh: wrote $out" >&2

#!/usr/bin/env bash
# Writes the CLI's answers over a set of stores into OUT (one file per question, stdout and exit code), so
# that two builds can be compared byte for byte: `bench/answers.sh /tmp/before STORE...` then
# `bench/answers.sh /tmp/after STORE...` and `diff -r /tmp/before /tmp/after`.
# Every question: totals, discrepancies and report (--json), at everything known and at pairs of days, and
# audit and timeline (--json) of every total the store has (metric and direction), with FACTS_TODAY fixed.
set -u
out=$1; shift
mkdir -p "$out"
export FACTS_TODAY=${FACTS_TODAY:-2026-11-22}
here=$(cd "$(dirname "$0")/.." && pwd)
ask() { # name args...
  local name=$1; shift
  "$here/facts" "$@" > "$out/$name" 2> "$out/$name.err"; echo "exit $?" >> "$out/$name"
}
for store in "$@"; do
  s=$(basename "$store")
  for pair in "" "2025-06-20 2025-06-14" "2025-06-14 2025-06-14" "2024-03-01 2024-02-01" "2023-09-30 2023-09-30" "2025-12-31 2025-06-01"; do
    set -- $pair
    opts=(); tag=all
    if [ $# -eq 2 ]; then opts=(--known-at "$1" --through "$2"); tag="$1_$2"; fi
    ask "$s.totals.$tag" totals --json "${opts[@]}" --store "$store"
    ask "$s.discrepancies.$tag" discrepancies --json "${opts[@]}" --store "$store"
    ask "$s.report.$tag" report --json "${opts[@]}" --store "$store"
  done
  pairs=$("$here/facts" totals --json --store "$store" | node -e 'const j=JSON.parse(require("fs").readFileSync(0));console.log([...new Set(j.totals.map(t=>t.metric+" "+t.direction))].sort().join("\n"))')
  while read -r m d; do
    [ -z "$m" ] && continue
    ask "$s.audit.$m.$d" audit --json --metric "$m" --direction "$d" --store "$store"
    ask "$s.timeline.$m.$d" timeline --json --metric "$m" --direction "$d" --store "$store"
    ask "$s.audit.$m.$d.2025-06-20_2025-06-14" audit --json --metric "$m" --direction "$d" --known-at 2025-06-20 --through 2025-06-14 --store "$store"
  done <<< "$pairs"
done

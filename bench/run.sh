#!/usr/bin/env bash
# Performance side by side, in one run (docs/performance.md):
#   1. the release binary's size;
#   2. launch to first frame: tangping take vs a bare bubbletea v2 program
#      (bench/bare) in a pty, in pairs, median of the per-pair ratios, and
#      each one's peak memory (showing the first screen, then quitting);
#   3. tangping group vs jq (bench/aggregate.jq) on generated result
#      files: CPU (user+sys), wall and max RSS under /usr/bin/time -v,
#      median of REPEAT runs each, and the ratios;
#   4. the go test benchmarks of bank load, score, verify, aggregate and
#      one key press on the question screen.
# The machine's load (uptime) is printed before each measurement.
#
# Usage: bench/run.sh [SIZES...]   (default: 10000 100000 result files)
# Environment: PAIRS (launch pairs, default 30), REPEAT (group/jq runs
# each, default 3), KEEP=DIR (keep the generated files in DIR and reuse
# them next time; they take about 10 KB each).
# Needs GNU time at /usr/bin/time and jq (Debian: apt-get install -y time jq).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(10000 100000); fi
pairs=${PAIRS:-30}
repeat=${REPEAT:-3}
for tool in /usr/bin/time jq; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y time jq)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tangping-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
data=${KEEP:-$work/data}
load() { echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs)"; }

# tangping as released: built by scripts/build.sh, which owns the release
# flags (docs/install.md); the bare program with the same flags, so the
# two compare fairly.
echo "== building (scripts/build.sh; bench/bare with CGO_ENABLED=0 go build -trimpath -ldflags \"-s -w\")"
OUT="$work/tangping" scripts/build.sh >/dev/null
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/bare" ./bench/bare
go build -o "$work/launch" ./bench/launch
go build -o "$work/gen" ./bench/group
go_version=$(go env GOVERSION)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "machine: $cpu, $(nproc) CPUs; $go_version; jq $(jq --version)"

echo
echo "== 1. release binary"
size=$(stat -c %s "$work/tangping")
awk -v s="$size" 'BEGIN { printf "tangping: %d bytes (%.1f MiB)\n", s, s / 1048576 }'

echo
echo "== 2. launch to first frame, tangping take vs bare bubbletea v2 ($pairs pairs) $(load)"
home=$work/home
mkdir -p "$home"
for yard in "-cjk" ""; do
  if [ -n "$yard" ]; then what="bare program drawing a line of Chinese"; marker="空白程序"; else what="bare program, ASCII only"; marker="bare bubbletea"; fi
  echo "-- vs the $what"
  HOME=$home XDG_STATE_HOME=$home/state LANG=zh_CN.UTF-8 \
    "$work/launch" -n "$pairs" -a-marker 躺平式干部自查自测 -b-marker "$marker" \
    -- "$work/tangping" take --anonymous -- "$work/bare" $yard
done

# measure LABEL CMD...: one run under /usr/bin/time -v; prints
# "cpu wall rss" (seconds, seconds, KB).
measure() {
  local out=$work/time.txt
  /usr/bin/time -v -o "$out" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
  awk -F': ' '
    /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
    /Elapsed \(wall clock\)/ { n=split($2, p, ":"); w=0; for (i=1; i<=n; i++) w=w*60+p[i] }
    END { printf "%.2f %.2f %d\n", u+s, w, m }' "$out"
}
median() { sort -g | awk '{a[NR]=$1} END { print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2 }'; }

jq_group() {
  # Files in batches as xargs gives them, then the batches' sums added.
  find "$1" -name '*.json' -print0 | xargs -0 jq -c -n -f bench/aggregate.jq |
    jq -s -c 'reduce (.[] | to_entries[]) as $e ({}; .[$e.key].n += $e.value.n
      | .[$e.key].sum += $e.value.sum | .[$e.key].sq += $e.value.sq
      | .[$e.key].flagged += $e.value.flagged)' > "$work/jq.json"
}
export -f jq_group
export work

echo
echo "== 3. group vs jq (median of $repeat runs each; CPU = user + sys)"
for n in "${sizes[@]}"; do
  dir=$data/$n
  if [ ! -f "$dir/.complete" ]; then
    echo "generating $n result files (not timed) ..."
    rm -rf "$dir"
    "$work/gen" -n "$n" -dir "$dir"
    touch "$dir/.complete"
  fi
  # Read every file once so that both tools read from the page cache.
  find "$dir" -name '*.json' -print0 | xargs -0 cat >/dev/null
  echo "-- $n files ($(du -sh "$dir" | cut -f1)) $(load)"
  : > "$work/t.txt"; : > "$work/j.txt"
  for _ in $(seq "$repeat"); do
    measure "$work/tangping" group "$dir" --format json -o "$work/group.json" >> "$work/t.txt"
    measure bash -c 'jq_group "$0"' "$dir" >> "$work/j.txt"
  done
  for f in t j; do
    cpu=$(cut -d' ' -f1 "$work/$f.txt" | median); wall=$(cut -d' ' -f2 "$work/$f.txt" | median); rss=$(cut -d' ' -f3 "$work/$f.txt" | median)
    eval "${f}_cpu=$cpu ${f}_wall=$wall ${f}_rss=$rss"
  done
  awk -v n="$n" -v tc="$t_cpu" -v tw="$t_wall" -v tr="$t_rss" -v jc="$j_cpu" -v jw="$j_wall" -v jr="$j_rss" 'BEGIN {
    printf "tangping group: CPU %.2f s (%.0f µs/file), wall %.2f s, max RSS %.0f MB\n", tc, tc / n * 1e6, tw, tr / 1024
    printf "jq:             CPU %.2f s (%.0f µs/file), wall %.2f s, max RSS %.0f MB\n", jc, jc / n * 1e6, jw, jr / 1024
    printf "group ahead of jq: %.1fx in CPU, %.1fx in wall time\n", jc / tc, jw / tw }'
  echo "runs (cpu wall rss): tangping $(tr '\n' ';' < "$work/t.txt") jq $(tr '\n' ';' < "$work/j.txt")"
done

echo
echo "== 4. go test benchmarks $(load)"
go test -run '^$' -bench 'LoadDefaultBank|ParseDefaultBank' -benchmem ./internal/bank | grep '^Benchmark'
go test -run '^$' -bench 'Score|EngineFigures' -benchmem ./internal/score | grep '^Benchmark'
go test -run '^$' -bench 'Check|DecodeVerified' -benchmem ./internal/verify | grep '^Benchmark'
go test -run '^$' -bench 'GroupFiles|AggregatorAdd' -benchmem ./internal/group | grep '^Benchmark'
go test -run '^$' -bench 'KeyPress$' -benchmem ./internal/tui | grep '^Benchmark'
echo
echo "done $(load)"

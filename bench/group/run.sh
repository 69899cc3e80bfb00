#!/usr/bin/env bash
# Measures tangping group on N generated result files (default 100,000):
# wall time and peak memory (max RSS) of the real binary reading real
# files. Generating the files is not timed. Usage:
#   bench/group/run.sh [N] [extra tangping group flags...]
# Needs GNU time at /usr/bin/time. The files (about 10 KB each, 1 GB for
# 100,000) go to a temporary folder that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
shift || true
work=$(mktemp -d "${TMPDIR:-/tmp}/tangping-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

go build -o "$work/tangping" ./cmd/tangping
go build -o "$work/gen" ./bench/group
echo "generating $n result files in $work/results ..."
"$work/gen" -n "$n" -dir "$work/results"
sync
# Read every file once so the timed run measures tangping, not the disk.
find "$work/results" -name '*.json' -print0 | xargs -0 cat > /dev/null

echo "tangping group $work/results --format json $* (machine load: $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/time -f 'wall %e s  user %U s  sys %S s  max RSS %M KB' \
  "$work/tangping" group "$work/results" --format json -o "$work/group.json" "$@"

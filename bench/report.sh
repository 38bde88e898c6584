#!/usr/bin/env bash
# `toggl-sync report` at scale: the simulator's account with N time entries (default 1,000,000)
# synced into a DuckDB file, then the report timed against a baseline measured in the same run:
# `toggl-sync state show` on the same file (the JVM start, opening the file, one small read), so
# the ratio says what the report's SQL and page cost beyond starting up. Writes bench/REPORT-RESULTS.md
# (bench/run.sh copies it into RESULTS.md). Needs java, mvn, jq.
#
#   bench/report.sh [--entries N] [--runs K]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
work="$here/work/report"
n=1000000
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --entries) n=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/report.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
log() { echo "bench/report: $*" >&2; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rm -rf "$work" && mkdir -p "$work"
"$repo/toggl-sync" --version >/dev/null   # the launcher builds the jar when it is missing or stale
jar="$repo/toggl-sync-app/target/toggl-sync.jar"

java -jar "$jar" simulator --time-entries "$n" --quota 1000000 --quiet > "$work/sim.out" 2> "$work/sim.err" &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q "listening on" "$work/sim.out" 2>/dev/null && [ -z "$(tail -c 1 "$work/sim.out")" ] && break
  kill -0 "$sim" 2>/dev/null || { cat "$work/sim.err" >&2; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/sim.out")
token=$(sed -n 's/.*token=\([^ ]*\).*/\1/p' "$work/sim.out")
db="$work/report.duckdb"
cat > "$work/sync.yaml" <<YAML
source: TOGGL_TRACK
target: duckdb://$db
defaults:
  mode: full-refresh
  object: '{stream_name}'
streams:
  '*':
YAML
log "syncing $n time entries (and the other streams) into $db"
TOGGL_TRACK="{type: api, spec: toggl-track, secrets: {api_token: \"$token\"}, inputs: {base_url: \"$url\", rate: 100000}}" \
  "$repo/toggl-sync" run -r "$work/sync.yaml" --output json > "$work/sync.json" 2> "$work/sync.err" \
  || { cat "$work/sync.err" >&2; exit 1; }
kill $sim 2>/dev/null || true
rows=$(jq -r '.streams[] | select(.stream == "time_entries") | .rows' "$work/sync.json")

log "timing: report and its baseline, $runs runs each, interleaved"
: > "$work/report.runs"; : > "$work/baseline.runs"
for r in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$repo/toggl-sync" state show "duckdb://$db" > /dev/null
  cat "$work/time.txt" >> "$work/baseline.runs"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$repo/toggl-sync" report "duckdb://$db" --out "$work/report.html" > "$work/report.out"
  cat "$work/time.txt" >> "$work/report.runs"
  log "run $r: report $(cut -d' ' -f1 "$work/time.txt") s"
done
report_s=$(awk '{ print $1 }' "$work/report.runs" | median)
report_rss=$(awk '{ print $2 }' "$work/report.runs" | median)
base_s=$(awk '{ print $1 }' "$work/baseline.runs" | median)
size=$(stat -c %s "$work/report.html")
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v < lim) ? "**met**" : "**not met**" }'; }

{
  echo "## The report at scale (bench/report.sh)"
  echo
  echo "Generated $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "\`toggl-sync report\` through the launcher on a DuckDB file holding $rows time_entries rows (the simulator's"
  echo "account, every stream synced); median of $runs runs, each next to a run of its baseline \`toggl-sync state show\`"
  echo "on the same file (JVM start, open, one small read)."
  echo
  echo "| goal | measured | |"
  echo "| --- | --- | --- |"
  echo "| report of $rows entries in under 5 s | $report_s s (baseline $base_s s; report = $(awk -v a="$report_s" -v b="$base_s" 'BEGIN { printf "%.2f", a / b }')× the baseline) | $(verdict "$report_s" 5) |"
  echo "| the file under 2 MB | $(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }') MB ($size bytes; ECharts is 0.97 MB of it) | $(verdict "$size" 2097152) |"
  echo
  echo "Peak RSS of the report process: $(awk -v k="$report_rss" 'BEGIN { printf "%.0f", k / 1024 }') MB. What the command printed:"
  echo
  echo '```'
  cat "$work/report.out"
  echo '```'
  echo
} > "$here/REPORT-RESULTS.md"
log "wrote bench/REPORT-RESULTS.md"

#!/usr/bin/env bash
# toggl-sync benchmark for the file and SQLite targets (issue 15): N time entries, full-refresh,
# into Parquet, CSV and SQLite, each next to its own baseline in the same run:
#   Parquet, CSV: DuckDB's own COPY (SELECT * FROM read_json(body)) TO file, the same declared types
#   SQLite:       the sqlite3 shell's .import of the same rows as CSV (the CSV toggl-sync wrote)
# Our figure is the stream's seconds from the run report (first request to commit), with the body
# served by bench's FileServer (almost no source CPU), as bench/run.sh's "load path only" rows.
# Peak heap from the GC log under -Xmx256m. Writes bench/FILES-RESULTS.md.
#
# CPU seconds (user + system) of each process are recorded too: on 2 cores shared with other work,
# wall seconds mostly measure the other work; CPU seconds measure ours and the baseline's own cost.
#
#   bench/files.sh [--entries N] [--runs K] [--kinds parquet,csv,sqlite]
#
# --kinds measures only the named targets (the SQLite row alone: --kinds sqlite); a subset is
# written to bench/work/files/results-partial.md instead of replacing bench/FILES-RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
work="$here/work/files"
n=1000000
runs=3
kinds="parquet,csv,sqlite"
while [ $# -gt 0 ]; do
  case "$1" in
    --entries) n=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --kinds) kinds=$2; shift 2 ;;
    *) echo "bench/files.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for cmd in java mvn jq curl sqlite3 /usr/bin/time; do
  command -v "$cmd" >/dev/null || { echo "bench/files.sh: '$cmd' is needed but not on PATH" >&2; exit 1; }
done
mkdir -p "$work"
jar="$repo/toggl-sync-app/target/toggl-sync.jar"
classpath="$repo/toggl-sync-app/target/test-classes:$jar"
log() { echo "bench: $*" >&2; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

log "building (mvn -B -q -DskipTests package)"
(cd "$repo" && mvn -B -q -DskipTests package)

start_server() { # name command...
  local name=$1; shift
  "$@" > "$work/$name.out" 2> "$work/$name.err" &
  SERVER_PID=$!; pids+=("$SERVER_PID")
  for _ in $(seq 1 600); do
    grep -q "listening on" "$work/$name.out" 2>/dev/null && [ -z "$(tail -c 1 "$work/$name.out")" ] && break
    sleep 0.1
  done
  SERVER_URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/$name.out" | head -1)
  SERVER_TOKEN=$(sed -n 's/.*token=\([^ ]*\).*/\1/p' "$work/$name.out" | head -1)
}
today=$(date -u +%F)
start_date=$(date -u -d "$today - 90 days" +%F)
end_date=$(date -u -d "$today + 2 days" +%F)

log "simulator with $n time entries; saving its /me/time_entries body"
start_server sim java -jar "$jar" simulator --time-entries "$n" --quota 1000000 --quiet
body="$work/time_entries.json"
curl -sf -u "$SERVER_TOKEN:api_token" -o "$body" "$SERVER_URL/api/v9/me/time_entries?start_date=$start_date&end_date=$end_date"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
start_server files java -cp "$classpath" dev.togglsync.bench.FileServer "$body"
url=$SERVER_URL

run_ours() { # kind(parquet|csv|sqlite) -> "rows seconds peak_heap_MB"
  local kind=$1 target object
  rm -rf "$work/out" "$work/out.db" "$work/out.db-wal" "$work/out.db-shm"
  case "$kind" in
    sqlite) target="sqlite://$work/out.db"; object="'{stream_name}'" ;;
    *) target="file://$work/out/"; object="'{stream_name}.$kind'" ;;
  esac
  cat > "$work/r.yaml" <<YAML
source: TOGGL_TRACK
target: $target
defaults:
  mode: full-refresh
  object: $object
streams:
  time_entries:
YAML
  TOGGL_SYNC_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$work/gc.log" \
    TOGGL_TRACK="{type: api, spec: toggl-track, secrets: {api_token: unused}, inputs: {base_url: \"$url\", rate: 100000}}" \
    /usr/bin/time -f "%U %S" -o "$work/cpu.txt" \
    "$repo/toggl-sync" run -r "$work/r.yaml" --output json -d > "$work/report.json" 2> "$work/run.err" \
    || { cat "$work/run.err" >&2; exit 1; }
  local peak
  peak=$(grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1 || true)
  grep -h "COPY of" "$work/run.err" >&2 || true
  echo "$(jq '.streams[0].rows' "$work/report.json") $(jq '.streams[0].seconds' "$work/report.json") ${peak:-0} $(awk '{ print $1 + $2 }' "$work/cpu.txt")"
}
baseline() { # kind -> "seconds cpu_seconds" (the CPU of the whole baseline process)
  case "$1" in
    parquet|csv)
      local s
      s=$(/usr/bin/time -f "%U %S" -o "$work/cpu.txt" java -cp "$classpath" dev.togglsync.bench.CopyJsonBaseline "$body" "$work/baseline.$1" "$1")
      echo "$s $(awk '{ print $1 + $2 }' "$work/cpu.txt")" ;;
    sqlite)
      rm -f "$work/baseline.db"
      local t0 t1
      t0=$(date +%s.%N)
      /usr/bin/time -f "%U %S" -o "$work/cpu.txt" sqlite3 "$work/baseline.db" ".import --csv $work/baseline.csv time_entries"
      t1=$(date +%s.%N)
      echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') $(awk '{ print $1 + $2 }' "$work/cpu.txt")" ;;
  esac
}

log "the CSV the sqlite3 baseline imports: toggl-sync's own CSV of the same rows"
run_ours csv > /dev/null
cp "$work/out/time_entries.csv" "$work/baseline.csv"

: > "$work/results.txt"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for kind in ${kinds//,/ }; do
  rm -f "$work/$kind.ours" "$work/$kind.base"
  for r in $(seq 1 "$runs"); do
    baseline "$kind" >> "$work/$kind.base"
    run_ours "$kind" >> "$work/$kind.ours"
    log "  $kind run $r: ours $(tail -1 "$work/$kind.ours"), baseline $(tail -1 "$work/$kind.base") s"
  done
  rows=$(awk '{ print $1 }' "$work/$kind.ours" | median)
  ours=$(awk '{ print $2 }' "$work/$kind.ours" | median)
  heap=$(awk '{ print $3 }' "$work/$kind.ours" | sort -n | tail -1)
  base=$(awk '{ print $1 }' "$work/$kind.base" | median)
  ours_cpu=$(awk '{ print $4 }' "$work/$kind.ours" | median)
  base_cpu=$(awk '{ print $2 }' "$work/$kind.base" | median)
  echo "$kind $rows $ours $base $heap $ours_cpu $base_cpu" >> "$work/results.txt"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
out="$here/FILES-RESULTS.md"
[ "$kinds" = "parquet,csv,sqlite" ] || out="$work/results-partial.md"

{
  echo "# Files and SQLite: bench/files.sh results"
  echo
  echo "\`bench/files.sh --entries $n --runs $runs --kinds $kinds\`, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores shared with other work"
  echo "(load average $load_start at the start, $load_end at the end)."
  echo "Our seconds: the time_entries stream of \`toggl-sync run\` (full-refresh), first request to commit, the"
  echo "body served from a file; each run next to a baseline run. Medians of $runs. Ratio = baseline s / our s"
  echo "(1.00 = as fast as the baseline; the goal is at least 0.5)."
  echo
  echo "| target | rows | toggl-sync s | baseline | baseline s | ratio | peak heap (MB, -Xmx256m) | CPU s toggl-sync (process) | CPU s baseline | CPU ratio |"
  echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  while read -r kind rows ours base heap ours_cpu base_cpu; do
    case "$kind" in
      parquet) what="DuckDB COPY read_json → Parquet" ;;
      csv) what="DuckDB COPY read_json → CSV" ;;
      sqlite) what="sqlite3 .import of the CSV" ;;
    esac
    printf '| %s | %s | %.2f | %s | %.2f | %.2f | %s | %.2f | %.2f | %.2f |\n' "$kind" "$rows" "$ours" "$what" "$base" \
      "$(awk -v a="$base" -v b="$ours" 'BEGIN { print a / b }')" "$heap" "$ours_cpu" "$base_cpu" \
      "$(awk -v a="$base_cpu" -v b="$ours_cpu" 'BEGIN { print a / b }')"
  done < "$work/results.txt"
} > "$out"
cat "$out"

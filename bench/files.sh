#!/usr/bin/env bash
# toggl-sync benchmark for the file and SQLite targets (issue 15): N time entries, full-refresh,
# into Parquet, CSV and SQLite, each next to its own baseline in the same run:
#   Parquet, CSV: DuckDB's own COPY (SELECT * FROM read_json(body)) TO file, the same declared types
#   SQLite:       the sqlite3 shell's .import of the same rows as CSV (the CSV toggl-sync wrote)
# Our figure is the stream's seconds from the run report (first request to commit), with the body
# served by bench's FileServer (almost no source CPU), as bench/run.sh's "load path only" rows.
# Peak heap from the GC log under -Xmx256m. Writes bench/FILES-RESULTS.md.
#
#   bench/files.sh [--entries N] [--runs K]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
work="$here/work/files"
n=1000000
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --entries) n=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "bench/files.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for cmd in java mvn jq curl sqlite3; do
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
    "$repo/toggl-sync" run -r "$work/r.yaml" --output json -d > "$work/report.json" 2> "$work/run.err" \
    || { cat "$work/run.err" >&2; exit 1; }
  local peak
  peak=$(grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1 || true)
  grep -h "COPY of" "$work/run.err" >&2 || true
  echo "$(jq '.streams[0].rows' "$work/report.json") $(jq '.streams[0].seconds' "$work/report.json") ${peak:-0}"
}
baseline() { # kind -> seconds
  case "$1" in
    parquet|csv) java -cp "$classpath" dev.togglsync.bench.CopyJsonBaseline "$body" "$work/baseline.$1" "$1" ;;
    sqlite)
      rm -f "$work/baseline.db"
      local t0 t1
      t0=$(date +%s.%N)
      sqlite3 "$work/baseline.db" ".import --csv $work/baseline.csv time_entries"
      t1=$(date +%s.%N)
      awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' ;;
  esac
}

log "the CSV the sqlite3 baseline imports: toggl-sync's own CSV of the same rows"
run_ours csv > /dev/null
cp "$work/out/time_entries.csv" "$work/baseline.csv"

: > "$work/results.txt"
for kind in parquet csv sqlite; do
  rm -f "$work/$kind.ours" "$work/$kind.base"
  for r in $(seq 1 "$runs"); do
    baseline "$kind" >> "$work/$kind.base"
    run_ours "$kind" >> "$work/$kind.ours"
    log "  $kind run $r: ours $(tail -1 "$work/$kind.ours"), baseline $(tail -1 "$work/$kind.base") s"
  done
  rows=$(awk '{ print $1 }' "$work/$kind.ours" | median)
  ours=$(awk '{ print $2 }' "$work/$kind.ours" | median)
  heap=$(awk '{ print $3 }' "$work/$kind.ours" | sort -n | tail -1)
  base=$(median < "$work/$kind.base")
  echo "$kind $rows $ours $base $heap" >> "$work/results.txt"
done

{
  echo "# Files and SQLite: bench/files.sh results"
  echo
  echo "\`bench/files.sh --entries $n --runs $runs\`, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores shared with other work."
  echo "Our seconds: the time_entries stream of \`toggl-sync run\` (full-refresh), first request to commit, the"
  echo "body served from a file; each run next to a baseline run. Medians of $runs. Ratio = baseline s / our s"
  echo "(1.00 = as fast as the baseline; the goal is at least 0.5)."
  echo
  echo "| target | rows | toggl-sync s | baseline | baseline s | ratio | peak heap (MB, -Xmx256m) |"
  echo "| --- | ---: | ---: | --- | ---: | ---: | ---: |"
  while read -r kind rows ours base heap; do
    case "$kind" in
      parquet) what="DuckDB COPY read_json → Parquet" ;;
      csv) what="DuckDB COPY read_json → CSV" ;;
      sqlite) what="sqlite3 .import of the CSV" ;;
    esac
    printf '| %s | %s | %.2f | %s | %.2f | %.2f | %s |\n' "$kind" "$rows" "$ours" "$what" "$base" \
      "$(awk -v a="$base" -v b="$ours" 'BEGIN { print a / b }')" "$heap"
  done < "$work/results.txt"
} > "$here/FILES-RESULTS.md"
cat "$here/FILES-RESULTS.md"

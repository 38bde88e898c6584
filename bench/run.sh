#!/usr/bin/env bash
# toggl-sync benchmark: measures load throughput against the machine's own bulk-load baselines,
# memory as the data grows, request economy and start-up, and writes bench/RESULTS.md.
#
#   bench/run.sh [--entries N[,N...]] [--runs K] [--no-profile] [--history N[,N...] | --history-only | --no-history]
#
# --entries  time entries in the simulator's dataset, one measurement set per value (default 100000,1000000)
# --runs     runs per figure; every figure is the median (default 3)
# --no-profile  skip the JFR profile and per-thread CPU runs
# --report-only  measure nothing: write RESULTS.md again from the last run's bench/work/results.tsv
#                (after editing bench/NOTES.md, say)
# --history  report rows for the history row (report_time_entries, a 3-year team account), one set per
#            value (default 100000,1000000); the first and last are compared for flat peak heap
# --history-only  measure only the history row: writes bench/HISTORY-RESULTS.md and puts it in place of
#                 the history section of RESULTS.md, leaving every other section as it is
# --no-history  skip the history row (RESULTS.md then keeps the last HISTORY-RESULTS.md)
#
# Everything runs on 127.0.0.1: the simulator as its own JVM (`toggl-sync simulator`), a throw-away
# PostgreSQL server in bench/work/pg (bench/pg.sh), DuckDB files in bench/work. Needs java, mvn, jq,
# curl, psql and the PostgreSQL server binaries (the same as `mvn -B verify`).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
work="$here/work"
entries_list="100000,1000000"
runs=3
profile=1
report_only=0
history_list="100000,1000000"
history_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --entries) entries_list=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-profile) profile=0; shift ;;
    --report-only) report_only=1; shift ;;
    --history) history_list=$2; shift 2 ;;
    --history-only) history_only=1; shift ;;
    --no-history) history_list=""; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a entries <<< "$entries_list"
IFS=, read -r -a hsizes <<< "$history_list"
if [ "$history_only" = 1 ] && [ ${#hsizes[@]} = 0 ]; then
  echo "bench/run.sh: --history-only needs --history sizes (not --no-history)" >&2; exit 2
fi
for cmd in java mvn jq curl psql; do
  command -v "$cmd" >/dev/null || { echo "bench/run.sh: '$cmd' is needed but not on PATH" >&2; exit 1; }
done

mkdir -p "$work"
jar="$repo/toggl-sync-app/target/toggl-sync.jar"
classpath="$repo/toggl-sync-app/target/test-classes:$jar"
results="$work/results.tsv"
hresults="$work/history.tsv"
tck=$(getconf CLK_TCK)

log() { echo "bench: $*" >&2; }
put() { printf '%s\t%s\n' "$1" "$2" >> "$results"; }                # key value
get() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$results"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fmt() { awk -v v="$1" -v d="${2:-0}" 'BEGIN { if (v == "") print "–"; else printf "%.*f\n", d, v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print ""; else printf "%.2f\n", a / b }'; }
pass() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "") { print "not measured"; exit }
  ok = (op == ">=") ? v >= t : (op == "<=") ? v <= t : (op == "<") ? v < t : v == t; print ok ? "**met**" : "**not met**" }'; }
# CPU seconds a process and its waited-for children have used (utime+stime+cutime+cstime).
proc_cpu() { awk -v t="$tck" '{ sub(/.*\) /, ""); print ($12 + $13 + $14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU seconds the whole machine has been busy (all cores, everything but idle and iowait).
machine_cpu() { awk -v t="$tck" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / t }' /proc/stat; }

pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  "$here/pg.sh" stop || true
}
trap cleanup EXIT

if [ "$report_only" = 0 ]; then
if [ "$history_only" = 0 ]; then
: > "$results"
command_line="bench/run.sh --entries $entries_list --runs $runs"
[ "$profile" = 0 ] && command_line="$command_line --no-profile"
put command "$command_line"
put entries "$entries_list"
put runs "$runs"
put profile "$profile"
put date "$(date -u '+%Y-%m-%d %H:%M UTC')"
fi

log "building (mvn -B -q -DskipTests package)"
(cd "$repo" && mvn -B -q -DskipTests package)

log "starting PostgreSQL"
pg_port=$("$here/pg.sh" start)
pg_postmaster=$(head -1 "$work/pg/data/postmaster.pid")
export PGPASSFILE="$here/work/pg/pgpass"
psql_() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -qAtX -v ON_ERROR_STOP=1 "$@"; }
# The password stays off every command line: the connection refers to it with ${BENCH_PG_PASSWORD}.
BENCH_PG_PASSWORD=$(cat "$here/work/pg/password"); export BENCH_PG_PASSWORD
export BENCH_PG="{ type: postgres, host: 127.0.0.1, port: $pg_port, user: postgres, password: \"\${BENCH_PG_PASSWORD}\", database: bench, sslmode: disable }"
pg_url=BENCH_PG

# Starts a process whose first stdout line names its URL; sets SERVER_PID, SERVER_URL, SERVER_TOKEN.
start_server() { # name, command...
  local name=$1; shift
  "$@" > "$work/$name.out" 2> "$work/$name.err" &
  SERVER_PID=$!
  pids+=("$SERVER_PID")
  for _ in $(seq 1 600); do
    # the whole line: it names the URL and token, so a half-written one will not do
    grep -q "listening on" "$work/$name.out" 2>/dev/null && [ -z "$(tail -c 1 "$work/$name.out")" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$work/$name.err" >&2; echo "bench/run.sh: $name did not start" >&2; exit 1; }
    sleep 0.1
  done
  SERVER_URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/$name.out" | head -1)
  [ -n "$SERVER_URL" ] || { echo "bench/run.sh: $name printed no URL" >&2; exit 1; }
  SERVER_TOKEN=$(sed -n 's/.*token=\([^ ]*\).*/\1/p' "$work/$name.out" | head -1)
}
stop_server() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# history_input: extra connection inputs (the history row sets history_start)
history_input=""
toggl_env() { # base_url token
  echo "{type: api, spec: toggl-track, secrets: {api_token: \"${2:-unused}\"}, inputs: {base_url: \"$1\", rate: 100000${history_input:+, $history_input}}}"
}

write_yaml() { # file target object stream
  cat > "$1" <<YAML
source: TOGGL_TRACK
target: $2
defaults:
  mode: full-refresh
  object: $3
streams:
  $4:
YAML
}
# stream: the one stream run_once loads; yaml_tag picks its replication files
stream=time_entries yaml_tag=""
write_yaml "$work/duckdb.yaml" "duckdb://$work/e2e.duckdb" 'main.{stream_name}' time_entries
write_yaml "$work/postgres.yaml" "$pg_url" 'public.{stream_name}' time_entries
write_yaml "$work/duckdb-history.yaml" "duckdb://$work/e2e.duckdb" 'main.{stream_name}' report_time_entries
write_yaml "$work/postgres-history.yaml" "$pg_url" 'public.{stream_name}' report_time_entries

# One `toggl-sync run` of the time_entries stream, full-refresh, from a fresh table; records
# rows, the stream's seconds (first request to commit), process wall time, CPU and peak RSS.
# source_pid: the process serving the data, whose CPU is counted as the source's.
run_once() { # key target(duckdb|postgres) base_url token source_pid [java options...]
  local key=$1 target=$2 url=$3 token=$4 source_pid=$5; shift 5
  rm -f "$work/e2e.duckdb" "$work/e2e.duckdb.wal"
  psql_ -c "DROP TABLE IF EXISTS public.$stream" >/dev/null
  local gclog="$work/gc-$key.log"
  rm -f "$gclog"
  local m0 s0 p0 m1 s1 p1
  m0=$(machine_cpu); s0=$(proc_cpu "$source_pid"); p0=$(proc_cpu "$pg_postmaster")
  # Through the launcher, as a user runs it: its JVM options (the serial collector) apply, then ours.
  # The launcher execs java, so /usr/bin/time measures the JVM's own process.
  TOGGL_SYNC_JAVA_OPTS="$* -Xlog:gc,gc+heap+exit:file=$gclog" TOGGL_TRACK=$(toggl_env "$url" "$token") \
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
    "$repo/toggl-sync" run -r "$work/$target$yaml_tag.yaml" --output json \
    > "$work/report.json" 2> "$work/run.err" || { cat "$work/run.err" >&2; echo "bench/run.sh: run $key failed" >&2; exit 1; }
  m1=$(machine_cpu); s1=$(proc_cpu "$source_pid"); p1=$(proc_cpu "$pg_postmaster")
  [ "$(jq -r .status "$work/report.json")" = success ] || { cat "$work/report.json" >&2; exit 1; }
  local wall user sys rss rows seconds requests
  read -r wall user sys rss < "$work/time.txt"
  rows=$(jq '.streams[0].rows' "$work/report.json")
  seconds=$(jq '.streams[0].seconds' "$work/report.json")
  requests=$(jq '.streams[0].requests' "$work/report.json")
  local ours src srv other peak_before live exit_used
  ours=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  src=$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')
  srv=$(awk -v a="$p0" -v b="$p1" -v t="$target" 'BEGIN { print t == "postgres" ? b - a : 0 }')
  other=$(awk -v a="$m0" -v b="$m1" -v o="$ours" -v s="$src" -v p="$srv" 'BEGIN { v = b - a - o - s - p; print v < 0 ? 0 : v }')
  peak_before=$(grep -o '[0-9]*M->[0-9]*M' "$gclog" | sed 's/M->.*//' | sort -n | tail -1 || true)
  live=$(grep -o '[0-9]*M->[0-9]*M' "$gclog" | sed 's/.*->//; s/M//' | sort -n | tail -1 || true)
  # at exit: G1 prints one "garbage-first heap total ..K, used ..K", Serial one line per generation
  exit_used=$(grep -E '(generation|heap) +total' "$gclog" | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | awk '{ s += $1 } END { print s + 0 }' || true)
  local peak
  peak=$(awk -v a="${peak_before:-0}" -v b="${exit_used:-0}" 'BEGIN { b = b / 1024; print (a > b ? a : b) }')
  printf '%s %s %s %s %s %s %s %s %s %s %s %s\n' "$rows" "$seconds" "$wall" "$ours" "$src" "$srv" "$other" \
    "$rss" "$peak" "${live:-0}" "$requests" "$(awk -v r="$rows" -v s="$seconds" 'BEGIN { print r / s }')" >> "$work/$key.runs"
}

# Median of one column of a .runs file: 1 rows, 2 seconds, 3 wall, 4 our CPU, 5 source CPU,
# 6 server CPU, 7 other CPU, 8 RSS KB, 9 peak heap MB, 10 live heap MB, 11 requests, 12 rows/s.
col() { awk -v c="$2" '{ print $c }' "$work/$1.runs" | median; }

measure() { # key target url token source_pid runs [java options...]
  local key=$1 target=$2 url=$3 token=$4 source_pid=$5 n=$6; shift 6
  rm -f "$work/$key.runs"
  for r in $(seq 1 "$n"); do
    run_once "$key" "$target" "$url" "$token" "$source_pid" "$@"
    log_run "$key" "$r"
  done
  summarize "$key"
}
log_run() { log "  $1 run $2: $(tail -1 "$work/$1.runs" | awk '{ printf "%d rows in %.2f s = %.0f rows/s (wall %.2f s, RSS %d MB)", $1, $2, $12, $3, $8 / 1024 }')"; }
summarize() { for c in 1 2 3 4 5 6 7 8 9 10 11 12; do put "$1.$c" "$(col "$1" "$c")"; done; }

# The baselines, one run each, appended as "rows seconds rows/s" to copy.N.runs / readjson.N.runs.
copy_once() { # n csv
  psql_ -c "DROP TABLE IF EXISTS copy_baseline" >/dev/null
  # PostgreSQL's fastest load of a CSV file: the table created in the COPY's own transaction, so
  # that COPY may FREEZE the rows (as toggl-sync's full-refresh does).
  local t0 t1 rows
  t0=$(date +%s.%N)
  psql_ -c "BEGIN" -c "CREATE TABLE copy_baseline (LIKE copy_template)" \
    -c "\\copy copy_baseline FROM '$2' WITH (FORMAT csv, FREEZE)" -c "COMMIT"
  t1=$(date +%s.%N)
  rows=$(psql_ -c "SELECT count(*) FROM copy_baseline")
  psql_ -c "DROP TABLE copy_baseline" >/dev/null
  awk -v r="$rows" -v a="$t0" -v b="$t1" 'BEGIN { print r, b - a, r / (b - a) }' >> "$work/copy.$1.runs"
  log "  COPY baseline: $(tail -1 "$work/copy.$1.runs" | awk '{ printf "%d rows in %.2f s = %.0f rows/s", $1, $2, $3 }')"
}
readjson_once() { # n body
  java -cp "$classpath" dev.togglsync.bench.ReadJsonBaseline "$2" "$work" 1 "$stream" \
    | awk '{ print $1, $2, $1 / $2 }' >> "$work/readjson.$1.runs"
  rm -f "$work/read_json_baseline.duckdb" "$work/read_json_baseline.duckdb.wal"
  log "  read_json baseline: $(tail -1 "$work/readjson.$1.runs" | awk '{ printf "%d rows in %.2f s = %.0f rows/s", $1, $2, $3 }')"
}
summarize_baseline() { # name n
  put "$1.$2.1" "$(awk '{ print $1 }' "$work/$1.$2.runs" | median)"
  put "$1.$2.2" "$(awk '{ print $2 }' "$work/$1.$2.runs" | median)"
  put "$1.$2.12" "$(awk '{ print $3 }' "$work/$1.$2.runs" | median)"
}

# ------------------------------------------------------------------------- the history row
# report_time_entries (DESIGN.md §4) read from a 3-year team account through the Reports API's
# windows and pages (a year per request, pages of 1000), full-refresh, pacing off, into each
# database; each run next to the same baselines as time_entries' rows, fed the same rows: COPY FROM
# the CSV exported from the loaded PostgreSQL table, read_json of the DuckDB table exported as one
# JSON array. Then peak heap under -Xmx256m (the serial collector), compared first size vs last.
# Figures go to bench/work/history.tsv, so that --history-only leaves results.tsv alone.
measure_history() {
  local saved_results=$results
  results=$hresults
  : > "$results"
  local cmd="bench/run.sh --history $history_list --runs $runs"
  [ "$history_only" = 1 ] && cmd="bench/run.sh --history-only --history $history_list --runs $runs"
  put command "$cmd"
  put sizes "$history_list"
  put runs "$runs"
  put date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  put load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
  stream=report_time_entries yaml_tag=-history
  for n in "${hsizes[@]}"; do
    log "== history: about $n report rows"
    start_server hsim java -cp "$classpath" dev.togglsync.bench.HistoryBench simulator "$n"
    local hsim_pid=$SERVER_PID hsim_url=$SERVER_URL hsim_token=$SERVER_TOKEN
    for _ in $(seq 1 100); do grep -q 'report_rows=' "$work/hsim.out" && break; sleep 0.1; done
    local hstart expected
    hstart=$(sed -n 's/.*history_start=\([0-9-]*\).*/\1/p' "$work/hsim.out")
    expected=$(sed -n 's/.*report_rows=\([0-9]*\).*/\1/p' "$work/hsim.out")
    [ -n "$hstart" ] && [ -n "$expected" ] || { echo "bench/run.sh: the history simulator printed no history_start/report_rows" >&2; exit 1; }
    put "h.expected.$n" "$expected"
    history_input="history_start: $hstart"
    log "a first load into each database (also warms the simulator up), exported as the baselines' input"
    run_once "hwarm.postgres.$n" postgres "$hsim_url" "$hsim_token" "$hsim_pid"
    local csv="$work/report-$n.csv" json="$work/report-$n.json"
    psql_ -c "\\copy public.report_time_entries TO '$csv' CSV"
    psql_ -c "DROP TABLE IF EXISTS copy_template" -c "CREATE TABLE copy_template (LIKE public.report_time_entries)" >/dev/null
    run_once "hwarm.duckdb.$n" duckdb "$hsim_url" "$hsim_token" "$hsim_pid"
    rm -f "$json"
    java -cp "$classpath" dev.togglsync.bench.HistoryBench export "$work/e2e.duckdb" main.report_time_entries "$json"
    put "h.csv.$n" "$(stat -c %s "$csv")"
    put "h.json.$n" "$(stat -c %s "$json")"
    rm -f "$work/copy.h$n.runs" "$work/readjson.h$n.runs" "$work/hist.duckdb.$n.runs" "$work/hist.postgres.$n.runs"
    for r in $(seq 1 "$runs"); do
      readjson_once "h$n" "$json"
      run_once "hist.duckdb.$n" duckdb "$hsim_url" "$hsim_token" "$hsim_pid"; log_run "hist.duckdb.$n" "$r"
      copy_once "h$n" "$csv"
      run_once "hist.postgres.$n" postgres "$hsim_url" "$hsim_token" "$hsim_pid"; log_run "hist.postgres.$n" "$r"
    done
    summarize "hist.duckdb.$n"
    summarize "hist.postgres.$n"
    summarize_baseline copy "h$n"
    summarize_baseline readjson "h$n"
    log "history memory under -Xmx256m (the launcher's serial collector)"
    measure "hmem.duckdb.$n" duckdb "$hsim_url" "$hsim_token" "$hsim_pid" "$runs" -Xmx256m
    measure "hmem.postgres.$n" postgres "$hsim_url" "$hsim_token" "$hsim_pid" "$runs" -Xmx256m
    stop_server "$hsim_pid"
    rm -f "$csv" "$json"
  done
  put load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  history_input="" stream=time_entries yaml_tag=""
  results=$saved_results
}

if [ "$history_only" = 1 ]; then
  measure_history
else
today=$(date -u +%F)
start_date=$(date -u -d "$today - 90 days" +%F)
end_date=$(date -u -d "$today + 2 days" +%F)
put load_start "$(cut -d' ' -f1-3 /proc/loadavg)"

# Other work on a shared machine comes and goes: each of our runs is taken right next to a run of
# its baseline, so that a busy minute slows both and the ratio stays fair.
for n in "${entries[@]}"; do
  log "== $n time entries"
  start_server sim java -jar "$jar" simulator --time-entries "$n" --quota 1000000 --quiet
  sim_pid=$SERVER_PID sim_url=$SERVER_URL sim_token=$SERVER_TOKEN
  body="$work/time_entries-$n.json"
  log "saving the simulator's /me/time_entries body (also warms the simulator up)"
  curl -sf -u "$sim_token:api_token" -o "$body" "$sim_url/api/v9/me/time_entries?start_date=$start_date&end_date=$end_date"
  put "body.$n" "$(stat -c %s "$body")"
  log "a first load into PostgreSQL, exported as the COPY baseline's CSV"
  run_once "warmup.$n" postgres "$sim_url" "$sim_token" "$sim_pid"
  csv="$work/time_entries-$n.csv"
  psql_ -c "\\copy public.time_entries TO '$csv' CSV"
  # the same column types for the baseline's table, kept while our runs drop and create time_entries
  psql_ -c "DROP TABLE IF EXISTS copy_template" -c "CREATE TABLE copy_template (LIKE public.time_entries)" >/dev/null
  put "csv.$n" "$(stat -c %s "$csv")"
  rm -f "$work/copy.$n.runs" "$work/readjson.$n.runs" "$work/e2e.duckdb.$n.runs" "$work/e2e.postgres.$n.runs"

  log "end to end, simulator -> DuckDB and -> PostgreSQL, each next to its baseline"
  for r in $(seq 1 "$runs"); do
    readjson_once "$n" "$body"
    run_once "e2e.duckdb.$n" duckdb "$sim_url" "$sim_token" "$sim_pid"; log_run "e2e.duckdb.$n" "$r"
    copy_once "$n" "$csv"
    run_once "e2e.postgres.$n" postgres "$sim_url" "$sim_token" "$sim_pid"; log_run "e2e.postgres.$n" "$r"
  done
  summarize "e2e.duckdb.$n"
  summarize "e2e.postgres.$n"

  log "memory under -Xmx256m: the launcher's serial collector, and G1 (the JVM's own default) for comparison"
  measure "serial.duckdb.$n" duckdb "$sim_url" "$sim_token" "$sim_pid" "$runs" -Xmx256m
  measure "serial.postgres.$n" postgres "$sim_url" "$sim_token" "$sim_pid" "$runs" -Xmx256m
  measure "g1.duckdb.$n" duckdb "$sim_url" "$sim_token" "$sim_pid" "$runs" -Xmx256m -XX:-UseSerialGC -XX:+UseG1GC
  measure "g1.postgres.$n" postgres "$sim_url" "$sim_token" "$sim_pid" "$runs" -Xmx256m -XX:-UseSerialGC -XX:+UseG1GC

  if [ "$profile" = 1 ] && [ "$n" = "${entries[-1]}" ]; then
    for target in duckdb postgres; do
      log "profile: $target, JFR and CPU per thread"
      rm -f "$work/profile-$target.jfr"
      run_once "profile.$target.$n" "$target" "$sim_url" "$sim_token" "$sim_pid" \
        -XX:StartFlightRecording=filename="$work/profile-$target.jfr",settings=profile -Xlog:jfr+startup=off &
      run_pid=$!
      sleep 0.3
      java_pid=$(pgrep -n -f "profile-$target.jfr" || true)
      [ -n "$java_pid" ] && "$here/threads_cpu.sh" "$java_pid" > "$work/threads-$target.txt" || true
      wait "$run_pid"
      python3 "$here/jfr_top.py" "$work/profile-$target.jfr" 12 > "$work/jfr-$target.txt" 2>&1 || true
    done
  fi
  stop_server "$sim_pid"

  log "load path only: the saved body from a file server (almost no source CPU), each next to its baseline"
  start_server files java -cp "$classpath" dev.togglsync.bench.FileServer "$body"
  files_pid=$SERVER_PID files_url=$SERVER_URL
  rm -f "$work/file.duckdb.$n.runs" "$work/file.postgres.$n.runs"
  for r in $(seq 1 "$runs"); do
    readjson_once "$n" "$body"
    run_once "file.duckdb.$n" duckdb "$files_url" "" "$files_pid"; log_run "file.duckdb.$n" "$r"
    copy_once "$n" "$csv"
    run_once "file.postgres.$n" postgres "$files_url" "" "$files_pid"; log_run "file.postgres.$n" "$r"
  done
  summarize "file.duckdb.$n"
  summarize "file.postgres.$n"
  stop_server "$files_pid"
  summarize_baseline copy "$n"
  summarize_baseline readjson "$n"
  rm -f "$body" "$csv"
done

log "request economy: every stream, time_entries incremental, against the default dataset"
start_server econ java -jar "$jar" simulator --quota 1000000
econ_pid=$SERVER_PID econ_url=$SERVER_URL econ_token=$SERVER_TOKEN
cat > "$work/all.yaml" <<YAML
source: TOGGL_TRACK
target: duckdb://$work/economy.duckdb
defaults:
  mode: full-refresh
streams:
  '*':
  time_entries:
    mode: incremental
YAML
rm -f "$work/economy.duckdb" "$work/economy.duckdb.wal"
# The minimum: /me, /me/workspaces once, per workspace projects pages (a bare array: the last page
# is the first short one, so floor(n/200)+1), clients, tags, tasks pages (total_count says when to
# stop: ceil(n/200), at least 1), workspace_users; time_entries once.
auth=(-sf -u "$econ_token:api_token")
minimum=3
for ws in $(curl "${auth[@]}" "$econ_url/api/v9/me/workspaces" | jq '.[].id'); do
  projects=0 page=1
  while :; do
    got=$(curl "${auth[@]}" "$econ_url/api/v9/workspaces/$ws/projects?active=both&per_page=200&page=$page" | jq length)
    projects=$((projects + got)); [ "$got" -lt 200 ] && break; page=$((page + 1))
  done
  tasks=$(curl -s -u "$econ_token:api_token" "$econ_url/api/v9/workspaces/$ws/tasks?active=both&per_page=200&page=1" | jq '.total_count? // 0' 2>/dev/null || echo 0)
  task_pages=$(( tasks > 0 ? (tasks + 199) / 200 : 1 ))
  minimum=$((minimum + projects / 200 + 1 + 1 + 1 + task_pages + 1))
done
put "econ.minimum" "$minimum"
for phase in full incremental; do
  before=$(grep -c '^simulator: ' "$work/econ.err" || true)
  TOGGL_TRACK=$(toggl_env "$econ_url" "$econ_token") "$repo/toggl-sync" run -r "$work/all.yaml" --output json \
    > "$work/econ-$phase.json" 2> "$work/econ-$phase.err" || { cat "$work/econ-$phase.err" >&2; exit 1; }
  sleep 0.5
  after=$(grep -c '^simulator: ' "$work/econ.err" || true)
  put "econ.$phase.reported" "$(jq .requests "$work/econ-$phase.json")"
  put "econ.$phase.seen" "$((after - before))"
  put "econ.$phase.te" "$(jq '.streams[] | select(.stream == "time_entries") | .requests' "$work/econ-$phase.json")"
  put "econ.$phase.te_rows" "$(jq '.streams[] | select(.stream == "time_entries") | .rows' "$work/econ-$phase.json")"
done
stop_server "$econ_pid"

log "start-up"
help_runs=$(( runs < 5 ? 5 : runs ))
put help_runs "$help_runs"
for r in $(seq 1 "$help_runs"); do
  t0=$(date +%s.%N); java -jar "$jar" --help > /dev/null; t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{ print $2 - $1 }' >> "$work/help-jar.runs.$$"
  t0=$(date +%s.%N); "$repo/toggl-sync" --help > /dev/null; t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{ print $2 - $1 }' >> "$work/help-launcher.runs.$$"
done
put "help.jar" "$(median < "$work/help-jar.runs.$$")"
put "help.launcher" "$(median < "$work/help-launcher.runs.$$")"
rm -f "$work/help-jar.runs.$$" "$work/help-launcher.runs.$$"
if java -jar "$jar" demo --help 2>/dev/null | grep -q -- '--file'; then
  for r in $(seq 1 "$runs"); do
    rm -f "$work/demo.duckdb" "$work/demo.duckdb.wal"
    t0=$(date +%s.%N); (cd "$work" && "$repo/toggl-sync" demo --file "$work/demo.duckdb" -q > /dev/null 2>&1); t1=$(date +%s.%N)
    echo "$t0 $t1" | awk '{ print $2 - $1 }' >> "$work/demo.runs.$$"
  done
  put "demo" "$(median < "$work/demo.runs.$$")"
  rm -f "$work/demo.runs.$$"
else
  put "demo" ""
fi
put load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
[ ${#hsizes[@]} -gt 0 ] && measure_history
fi
fi

# ------------------------------------------------------------------------ HISTORY-RESULTS.md
hg() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$hresults"; }
heap_flat=1
render_history() {
  local hsz hfirst hlast n target r base
  IFS=, read -r -a hsz <<< "$(hg sizes)"
  hfirst=${hsz[0]} hlast=${hsz[-1]}
  echo "## Team history: report_time_entries at scale (bench/run.sh --history)"
  echo
  echo "Produced by \`$(hg command)\` on $(hg date); every figure is the median of $(hg runs) runs. Load average"
  echo "$(hg load_start) at the start, $(hg load_end) at the end, on $(nproc) cores: other engineers' builds and benches shared"
  echo "the machine when it was high (see \"other CPU\"), which slows our runs and the baselines alike."
  echo
  echo "The simulator (bench/HistoryBench: a team account, every member with entries, three years; the Reports API's"
  echo "default limits, a year per request and pages of 1000) → \`toggl-sync run\` (report_time_entries, full-refresh,"
  echo "history_start before the first entry, pacing off: rate 100000) → the database. rows/s = rows ÷ the stream's"
  echo "seconds in the run's JSON report. The baselines load the same rows: PostgreSQL COPY FROM the CSV exported from"
  echo "the loaded table (created in the COPY's transaction, FREEZE), DuckDB \`read_json\` of the loaded table exported"
  echo "as one flat JSON array (the API's rows are nested: \`time_entries[]\` inside each row, so the baseline parses less)."
  echo "Each baseline ran right before each of our runs."
  echo
  echo "| report rows | source → target | rows loaded | rows/s | ratio to baseline | baseline rows/s | stream s | wall s | requests | CPU toggl-sync | CPU source | CPU PostgreSQL | other CPU |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for n in "${hsz[@]}"; do
    for target in duckdb postgres; do
      local k="hist.$target.$n"
      base=$([ $target = duckdb ] && hg "readjson.h$n.12" || hg "copy.h$n.12")
      echo "| $(hg "h.expected.$n") | simulator → $([ $target = duckdb ] && echo "DuckDB (read_json)" || echo "PostgreSQL (COPY FROM)") | $(hg "$k.1") | $(fmt "$(hg "$k.12")") | $(ratio "$(hg "$k.12")" "$base")× | $(fmt "$base") | $(fmt "$(hg "$k.2")" 2) | $(fmt "$(hg "$k.3")" 2) | $(hg "$k.11") | $(fmt "$(hg "$k.4")" 1) | $(fmt "$(hg "$k.5")" 1) | $(fmt "$(hg "$k.6")" 1) | $(fmt "$(hg "$k.7")" 1) |"
    done
  done
  echo
  echo "| goal | measured | |"
  echo "| --- | --- | --- |"
  for n in "${hsz[@]}"; do
    for target in duckdb postgres; do
      local got; got=$(hg "hist.$target.$n.1")
      echo "| every report row loaded ($target, $n) | $got of $(hg "h.expected.$n") | $(pass "$got" "==" "$(hg "h.expected.$n")") |"
    done
  done
  for target in duckdb postgres; do
    r=$(ratio "$(hg "hmem.$target.$hlast.9")" "$(hg "hmem.$target.$hfirst.9")")
    echo "| peak heap at $hlast report rows ≤ 1.5× that at $hfirst ($target, -Xmx256m, the launcher's serial collector) | $(fmt "$(hg "hmem.$target.$hlast.9")") MB vs $(fmt "$(hg "hmem.$target.$hfirst.9")") MB = $r× (live after GC $(fmt "$(hg "hmem.$target.$hlast.10")") vs $(fmt "$(hg "hmem.$target.$hfirst.10")") MB) | $(pass "$r" "<=" 1.5) |"
  done
  echo
}
# The script's own check of the memory goal: a history row whose heap grows with the rows fails the bench.
check_history_heap() {
  local hsz r target
  IFS=, read -r -a hsz <<< "$(hg sizes)"
  [ ${#hsz[@]} -ge 2 ] || return 0
  for target in duckdb postgres; do
    r=$(ratio "$(hg "hmem.$target.${hsz[-1]}.9")" "$(hg "hmem.$target.${hsz[0]}.9")")
    if [ -z "$r" ] || awk -v r="$r" 'BEGIN { exit !(r > 1.5) }'; then
      echo "bench/run.sh: history row: peak heap at ${hsz[-1]} report rows is ${r:-not measured}× that at ${hsz[0]} ($target); the goal is ≤ 1.5×" >&2
      heap_flat=0
    fi
    for n in "${hsz[@]}"; do
      [ "$(hg "hist.$target.$n.1")" = "$(hg "h.expected.$n")" ] || {
        echo "bench/run.sh: history row: $target loaded $(hg "hist.$target.$n.1") of $(hg "h.expected.$n") report rows ($n)" >&2; heap_flat=0; }
    done
  done
}
if [ -s "$hresults" ]; then
  render_history > "$here/HISTORY-RESULTS.md"
  log "wrote bench/HISTORY-RESULTS.md"
  check_history_heap
fi
# The generated sections of RESULTS.md: the rest (Kafka Connect, the soak, ...) was appended by other
# scripts and is kept as it is whenever this script rewrites the file.
generated='^## ([0-9]+\.|Goals|The report at scale|Team history)'
if [ "$history_only" = 1 ]; then
  # Only the history section changes: in place of the old one, else before "## 7." (or at the end).
  awk -v new="$here/HISTORY-RESULTS.md" '
    function put_new() { while ((getline l < new) > 0) print l; close(new); done = 1 }
    /^## / { skipping = 0 }
    /^## Team history/ { if (!done) put_new(); skipping = 1; next }
    /^## 7\./ && !done && !seen_history { put_new() }
    !skipping { print }
    END { if (!done) { print ""; put_new() } }
  ' seen_history="$(grep -c '^## Team history' "$here/RESULTS.md" || true)" "$here/RESULTS.md" > "$here/RESULTS.md.new"
  mv "$here/RESULTS.md.new" "$here/RESULTS.md"
  log "put the history section into bench/RESULTS.md (every other section unchanged)"
  [ "$heap_flat" = 1 ] || exit 1
  exit 0
fi

[ -s "$results" ] || { echo "bench/run.sh: no measurements in $results; run without --report-only first" >&2; exit 1; }
command_line=$(get command) runs=$(get runs) profile=$(get profile) help_runs=$(get help_runs)
IFS=, read -r -a entries <<< "$(get entries)"
load_start=$(get load_start) load_end=$(get load_end)

# ------------------------------------------------------------------------------------ RESULTS.md
g() { get "$1"; }
kb_mb() { awk -v v="$1" 'BEGIN { if (v == "") print "–"; else printf "%.0f\n", v / 1024 }'; }
first=${entries[0]} last=${entries[-1]}
{
  echo "# Benchmark results"
  echo
  echo "Produced by \`$command_line\` on $(get date); every figure is the median of $runs runs"
  echo "(start-up: of $help_runs). The same command measures again; \`bench/run.sh --report-only\` rewrites this file from the"
  echo "last run's figures (bench/work/results.tsv). The analysis at the end is bench/NOTES.md, copied in."
  echo
  echo "| machine | |"
  echo "| --- | --- |"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores |"
  echo "| memory | $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) |"
  echo "| Java | $(java -version 2>&1 | head -1) |"
  echo "| PostgreSQL | $(psql --version | awk '{ print $3 }') server from bench/pg.sh (fsync, synchronous_commit, full_page_writes off; shared_buffers 128MB) |"
  echo "| DuckDB | duckdb_jdbc $(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' "$repo/pom.xml"), embedded in the toggl-sync process |"
  echo "| load average | $load_start at the start, $load_end at the end (other work on the machine shares the 2 cores; see \"other CPU\") |"
  echo
  echo "## Goals"
  echo
  echo "| goal | measured | |"
  echo "| --- | --- | --- |"
  for n in "${entries[@]}"; do
    r=$(ratio "$(g "e2e.postgres.$n.12")" "$(g "copy.$n.12")")
    echo "| PostgreSQL ≥ 0.7× COPY FROM, end to end, $n entries | $r× | $(pass "$r" ">=" 0.7) |"
    r=$(ratio "$(g "e2e.duckdb.$n.12")" "$(g "readjson.$n.12")")
    echo "| DuckDB ≥ 0.5× read_json, end to end, $n entries | $r× | $(pass "$r" ">=" 0.5) |"
  done
  for n in "${entries[@]}"; do
    r=$(ratio "$(g "file.postgres.$n.12")" "$(g "copy.$n.12")")
    echo "| (the same, load path only: saved body, no simulator) PostgreSQL, $n entries | $r× | $(pass "$r" ">=" 0.7) |"
    r=$(ratio "$(g "file.duckdb.$n.12")" "$(g "readjson.$n.12")")
    echo "| (the same, load path only: saved body, no simulator) DuckDB, $n entries | $r× | $(pass "$r" ">=" 0.5) |"
  done
  echo "| $last entries complete under -Xmx256m | DuckDB $(g "serial.duckdb.$last.1") rows, PostgreSQL $(g "serial.postgres.$last.1") rows (and with G1: $(g "g1.duckdb.$last.1"), $(g "g1.postgres.$last.1")) | $( [ -n "$(g "serial.duckdb.$last.1")" ] && [ -n "$(g "serial.postgres.$last.1")" ] && echo '**met**' || echo '**not met**') |"
  for target in duckdb postgres; do
    r=$(ratio "$(g "serial.$target.$last.9")" "$(g "serial.$target.$first.9")")
    echo "| peak heap at $last ≤ 1.5× that at $first ($target, -Xmx256m, the launcher's serial collector) | $(fmt "$(g "serial.$target.$last.9")") MB vs $(fmt "$(g "serial.$target.$first.9")") MB = $r× | $(pass "$r" "<=" 1.5) |"
  done
  for target in duckdb postgres; do
    r=$(ratio "$(g "g1.$target.$last.9")" "$(g "g1.$target.$first.9")")
    echo "| (not the shipped setting, for comparison) the same with G1 ($target) | $(fmt "$(g "g1.$target.$last.9")") MB vs $(fmt "$(g "g1.$target.$first.9")") MB = $r× | $(pass "$r" "<=" 1.5) |"
  done
  echo "| requests = the minimum (full sync) | $(g econ.full.reported) sent, minimum $(g econ.minimum) | $(pass "$(g econ.full.reported)" "==" "$(g econ.minimum)") |"
  echo "| incremental run with no changes: one time_entries request | $(g econ.incremental.te) | $(pass "$(g econ.incremental.te)" "==" 1) |"
  echo "| \`toggl-sync --help\` < 0.5 s | $(fmt "$(g help.launcher)" 3) s (launcher), $(fmt "$(g help.jar)" 3) s (java -jar) | $(pass "$(g help.launcher)" "<" 0.5) |"
  echo
  echo "## 1. Load throughput (time_entries, full-refresh, pacing off: rate 100000)"
  echo
  echo "rows/s = rows ÷ the stream's seconds in the run's JSON report (first request to commit; excludes JVM"
  echo "start-up and DuckDB's checkpoint at close, which \"wall\" includes). CPU columns are CPU seconds during the"
  echo "run: toggl-sync's process, the data source's process, the PostgreSQL server, and everything else on the"
  echo "machine (other work). On 2 cores, wall ≥ (sum of CPU) / 2. Every run goes through the \`./toggl-sync\` launcher"
  echo "with its JVM options (the serial collector), as a user runs it."
  echo
  echo "| entries | source → target | rows | rows/s | ratio to baseline | stream s | wall s | CPU toggl-sync | CPU source | CPU PostgreSQL | other CPU |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for n in "${entries[@]}"; do
    for src in e2e file; do
      for target in duckdb postgres; do
        k="$src.$target.$n"
        base=$([ $target = duckdb ] && g "readjson.$n.12" || g "copy.$n.12")
        name=$([ $src = e2e ] && echo "simulator" || echo "saved body (file server)")
        echo "| $n | $name → $([ $target = duckdb ] && echo DuckDB || echo PostgreSQL) | $(g "$k.1") | $(fmt "$(g "$k.12")") | $(ratio "$(g "$k.12")" "$base")× | $(fmt "$(g "$k.2")" 2) | $(fmt "$(g "$k.3")" 2) | $(fmt "$(g "$k.4")" 1) | $(fmt "$(g "$k.5")" 1) | $(fmt "$(g "$k.6")" 1) | $(fmt "$(g "$k.7")" 1) |"
      done
    done
  done
  echo
  echo "## 2. Baselines: the databases' own bulk loads of the same rows, from local files"
  echo
  echo "Each baseline ran once right before each of our runs ($((2 * runs)) runs per figure, median), so that both saw"
  echo "the same load from other work on the machine."
  echo
  echo "| entries | baseline | rows | seconds | rows/s | input |"
  echo "| ---: | --- | ---: | ---: | ---: | --- |"
  for n in "${entries[@]}"; do
    echo "| $n | PostgreSQL \`BEGIN; CREATE TABLE (LIKE time_entries); \\copy ... FROM\` CSV \`WITH (FREEZE); COMMIT\` (same column types, no index) | $(g "copy.$n.1") | $(fmt "$(g "copy.$n.2")" 2) | $(fmt "$(g "copy.$n.12")") | $(kb_mb "$(awk -v v="$(g "csv.$n")" 'BEGIN { print v / 1024 }')") MB CSV exported from the loaded table |"
    echo "| $n | DuckDB \`CREATE TABLE AS SELECT * FROM read_json(...)\` with the declared columns and types, fresh file | $(g "readjson.$n.1") | $(fmt "$(g "readjson.$n.2")" 2) | $(fmt "$(g "readjson.$n.12")") | $(kb_mb "$(awk -v v="$(g "body.$n")" 'BEGIN { print v / 1024 }')") MB JSON saved from the simulator with curl |"
  done
  echo
  echo "The comparison is not like for like, in the baselines' favour: they read a local file; toggl-sync's end-to-end"
  echo "figure includes producing the JSON (the simulator, another JVM on the same 2 cores), the HTTP transfer,"
  echo "parsing and converting every value, and its commit also builds the primary key (PostgreSQL) and swaps the"
  echo "table in. The \"saved body (file server)\" rows remove the simulator's JSON generation (the file server only"
  echo "copies bytes): that is the load path alone, through the same CLI and HTTP client."
  echo
  echo "## 3. Memory (time_entries, full-refresh, simulator → target)"
  echo
  echo "Peak heap = the largest heap occupancy seen (before any GC, or at exit) in -Xlog:gc; live = the largest"
  echo "occupancy right after a GC, which is what would grow if rows were kept (0: no collection ran); RSS = the process's peak resident"
  echo "set (VmHWM, /usr/bin/time %M). G1 sizes its young generation from the run's allocation history, up to 60%"
  echo "of the heap, so its peak grows with the run's length, not with what is kept; the serial collector's young"
  echo "generation is a fixed share of the heap."
  echo
  echo "| entries | target | JVM options | completed rows | peak heap MB | live after GC MB | peak RSS MB |"
  echo "| ---: | --- | --- | ---: | ---: | ---: | ---: |"
  for n in "${entries[@]}"; do
    for target in duckdb postgres; do
      echo "| $n | $target | launcher default (serial collector, default heap) | $(g "e2e.$target.$n.1") | $(fmt "$(g "e2e.$target.$n.9")") | $(fmt "$(g "e2e.$target.$n.10")") | $(kb_mb "$(g "e2e.$target.$n.8")") |"
      echo "| $n | $target | -Xmx256m (serial collector) | $(g "serial.$target.$n.1") | $(fmt "$(g "serial.$target.$n.9")") | $(fmt "$(g "serial.$target.$n.10")") | $(kb_mb "$(g "serial.$target.$n.8")") |"
      echo "| $n | $target | -Xmx256m -XX:+UseG1GC | $(g "g1.$target.$n.1") | $(fmt "$(g "g1.$target.$n.9")") | $(fmt "$(g "g1.$target.$n.10")") | $(kb_mb "$(g "g1.$target.$n.8")") |"
    done
  done
  echo
  echo "## 4. Request economy (default dataset, every stream, time_entries incremental)"
  echo
  echo "The minimum: /me, /me/workspaces, per workspace the project pages (floor(n/200)+1: a bare array ends at"
  echo "its first short page), clients, tags, task pages (ceil(n/200), at least 1: the envelope's total_count"
  echo "says when to stop) and workspace_users, and one time_entries request: $(g econ.minimum) for this dataset."
  echo
  echo "| run | requests (run report) | requests the simulator saw | minimum | time_entries requests | time_entries rows |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| first (full) sync | $(g econ.full.reported) | $(g econ.full.seen) | $(g econ.minimum) | $(g econ.full.te) | $(g econ.full.te_rows) |"
  echo "| incremental, no changes | $(g econ.incremental.reported) | $(g econ.incremental.seen) | $(g econ.minimum) | $(g econ.incremental.te) | $(g econ.incremental.te_rows) |"
  echo
  echo "(The incremental run re-reads the other seven streams whole, as DESIGN.md §3 says: the API cannot filter them.)"
  echo
  echo "## 5. Start-up"
  echo
  echo "| command | wall s |"
  echo "| --- | ---: |"
  echo "| \`./toggl-sync --help\` (launcher: freshness check + JVM) | $(fmt "$(g help.launcher)" 3) |"
  echo "| \`java -jar toggl-sync-app/target/toggl-sync.jar --help\` | $(fmt "$(g help.jar)" 3) |"
  if [ -n "$(g demo)" ]; then
    echo "| \`./toggl-sync demo\` into a fresh file (after the build) | $(fmt "$(g demo)" 2) |"
  else
    echo "| \`./toggl-sync demo\` | not available in this build |"
  fi
  echo
  if [ "$profile" = 1 ]; then
    echo "## 6. Profile of one $last-entry run (simulator → target)"
    echo
    for target in duckdb postgres; do
      echo "### $target"
      echo
      echo "CPU seconds per thread of the toggl-sync process (bench/threads_cpu.sh; DuckDB's own worker threads show as \`java\`):"
      echo
      echo '```'
      cat "$work/threads-$target.txt" 2>/dev/null || true
      echo '```'
      echo
      echo "Java execution samples (JFR, bench/jfr_top.py; native code such as DuckDB's and socket waits is not in them):"
      echo
      echo '```'
      sed -n '1,/^top .* methods on the stack/p' "$work/jfr-$target.txt" 2>/dev/null | sed '$d' || true
      echo '```'
      echo
    done
  fi
  # The history row's figures: bench/HISTORY-RESULTS.md, from this run or the last --history-only run.
  if [ -f "$here/HISTORY-RESULTS.md" ]; then
    cat "$here/HISTORY-RESULTS.md"
  fi
  # The report's own figures come from bench/report.sh, a separate, shorter run.
  if [ -f "$here/REPORT-RESULTS.md" ]; then
    cat "$here/REPORT-RESULTS.md"
  fi
  if [ -f "$here/NOTES.md" ]; then
    cat "$here/NOTES.md"
  fi
  # Sections other scripts appended (Kafka Connect, the soak, ...) stay, as they were.
  if [ -f "$here/RESULTS.md" ]; then
    awk -v g="$generated" '/^## / { keep = ($0 !~ g) } keep' "$here/RESULTS.md"
  fi
} > "$here/RESULTS.md.new"
mv "$here/RESULTS.md.new" "$here/RESULTS.md"
log "wrote bench/RESULTS.md"
[ "$heap_flat" = 1 ] || exit 1

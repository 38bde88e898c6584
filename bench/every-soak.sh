#!/usr/bin/env bash
# run --every soak (issue 19): one toggl-sync process, 2,000 cycles 10 ms apart against the simulator
# (its own JVM, quotas raised so that the budget does not slow the loop), into a DuckDB file.
# Measures, between cycle 100 and cycle 2,000: heap after a forced full GC at both points (growth =
# a leak), CPU of the whole process per no-change cycle, and requests per cycle; the baseline, in
# the same run: the CPU of one one-shot `toggl-sync run --streams time_entries` doing the same
# no-change cycle in a new JVM. Appends the figures to bench/RESULTS.md.
#
#   bench/every-soak.sh [--cycles N] [--entries N] [--jar FILE] [--jvm-opts "OPTS"] [--poll SECONDS]
#                       [--no-baseline] [--no-append] [--profile DIR]
#
# --profile DIR records, between cycle 100 and the last, a JFR recording (DIR/soak.jfr: summarise it
# with bench/jfr_top.py) and each thread's CPU (DIR/threads.txt: which threads the cycles' CPU is
# spent on — main, the writer threads, JIT, GC).
# --jar and --jvm-opts let two builds (or a JFR recording: --jvm-opts "-XX:StartFlightRecording=...")
# be compared run after run; --no-append prints the figures without touching RESULTS.md. --poll is
# how often the script asks /metrics whether the target cycle was reached: every scrape costs the
# loop process CPU (Micrometer renders the whole exposition), so it is 1 s by default (it was 0.05 s
# before 2026-12-07, which added ~2 scrapes' CPU to each measured cycle).
#
# Needs java, jcmd, curl and the built jar (./toggl-sync builds it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
work="$here/work/soak"
cycles=2000
entries=2000
jar=""
jvm_opts=""
poll=1
baseline=1
append=1
profile=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cycles) cycles=$2; shift 2 ;;
    --entries) entries=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --jvm-opts) jvm_opts=$2; shift 2 ;;
    --poll) poll=$2; shift 2 ;;
    --no-baseline) baseline=0; shift ;;
    --no-append) append=0; shift ;;
    --profile) profile=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    *) echo "bench/every-soak.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$jar" ]; then
  jar="$repo/toggl-sync-app/target/toggl-sync.jar"
  [ -f "$jar" ] || "$repo/toggl-sync" --version >/dev/null
fi
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
work="$work-$$"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
tick=$(getconf CLK_TCK)

java -XX:+UseSerialGC -jar "$jar" simulator --port 0 --quota 100000000 --time-entries "$entries" >sim.out 2>sim.err &
sim=$!
loop=""
trap 'kill $sim ${loop:-} 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q listening sim.out 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' sim.out)
token=$(sed -n 's/.*token=\(.*\)$/\1/p' sim.out)
export TOGGL_TRACK="{ type: api, spec: toggl-track, secrets: { api_token: $token }, inputs: { base_url: '$base', rate: 1000 } }"

cpu_ms() { awk -v t="$tick" '{ print ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }
metric() { curl -s "$health/metrics" | awk -v m="$1" '$1 ~ "^"m { s += $2 } END { printf "%.0f\n", s }'; }
await_cycle() {
  while [ "$(metric toggl_sync_cycles_total)" -lt "$1" ]; do sleep "$poll"; done
}
thread_cpu() {
  for t in /proc/"$loop"/task/*; do
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    rest=${stat##*) }
    # shellcheck disable=SC2086
    set -- $rest
    n=$(cat "$t/comm" 2>/dev/null) || continue
    echo "${t##*/} ${n//[0-9 ]/} $(( ${12} + ${13} ))"
  done
}
# Live heap: a full GC, the finalizers it queued run, a full GC again. DuckDB's JDBC statements, result
# sets and metadata have finalizers, so every one closed since the last GC outlives the first collection
# (class histograms and heap dumps at cycles 1,319 and 8,710 showed +1,063 DuckDBPreparedStatement and
# +2,656 Finalizer, freed after finalization): read after one GC, the figure measured how long ago the
# previous GC was, not what the loop keeps.
heap_after_gc() {
  jcmd "$loop" GC.run >/dev/null; jcmd "$loop" GC.run_finalization >/dev/null; jcmd "$loop" GC.run >/dev/null
  metric toggl_sync_heap_after_gc_bytes
}

# shellcheck disable=SC2086
java -XX:+UseSerialGC $jvm_opts -jar "$jar" run --every 10ms --health-port 0 -q >loop.out 2>loop.err &
loop=$!
for _ in $(seq 300); do grep -q 'health:' loop.err 2>/dev/null && break; sleep 0.1; done
health=$(grep -o 'http://127.0.0.1:[0-9]*' loop.err | head -1)

await_cycle 100
# The cycle count is read right next to the CPU reading: await_cycle polls only every --poll
# seconds, so the loop is past cycle 100 (or N) by then, and counting from 100 would divide the
# CPU by cycles it did not measure.
heap100=$(heap_after_gc); cpu100=$(cpu_ms "$loop"); c100=$(metric toggl_sync_cycles_total)
req100=$(metric toggl_sync_requests_total)
t100=$(date +%s.%N)
if [ -n "$profile" ]; then
  thread_cpu >"$profile/threads100.txt"
  jcmd "$loop" JFR.start name=soak settings=profile filename="$profile/soak.jfr" >/dev/null
fi
await_cycle "$cycles"
heapN=$(heap_after_gc); cpuN=$(cpu_ms "$loop"); doneN=$(metric toggl_sync_cycles_total)
reqN=$(metric toggl_sync_requests_total)
tN=$(date +%s.%N)
if [ -n "$profile" ]; then
  thread_cpu >"$profile/threadsN.txt"
  jcmd "$loop" JFR.stop name=soak >/dev/null
  # CPU ms per measured cycle by thread name (threads started after cycle 100 count from 0).
  awk -v t="$tick" -v n="$(( $(metric toggl_sync_cycles_total) - c100 ))" 'NR == FNR { a[$1] = $3; next }
    { c[$2] += $3 - a[$1] } END { for (k in c) if (c[k] > 0) printf "%8.2f ms/cycle  %s\n", c[k] * 1000 / t / n, k }' \
    "$profile/threads100.txt" "$profile/threadsN.txt" | sort -rn >"$profile/threads.txt"
  cat "$profile/threads.txt"
fi
failed=$(curl -s "$health/metrics" | awk '/^toggl_sync_cycles_total\{outcome="failure"/ { print $2 }')
kill -TERM "$loop"; wait "$loop" || true; loop=""

# Baseline: the same no-change cycle as a one-shot run in a new JVM (whole process CPU), median of 5.
base_cpu=()
[ "$baseline" = 1 ] && for _ in 1 2 3 4 5; do
  java -XX:+UseSerialGC -jar "$jar" run --streams time_entries -q >/dev/null 2>&1 &
  pid=$!
  last=0
  while kill -0 $pid 2>/dev/null; do last=$(cpu_ms $pid 2>/dev/null || echo "$last"); sleep 0.02; done
  wait $pid
  base_cpu+=("$last")
done
base_median=$(printf '%s\n' "${base_cpu[@]:-0}" | sort -n | sed -n 3p)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

n=$((doneN - c100))
report=$(awk -v h1="$heap100" -v h2="$heapN" -v c1="$cpu100" -v c2="$cpuN" -v r1="$req100" -v r2="$reqN" \
  -v n="$n" -v c0="$c100" -v t1="$t100" -v t2="$tN" -v b="$base_median" -v cyc="$cycles" -v f="${failed:-0}" 'BEGIN {
  cpu = (c2 - c1) / n; printf "| cycles measured | %d (cycle %d to %d), %s failed, %.1f s wall |\n", n, c0, c0 + n, f, t2 - t1;
  printf "| heap after full GC at cycle %d / %d | %.1f MB / %.1f MB (%+.1f %%) |\n", c0, c0 + n, h1/1048576, h2/1048576, (h2 - h1) * 100 / h1;
  printf "| CPU per no-change cycle (whole process) | %.1f ms |\n", cpu;
  printf "| baseline: one-shot `run --streams time_entries` (new JVM, whole process CPU, median of 5) | %.0f ms |\n", b;
  printf "| ratio one-shot / in-process cycle | %.0f x |\n", b / cpu;
  printf "| requests per no-change cycle | %.2f |\n", (r2 - r1) / n }')
report="$report
| load average (1/5/15 min) at start / end | $load_start / $load_end |"
[ "$append" = 1 ] || { echo "$report"; exit 0; }
echo "$report"
{
  echo
  echo "## run --every soak (bench/every-soak.sh, $(date -u +%Y-%m-%d), $(nproc) cores, $entries entries)"
  echo
  echo "| figure | value |"
  echo "| --- | --- |"
  echo "$report"
} >>"$here/RESULTS.md"

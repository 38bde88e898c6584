#!/usr/bin/env bash
# run --every soak (issue 19): one toggl-sync process, 2,000 cycles 10 ms apart against the simulator
# (its own JVM, quotas raised so that the budget does not slow the loop), into a DuckDB file.
# Measures, between cycle 100 and cycle 2,000: heap after a forced full GC at both points (growth =
# a leak), CPU of the whole process per no-change cycle, and requests per cycle; the baseline, in
# the same run: the CPU of one one-shot `toggl-sync run --streams time_entries` doing the same
# no-change cycle in a new JVM. Appends the figures to bench/RESULTS.md.
#
#   bench/every-soak.sh [--cycles N] [--entries N]
#
# Needs java, jcmd, curl and the built jar (./toggl-sync builds it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
work="$here/work/soak"
cycles=2000
entries=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --cycles) cycles=$2; shift 2 ;;
    --entries) entries=$2; shift 2 ;;
    *) echo "bench/every-soak.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
jar="$repo/toggl-sync-app/target/toggl-sync.jar"
[ -f "$jar" ] || "$repo/toggl-sync" --version >/dev/null
rm -rf "$work" && mkdir -p "$work" && cd "$work"
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
  while [ "$(metric toggl_sync_cycles_total)" -lt "$1" ]; do sleep 0.05; done
}
heap_after_gc() { jcmd "$loop" GC.run >/dev/null; metric toggl_sync_heap_after_gc_bytes; }

java -XX:+UseSerialGC -jar "$jar" run --every 10ms --health-port 0 -q >loop.out 2>loop.err &
loop=$!
for _ in $(seq 300); do grep -q 'health:' loop.err 2>/dev/null && break; sleep 0.1; done
health=$(grep -o 'http://127.0.0.1:[0-9]*' loop.err | head -1)

await_cycle 100
heap100=$(heap_after_gc); cpu100=$(cpu_ms "$loop"); req100=$(metric toggl_sync_requests_total)
t100=$(date +%s.%N)
await_cycle "$cycles"
heapN=$(heap_after_gc); cpuN=$(cpu_ms "$loop"); reqN=$(metric toggl_sync_requests_total)
tN=$(date +%s.%N)
doneN=$(metric toggl_sync_cycles_total)
failed=$(curl -s "$health/metrics" | awk '/^toggl_sync_cycles_total\{outcome="failure"/ { print $2 }')
kill -TERM "$loop"; wait "$loop" || true; loop=""

# Baseline: the same no-change cycle as a one-shot run in a new JVM (whole process CPU), median of 5.
base_cpu=()
for _ in 1 2 3 4 5; do
  java -XX:+UseSerialGC -jar "$jar" run --streams time_entries -q >/dev/null 2>&1 &
  pid=$!
  last=0
  while kill -0 $pid 2>/dev/null; do last=$(cpu_ms $pid 2>/dev/null || echo "$last"); sleep 0.02; done
  wait $pid
  base_cpu+=("$last")
done
base_median=$(printf '%s\n' "${base_cpu[@]}" | sort -n | sed -n 3p)

n=$((doneN - 100))
report=$(awk -v h1="$heap100" -v h2="$heapN" -v c1="$cpu100" -v c2="$cpuN" -v r1="$req100" -v r2="$reqN" \
  -v n="$n" -v t1="$t100" -v t2="$tN" -v b="$base_median" -v cyc="$cycles" -v f="${failed:-0}" 'BEGIN {
  cpu = (c2 - c1) / n; printf "| cycles measured | %d (cycle 100 to %d), %s failed, %.1f s wall |\n", n, 100 + n, f, t2 - t1;
  printf "| heap after full GC at cycle 100 / %d | %.1f MB / %.1f MB (%+.1f %%) |\n", cyc, h1/1048576, h2/1048576, (h2 - h1) * 100 / h1;
  printf "| CPU per no-change cycle (whole process) | %.1f ms |\n", cpu;
  printf "| baseline: one-shot `run --streams time_entries` (new JVM, whole process CPU, median of 5) | %.0f ms |\n", b;
  printf "| ratio one-shot / in-process cycle | %.0f x |\n", b / cpu;
  printf "| requests per no-change cycle | %.2f |\n", (r2 - r1) / n }')
echo "$report"
{
  echo
  echo "## run --every soak (bench/every-soak.sh, $(date -u +%Y-%m-%d), $(nproc) cores, $entries entries)"
  echo
  echo "| figure | value |"
  echo "| --- | --- |"
  echo "$report"
} >>"$here/RESULTS.md"

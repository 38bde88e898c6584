#!/usr/bin/env bash
# The optional self-contained release (issue 19): the release archive of `mvn -B package` plus a
# jlink runtime in runtime/, so that the machine it is unpacked on needs no Java at all, and, when
# the runtime is a JDK 25, an AOT cache (JEP 483/514) trained on a real sync, which the launcher uses
# with that runtime only (a cache works only with the JVM build that wrote it).
#
#   release/self-contained.sh [--jdk DIR] [--runs N] [--entries N]
#
# --jdk: the JDK to link the runtime from (default: a JDK 25 under /usr/lib/jvm if there is one, else
# the java on PATH). Writes toggl-sync-app/target/toggl-sync-<version>-linux-x64.tar.gz and prints, as
# a Markdown table: the runtime's size, the archive sizes, and the wall time of a 20,000-entry sync
# from the simulator into a new DuckDB file (whole process, median of N interleaved runs) without and
# with the AOT cache, on the same runtime in the same run. Each run's tables are checked (row count).
# Checks on the way: with PATH holding nothing but a shell folder and no JAVA_HOME, the unpacked
# archive's bin/toggl-sync prints its version and runs `demo`.
#
# Needs the release archive (mvn -B package -DskipTests) and a JDK with jlink.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
jdk=""
runs=5
entries=20000
while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) jdk=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --entries) entries=$2; shift 2 ;;
    *) echo "release/self-contained.sh: unknown argument $1 (use --jdk DIR, --runs N, --entries N)" >&2; exit 2 ;;
  esac
done
if [ -z "$jdk" ]; then
  for candidate in /usr/lib/jvm/*25*; do
    [ -x "$candidate/bin/jlink" ] && jdk=$candidate && break
  done
fi
[ -n "$jdk" ] || jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
[ -x "$jdk/bin/jlink" ] || { echo "release/self-contained.sh: $jdk has no bin/jlink: pass --jdk with a full JDK" >&2; exit 2; }

archive=$(ls "$repo"/toggl-sync-app/target/toggl-sync-*.tar.gz 2>/dev/null | grep -v -- -linux-x64 | head -1 || true)
[ -n "$archive" ] || { echo "release/self-contained.sh: no release archive in toggl-sync-app/target: run mvn -B package -DskipTests first" >&2; exit 2; }
name=$(basename "$archive" .tar.gz)
work="$repo/toggl-sync-app/target/self-contained"
rm -rf "$work" && mkdir -p "$work"
tar -xzf "$archive" -C "$work"
home="$work/$name"

# Modules: what jdeps finds in the jar, plus what it cannot see because it is loaded as a service or by
# name: jdk.crypto.ec (ECDHE for TLS to api.track.toggl.com), jdk.localedata (month names in other locales),
# jdk.zipfs (jar file systems), jdk.jfr (profiling a live run with jcmd JFR.start).
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$home/lib/toggl-sync.jar")
extra=jdk.localedata,jdk.zipfs,jdk.jfr,jdk.jcmd
"$jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@' && extra="$extra,jdk.crypto.ec"
"$jdk/bin/jlink" --add-modules "$modules,$extra" --strip-debug --no-man-pages --no-header-files \
  --output "$home/runtime"
version=$("$home/runtime/bin/java" -version 2>&1 | head -1)

# Nothing but the archive: an empty PATH (no java, no Maven, no coreutils) and no JAVA_HOME.
bare() { (cd "$1" && env -i HOME="$1" PATH=/nonexistent "$home/bin/toggl-sync" "${@:2}"); }
mkdir -p "$work/check"
bare "$work/check" --version
bare "$work/check" demo >"$work/check/demo.out" 2>&1 || { cat "$work/check/demo.out" >&2; exit 1; }
[ -f "$work/check/toggl-demo.duckdb" ] || { echo "release/self-contained.sh: demo wrote no toggl-demo.duckdb" >&2; exit 1; }

# The simulator the timing runs read from (its own JVM, the same runtime; quota high so no run waits).
java_rt="$home/runtime/bin/java"
"$java_rt" -XX:+UseSerialGC -jar "$home/lib/toggl-sync.jar" simulator --port 0 --quota 100000000 --quiet \
  --time-entries "$entries" >"$work/sim.out" 2>"$work/sim.err" &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 200); do grep -q listening "$work/sim.out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/sim.out")
token=$(sed -n 's/.*token=\([^ ]*\).*$/\1/p' "$work/sim.out" | head -1)
export TOGGL_TRACK="{ type: api, spec: toggl-track, secrets: { api_token: $token }, inputs: { base_url: '$base', rate: 1000 } }"

sync_once() { # $1: output DuckDB file; prints wall seconds
  rm -f "$1" "$1.wal"
  local start end
  start=$(date +%s.%N)
  "$home/bin/toggl-sync" run --src-stream time_entries --tgt-conn "duckdb://$1" --tgt-object main.time_entries -q >/dev/null
  end=$(date +%s.%N)
  echo "$start $end" | awk '{ printf "%.3f\n", $2 - $1 }'
}
# Rows the run stored, from its own state row: every timed run must store the same, non-zero count.
rows_of() { "$home/bin/toggl-sync" state show "duckdb://$1" | awk '$2 == "time_entries" { print $NF }'; }
counts=()

aot=""
major=$("$java_rt" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')
if [ "${major%%.*}" -ge 25 ]; then
  # JEP 514: one training run writes the cache; the launcher then adds -XX:AOTCache when it sees it.
  TOGGL_SYNC_JAVA_OPTS="-XX:AOTCacheOutput=$home/lib/toggl-sync.aot" sync_once "$work/train.duckdb" >/dev/null
  aot="$home/lib/toggl-sync.aot"
fi

without=()
with=()
for i in $(seq "$runs"); do
  if [ -n "$aot" ]; then
    mv "$aot" "$aot.off"
    without+=("$(sync_once "$work/run.duckdb")")
    counts+=("$(rows_of "$work/run.duckdb")")
    mv "$aot.off" "$aot"
    with+=("$(sync_once "$work/run.duckdb")")
    counts+=("$(rows_of "$work/run.duckdb")")
  else
    without+=("$(sync_once "$work/run.duckdb")")
    counts+=("$(rows_of "$work/run.duckdb")")
  fi
done
distinct=$(printf '%s\n' "${counts[@]}" | sort -u)
if [ "$(printf '%s\n' "$distinct" | wc -l)" -ne 1 ] || [ "${distinct:-0}" -eq 0 ]; then
  echo "release/self-contained.sh: the timed runs stored different or no rows: ${counts[*]}" >&2
  exit 1
fi
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

out="$repo/toggl-sync-app/target/$name-linux-x64.tar.gz"
rm -rf "$work/check" "$work"/*.duckdb "$work"/*.wal
tar -czf "$out" -C "$work" "$name"

echo
echo "| self-contained release ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) | |"
echo "|---|---|"
echo "| runtime | $version, jlink of: $modules,$extra |"
echo "| runtime/ size | $(du -sh "$home/runtime" | cut -f1) |"
echo "| release archive (needs Java 17+) | $(du -h "$archive" | cut -f1) |"
echo "| self-contained archive | $(du -h "$out" | cut -f1) ($out) |"
echo "| $entries-entry simulator, time_entries sync ($distinct rows each run), whole process, no AOT cache (median of $runs) | $(median "${without[@]}") s (runs: ${without[*]}) |"
if [ -n "$aot" ]; then
  echo "| the same with the AOT cache (median of $runs, interleaved) | $(median "${with[@]}") s (runs: ${with[*]}); cache $(du -h "$aot" | cut -f1) |"
else
  echo "| AOT cache | not built: the runtime is Java $major (needs 25) |"
fi

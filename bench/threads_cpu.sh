#!/usr/bin/env bash
# CPU seconds per thread of a process, polled until it exits (threads that ended early are kept
# with their last reading), grouped by thread name with digits stripped. Usage: bench/threads_cpu.sh PID
pid=$1
tck=$(getconf CLK_TCK)
declare -A cpu name
while [ -d "/proc/$pid" ]; do
  for t in /proc/"$pid"/task/*; do
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    tid=${t##*/}
    rest=${stat##*) }
    set -- $rest
    cpu[$tid]=$(( ${12} + ${13} ))
    n=$(cat "$t/comm" 2>/dev/null) && name[$tid]=${n//[0-9]/}
  done
  sleep 0.1
done
for tid in "${!cpu[@]}"; do echo "${name[$tid]// /_} ${cpu[$tid]}"; done |
  awk -v tck="$tck" '{c[$1]+=$2; k[$1]++} END {for (n in c) if (c[n] > 0) printf "%8.2f s  %s (%d)\n", c[n]/tck, n, k[n]}' | sort -rn

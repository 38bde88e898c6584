#!/usr/bin/env python3
"""Summarises a JFR recording's samples: the top frames (self time) and the methods most often on
the stack (total time). Usage: bench/jfr_top.py FILE.jfr [N] [EVENT]; EVENT is jdk.ExecutionSample
(threads running Java, the default) or jdk.NativeMethodSample (threads in native code: socket
reads and writes, DuckDB)."""
import collections, json, subprocess, sys

def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    event = sys.argv[3] if len(sys.argv) > 3 else "jdk.ExecutionSample"
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", event, path],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_t, total, threads = collections.Counter(), collections.Counter(), collections.Counter()
    for e in events:
        v = e["values"]
        frames = v["stackTrace"]["frames"] if v.get("stackTrace") else []
        threads[(v.get("sampledThread") or {}).get("javaName", "?")] += 1
        names = [f["method"]["type"]["name"].split(".")[-1] + "." + f["method"]["name"] for f in frames]
        if names:
            self_t[names[0]] += 1
        for name in set(names):
            total[name] += 1
    count = len(events)
    print(f"{count} samples")
    print("threads:", ", ".join(f"{t} {c * 100 // max(count, 1)}%" for t, c in threads.most_common(6)))
    print(f"\ntop {n} frames (self):")
    for name, c in self_t.most_common(n):
        print(f"  {c * 100.0 / count:5.1f}%  {name}")
    print(f"\ntop {n} methods on the stack (total):")
    for name, c in total.most_common(n):
        print(f"  {c * 100.0 / count:5.1f}%  {name}")

main()

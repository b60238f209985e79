#!/usr/bin/env python3
"""Hot methods of one set of threads in a JFR recording.

usage: jfr print --json --events jdk.ExecutionSample REC.jfr | python3 jfr-hot.py THREAD-SUBSTRING [TOP]

Prints, for the execution samples of threads whose name contains THREAD-SUBSTRING, the methods most
often on top of the stack (self time) and most often anywhere in it (total time), in % of samples.
"""
import json
import sys
from collections import Counter

needle = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
events = json.load(sys.stdin)["recording"]["events"]
self_counts, total_counts = Counter(), Counter()
n = 0
for e in events:
    thread = e["values"].get("sampledThread") or {}
    if needle not in (thread.get("javaName") or ""):
        continue
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    n += 1
    names = []
    for f in frames:
        m = f["method"]
        names.append(m["type"]["name"].replace("/", ".") + "." + m["name"])
    self_counts[names[0]] += 1
    for name in set(names):
        total_counts[name] += 1

print(f"{n} samples of threads matching '{needle}'")
print("\nself %   method")
for name, c in self_counts.most_common(top):
    print(f"{100.0 * c / n:6.1f}  {name}")
print("\ntotal %  method")
for name, c in total_counts.most_common(top * 2):
    print(f"{100.0 * c / n:6.1f}  {name}")

#!/usr/bin/env python3
"""Where one application's stream threads allocate, from a JFR recording's allocation samples.

usage: jfr print --json --stack-depth 64 --events jdk.ObjectAllocationSample REC.jfr | python3 jfr-alloc.py APP-ID [EVENTS]

Prints the sampled bytes (JFR's weights: an estimate of all bytes allocated) of the stream threads
whose name holds APP-ID, per event when EVENTS is given, then the top allocation sites (four frames)
and the share under each stage, as jfr-breakdown.py names them.
"""
import json
import sys
from collections import Counter

STAGES = ["NormalizeProcessor.process", "CombinedLogParser.parse", "ApiEventJson.write", "ApiEventJson.read",
          "DetectProcessor.process", "ProfileCodec.decode", "DetectionEngine.process", "ProfileCodec.encode",
          "KafkaProducer.send", "Lz4BlockOutputStream.<init>", "KafkaConsumer.poll", "TaskManager.commit"]
app = sys.argv[1]
per = int(sys.argv[2]) if len(sys.argv) > 2 else 0
events = json.load(sys.stdin)["recording"]["events"]
sites, stages, classes, total = Counter(), Counter(), Counter(), 0
for e in events:
    v = e["values"]
    thread = (v.get("eventThread") or {}).get("javaName") or ""
    if app not in thread or "StreamThread" not in thread or "producer" in thread:
        continue
    w = v["weight"]
    total += w
    frames = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"]
              for f in (v.get("stackTrace") or {}).get("frames") or []]
    classes[v["objectClass"]["name"]] += w
    sites[" < ".join(frames[:4])] += w
    for s in STAGES:
        if s in frames:
            stages[s] += w
print(f"{total / 1e6:.1f} MB sampled" + (f", {total / per:,.0f} B per event" if per else ""))
print("\nshare  class")
for name, w in classes.most_common(10):
    print(f"{100.0 * w / total:5.1f}  {name}")
print("\nshare  site")
for name, w in sites.most_common(25):
    print(f"{100.0 * w / total:5.1f}  {name}")
print("\nshare  under")
for s in STAGES:
    print(f"{100.0 * stages[s] / total:5.1f}  {s}")

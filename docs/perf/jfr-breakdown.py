#!/usr/bin/env python3
"""Where a Kafka Streams application's stream threads spend their time, by stage, from a JFR recording.

usage: jfr print --json --stack-depth 256 --events jdk.ExecutionSample REC.jfr | python3 jfr-breakdown.py APP-ID

Each line is the share of the stream threads' execution samples whose stack holds that frame (a sample
can count under several lines: they nest).
"""
import json
import sys
from collections import Counter

STAGES = [
    ("normalize processor (parse, template, key, event JSON, forward)", "NormalizeProcessor.process"),
    ("  parse a combined-log line", "CombinedLogParser.parse"),
    ("  ApiEvent to JSON", "ApiEventJson.write"),
    ("  JSON by data binding (the events before the change; alerts)", "ObjectMapper.writeValueAsBytes"),
    ("events topic record to ApiEvent (hand-written)", "ApiEventJson.read"),
    ("events topic record to ApiEvent (data binding)", "ObjectMapper.readValue"),
    ("detect processor (profile get/decode, detectors, encode/put, alerts)", "DetectProcessor.process"),
    ("  store get (record cache, RocksDB)", "MeteredKeyValueStore.get"),
    ("  profile decode", "ProfileCodec.decode"),
    ("  detection engine (all client detectors)", "DetectionEngine.process"),
    ("    reconnaissance: classify the request", "ReconnaissanceMatcher.classify"),
    ("    credential stuffing", "CredentialStuffingDetector.observe"),
    ("  profile encode", "ProfileCodec.encode"),
    ("  store put (record cache)", "MeteredKeyValueStore.put"),
    ("route detect processor", "RouteDetectProcessor.process"),
    ("record size accounting (Kafka Streams input buffer)", "ClientUtils.consumerRecordSizeInBytes"),
    ("producer send (events, changelog, alerts, tallies)", "KafkaProducer.send"),
    ("consumer poll", "KafkaConsumer.poll"),
    ("commit (cache flush to RocksDB and changelog)", "TaskManager.commit"),
]
app = sys.argv[1]
events = json.load(sys.stdin)["recording"]["events"]
counts, n = Counter(), 0
for e in events:
    thread = (e["values"].get("sampledThread") or {}).get("javaName") or ""
    if app not in thread or "StreamThread" not in thread or "producer" in thread:
        continue
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    names = {f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in frames}
    n += 1
    for label, frame in STAGES:
        if frame in names:
            counts[label] += 1
print(f"{n} samples of the stream threads of '{app}'")
for label, _ in STAGES:
    print(f"{100.0 * counts[label] / max(n, 1):5.1f} %  {label}")

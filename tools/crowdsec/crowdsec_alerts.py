#!/usr/bin/env python3
"""CrowdSec alerts (its local SQLite database after a replay) as Gatewatch Alert v1 JSON lines.

Each CrowdSec alert becomes one client-scope alert for its source IP, under the Gatewatch detector
that covers the same behaviour (the mapping of CrowdSecHubConformanceTest's ScopeRules); a scenario
with no counterpart keeps its own name as the detector, so it can never catch an attack but still
counts when it names a benign address. detected_at is the alert's stop time (the event time of the
overflow), first_seen its start time. `./detector evaluate` then scores them with Gatewatch's rules.

usage: crowdsec_alerts.py CROWDSEC_DB > alerts.jsonl
"""
import json
import sqlite3
import sys
from datetime import datetime, timezone

DETECTOR_OF = {
    "http-probing": "reconnaissance", "http-sensitive-files": "reconnaissance",
    "http-admin-interface-probing": "reconnaissance", "http-sap-interface-probing": "reconnaissance",
    "http-path-traversal-probing": "reconnaissance", "http-cve-probing": "reconnaissance",
    "http-technology-probing": "reconnaissance", "http-bad-user-agent": "reconnaissance",
    "http-backdoors-attempts": "reconnaissance", "http-sqli-probbing-detection": "reconnaissance",
    "http-xss-probbing": "reconnaissance", "http-w00tw00t": "reconnaissance",
    "http-wordpress-scan": "reconnaissance", "http-wordpress_wpconfig": "reconnaissance",
    "http-open-proxy": "reconnaissance",
    "http-generic-bf": "credential_stuffing", "http-generic-401-bf": "credential_stuffing",
    "http-generic-403-bf": "credential_stuffing", "http-bf-wordpress_bf": "credential_stuffing",
    "http-bf-wordpress_bf_xmlrpc": "credential_stuffing",
    "http-crawl-non_statics": "data_harvesting", "http-wordpress_user-enum": "data_harvesting",
    "http-dos-bypass-cache": "traffic_spike", "http-dos-invalid-http-versions": "traffic_spike",
    "http-dos-random-uri": "traffic_spike", "http-dos-swithcing-ua": "traffic_spike",
    "nginx-req-limit-exceeded": "traffic_spike",
}


def iso(sqlite_time):
    # stored as '2026-01-12 07:00:01+00:00' (or with fractions); Alert v1 wants ISO-8601 UTC, ms
    t = datetime.fromisoformat(sqlite_time).astimezone(timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def main(db):
    rows = sqlite3.connect(db).execute(
        "select id, scenario, source_ip, started_at, stopped_at, events_count, simulated from alerts order by id")
    for alert_id, scenario, ip, started, stopped, events, simulated in rows:
        name = scenario.split("/", 1)[-1]
        detector = DETECTOR_OF.get(name, "crowdsec:" + scenario)
        print(json.dumps({
            "schema": "gatewatch.alert/v1", "alert_id": f"crowdsec-{alert_id}", "revision": 0,
            "detector": detector, "severity": "medium", "scope": "client",
            "client": {"key": "ip:" + ip, "ip": ip, "api_key_hash": None, "user": None},
            "route": None, "method": None, "first_seen": iso(started), "detected_at": iso(stopped),
            "score": 0.5, "summary": f"CrowdSec {scenario} overflowed for {ip}",
            "evidence": {"scenario": scenario, "events_count": events}, "sources": [],
            "mode": "shadow" if simulated else "alert"}))


if __name__ == "__main__":
    main(sys.argv[1])

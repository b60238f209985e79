#!/usr/bin/env bash
# Writes an nginx access log of N distinct clients (addresses 10.0.0.0/8) over one hour, in time order,
# two requests each: the input of the million-clients and restore-size measurements in docs/reliability.md.
#   tools/fault/clients.sh 1000000 > /tmp/million.log
set -euo pipefail
n=${1:?usage: clients.sh CLIENTS [START_EPOCH_SECONDS]}
start=${2:-1791180000}   # 2026-10-05T06:00:00Z
awk -v n="$n" -v start="$start" 'BEGIN {
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ");
  total = 2 * n;
  for (k = 0; k < total; k++) {
    i = k % n;                                  # each client twice, half an hour apart
    t = start + int(k * 3600 / total);
    ip = "10." int(i / 65536) % 256 "." int(i / 256) % 256 "." i % 256;
    ts = strftime("%d/%m/%Y:%H:%M:%S", t, 1);
    split(ts, p, "/");
    printf "%s - - [%s/%s/%s +0000] \"GET /api/v1/items/%d HTTP/1.1\" 200 %d \"-\" \"client/%d\"\n",
      ip, p[1], mon[p[2] + 0], p[3], i % 5000, 200 + i % 800, i % 50;
  }
}'

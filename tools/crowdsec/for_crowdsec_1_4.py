#!/usr/bin/env python3
"""A current hub scenario file made loadable by the CrowdSec 1.4 engine, detection logic untouched.

1.4 reads `labels` as a map of strings and knows no `strategy`/`size`/`ttl` on a data source; newer hub
scenarios use list-valued labels (`classification: [...]`) and cached regex data. List labels become
comma-joined strings and the unknown data-source keys are dropped. filter, groupby, distinct, capacity,
leakspeed, blackhole and the data files themselves are copied as they are.

usage: for_crowdsec_1_4.py IN.yaml OUT.yaml
"""
import sys

import yaml


def downgrade(doc):
    labels = doc.get("labels")
    if isinstance(labels, dict):
        for k, v in list(labels.items()):
            if isinstance(v, list):
                labels[k] = ",".join(str(x) for x in v)
            elif isinstance(v, (int, float, bool)):
                labels[k] = str(v).lower() if isinstance(v, bool) else str(v)
    for source in doc.get("data") or []:
        for key in ("strategy", "size", "ttl"):
            source.pop(key, None)
    return doc


def main(src, dst):
    with open(src) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    with open(dst, "w") as f:
        yaml.safe_dump_all([downgrade(d) for d in docs], f, sort_keys=False, width=1000)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

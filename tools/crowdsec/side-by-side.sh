#!/usr/bin/env bash
# CrowdSec beside Gatewatch on the simulator's labelled logs (docs/evaluation-crowdsec.md).
#
#   tools/crowdsec/side-by-side.sh PROFILE WORKDIR SEED_DIR...
#
# PROFILE  debian: the Debian crowdsec package as its postinst enables it (offline hub, collections
#                  nginx + apache2 + base-http-scenarios + http-cve, whitelists parser);
#          hub:    the same engine and parsers, with the hub's current HTTP scenarios that map to a
#                  Gatewatch detector (shared data/crowdsec-scenarios, data files from
#                  data/crowdsec-data-lists) instead of the packaged ones, their metadata rewritten
#                  for the 1.4 engine (for_crowdsec_1_4.py); any it still cannot load is set aside
#                  and listed in WORKDIR/hub/rejected.txt.
# SEED_DIR holds access.log and labels.json (from `./detector simulate`).
#
# Never touches /etc/crowdsec or the system service: a private config under WORKDIR, the local API on
# 127.0.0.1:18080 inside the replaying process (crowdsec 1.4.6 pushes alerts through it even in
# time-machine mode), the Central API off (-no-capi, no online_client), no hub update. Per seed it
# writes WORKDIR/PROFILE/sN/{crowdsec.log,alerts.jsonl,eval.txt,timing.txt}.
set -euo pipefail
profile=$1 work=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=${GATEWATCH_SHARED:-$repo/../shared}
base=$work/$profile
cfg=$base/etc/config.yaml

setup() {
  rm -rf "$base"
  mkdir -p "$base/data"
  cp -a /etc/crowdsec "$base/etc"
  rm -f "$base/etc/online_api_credentials.yaml" "$base/etc/config.yaml.local"
  # the package's data files; the path-traversal scenario wants the list under its hub dest_file name
  find /var/lib/crowdsec/data -maxdepth 1 -name '*.txt' -o -maxdepth 1 -name '*.regex' | xargs -r cp -t "$base/data"
  cp "$base/data/path_traversal.txt" "$base/data/http_path_traversal.txt"
  if [ "$profile" = hub ]; then
    rm -f "$base"/etc/scenarios/*.yaml
    for name in http-probing http-sensitive-files http-admin-interface-probing http-sap-interface-probing \
        http-path-traversal-probing http-cve-probing http-technology-probing http-bad-user-agent \
        http-backdoors-attempts http-sqli-probing http-xss-probing http-wordpress-scan http-wordpress_wpconfig \
        http-open-proxy http-generic-bf http-bf-wordpress_bf http-bf-wordpress_bf_xmlrpc http-crawl-non_statics \
        http-wordpress_user-enum http-dos-bypass-cache http-dos-invalid-http-versions http-dos-random-uri \
        http-dos-switching-ua nginx-req-limit-exceeded http-w00tw00t; do
      f=$(ls "$shared"/data/crowdsec-scenarios/*_"$name".yaml | head -1)
      python3 "$here/for_crowdsec_1_4.py" "$f" "$base/etc/scenarios/$name.yaml"
      # what `cscli` would download: source_url's file saved as dest_file
      { grep -E 'source_url|dest_file' "$f" || true; } | sed 's/^[ -]*//' | paste - - | while read -r a b c d; do
        src=$([ "$a" = source_url: ] && echo "$b" || echo "$d"); dst=$([ "$a" = dest_file: ] && echo "$b" || echo "$d")
        cp "$shared/data/crowdsec-data-lists/$(basename "$src")" "$base/data/$dst"
      done
    done
  fi
  cat > "$cfg" <<EOF
common:
  daemonize: false
  log_media: stdout
  log_level: info
  working_dir: .
config_paths:
  config_dir: $base/etc/
  data_dir: $base/data/
  simulation_path: $base/etc/simulation.yaml
  hub_dir: /var/lib/crowdsec/hub/
  index_path: /var/lib/crowdsec/hub/.index.json
  notification_dir: $base/etc/notifications/
  plugin_dir: /usr/lib/crowdsec/plugins/
crowdsec_service:
  acquisition_path: $base/etc/acquis.yaml
  parser_routines: 1
cscli:
  output: human
db_config:
  log_level: info
  type: sqlite
  db_path: $base/data/crowdsec.db
  use_wal: true
  flush:
    max_items: 10000000
    max_age: 3650d
api:
  client:
    insecure_skip_verify: false
    credentials_path: $base/etc/local_api_credentials.yaml
  server:
    log_level: info
    listen_uri: 127.0.0.1:18080
    profiles_path: $base/etc/profiles.yaml
    trusted_ips: [127.0.0.1]
prometheus:
  enabled: false
EOF
  : > "$base/etc/acquis.yaml"
}

setup
: > "$base/empty.log"
# Newer hub scenarios may use what the 1.4.6 engine cannot load: set each such one aside, with the
# engine's own error, until the rest loads.
: > "$base/rejected.txt"
while ! crowdsec -c "$cfg" -t -dsn "file://$base/empty.log" -type nginx > "$base/config-test.log" 2>&1; do
  bad=$(grep -m1 'level=fatal' "$base/config-test.log" | grep -o "$base/etc/scenarios/[^ :]*\.yaml" | head -1 || true)
  [ "$profile" = hub ] && [ -n "$bad" ] || break
  echo "$(basename "$bad"): $(grep -m1 'level=fatal' "$base/config-test.log" | sed 's/.*\.yaml : //; s/\\n.*//; s/"$//')" >> "$base/rejected.txt"
  rm "$bad"
done
crowdsec -c "$cfg" -t -dsn "file://$base/empty.log" -type nginx > "$base/config-test.log" 2>&1 || { echo "crowdsec -t failed, see $base/config-test.log" >&2; exit 1; }
for dir in "$@"; do
  seed=$(basename "$dir")
  out=$base/$seed
  mkdir -p "$out"
  rm -f "$base"/data/crowdsec.db*
  cscli -c "$cfg" machines add side-by-side --auto --force -f "$base/etc/local_api_credentials.yaml" \
    -u http://127.0.0.1:18080 > /dev/null 2>&1
  lines=$(wc -l < "$dir/access.log")
  start=$(date +%s.%N)
  (cd "$base" && crowdsec -c "$cfg" -dsn "file://$dir/access.log" -type nginx -no-capi) > "$out/crowdsec.log" 2>&1
  end=$(date +%s.%N)
  awk -v l="$lines" -v s="$start" -v e="$end" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" \
    'BEGIN { printf "%d lines in %.1f s: %.0f lines/s (load average at the end: %s)\n", l, e - s, l / (e - s), load }' \
    | tee "$out/timing.txt"
  python3 "$here/crowdsec_alerts.py" "$base/data/crowdsec.db" > "$out/alerts.jsonl"
  "$repo/detector" evaluate --alerts "$out/alerts.jsonl" --labels "$dir/labels.json" > "$out/eval.txt"
  cp "$base/data/crowdsec.db" "$out/crowdsec.db"
done

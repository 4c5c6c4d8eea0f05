#!/usr/bin/env bash
# RDAP domain lookups under concurrent load, beside nginx serving the same JSON documents from disk
# (docs/BENCHMARKS.md, "RDAP beside nginx"):
#   1. the registry from ResourcesBench (run it first with the same --dir);
#   2. `ictgov serve` on that data, pinned to CPU 0; each sample domain's RDAP answer saved to disk from it;
#   3. nginx (Debian package, one worker, pinned to CPU 0) serving those files as application/rdap+json;
#   4. wrk (Debian) on CPU 1, the same connections, duration and list of 2,000 names against each;
#   5. requests per second and latency percentiles of both, and their ratio.
#
#   DIR=/tmp/resources-bench bash bench/resources/rdap-vs-nginx.sh
#   SECONDS_RUN=20 CONNECTIONS=32 DIR=… bash bench/resources/rdap-vs-nginx.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${DIR:-/tmp/resources-bench}
SECONDS_RUN=${SECONDS_RUN:-20}
CONNECTIONS=${CONNECTIONS:-32}
HTTP_PORT=${HTTP_PORT:-5393}
NGINX_PORT=${NGINX_PORT:-5394}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
work=$DIR/rdap-load
mkdir -p "$work/www/rdap/domain"
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs the Debian packages wrk and nginx-light (or nginx)"; exit 2; }
[ -s "$DIR/sample-domains.txt" ] || { echo "run bench/resources/ResourcesBench with --dir $DIR first"; exit 2; }

if [ "${SKIP_BUILD:-}" != 1 ]; then
  dotnet build "$root/src/IctGov" -c Release -v q -nologo >/dev/null
fi
ictgov="dotnet $root/src/IctGov/bin/Release/net10.0/ictgov.dll"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

taskset -c "$SERVER_CPU" $ictgov --data "$DIR" serve --urls "http://127.0.0.1:$HTTP_PORT" >"$work/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/rdap/help" >/dev/null 2>&1 && break
  sleep 0.5
done

# The same documents on disk: what our server answers for each sample name.
while read -r name; do
  curl -fs "http://127.0.0.1:$HTTP_PORT/rdap/domain/$name" -o "$work/www/rdap/domain/$name"
done < "$DIR/sample-domains.txt"
echo "saved $(ls "$work/www/rdap/domain" | wc -l) RDAP documents, $(du -sh "$work/www" | cut -f1)"

cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
    default_type application/rdap+json;
    add_header Access-Control-Allow-Origin *;
  }
}
CONF
mkdir -p "$work/tmp"
taskset -c "$SERVER_CPU" nginx -c "$work/nginx.conf"
sleep 0.5

# wrk walks the list of names, one per request.
{
  echo "local paths = {"
  sed 's|.*|"/rdap/domain/&",|' "$DIR/sample-domains.txt"
  echo "}"
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i], {["Accept"] = "application/rdap+json"}) end'
} > "$work/paths.lua"

run() {
  echo "== $1"
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s "$work/paths.lua" "$2" | tee "$work/$1.txt"
}
curl -fs "http://127.0.0.1:$HTTP_PORT/rdap/domain/$(head -1 "$DIR/sample-domains.txt")" >/dev/null
taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d5s -s "$work/paths.lua" "http://127.0.0.1:$HTTP_PORT" >/dev/null # JIT warm-up
run ictgov "http://127.0.0.1:$HTTP_PORT"
run nginx "http://127.0.0.1:$NGINX_PORT"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
ours=$(awk '/Requests\/sec/ {print $2}' "$work/ictgov.txt")
peer=$(awk '/Requests\/sec/ {print $2}' "$work/nginx.txt")
echo "ratio ictgov/nginx requests per second: $(awk -v a="$ours" -v b="$peer" 'BEGIN { printf "%.2f", a / b }')"
for f in ictgov nginx; do
  echo "$f: $(awk '/Requests\/sec/ {print $2}' "$work/$f.txt") req/s, p50 $(awk '$1 == "50%" {print $2}' "$work/$f.txt"), p99 $(awk '$1 == "99%" {print $2}' "$work/$f.txt"), non-2xx $(awk '/Non-2xx/ {print $4}' "$work/$f.txt")"
done

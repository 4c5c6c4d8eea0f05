#!/usr/bin/env bash
# Handle resolution throughput, end to end (docs/BENCHMARKS.md, "Handle resolution"):
#   1. build the platform and bench/handle/HandleLoad (Release; compile time is not measured);
#   2. a fresh data directory with prefix 88.100.1 and N identifiers 88.100.1/p<i> whose URL value is
#      https://www.example.cn/products/88.100.1/p<i> (`ictgov identifiers register`);
#   3. the platform as a Handle node on UDP/TCP/HTTP, per-client rate limit raised (one load generator on
#      one address would otherwise be throttled), pinned to CPU 0; load tools on CPU 1;
#   4. HandleLoad: warm the cache, then cached resolutions (a hot set of HOT <= 200,000 names, the node's
#      cache size) over UDP, TCP and HTTP, and uncached resolutions over all N names over UDP;
#   5. the peer: NSD serving the same N names as TXT records, dnsperf with the same duration and outstanding
#      queries (bench/handle/dns-peer.sh);
#   6. one table.
#
#   bash bench/handle/run.sh                  # N=1000000, 20 s per run, 100 outstanding
#   N=200000 SECONDS_RUN=10 bash bench/handle/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-1000000}
HOT=${HOT:-$(( N < 200000 ? N : 200000 ))}
SECONDS_RUN=${SECONDS_RUN:-20}
# The warm-up must load the whole hot set into the node's memory and let the JIT reach its final tier: at the
# start a node answers ~5,000 qps (every name read from SQLite once), so 10 s covered only a quarter of 200,000
# names and the "cached" run then measured loading, not cached answers.
WARM_SECONDS=${WARM_SECONDS:-60}
OUTSTANDING=${OUTSTANDING:-100}
CONNECTIONS=${CONNECTIONS:-4}
# HTTP is one request per connection at a time, so concurrency, not pipelining, keeps the node busy.
HTTP_CONCURRENCY=${HTTP_CONCURRENCY:-32}
WORK=${WORK:-/tmp/handle-bench}
HTTP_PORT=${HTTP_PORT:-5392}
UDP_PORT=${UDP_PORT:-12641}
TCP_PORT=${TCP_PORT:-12642}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
data=$WORK/data-$N
results=$WORK/results-$N
mkdir -p "$WORK" "$results"

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== build (Release)"
  dotnet build "$root/src/IctGov" -c Release -v q -nologo >/dev/null
  dotnet build "$root/bench/handle/HandleLoad" -c Release -v q -nologo >/dev/null
fi
ictgov="dotnet $root/src/IctGov/bin/Release/net10.0/ictgov.dll"
load="taskset -c $LOAD_CPU dotnet $root/bench/handle/HandleLoad/bin/Release/net10.0/HandleLoad.dll"

echo "== machine"
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$results/machine.txt"

if [ "${KEEP:-}" != 1 ] || [ ! -d "$data" ]; then
  echo "== register $N identifiers"
  rm -rf "$data"
  awk -v n="$N" 'BEGIN { print "handle,index,type,data"; for (i = 0; i < n; i++) printf "88.100.1/p%d,1,URL,https://www.example.cn/products/88.100.1/p%d\n", i, i }' > "$WORK/ids-$N.csv"
  $ictgov migrate --data "$data" >/dev/null
  $ictgov identifiers add-prefix 88.100 --level secondary --parent 88 --owner "演示二级节点" --industry C --province 320000 --demo --data "$data" >/dev/null
  $ictgov identifiers add-prefix 88.100.1 --level enterprise --parent 88.100 --owner "演示企业" --demo --data "$data" >/dev/null
  /usr/bin/time -f "registration: %e s wall, %M KB peak" $ictgov identifiers register "$WORK/ids-$N.csv" --quiet --data "$data" 2>&1 | tail -2
fi

# The same pseudo-random order dns-peer.sh gives dnsperf (awk, seed 42), over all N names and over the hot set.
awk -v n="$N" 'BEGIN { srand(42); for (i = 0; i < 200000; i++) printf "88.100.1/p%d\n", int(rand() * n) }' > "$WORK/all-$N.txt"
awk -v n="$HOT" 'BEGIN { srand(42); for (i = 0; i < 200000; i++) printf "88.100.1/p%d\n", int(rand() * n) }' > "$WORK/hot-$HOT.txt"

echo "== serve"
taskset -c "$SERVER_CPU" $ictgov --data "$data" serve --urls "http://127.0.0.1:$HTTP_PORT" \
  --Identifiers:HandleNode:BindAddress=127.0.0.1 --Identifiers:HandleNode:UdpPort="$UDP_PORT" --Identifiers:HandleNode:TcpPort="$TCP_PORT" \
  --Identifiers:HandleNode:RequestsPerSecond=100000000 --Identifiers:HandleNode:Burst=100000000 >"$results/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/api/handles/88.100.1/p0" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$HTTP_PORT/api/handles/88.100.1/p0" | head -c 300; echo

common="--duration $SECONDS_RUN --outstanding $OUTSTANDING --connections $CONNECTIONS --http-concurrency $HTTP_CONCURRENCY"
echo "== warm the cache ($HOT names)"
$load --udp "127.0.0.1:$UDP_PORT" --queries "$WORK/hot-$HOT.txt" --duration "$WARM_SECONDS" --outstanding "$OUTSTANDING" | tee "$results/warm.txt"
echo "== cached resolutions"
$load --udp "127.0.0.1:$UDP_PORT" --tcp "127.0.0.1:$TCP_PORT" --http "http://127.0.0.1:$HTTP_PORT/hdl" --queries "$WORK/hot-$HOT.txt" $common | tee "$results/cached.txt"
echo "== uncached resolutions (all $N names)"
$load --udp "127.0.0.1:$UDP_PORT" --queries "$WORK/all-$N.txt" $common | tee "$results/uncached.txt"
kill $server; wait $server 2>/dev/null || true
trap - EXIT

echo "== peer: NSD + dnsperf"
N=$N SECONDS_RUN=$SECONDS_RUN OUTSTANDING=$OUTSTANDING SERVER_CPU=$SERVER_CPU LOAD_CPU=$LOAD_CPU WORK=$WORK/nsd \
  bash "$root/bench/handle/dns-peer.sh" | tee "$results/nsd.txt"
echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/machine.txt"

nsd_qps=$(sed -n 's/.*qps=\([0-9.]*\).*/\1/p' "$results/nsd.txt")
echo
echo "| server | transport | names | qps | p50 ms | p99 ms | lost | ratio to NSD |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
row() { # label transport names line
  local qps p50 p99 lost
  qps=$(sed -n 's/.*qps=\([0-9.]*\).*/\1/p' <<<"$4" | awk '{printf "%.0f", $1}'); p50=$(sed -n 's/.*p50_ms=\([0-9.NA]*\).*/\1/p' <<<"$4")
  p99=$(sed -n 's/.*p99_ms=\([0-9.NA]*\).*/\1/p' <<<"$4"); lost=$(sed -n 's/.*lost=\([0-9]*\).*/\1/p' <<<"$4")
  echo "| $1 | $2 | $3 | $qps | $p50 | $p99 | $lost | $(awk -v a="$qps" -v b="$nsd_qps" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }') |"
}
row "ictgov (cached)" UDP "$HOT hot" "$(grep 'handle udp' "$results/cached.txt")"
row "ictgov (cached)" "TCP, $CONNECTIONS conns" "$HOT hot" "$(grep 'handle tcp' "$results/cached.txt")"
row "ictgov (cached)" "HTTP, $HTTP_CONCURRENCY concurrent" "$HOT hot" "$(grep 'handle http' "$results/cached.txt")"
row "ictgov (uncached)" UDP "all $N" "$(grep 'handle udp' "$results/uncached.txt")"
row "NSD + dnsperf" UDP "all $N" "$(cat "$results/nsd.txt")"

#!/usr/bin/env bash
# Cached Handle resolutions over UDP against NSD, like for like (docs/BENCHMARKS.md, "Handle UDP against NSD, one
# client"): the same load generator (bench/handle/HandleLoad) sends Handle RESOLUTION requests to the node and DNS TXT
# queries for the same names to NSD, with the same window (SOCKETS sockets × OUTSTANDING/SOCKETS queries in flight),
# the server pinned to SERVER_CPU and the client to LOAD_CPU, in ROUNDS alternating rounds (node, NSD, node, NSD, …).
#
#   bash bench/handle/udp-vs-nsd.sh                   # N=100000 names, 3 rounds of 20 s, 4 sockets × 16 outstanding
#   N=200000 ROUNDS=5 SECONDS_RUN=10 bash bench/handle/udp-vs-nsd.sh
#   NODE_ARGS="--Identifiers:HandleNode:UdpSockets=1" bash bench/handle/udp-vs-nsd.sh   # extra options for the node
#
# Prints one line per run and a table of medians. Needs nsd (Debian package; installed when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-100000}
SECONDS_RUN=${SECONDS_RUN:-20}
WARM_SECONDS=${WARM_SECONDS:-30}
ROUNDS=${ROUNDS:-3}
SOCKETS=${SOCKETS:-4}
OUTSTANDING=${OUTSTANDING:-64}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
UDP_PORT=${UDP_PORT:-12641}
HTTP_PORT=${HTTP_PORT:-5392}
DNS_PORT=${DNS_PORT:-15353}
WORK=${WORK:-/tmp/handle-vs-nsd}
data=$WORK/data-$N
results=$WORK/results
mkdir -p "$WORK" "$results"

command -v nsd >/dev/null || { apt-get update -qq && apt-get install -y -qq nsd >/dev/null; }
if [ "${SKIP_BUILD:-}" != 1 ]; then
  dotnet build "$root/src/IctGov" -c Release -v q -nologo >/dev/null
  dotnet build "$root/bench/handle/HandleLoad" -c Release -v q -nologo >/dev/null
fi
ictgov="dotnet $root/src/IctGov/bin/Release/net10.0/ictgov.dll"
load="taskset -c $LOAD_CPU dotnet $root/bench/handle/HandleLoad/bin/Release/net10.0/HandleLoad.dll"
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"

# The same names for both: the node holds 88.100.1/p<i> with URL https://www.example.cn/products/88.100.1/p<i>;
# NSD holds p<i>.88-100-1.idis.example TXT with the same URL.
if [ ! -d "$data" ]; then
  awk -v n="$N" 'BEGIN { print "handle,index,type,data"; for (i = 0; i < n; i++) printf "88.100.1/p%d,1,URL,https://www.example.cn/products/88.100.1/p%d\n", i, i }' > "$WORK/ids.csv"
  $ictgov migrate --data "$data" >/dev/null
  $ictgov identifiers add-prefix 88.100 --level secondary --parent 88 --owner "演示二级节点" --industry C --province 320000 --demo --data "$data" >/dev/null
  $ictgov identifiers add-prefix 88.100.1 --level enterprise --parent 88.100 --owner "演示企业" --demo --data "$data" >/dev/null
  $ictgov identifiers register "$WORK/ids.csv" --quiet --data "$data" >/dev/null
fi
zone=$WORK/idis.example.zone
if [ ! -s "$zone.$N" ]; then
  awk -v n="$N" 'BEGIN {
    print "$ORIGIN idis.example."; print "$TTL 86400";
    print "@ IN SOA ns.idis.example. admin.idis.example. 1 3600 600 86400 60"; print "@ IN NS ns.idis.example."; print "ns IN A 127.0.0.1";
    for (i = 0; i < n; i++) printf "p%d.88-100-1 IN TXT \"https://www.example.cn/products/88.100.1/p%d\"\n", i, i;
  }' > "$zone"
  touch "$zone.$N"
fi
cat > "$WORK/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$DNS_PORT
  username: ""
  chroot: ""
  zonesdir: "$WORK"
  database: ""
  zonelistfile: "$WORK/zone.list"
  pidfile: "$WORK/nsd.pid"
  xfrdfile: "$WORK/xfrd.state"
  xfrdir: "$WORK"
  server-count: 1
  verbosity: 0
  hide-version: yes
remote-control:
  control-enable: no
zone:
  name: idis.example
  zonefile: "$zone"
CONF
# One pseudo-random order of all N names (awk, seed 42), sent to both servers: every name is held in memory by both.
awk -v n="$N" 'BEGIN { srand(42); for (i = 0; i < 200000; i++) printf "88.100.1/p%d\n", int(rand() * n) }' > "$WORK/queries.txt"
# The server's CPU time (user + system, from /proc/PID/stat) over a measured run, per answer: on a shared machine the
# throughput moves with the neighbours' load, the CPU an answer costs much less.
# NSD forks (xfrd → main → server), so the figure sums the process and all its descendants (utime and stime are
# fields 14 and 15 of /proc/PID/stat, counted after the command name, which may hold spaces).
tree() { local c; echo "$1"; for c in $(pgrep -P "$1"); do tree "$c"; done; }
cpu_ticks() { local p; for p in $(tree "$1"); do sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}'; done | awk '{s += $1} END {print s}'; }
measure() { # pid label load-args...
  local pid=$1 label=$2; shift 2
  local t0 line t1
  t0=$(cpu_ticks "$pid")
  line=$($load "$@" --duration "$SECONDS_RUN")
  t1=$(cpu_ticks "$pid")
  local done_; done_=$(sed -n 's/.* completed=\([0-9]*\).*/\1/p' <<<"$line")
  echo "$line server_us_per_answer=$(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v n="$done_" 'BEGIN { printf "%.2f", (n > 0 ? t * 1e6 / hz / n : 0) }')" | tee -a "$results/$label.txt"
}
window="--outstanding $OUTSTANDING --sockets $SOCKETS --queries $WORK/queries.txt"

node_round() {
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" $ictgov --data "$data" serve --urls "http://127.0.0.1:$HTTP_PORT" \
    --Identifiers:HandleNode:BindAddress=127.0.0.1 --Identifiers:HandleNode:UdpPort="$UDP_PORT" --Identifiers:HandleNode:TcpPort=-1 \
    --Identifiers:HandleNode:RequestsPerSecond=100000000 --Identifiers:HandleNode:Burst=100000000 ${NODE_ARGS:-} >"$results/server.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$HTTP_PORT/api/handles/88.100.1/p0" >/dev/null 2>&1 && break; sleep 0.5; done
  # Warm-up: every name read once from the store and the JIT at its last tier, so the round measures cached answers.
  $load --udp "127.0.0.1:$UDP_PORT" $window --duration "$WARM_SECONDS" >/dev/null
  measure "$server" node --udp "127.0.0.1:$UDP_PORT" $window
  kill "$server"; wait "$server" 2>/dev/null || true
}

nsd_round() {
  taskset -c "$SERVER_CPU" nsd -c "$WORK/nsd.conf" -d >"$results/nsd.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 240); do dig +short -p "$DNS_PORT" @127.0.0.1 p0.88-100-1.idis.example TXT 2>/dev/null | grep -q products && break; sleep 0.5; done
  $load --dns "127.0.0.1:$DNS_PORT" $window --duration 5 >/dev/null
  measure "$server" nsd --dns "127.0.0.1:$DNS_PORT" $window
  kill "$server"; wait "$server" 2>/dev/null || true
}

: > "$results/node.txt"; : > "$results/nsd.txt"
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r"
  node_round
  nsd_round
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { # file field
  sed -n "s/.* $2=\([0-9.]*\).*/\1/p" "$1" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
echo
echo "| server | qps (median of $ROUNDS) | p50 ms | p99 ms | p99.9 ms | server CPU µs/answer | client cpu |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for s in node nsd; do
  echo "| $s | $(median "$results/$s.txt" qps) | $(median "$results/$s.txt" p50_ms) | $(median "$results/$s.txt" p99_ms) | $(median "$results/$s.txt" p999_ms) | $(median "$results/$s.txt" server_us_per_answer) | $(median "$results/$s.txt" cpu) |"
done
awk -v a="$(median "$results/node.txt" qps)" -v b="$(median "$results/nsd.txt" qps)" 'BEGIN { printf "node / NSD throughput: %.2f\n", a / b }'

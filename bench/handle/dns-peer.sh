#!/usr/bin/env bash
# The peer for Handle resolution throughput: NSD (an authoritative DNS server from Debian) serving
# N TXT records of about the size of an identifier's URL value, loaded by dnsperf over UDP.
#
#   bash bench/handle/dns-peer.sh            # N=1000000 records, 20 s, 1 thread, 100 outstanding
#   N=100000 SECONDS_RUN=10 bash bench/handle/dns-peer.sh
#   SERVER_CPU=0 LOAD_CPU=1 ...             # pin the server and dnsperf to one core each
#
# Prints one line: "nsd qps=<queries/s> p50_ms=<..> p99_ms=<..> lost=<n>" (latencies from dnsperf -v).
set -euo pipefail
N=${N:-1000000}
SECONDS_RUN=${SECONDS_RUN:-20}
OUTSTANDING=${OUTSTANDING:-100}
PORT=${PORT:-15353}
WORK=${WORK:-/tmp/handle-bench/nsd}

if ! command -v nsd >/dev/null || ! command -v dnsperf >/dev/null; then
  apt-get update -qq && apt-get install -y -qq nsd dnsperf >/dev/null
fi
mkdir -p "$WORK"
ZONE="$WORK/idis.example.zone"
QUERIES="$WORK/queries.txt"
if [ ! -s "$ZONE.$N" ]; then
  # Suffixes and URLs as bench/handle's Handle load uses: 88.100.1/p<i> -> https://www.example.cn/products/88.100.1/p<i>
  awk -v n="$N" 'BEGIN {
    print "$ORIGIN idis.example.";
    print "$TTL 86400";
    print "@ IN SOA ns.idis.example. admin.idis.example. 1 3600 600 86400 60";
    print "@ IN NS ns.idis.example.";
    print "ns IN A 127.0.0.1";
    for (i = 0; i < n; i++) printf "p%d.88-100-1 IN TXT \"https://www.example.cn/products/88.100.1/p%d\"\n", i, i;
  }' > "$ZONE"
  touch "$ZONE.$N"
fi
# A fixed pseudo-random order of names, the same order bench/handle uses for handles.
awk -v n="$N" 'BEGIN { srand(42); for (i = 0; i < 200000; i++) printf "p%d.88-100-1.idis.example TXT\n", int(rand() * n) }' > "$QUERIES"

cat > "$WORK/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$PORT
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
  zonefile: "$ZONE"
CONF
${SERVER_CPU:+taskset -c $SERVER_CPU} nsd -c "$WORK/nsd.conf" -d >"$WORK/nsd.log" 2>&1 &
NSD_PID=$!
trap 'kill $NSD_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  if dig +short -p "$PORT" @127.0.0.1 p0.88-100-1.idis.example TXT 2>/dev/null | grep -q products; then break; fi
  sleep 0.5
done
${LOAD_CPU:+taskset -c $LOAD_CPU} dnsperf -s 127.0.0.1 -p "$PORT" -d "$QUERIES" -l "$SECONDS_RUN" -c 1 -T 1 -q "$OUTSTANDING" -v > "$WORK/dnsperf.out" 2>&1 || true
QPS=$(awk '/Queries per second/ {print $4}' "$WORK/dnsperf.out")
LOST=$(awk '/Queries lost/ {print $3}' "$WORK/dnsperf.out")
# Verbose lines end with the query's latency in seconds.
read -r P50 P99 < <(awk '$1 == ">" {print $NF}' "$WORK/dnsperf.out" | sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "NA NA"} else {printf "%.3f %.3f\n", a[int(NR*0.5)+1]*1000, a[int(NR*0.99)+1]*1000}}')
echo "nsd records=$N qps=$QPS p50_ms=$P50 p99_ms=$P99 lost=$LOST"

#!/usr/bin/env bash
# The network-quality benchmark, end to end (docs/BENCHMARKS.md, "Network quality"):
#   1. build the platform and the two bench tools (Release; compile time is not measured);
#   2. generate ROWS synthetic measurements (bench/netq/NetqGen) unless the file exists;
#   3. import them with `ictgov netq import` under /usr/bin/time -v (wall, rows/s, peak RSS);
#   4. the summary query directly in DuckDB (bench/netq/NetqQuery, the peer), RUNS times;
#   5. the same summary through the API (curl under hyperfine), RUNS times, and a check that both
#      answers agree value for value; then the roll-up endpoints (ranking, heatmap) and an exact
#      drill-down;
#   6. a table of medians and p95s.
#
#   bash bench/netq/run.sh                     # 100,000,000 rows
#   ROWS=1000000 bash bench/netq/run.sh        # any size
# Environment: ROWS (100000000), SEED (1), RUNS (10), WORK (/tmp/netq-bench; never the repository),
# PORT (5391), KEEP=1 keeps an existing imported store (skips step 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ROWS=${ROWS:-100000000}
SEED=${SEED:-1}
RUNS=${RUNS:-10}
WORK=${WORK:-/tmp/netq-bench}
PORT=${PORT:-5391}
url=http://127.0.0.1:$PORT
data=$WORK/data-$ROWS-$SEED
file=$WORK/netq-$ROWS-$SEED.parquet
results=$WORK/results-$ROWS-$SEED
mkdir -p "$WORK" "$results"

for tool in hyperfine curl python3; do
  if ! command -v $tool >/dev/null; then
    if [ "$tool" = hyperfine ] && command -v apt-get >/dev/null; then apt-get install -y -qq hyperfine >/dev/null; else echo "$tool is required" >&2; exit 1; fi
  fi
done

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== build (Release)"
  dotnet build "$root/src/IctGov" -c Release -v q -nologo >/dev/null
  dotnet build "$root/bench/netq/NetqGen" -c Release -v q -nologo >/dev/null
  dotnet build "$root/bench/netq/NetqQuery" -c Release -v q -nologo >/dev/null
fi
ictgov="dotnet $root/src/IctGov/bin/Release/net10.0/ictgov.dll"
gen="dotnet $root/bench/netq/NetqGen/bin/Release/net10.0/NetqGen.dll"
direct="dotnet $root/bench/netq/NetqQuery/bin/Release/net10.0/NetqQuery.dll"

echo "== machine"
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$results/machine.txt"
df -h "$WORK" | tail -1

if [ ! -s "$file" ]; then
  echo "== generate $ROWS rows"
  /usr/bin/time -v $gen --rows "$ROWS" --seed "$SEED" --out "$file" 2>"$results/gen.time"
fi
ls -l "$file"

if [ "${KEEP:-}" != 1 ] || [ ! -f "$data/netq/netq.duckdb" ]; then
  echo "== import"
  rm -rf "$data"
  /usr/bin/time -v $ictgov netq import --data "$data" "$file" >"$results/import.out" 2>"$results/import.time" \
    || { cat "$results/import.out" "$results/import.time" >&2; exit 1; }
  tail -5 "$results/import.out"
fi
ls -l "$data/netq/netq.duckdb"

# Summary queries compared (API query string; the same as NetqQuery arguments).
last=$($direct --db "$data/netq/netq.duckdb" sql "SELECT strftime(max(local_date), '%Y-%m-%d') FROM measurement" --print | tail -1)
from=$(date -u -d "$last - 27 days" +%F)
declare -A api_q direct_q
api_q[all]="groupBy=province,operator"
direct_q[all]="--group-by province,operator"
api_q[4w5g]="groupBy=province,operator&from=$from&to=$last&technology=5g-sa"
direct_q[4w5g]="--group-by province,operator --from $from --to $last --technology 5g-sa"

echo "== direct DuckDB (server stopped: the store is opened read-write by one process)"
for q in all 4w5g; do
  # The statement is the module's own (`ictgov netq summary --sql` prints it with the parameters
  # written in), so both sides run the same computation.
  sql=$($ictgov netq summary --data "$data" --sql ${direct_q[$q]})
  echo "$sql" >"$results/direct-$q.sql"
  # one warm-up run, then RUNS timed runs on the same connection
  $direct --db "$data/netq/netq.duckdb" sql "$sql" --runs $((RUNS + 1)) --json "$results/direct-$q.json" | tee "$results/direct-$q.txt"
done

echo "== server"
$ictgov serve --data "$data" --urls "$url" >"$results/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "$url/healthz" >/dev/null || { echo "server did not start" >&2; cat "$results/serve.log" >&2; exit 1; }

echo "== API: exact summary"
for q in all 4w5g; do
  curl -sf "$url/api/v1/netq/summary?${api_q[$q]}" -o "$results/api-$q.json"
  python3 - "$results/direct-$q.json" "$results/api-$q.json" <<'EOF'
import json, math, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert len(a) == len(b), f"row counts differ: direct {len(a)}, API {len(b)}"
for i, (x, y) in enumerate(zip(a, b)):
    for k, v in x.items():
        w = y.get(k)
        same = (v == w) or (isinstance(v, float) and isinstance(w, (int, float)) and math.isclose(v, w, rel_tol=1e-9, abs_tol=1e-12))
        assert same, f"row {i} {k}: direct {v!r}, API {w!r}"
print(f"   API and direct answers agree: {len(a)} rows x {len(a[0]) if a else 0} values")
EOF
  hyperfine -N -w 1 -r "$RUNS" --export-json "$results/api-$q.hf.json" "curl -sf -o /dev/null $url/api/v1/netq/summary?${api_q[$q]}" >/dev/null
  # The server's CPU time per request (user + system ticks of the process), the counterpart of
  # NetqQuery's CPU figure: less sensitive than wall time to other load on the machine.
  : >"$results/api-$q.cpu"
  for _ in $(seq "$RUNS"); do
    c0=$(awk '{print $14 + $15}' /proc/$server/stat)
    w=$(curl -sf -o /dev/null -w '%{time_total}' "$url/api/v1/netq/summary?${api_q[$q]}")
    c1=$(awk '{print $14 + $15}' /proc/$server/stat)
    echo "$w $(( (c1 - c0) * 1000 / $(getconf CLK_TCK) ))" >>"$results/api-$q.cpu"
  done
done

echo "== API: roll-ups and drill-down"
declare -A dash
dash[ranking-province]="ranking?by=province"
dash[ranking-city]="ranking?by=city"
dash[ranking-operator-4w]="ranking?by=operator&from=$from&to=$last&technology=5g-sa"
dash[heatmap-national]="heatmap"
dash[heatmap-440000-cm]="heatmap?province=440000&operator=cm"
dash[drill-440000-city-exact]="summary?groupBy=city,operator&province=440000&from=$from&to=$last"
for d in "${!dash[@]}"; do
  curl -sf "$url/api/v1/netq/${dash[$d]}" -o "$results/$d.json"
  hyperfine -N -w 2 -r "$RUNS" --export-json "$results/$d.hf.json" "curl -sf -o /dev/null $url/api/v1/netq/${dash[$d]}" >/dev/null
done
kill $server; wait $server 2>/dev/null || true
trap - EXIT
# Sizes of the raw table and the roll-ups the dashboard endpoints read.
$direct --db "$data/netq/netq.duckdb" --print sql "$(for t in measurement rollup_province rollup_hourly rollup_week rollup_national_hist \
    rollup_province_hist rollup_city_hist rollup_province_hist_week rollup_city_hist_week; do echo "SELECT '$t', count(*) FROM $t UNION ALL"; done) SELECT 'end', 0" \
  | grep -v '^run' | grep -v '^end' >"$results/tables.txt"

echo "== results ($ROWS rows, seed $SEED)"
python3 - "$results" "$ROWS" "$file" "$data/netq/netq.duckdb" <<'EOF'
import json, os, re, statistics, sys
res, rows, src, db = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def pct(xs, p):  # nearest rank
    xs = sorted(xs); return xs[max(0, min(len(xs) - 1, -(-len(xs) * p // 100) - 1))]
def hf(name):
    t = [x * 1000 for x in json.load(open(f"{res}/{name}.hf.json"))["results"][0]["times"]]
    return statistics.median(t), pct(t, 95), len(t)
def direct(name):
    runs = re.findall(r"run \d+: \d+ rows, ([\d.]+) ms, cpu ([\d.]+) ms", open(f"{res}/direct-{name}.txt").read())[1:]  # the first run is the warm-up
    t = [float(w) for w, _ in runs]
    return statistics.median(t), pct(t, 95), len(t), statistics.median(float(c) for _, c in runs)
def apicpu(name):
    runs = [l.split() for l in open(f"{res}/api-{name}.cpu") if l.strip()]
    return statistics.median(float(w) * 1000 for w, _ in runs), statistics.median(float(c) for _, c in runs), len(runs)
def timev(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
    h, m, s = wall.groups(); secs = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", text).group(1)) for k in ("User", "System"))
    return secs, rss, cpu
print(f"rows {rows:,}; parquet {os.path.getsize(src) / 2**20:,.0f} MiB; store {os.path.getsize(db) / 2**20:,.0f} MiB")
if os.path.exists(f"{res}/import.time"):
    secs, rss, cpu = timev(f"{res}/import.time")
    print(f"import: {secs:,.1f} s wall, {rows / secs:,.0f} rows/s, CPU {cpu:,.1f} s (user+sys), peak RSS {rss:,.0f} MiB")
print("table rows: " + ", ".join(" ".join(l.split("\t")) for l in open(f"{res}/tables.txt").read().split("\n") if l))
print(f"{'query':<34}{'median ms':>12}{'p95 ms':>10}{'runs':>6}")
for q in ["all", "4w5g"]:
    d, a, c = direct(q), hf(f"api-{q}"), apicpu(q)
    print(f"{'summary ' + q + ' direct DuckDB':<34}{d[0]:>12.1f}{d[1]:>10.1f}{d[2]:>6}   cpu {d[3]:.0f} ms")
    print(f"{'summary ' + q + ' API (curl)':<34}{a[0]:>12.1f}{a[1]:>10.1f}{a[2]:>6}   wall ratio {a[0] / d[0]:.2f}x")
    print(f"{'summary ' + q + ' API, server CPU':<34}{c[0]:>12.1f}{'':>10}{c[2]:>6}   cpu {c[1]:.0f} ms, cpu ratio {c[1] / d[3]:.2f}x")
for n in sorted(f[:-8] for f in os.listdir(res) if f.endswith(".hf.json") and not f.startswith("api-")):
    m = hf(n)
    print(f"{n:<34}{m[0]:>12.1f}{m[1]:>10.1f}{m[2]:>6}")
EOF

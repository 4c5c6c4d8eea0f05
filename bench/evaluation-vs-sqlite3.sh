#!/usr/bin/env bash
# Evaluation latency of a running server against the SQL yardstick: sqlite3 answering the
# as-of question alone (newest vintage of every subject/region/period published by the date)
# on the same database file. Run `bash bench/import-vs-sqlite3.sh prepare` and `... ictgov` first.
#   bash bench/evaluation-vs-sqlite3.sh start            # serve the benchmark data on 127.0.0.1:5098
#   bash bench/evaluation-vs-sqlite3.sh api|dashboard    # one request
#   bash bench/evaluation-vs-sqlite3.sh sql              # the yardstick query
#   bash bench/evaluation-vs-sqlite3.sh stop
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/ictgov-bench}
url=http://127.0.0.1:5098
case "${1:-}" in
  start) nohup dotnet "$root/src/IctGov/bin/Release/net10.0/ictgov.dll" serve --data "$work/run" --urls $url >"$work/serve.log" 2>&1 &
         for _ in $(seq 50); do curl -sf $url/healthz >/dev/null && exit 0; sleep 0.2; done; echo "server did not start" >&2; exit 1 ;;
  api) exec curl -sf -o /dev/null "$url/api/v1/evaluation?asOf=2026-06-30" ;;
  dashboard) exec curl -sf -o /dev/null "$url/?asOf=2026-06-30" ;;
  sql) exec sqlite3 "$work/run/ictgov.db" "SELECT count(*) FROM (SELECT o.* FROM planning_observation o
         JOIN (SELECT SubjectKind k, SubjectKey s, RegionCode r, Period p, max(Published) m FROM planning_observation
               WHERE Published <= '2026-06-30' GROUP BY 1,2,3,4) l
         ON o.SubjectKind = l.k AND o.SubjectKey = l.s AND o.RegionCode = l.r AND o.Period = l.p AND o.Published = l.m);" ;;
  stop) pkill -f "ictgov.dll serve --data $work/run" || true ;;
  *) echo "usage: $0 start|api|dashboard|sql|stop" >&2; exit 2 ;;
esac

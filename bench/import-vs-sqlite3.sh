#!/usr/bin/env bash
# Import throughput, ictgov against sqlite3's own .import of the same CSV into a table with the
# same uniqueness index (a raw load: no validation, no vintage check, no derivation).
#   bash bench/import-vs-sqlite3.sh prepare      # build Release, generate data, make templates
#   bash bench/import-vs-sqlite3.sh ictgov       # one timed run of ours on a fresh copy
#   bash bench/import-vs-sqlite3.sh sqlite3      # one timed run of the peer on a fresh copy
#   hyperfine -w 1 -r 5 'bash bench/import-vs-sqlite3.sh ictgov' 'bash bench/import-vs-sqlite3.sh sqlite3'
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/ictgov-bench}
case "${1:-}" in
  prepare)
    command -v sqlite3 >/dev/null || { echo "apt-get install sqlite3 hyperfine" >&2; exit 2; }
    mkdir -p "$work"
    dotnet build "$root/src/IctGov" -c Release -v q >/dev/null
    bash "$root/bench/gen-observations.sh" "${VINTAGES:-2}" > "$work/observations.csv"
    rm -rf "$work/template" && dotnet "$root/src/IctGov/bin/Release/net10.0/ictgov.dll" migrate --data "$work/template" >/dev/null
    rm -f "$work/peer-template.db"
    sqlite3 "$work/peer-template.db" "CREATE TABLE o(indicator TEXT, region TEXT, period TEXT, value TEXT, status TEXT, published TEXT, source TEXT);
      CREATE UNIQUE INDEX o_key ON o(indicator, region, period, published); CREATE INDEX o_pub ON o(published); PRAGMA journal_mode=WAL;" >/dev/null
    echo "prepared $(($(wc -l < "$work/observations.csv") - 1)) rows in $work"
    ;;
  ictgov)
    rm -rf "$work/run" && cp -r "$work/template" "$work/run"
    exec dotnet "$root/src/IctGov/bin/Release/net10.0/ictgov.dll" import observations "$work/observations.csv" --data "$work/run" >/dev/null
    ;;
  sqlite3)
    rm -f "$work/peer.db"* && cp "$work/peer-template.db" "$work/peer.db"
    exec sqlite3 "$work/peer.db" ".import --csv --skip 1 $work/observations.csv o"
    ;;
  *) echo "usage: $0 prepare|ictgov|sqlite3" >&2; exit 2 ;;
esac

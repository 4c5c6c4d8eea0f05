#!/usr/bin/env bash
# Batch registration throughput into the embedded store: `ictgov identifiers register` (batches of
# 2,000, each one SQLite transaction with its audit entry, templates and permissions checked) against
# sqlite3's own .import of the same rows (same table shape: primary key and prefix index, one
# transaction, no checks).
#   bash bench/identifiers/register-vs-sqlite3.sh prepare   # Release build, data, templates
#   bash bench/identifiers/register-vs-sqlite3.sh ictgov    # one run of ours on a fresh copy
#   TIMINGS=1 bash bench/identifiers/register-vs-sqlite3.sh ictgov   # the same, with time per phase on stderr
#   bash bench/identifiers/register-vs-sqlite3.sh sqlite3   # one run of the peer on a fresh copy
#   hyperfine -w 1 -r 5 'bash bench/identifiers/register-vs-sqlite3.sh ictgov' 'bash bench/identifiers/register-vs-sqlite3.sh sqlite3'
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${BENCH_DIR:-/tmp/ictgov-bench-identifiers}
count=${COUNT:-500000}
ictgov="$root/src/IctGov/bin/Release/net10.0/ictgov.dll"
case "${1:-}" in
  prepare)
    command -v sqlite3 >/dev/null || { echo "apt-get install sqlite3 hyperfine" >&2; exit 2; }
    mkdir -p "$work"
    dotnet build "$root/src/IctGov" -c Release -v q >/dev/null
    # two values per identifier: a URL and a product code
    awk -v n="$count" 'BEGIN { print "handle,index,type,data"; for (i = 0; i < n; i++) { printf "88.100.1/sku%d,1,URL,https://e.example/p/%d\n88.100.1/sku%d,2,PRODUCT.CODE,C-%d\n", i, i, i, i } }' > "$work/ids.csv"
    # the peer's rows: the same key, handle, prefix and stored JSON our store writes
    awk -v n="$count" 'BEGIN { for (i = 0; i < n; i++) { printf "88.100.1/SKU%d,88.100.1/sku%d,88.100.1,\"[{\"\"i\"\":1,\"\"t\"\":\"\"URL\"\",\"\"d\"\":\"\"aHR0cHM6Ly9lLmV4YW1wbGUvcC8%d\"\",\"\"tt\"\":0,\"\"ttl\"\":86400,\"\"ts\"\":1780000000,\"\"p\"\":14,\"\"r\"\":null},{\"\"i\"\":2,\"\"t\"\":\"\"PRODUCT.CODE\"\",\"\"d\"\":\"\"Qy0%d\"\",\"\"tt\"\":0,\"\"ttl\"\":86400,\"\"ts\"\":1780000000,\"\"p\"\":14,\"\"r\"\":null}]\",1780000000,b%d\n", i, i, i, i, int(i / 2000) } }' > "$work/peer.csv"
    rm -rf "$work/template"
    dotnet "$ictgov" migrate --data "$work/template" >/dev/null
    dotnet "$ictgov" identifiers add-prefix 88.100 --level secondary --parent 88 --owner "演示二级节点" --industry C --province 320000 --demo --data "$work/template" >/dev/null
    dotnet "$ictgov" identifiers add-prefix 88.100.1 --level enterprise --parent 88.100 --owner "演示企业" --demo --data "$work/template" >/dev/null
    # A data template on the secondary prefix, inherited by 88.100.1, so every identifier is checked
    # against it (the URL must be an http(s) URL, the product code 1–32 characters). Written
    # straight into the template database: the command line has no template command, the REST API does.
    sqlite3 "$work/template/ictgov.db" "INSERT INTO identifiers_template (\"Prefix\", \"FieldsJson\", \"UpdatedAt\") VALUES ('88.100',
      '[{\"type\":\"URL\",\"name\":\"产品页\",\"required\":true,\"kind\":\"Url\"},{\"type\":\"PRODUCT.CODE\",\"name\":\"产品编码\",\"required\":true,\"kind\":\"String\",\"minLength\":1,\"maxLength\":32}]',
      '2026-11-24 00:00:00+00:00')"
    rm -f "$work/peer-template.db"
    sqlite3 "$work/peer-template.db" 'CREATE TABLE identifiers_handle ("Key" TEXT NOT NULL PRIMARY KEY, "Handle" TEXT NOT NULL, "Prefix" TEXT NOT NULL, "ValuesJson" TEXT NOT NULL, "CreatedAt" INTEGER NOT NULL, "BatchId" TEXT);
      CREATE INDEX ix_prefix ON identifiers_handle ("Prefix", "Key");' >/dev/null
    echo "prepared $count identifiers in $work"
    ;;
  ictgov)
    rm -rf "$work/run" && cp -r "$work/template" "$work/run"
    dotnet "$ictgov" identifiers register "$work/ids.csv" --quiet ${TIMINGS:+--timings} --data "$work/run"
    ;;
  sqlite3)
    rm -f "$work/peer.db"* && cp "$work/peer-template.db" "$work/peer.db"
    exec sqlite3 "$work/peer.db" ".import --csv $work/peer.csv identifiers_handle"
    ;;
  *) echo "usage: $0 prepare|ictgov|sqlite3" >&2; exit 2 ;;
esac

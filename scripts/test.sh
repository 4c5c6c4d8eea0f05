#!/usr/bin/env bash
# Runs every test of the platform, installing what the tests need from Debian's packages
# (PostgreSQL, Chromium) when missing, and a throwaway PostgreSQL server on loopback.
# Prints the closing line "Tests: N passed, N failed" that CI reads.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Debian's WHOIS client: the Resources module's WHOIS server is tested with it.
[ -x /usr/bin/whois ] || need+=(whois)
# npm (with Node.js) installs the independent RDAP client below from the npm registry.
command -v npm >/dev/null || need+=(npm)
# Debian's xmllint (libxml2-utils): the Emergency tests validate exported CAP 1.2 messages with it against the official schema.
command -v xmllint >/dev/null || need+=(libxml2-utils)
# Debian's dig: the Numbering module's ENUM server is tested with it.
[ -x /usr/bin/dig ] || need+=(bind9-dnsutils)
# OpenSSL 3: the independent SM2 implementation that verifies the Market module's electronic licences.
command -v openssl >/dev/null || need+=(openssl)
# Debian's python3-jwcrypto: the independent JOSE implementation that verifies and signs the Numbering module's PASSporTs.
/usr/bin/python3 -c "import jwcrypto" 2>/dev/null || need+=(python3-jwcrypto)
# Debian's Go with golang.org/x/mod (sumdb/note, sumdb/tlog): the independent client that verifies the AppLog
# module's checkpoints, tiles and proofs (bench/applog/tlogclient), built offline in GOPATH mode.
command -v go >/dev/null || need+=(golang-go)
[ -f /usr/share/gocode/src/golang.org/x/mod/sumdb/tlog/tlog.go ] || need+=(golang-golang-x-mod-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing from Debian packages: ${need[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# An independent RDAP client (npm) that the Resources tests point at the platform.
(cd "$root/tests/IctGov.Resources.Tests/RdapClient" && npm ci --no-audit --no-fund --silent)
# axe-core (npm), the accessibility engine the browser tests run in every page.
(cd "$root/tests/IctGov.Tests/Browser/Axe" && npm ci --no-audit --no-fund --silent)

# A private cluster, so tests never touch a server someone else runs. PostgreSQL refuses to run
# as root, so it runs as the postgres user the package created.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/ictgov-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
as_root chown postgres:postgres "$pgdir"
as_root su postgres -s /bin/sh -c "'$pgbin/initdb' -D '$pgdir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$pgdir/initdb.log' 2>&1"
stop_pg() {
  as_root su postgres -s /bin/sh -c "'$pgbin/pg_ctl' -D '$pgdir/data' -m immediate stop >/dev/null 2>&1" || true
  as_root rm -rf "$pgdir"
}
trap stop_pg EXIT
# fsync off: a throwaway test cluster need not survive a power cut, and tests run faster.
as_root su postgres -s /bin/sh -c "'$pgbin/pg_ctl' -D '$pgdir/data' -l '$pgdir/server.log' -w -o \"-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null"
# Timeout=60: test assemblies run side by side on two cores, and opening a connection under that load
# has taken longer than Npgsql's default 15 s.
export ICTGOV_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Timeout=60"

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
set +e
dotnet test "$root/IctGov.slnx" --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  t=$(echo "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
done
# A run that executed nothing, or whose runner failed without a failing test (build error,
# crash), must not read as green.
if [ "$total" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then failed=$((failed + 1)); fi
echo "Tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Hostile XLSX uploads (issue 11, items 7 and 8): each file read once by the platform's reader and
# once by MiniExcel (the reader the platform used before), each in its own process with a time
# limit, printing wall time, bytes allocated and peak working set. Files under ${DIR:-/tmp/ictgov-hostile}.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${DIR:-/tmp/ictgov-hostile}
limit=${LIMIT:-120}
# A heap limit, so a reader that expands the bomb fails at 3 GiB instead of taking the machine.
export DOTNET_GCHeapHardLimit=${HEAP:-0xC0000000}
dotnet build -c Release -v q bench/hostile-upload/HostileUpload >/dev/null
exe=bench/hostile-upload/HostileUpload/bin/Release/net10.0/HostileUpload
[ -f "$dir/lying-bomb.xlsx" ] || "$exe" make "$dir"
for f in ${CASES:-dimension rows-bomb lying-bomb rows-480mib wide-bomb}; do
  for reader in platform miniexcel; do
    rc=0; timeout "$limit" "$exe" read "$dir/$f.xlsx" "$reader" 2>/dev/null || rc=$?
    if [ "$rc" = 124 ]; then echo -e "$f.xlsx\t$reader\tstopped after ${limit} s"; elif [ "$rc" != 0 ]; then echo -e "$f.xlsx\t$reader\tcrashed (exit $rc)"; fi
  done
done

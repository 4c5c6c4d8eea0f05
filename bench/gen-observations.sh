#!/usr/bin/env bash
# Writes a deterministic observation CSV: 32 regions x 13 monthly indicators x 60 months
# (2021-01..2025-12) x VINTAGES publications (provisional, then final, then revisions).
#   bash bench/gen-observations.sh VINTAGES > observations.csv     (2 vintages = 49,920 rows)
set -euo pipefail
vintages=${1:-2}
awk -v vintages="$vintages" 'BEGIN {
  split("110000 120000 130000 140000 150000 210000 220000 230000 310000 320000 330000 340000 350000 360000 370000 410000 420000 430000 440000 450000 460000 500000 510000 520000 530000 540000 610000 620000 630000 640000 650000 100000", regions, " ")
  split("4 5 6 7 8 9 12 13 14 15 16 17 18", subjects, " ")
  split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
  print "indicator,region,period,value,status,published,source"
  for (r = 1; r <= 32; r++) for (s = 1; s <= 13; s++) for (y = 2021; y <= 2025; y++) for (m = 1; m <= 12; m++) for (v = 1; v <= vintages; v++) {
    k = (y - 2021) * 12 + m
    value = (subjects[s] ~ /^(8|13|17|18)$/) ? (10 + k + v * 0.1) : (100 + r * 10 + k * 3 + v * 0.5)
    # published 20 days after the month for the first vintage, then a month later per revision
    pm = m + v; py = y; while (pm > 12) { pm -= 12; py++ }
    status = (v == 1) ? "provisional" : (v == 2 ? "final" : "revised")
    printf "%s,%s,%d-%02d,%.2f,%s,%d-%02d-%02d,bench generator\n", subjects[s], regions[r], y, m, value, status, py, pm, 20
  }
}'

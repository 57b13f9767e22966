#!/bin/sh
# make-fixtures.sh — writes again the workbooks LibreOffice made from Qingfeng's
# exports, which tests/test-import.c reads back. Needs qingfeng-cli and soffice
# (Debian: libreoffice-calc-nogui); not part of the test run.
#
#   tests/data/libreoffice/make-fixtures.sh _build/src/cli/qingfeng-cli
set -eu
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

"$cli" --db fixtures.db demo --problems 40 --until 2026-10-31
"$cli" --db fixtures.db export problems ledger.xlsx
"$cli" --db fixtures.db export cadres roster.xlsx
mkdir out
# Opened and saved again by LibreOffice, as .xlsx and as UTF-8 CSV.
soffice --headless --convert-to xlsx --outdir out ledger.xlsx roster.xlsx
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir out \
  ledger.xlsx
# Edited: a title corrected, a problem being rectified closed; saved as .xlsx.
sed -e '2s/婚丧喜庆事宜收受管理对象礼金/婚丧喜庆事宜收受管理服务对象礼金/' \
    -e '/"WT-2026-0002"/s/"Rectifying","\([^"]*\)",,,,,/"Closed","\1",2026-11-20,"局作风办","现场核查，报表已精简",,/' \
    out/ledger.csv > edited.csv
soffice --headless --infilter='CSV:44,34,76,1' --convert-to xlsx --outdir out edited.csv

cp out/ledger.xlsx "$here/ledger-resaved.xlsx"
cp out/ledger.csv "$here/ledger-saved-as.csv"
cp out/edited.xlsx "$here/ledger-edited.xlsx"
cp out/roster.xlsx "$here/roster-resaved.xlsx"

#!/usr/bin/env bash
# Compare claim statuses and exported figure files with a reference folder made the same way.
#   bash benchmarks/compare_exports.sh REF_DIR      (REF_DIR holds claims.txt and export-YEAR/ folders)
#   bash benchmarks/compare_exports.sh --write DIR  (write them from the current code)
set -euo pipefail
cd "$(dirname "$0")/.."
TI=.venv/bin/tradeimbalance
write() {
  mkdir -p "$1"
  $TI claims > "$1/claims.txt"
  for y in 2019 2015 2020; do rm -rf "$1/export-$y"; $TI export --year "$y" --out "$1/export-$y" > "$1/export-$y.log"; done
}
if [ "${1:-}" = "--write" ]; then write "$2"; exit 0; fi
ref=$1; new=$(mktemp -d)
write "$new"
status=0
diff -u "$ref/claims.txt" "$new/claims.txt" || status=1
for y in 2019 2015 2020; do diff -r "$ref/export-$y" "$new/export-$y" || status=1; done
echo "compared claims and exports for 2019, 2015, 2020 with $ref: $([ $status = 0 ] && echo identical || echo DIFFERENT)"
rm -rf "$new"
exit $status

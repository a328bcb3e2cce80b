#!/usr/bin/env bash
# ctest examples.r_km_cox: a small compare store from the CLI, then examples/r/km_cox.R on it.
# Exits 77 (ctest: skipped, with this message) when Rscript is not installed.
# Usage: run_example.sh CONCORD_BINARY SOURCE_DIR WORK_DIR [RUNS]
set -euo pipefail
concord=$1 src=$2 work=$3 runs=${4:-200}
if ! command -v Rscript >/dev/null 2>&1; then
  echo "skipped: Rscript not found (scripts/install-deps.sh installs r-base-core, r-cran-rsqlite, r-cran-survival)"
  exit 77
fi
mkdir -p "$work"
rm -f "$work"/compare.sqlite*
"$concord" compare "$src/scenarios/asia-pacific-2015.toml" --orders all --runs "$runs" --years 35 \
  --out "$work/compare.sqlite" --quiet > "$work/compare.txt"
Rscript "$src/examples/r/km_cox.R" "$work/compare.sqlite" "" "$work/km_first_gp_war_r.png"
test -s "$work/km_first_gp_war_r.png"

#!/usr/bin/env bash
# Regenerates the escalation, war-joining and calibration tables of docs/validation.md and
# docs/model.md, and the main job's table in docs/orders.md, from the commands that produce them (every figure in docs/ comes from a script).
# Each table sits between `<!-- BEGIN name -->` and `<!-- END name -->` markers and is replaced
# whole. Usage: scripts/docs-escalation.sh [path/to/concord]   (default build/release/concord)
# Needs the datasets (CONCORD_DATA_DIR or ../shared/data). Takes a few minutes (the calibration
# runs 10,000 replications of the record).
set -euo pipefail
cd "$(dirname "$0")/.."
concord=${1:-build/release/concord}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {  # run NAME COMMAND...: the command's output, fenced, into $tmp/NAME
  local name=$1
  shift
  {
    echo '```'
    echo "\$ ${*/#$concord/concord}"
    "$@" | sed "s|$PWD/||g"  # paths relative to the project, as the docs name them
    echo '```'
  } >"$tmp/$name" 2>/dev/null || true
}

run escalation-world-oos "$concord" validate escalation --region world --train 1816-1999 --test 2000-2014
run escalation-world "$concord" validate escalation --region world --train 1816-2014 --test 2000-2014
run escalation-asia-oos "$concord" validate escalation --region asia --train 1946-1999 --test 2000-2014
run escalation-asia "$concord" validate escalation --region asia --train 1946-2014 --test 2000-2014
run joining "$concord" validate joining
run calibration "$concord" validate calibration --runs 10000
run main-job "$concord" compare scenarios/asia-pacific-2015.toml --orders all --runs 1000 --years 35 --quiet

replace() {  # replace FILE NAME: the block between the markers NAME gets $tmp/NAME
  local file=$1 name=$2
  awk -v name="$name" -v body="$tmp/$name" '
    $0 == "<!-- BEGIN " name " -->" { print; while ((getline line < body) > 0) print line; skip = 1; next }
    $0 == "<!-- END " name " -->" { skip = 0 }
    !skip { print }
  ' "$file" >"$tmp/out" && cat "$tmp/out" >"$file"
}

for name in escalation-world-oos escalation-asia-oos joining calibration; do replace docs/validation.md "$name"; done
for name in escalation-world escalation-asia joining; do replace docs/model.md "$name"; done
replace docs/orders.md main-job
echo "updated docs/validation.md, docs/model.md and docs/orders.md"

#!/bin/sh
# The main job's headline (P(great-power war within 35 years), rank or tie) under each definition of
# the great-power set (docs/results.md, "The headline and the great-power set"). Prints markdown.
# Usage: scripts/headline-great-powers.sh [RUNS] [BINARY]
set -eu
runs=${1:-1000}
bin=${2:-./build/release/concord}
scenario=scenarios/asia-pacific-2015.toml
echo "| great-power set | members | headline (rank, order, P(GP war) [Wilson 95%]) |"
echo "| --- | --- | --- |"
for rule in cow-majors cinc-share:0.05 cinc-share:0.05:evolve nuclear; do
  members=$("$bin" compare "$scenario" --orders multiplex --runs 1 --years 1 --quiet --great-powers "$rule" |
    sed -n 's/^great powers: [^(]*(\(.*\))$/\1/p')
  lines=$("$bin" compare "$scenario" --orders all --runs "$runs" --years 35 --quiet --threads 2 \
    --great-powers "$rule" --format lines | sed 's/  */ /g; s/^ //' | awk '{printf "%s%s", (NR>1 ? "; " : ""), $0}')
  echo "| \`$rule\` | $members | $lines |"
done
# the COW majors with India added by hand (great_power = true on India's [[actor]]: the reviewer's case)
tmp=$(mktemp --suffix=.toml)
awk '/^\[\[actor\]\]/ {india = 0} /^ccode = 750$/ {india = 1} india && /^great_power = / {$0 = "great_power = true"} {print}' \
  "$scenario" > "$tmp"
members=$("$bin" compare "$tmp" --orders multiplex --runs 1 --years 1 --quiet | sed -n 's/^great powers: [^(]*(\(.*\))$/\1/p')
lines=$("$bin" compare "$tmp" --orders all --runs "$runs" --years 35 --quiet --threads 2 --format lines |
  sed 's/  */ /g; s/^ //' | awk '{printf "%s%s", (NR>1 ? "; " : ""), $0}')
echo "| \`cow-majors\`, India flagged in the file | $members | $lines |"
rm -f "$tmp"

#!/bin/sh
# Regenerates the figures of docs/model.md, "Alignment: threat, rivalry and face validity".
#
#   scripts/alignment_figures.sh fit [--write]
#       the hostility fit (scripts/fit_hostility.py; about 30 s of CPU)
#   scripts/alignment_figures.sh compare [--label L] [--concord BIN] [--store FILE] [--write]
#       from the main job (`concord compare scenarios/asia-pacific-2015.toml --orders all
#       --runs 1000 --years 35 --seed 1 --out STORE`, about 20 s of CPU on 2 threads; --store
#       reuses a store written by that command, e.g. by an older build): P(great-power war) and
#       wars per decade of every preset, the wars with Canada and the United States on opposite
#       sides, and the opening coalitions of the first great-power war under balance-of-power,
#       pax-americana and sino-centric (scripts/first_gp_war_coalitions.py). The label (default
#       "current") names the block, so that a block for an older build can stand beside it.
#
# Without --write the block is printed; with --write it replaces the block with the same name
# between its markers in docs/model.md (the markers must be there).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 fit|compare [options]" >&2; exit 2; }
what="$1"
shift
concord="$root/build/release/concord"
store=""
label="current"
write=0
while [ $# -gt 0 ]; do
  case "$1" in
    --concord) concord="$2"; shift 2 ;;
    --store) store="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --write) write=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
scenario="$root/scenarios/asia-pacific-2015.toml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case "$what" in
  fit)
    name="fit"
    {
      /usr/bin/python3 "$root/scripts/fit_hostility.py" > "$tmp/fit.txt"
      head -n 1 "$tmp/fit.txt"
      echo
      sed -n '/^| term/,/^$/p' "$tmp/fit.txt"
      grep '^share of dyad-years' "$tmp/fit.txt"
    } > "$tmp/body.md"
    ;;
  compare)
    name="compare $label"
    if [ -z "$store" ]; then
      store="$tmp/compare.sqlite"
      "$concord" compare "$scenario" --orders all --runs 1000 --years 35 --seed 1 --threads 2 --quiet \
        --out "$store" > /dev/null
    fi
    {
      echo "| order | P(GP war) [95%] | wars / decade |"
      echo "| --- | --- | --- |"
      /usr/bin/python3 - "$store" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
e = db.execute("SELECT MAX(ensemble_id) FROM ensembles WHERE status = 'complete'").fetchone()[0]
rows = db.execute("""SELECT p.grp, p.estimate, p.lo, p.hi, w.estimate FROM statistics p
                     JOIN statistics w ON w.ensemble_id = p.ensemble_id AND w.grp = p.grp
                     WHERE p.ensemble_id = ? AND p.metric = 'gp_war' AND p.statistic = 'proportion'
                       AND w.metric = 'wars_per_decade' AND w.statistic = 'mean' AND p.grp NOT LIKE '% - %'
                     ORDER BY p.estimate, p.grp""", (e,)).fetchall()
import math
def share(p, lo, hi):
    # never a probability printed as 0: a share that rounds to 0 is its Wilson upper bound
    if f"{p:.3f}" == "0.000":
        return f"< {max(math.ceil(hi * 1000 - 1e-9) / 1000, 0.001):.3f}"
    return f"{p:.3f} [{lo:.3f}, {hi:.3f}]"
for grp, p, lo, hi, w in rows:
    print(f"| {grp} | {share(p, lo, hi)} | {w:.2f} |")
EOF
      echo
      /usr/bin/python3 "$root/scripts/first_gp_war_coalitions.py" "$store" "$scenario" \
        --orders balance-of-power,pax-americana,sino-centric --top 5 | tail -n +3
      /usr/bin/python3 "$root/scripts/first_gp_war_coalitions.py" "$store" "$scenario" --top 0 --opposed CAN,USA |
        sed -n '/^| order | wars with/,$p'
    } > "$tmp/body.md"
    ;;
  *) echo "usage: $0 fit|compare [options]" >&2; exit 2 ;;
esac

{
  echo "<!-- begin generated: scripts/alignment_figures.sh $name (do not edit by hand) -->"
  echo
  cat "$tmp/body.md"
  echo "<!-- end generated: scripts/alignment_figures.sh $name -->"
} > "$tmp/block.md"
if [ "$write" -eq 1 ]; then
  /usr/bin/python3 - "$root/docs/model.md" "$tmp/block.md" "$name" <<'EOF'
import re, sys
doc, block, name = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
text = open(doc).read()
pattern = re.compile(r"<!-- begin generated: scripts/alignment_figures.sh " + re.escape(name) +
                     r" \(.*?<!-- end generated: scripts/alignment_figures.sh " + re.escape(name) + r" -->\n", re.S)
if not pattern.search(text):
    sys.exit(f"{doc}: no block '{name}' of scripts/alignment_figures.sh to replace (add its two markers)")
open(doc, "w").write(pattern.sub(lambda _: block, text))
print(f"wrote block '{name}' of {doc}")
EOF
else
  cat "$tmp/block.md"
fi

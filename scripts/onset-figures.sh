#!/usr/bin/env bash
# Figures of issue 11 (dispute onset), written into the docs between their markers:
#   docs/model.md       "onset coefficients": [mid_onset] of every committed hazards file
#   docs/validation.md  "onset scores": out-of-sample scores of the engine's MID-onset contract
#                       against the base rate and the standard peace-years logit
#                       "onset dyads": where disputes land, Asia-Pacific backtest 1995-2014
# Usage: scripts/onset-figures.sh [runs]   (runs of the backtest, default 1000)
# Needs the release build (cmake --build --preset release) and the datasets (CONCORD_DATA_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CONCORD:-./build/release/concord}
RUNS=${1:-1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the commands of the committed files' [meta], without --write-hazards
for f in hazards hazards-asia-1946-1994 hazards-world hazards-europe; do
  cmd=$(sed -n 's/^command = "concord \(.*\) --write-hazards .*"$/\1/p' "data/$f.toml")
  # shellcheck disable=SC2086
  "$BIN" $cmd > "$tmp/$f.txt"
  echo "concord $cmd" > "$tmp/$f.cmd"
done
"$BIN" validate backtest --start 1995 --years 20 --runs "$RUNS" > "$tmp/backtest.txt"
echo "concord validate backtest --start 1995 --years 20 --runs $RUNS" > "$tmp/backtest.cmd"

/usr/bin/python3 - "$tmp" <<'PY'
import pathlib, re, sys
tmp = pathlib.Path(sys.argv[1])
files = ["hazards", "hazards-asia-1946-1994", "hazards-world", "hazards-europe"]

def section(text, start, stop):
    out, on = [], False
    for line in text.splitlines():
        if line.startswith(start):
            on = True
        elif on and (line.strip() == "" or (stop and line.startswith(stop))):
            break
        if on:
            out.append(line)
    return out

def block(lines):
    return "```text\n" + "\n".join(lines) + "\n```\n"

coef, scores = [], []
for f in files:
    text = (tmp / f"{f}.txt").read_text()
    cmd = (tmp / f"{f}.cmd").read_text().strip()
    head = text.splitlines()[0]
    coef.append(f"`data/{f}.toml` (`{cmd} --write-hazards data/{f}.toml`):\n")
    lines = section(text, "MID onset logit of the engine contract", None)
    extra = [l for l in text.splitlines() if l.startswith("  (not identified")]
    coef.append(block(lines + extra))
    rows = [l for l in section(text, "Out-of-sample scores", None) if "mid_onset" in l or "outcome" in l]
    rows = [l for l in rows if "engine_unfitted" not in l]
    scores.append(f"{head} (`{cmd}`); `logit` is the standard peace-years logit, `engine_fitted` the contract:\n")
    scores.append(block(rows))

bt = (tmp / "backtest.txt").read_text()
bcmd = (tmp / "backtest.cmd").read_text().strip()
dy = [l for l in bt.splitlines() if l.startswith("totals") or l.startswith("coverage")]
dy += section(bt, "Spearman", "great-power war")
dyads = [f"`{bcmd}` (hazards fitted 1946-1994):\n", block(dy)]

def put(doc, name, body):
    p = pathlib.Path(doc)
    s = p.read_text()
    begin = f"<!-- begin: {name} (scripts/onset-figures.sh) -->"
    end = f"<!-- end: {name} -->"
    i, j = s.index(begin), s.index(end)
    p.write_text(s[: i + len(begin)] + "\n" + "\n".join(body) + s[j:])

put("docs/model.md", "onset coefficients", coef)
put("docs/validation.md", "onset scores", scores)
put("docs/validation.md", "onset dyads", dyads)
PY
echo "docs/model.md and docs/validation.md updated"

#!/usr/bin/python3
"""The main job from Python: the thirteen security orders on the Asia-Pacific of 2015.

Reproduces the table of

    ./build/release/concord compare scenarios/asia-pacific-2015.toml --orders all --runs 1000 --years 35

(same inputs and seed, same numbers) and draws the Kaplan-Meier curves of the time to the first
great-power war by order with matplotlib.

    PYTHONPATH=build/release/python /usr/bin/python3 examples/python/main_job.py [--runs 1000] [--out-dir .]

Writes main_job.csv (every metric with its 95% interval, one row per order) and
km_first_gp_war.png to --out-dir. CI runs it with a reduced run count (examples/CMakeLists.txt).
"""
from __future__ import annotations

import argparse
import math
import pathlib
import sys

import concord

ROOT = pathlib.Path(__file__).resolve().parents[2]

# The columns of the CLI's table: metric, heading, digits, width.
COLUMNS = [
    ("gp_war", "P(GP war)", 3, 24),
    ("wars_per_decade", "wars/decade", 2, 22),
    ("mids_per_decade", "MIDs/decade", 2, 24),
    ("voice", "small-state voice", 2, 22),
    ("years_balanced_disparity", "yrs balanced disparity", 2, 25),
    ("con_final", "CON at horizon", 2, 22),
    ("gdp_growth", "GDP growth", 3, 25),
    ("gp_trust_final", "GP trust", 2, 22),
]


def num(v: float, digits: int) -> str:
    text = f"{v:.{digits}f}"
    return text.lstrip("-") if text.startswith("-") and set(text) <= set("-0.") else text


def estimate(v: float, lo: float, hi: float, digits: int) -> str:
    if math.isnan(v):
        return "-"
    if math.isnan(lo) or math.isnan(hi):
        return num(v, digits)
    return f"{num(v, digits)} [{num(lo, digits)}, {num(hi, digits)}]"


def print_table(res: concord.Result) -> None:
    info = res.info
    baseline = info["baseline"]
    print(f"{info['scenario']}: {len(info['orders'])} order(s) x {info['runs']} runs x {info['years']} years, "
          f"seed {info['seed']}, {info['threads']} thread(s)")
    print(f"hazards: {info['hazards']}")
    print(f"ranked by P(great-power war within {info['years']} years); 95% intervals "
          "(Wilson for P, Student for means)\n")
    columns = [c for c in COLUMNS if c[0] in res.summary]  # a metric the engine dropped is left out
    paired = res.paired.set_index("order")
    head = f"{'#':>2}  {'order':<24}" + "".join(f"  {h:<{w}}" for _, h, _, w in columns)
    if baseline:
        head += f"  {'P(GP war) - ' + baseline:<24}"
    print(head)
    for _, row in res.summary.iterrows():
        line = f"{row['rank']:>2}  {row['order']:<24}"
        for metric, _, digits, width in columns:
            line += f"  {estimate(row[metric], row[metric + '_lo'], row[metric + '_hi'], digits):<{width}}"
        if baseline:
            if row["order"] == baseline:
                line += f"  {'(baseline)':<24}"
            else:
                p = paired.loc[row["order"]]
                line += f"  {estimate(p['gp_war'], p['gp_war_lo'], p['gp_war_hi'], 3):<24}"
        print(line)


def plot_survival(res: concord.Result, path: pathlib.Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    start = res.info["start_year"]
    fig, ax = plt.subplots(figsize=(9, 6))
    cmap = plt.get_cmap("tab20")
    for i, order in enumerate(res.summary["order"]):
        curve = res.survival[res.survival["order"] == order].sort_values("t")
        years = [start] + list(start + curve["t"])
        surv = [1.0] + list(curve["survival"])
        ax.step(years, surv, where="post", color=cmap(i % 20), label=order)
    ax.set_xlabel("year")
    ax.set_ylabel("P(no great-power war yet)")
    ax.set_ylim(0, 1.02)
    ax.set_title(f"{res.info['scenario']}: time to the first great-power war "
                 f"(Kaplan-Meier, {res.info['runs']} runs per order)")
    ax.legend(fontsize="small", ncol=2, loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "asia-pacific-2015.toml"))
    ap.add_argument("--orders", default="all", help="all, or a comma-separated list")
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--years", type=int, default=35)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--out-dir", default=".")
    args = ap.parse_args(argv)
    out = pathlib.Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    orders = "all" if args.orders == "all" else args.orders.split(",")
    res = concord.compare(args.scenario, orders, runs=args.runs, years=args.years, seed=args.seed,
                          threads=args.threads, yearly=False)
    print_table(res)
    res.summary.to_csv(out / "main_job.csv", index=False)
    png = out / "km_first_gp_war.png"
    plot_survival(res, png)
    if not png.is_file() or png.stat().st_size == 0:
        print(f"error: {png} was not written", file=sys.stderr)
        return 1
    print(f"\nwrote {out / 'main_job.csv'} and {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

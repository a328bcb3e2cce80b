"""Same inputs and seed give exactly the CLI's numbers: the table (CSV) and the store."""
from __future__ import annotations

import csv
import io
import math
import subprocess

import pytest

import concord

ORDERS = ["multiplex", "g2", "concert", "balance-of-power"]
RUNS, YEARS, SEED = 30, 15, 7


def cli_csv(cli, *args):
    out = subprocess.run([cli, *args, "--format", "csv", "--quiet"], check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def num(text: str) -> float:
    return math.nan if text == "" else float(text)  # the CLI writes a missing value as an empty field


def rank_text(rank: int, tied: bool) -> str:
    return f"{rank}=" if tied else str(rank)


def test_compare_gives_the_cli_table_exactly(cli, scenario_path):
    rows = cli_csv(cli, "compare", str(scenario_path), "--orders", ",".join(ORDERS), "--runs", str(RUNS),
                   "--years", str(YEARS), "--seed", str(SEED), "--threads", "2")
    res = concord.compare(scenario_path, ORDERS, runs=RUNS, years=YEARS, seed=SEED, threads=2)
    assert [r["order"] for r in rows] == list(res.summary["order"])
    assert [r["rank"] for r in rows] == [rank_text(k, t) for k, t in zip(res.summary["rank"], res.summary["tied"])]
    paired = res.paired.set_index("order")
    compared = 0
    for r, (_, s) in zip(rows, res.summary.iterrows()):
        for col, text in r.items():
            if col in ("rank", "order"):
                continue
            assert same(num(text), float(s[col])), (r["order"], col, text, s[col])
            compared += 1
        if r["order"] != "multiplex":  # the paired difference table says the same as the column
            assert same(num(r["gp_war_minus_multiplex"]), float(paired.loc[r["order"], "gp_war"]))
    assert compared == len(rows) * (len(rows[0]) - 2)


def test_run_gives_the_cli_table_exactly(cli, scenario_path):
    rows = cli_csv(cli, "run", str(scenario_path), "--order", "consociational", "--runs", str(RUNS),
                   "--years", str(YEARS), "--seed", str(SEED), "--param", "capacity_decay=0.03")
    res = concord.run(scenario_path, "consociational", runs=RUNS, years=YEARS, seed=SEED,
                      params={"capacity_decay": 0.03})
    assert len(rows) == 1 and len(res.summary) == 1
    for col, text in rows[0].items():
        if col not in ("rank", "order"):
            assert same(num(text), float(res.summary.iloc[0][col])), col


def test_the_store_is_the_cli_store(cli, scenario_path, tmp_path):
    a, b = tmp_path / "cli.sqlite", tmp_path / "py.sqlite"
    subprocess.run([cli, "compare", str(scenario_path), "--orders", ",".join(ORDERS[:3]), "--runs", "12",
                    "--years", "10", "--seed", "3", "--out", str(a), "--quiet", "--events", "all", "--yearly"],
                   check=True, capture_output=True)
    concord.compare(str(scenario_path), ORDERS[:3], runs=12, years=10, seed=3, out=b, events="all",
                    store_yearly=True)
    ta, tb = concord.read_store(a), concord.read_store(b)
    assert sorted(ta) == sorted(tb)
    for name in ta:
        assert ta[name].equals(tb[name]), name
    assert len(ta["events"]) > 0 and len(ta["yearly"]) == 3 * 12 * 10 * len(tb["yearly"]["metric"].unique())

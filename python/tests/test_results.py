"""What compare returns: tables that agree with each other and with their definitions, numbers
that do not depend on the thread count."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import concord

ORDERS = ["multiplex", "balance-of-power", "pax-americana"]


@pytest.fixture(scope="module")
def result(scenario_path):
    return concord.compare(scenario_path, ORDERS, runs=40, years=20, seed=11, threads=2)


def test_shapes(result):
    # ranks from 1, never falling; a rank marked tied is shared with a neighbour, an untied one is not
    ranks, tied = list(result.summary["rank"]), list(result.summary["tied"])
    assert ranks[0] == 1 and all(x <= y for x, y in zip(ranks, ranks[1:]))
    for i, r in enumerate(ranks):
        shared = (i > 0 and ranks[i - 1] == r) or (i + 1 < len(ranks) and ranks[i + 1] == r)
        assert shared == tied[i], (ranks, tied)
    assert sorted(result.summary["order"]) == sorted(ORDERS)
    assert len(result.runs) == 3 * 40
    assert set(result.runs["order"]) == set(ORDERS)
    assert len(result.yearly) == 3 * 40 * 20
    assert result.yearly["year"].min() == 2016 and result.yearly["year"].max() == 2035
    assert result.info["orders"] == ORDERS and result.info["years"] == 20 and result.info["complete"]
    assert result.info["baseline"] == "multiplex"
    assert sorted(result.paired["order"]) == ["balance-of-power", "pax-americana"]
    # ranked by P(GP war), ascending
    assert result.summary["gp_war"].is_monotonic_increasing


def test_summary_is_the_runs_table_summarised(result):
    by = result.runs.groupby("order", observed=True)
    for _, row in result.summary.iterrows():
        runs = by.get_group(row["order"])
        assert row["gp_war"] == runs["gp_war"].sum() / len(runs)  # share of runs, exactly
        assert row["gp_war_lo"] <= row["gp_war"] <= row["gp_war_hi"]
        assert math.isclose(row["mids_per_decade"], runs["mids_per_decade"].mean(), rel_tol=1e-12)


def test_paired_difference_is_the_mean_over_replicates(result):
    wide = result.runs.pivot(index="replicate", columns="order", values="mids")
    for _, row in result.paired.iterrows():
        diff = (wide[row["order"]] - wide["multiplex"]).mean()
        assert math.isclose(row["mids"], diff, rel_tol=1e-12, abs_tol=1e-12)


def test_yearly_and_events_add_up_to_the_run_summaries(result):
    mids = result.yearly.groupby("run_id")["mids"].sum()
    assert (mids.sort_index().to_numpy() == result.runs.set_index("run_id")["mids"].sort_index().to_numpy()).all()
    wars = result.events[result.events["kind"].isin(["war", "great_power_war"])].groupby("run_id").size()
    total = result.runs.set_index("run_id")["wars"]
    assert (wars.reindex(total.index, fill_value=0) == total).all()


def test_survival_is_kaplan_meier_of_the_first_great_power_war(result):
    start = result.info["start_year"]
    gp = result.events[result.events["kind"] == "great_power_war"]
    first = gp.groupby("run_id")["year"].min() - start
    for order in ORDERS:
        ids = result.runs.loc[result.runs["order"] == order, "run_id"]
        t_event = first.reindex(ids)  # NaN: no great-power war within the horizon (censored)
        curve = result.survival[result.survival["order"] == order]
        assert len(curve) > 0
        for _, p in curve.iterrows():
            expected = (~(t_event <= p["t"])).sum() / len(ids)  # no censoring before the horizon
            assert math.isclose(p["survival"], expected, rel_tol=1e-12, abs_tol=1e-15), (order, p["t"])
        assert curve["survival"].is_monotonic_decreasing


def test_thread_count_does_not_change_the_numbers(scenario_path, result):
    one = concord.compare(scenario_path, ORDERS, runs=40, years=20, seed=11, threads=1)
    pd.testing.assert_frame_equal(one.statistics, result.statistics)
    pd.testing.assert_frame_equal(one.runs, result.runs)
    pd.testing.assert_frame_equal(one.events, result.events)


def test_orders_as_objects_and_a_scenario_object(scenario_path, result):
    s = concord.load_scenario(scenario_path)
    objs = [concord.load_order(n) for n in ORDERS]
    again = concord.compare(s, objs, runs=40, years=20, seed=11, threads=2, yearly=False, collect_events=False)
    pd.testing.assert_frame_equal(again.summary, result.summary)
    assert again.yearly is None and again.events is None


def test_bad_arguments_are_input_errors(scenario_path):
    with pytest.raises(concord.InputError) as err:
        concord.run(scenario_path, "multiplex", runs=2, params={"no_such_parameter": 1.0})
    assert "no_such_parameter" in str(err.value)
    with pytest.raises(concord.InputError):
        concord.compare(scenario_path, ["multiplex", "g2"], runs=2, baseline="concert")
    with pytest.raises(concord.InputError):
        concord.run(scenario_path, "multiplex", runs=2, events="some")
    with pytest.raises(concord.InputError):
        concord.run(scenario_path, "multiplex", runs=0)


def test_the_gil_is_released_while_simulating(scenario_path):
    import threading
    import time

    done = threading.Event()
    ticks = 0

    def work():
        try:
            concord.compare(scenario_path, ["multiplex", "g2"], runs=200, years=35, threads=1, yearly=False)
        finally:
            done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():  # this thread runs only while the simulating one does not hold the GIL
        ticks += 1
        time.sleep(0.001)
    t.join()
    assert ticks >= 10


def test_summary_reads_ranks_ties_and_missing_values_of_the_cli_table():
    from concord import _summary

    text = ("rank,order,gp_war,gp_war_lo,gp_war_hi,first_gp_war,first_gp_war_lo\n"
            "1=,concert,0,0,0.1,,\n1=,g2,0,0,0.1,,\n3,multiplex,0.30000000000000004,0.2,0.4,12.5,10\n")
    s = _summary(text)
    assert list(s["rank"]) == [1, 1, 3] and list(s["tied"]) == [True, True, False]
    assert list(s["order"]) == ["concert", "g2", "multiplex"]
    assert s["gp_war"][2] == 0.30000000000000004  # read back to the last bit, as written
    assert math.isnan(s["first_gp_war"][0]) and s["first_gp_war"][2] == 12.5

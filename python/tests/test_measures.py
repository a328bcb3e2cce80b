"""Measures and collective decisions from Python, against published values (REFERENCES.md)
and closed forms."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import concord


def test_s_score_and_tau_b_signorino_ritter_table_5():
    # Signorino & Ritter (1999), Table 5, cases a, b and d; unweighted, range 3
    assert math.isclose(concord.s_score([0, 1, 2, 3], [3, 2, 1, 0]), -1 / 3)
    assert math.isclose(concord.s_score([1, 2, 2, 3], [3, 2, 2, 1]), 1 / 3)
    assert concord.s_score(np.array([3, 3, 3, 3]), pd.Series([3, 3, 3, 3])) == 1.0
    assert concord.tau_b([0, 1, 2, 3], [3, 2, 1, 0]) == -1.0
    assert concord.tau_b([3, 3, 3, 3], [3, 3, 3, 3]) is None  # case d: undefined
    e_a, e_b = [0] * 10 + [0, 3], [0] * 10 + [3, 0]
    assert math.isclose(concord.s_score(e_a, e_b), 2 / 3)
    assert math.isclose(concord.tau_b(e_a, e_b), -0.0909, abs_tol=5e-5)


def test_s_score_several_dimensions_signorino_ritter():
    s = concord.s_score([3, 2, 3, 0, 3, 3, 1, 2], [2, 3, 0, 3, 3, 3, 1, 3],
                        weights=[.5, .4, .05, .05, .25, .25, .25, .25], ranges=[3, 3, 3, 3, 2, 2, 2, 2])
    assert math.isclose(s, 0.475, abs_tol=1e-12)


def test_s_score_rejects_a_position_outside_the_range():
    with pytest.raises(ValueError):
        concord.s_score([0, 5], [0, 0])


def test_concentration_ray_singer():
    c = concord.concentration(pd.Series([.5, .3, .2]))
    assert math.isclose(c.con, 0.26458, abs_tol=5e-6)
    assert math.isclose(c.effective_poles, 2.6316, abs_tol=5e-5)
    assert c.n == 3
    assert concord.concentration([1, 1, 1, 1]).con == 0.0


def test_cinc_is_the_mean_of_available_component_shares():
    df = pd.DataFrame({"milex": [1.0, 3.0], "milper": [2.0, 2.0], "irst": [0.0, 4.0],
                       "pec": [np.nan, 5.0], "tpop": [1.0, 1.0], "upop": [1.0, 3.0]})
    got = concord.cinc(df)
    # state 0: shares 1/4, 1/2, 0, (missing), 1/2, 1/4 -> mean of five; state 1: 3/4, 1/2, 1, 1, 1/2, 3/4
    assert math.isclose(got[0], (0.25 + 0.5 + 0 + 0.5 + 0.25) / 5)
    assert math.isclose(got[1], (0.75 + 0.5 + 1 + 1 + 0.5 + 0.75) / 6)


def test_voting_power_eec_of_six(source_dir):
    body = pd.read_csv(source_dir / "tests" / "bargain" / "data" / "eec6_qmv.csv")
    vp = concord.voting_power(body, 12)
    assert list(vp["member"]) == ["France", "Germany", "Italy", "Belgium", "Netherlands", "Luxembourg"]
    np.testing.assert_allclose(vp["shapley_shubik"], [7 / 30, 7 / 30, 7 / 30, 3 / 20, 3 / 20, 0], atol=1e-15)
    assert list(vp["banzhaf_swings"]) == [10, 10, 10, 6, 6, 0]
    unanimity = concord.voting_power([1, 1, 1, 1], 4)
    assert unanimity.attrs["power_to_act"] == 1 / 2 ** 4  # Coleman: 1/2^n


def test_bargain_ec_reference(source_dir):
    ec = source_dir / "tests" / "bargain" / "data" / "ec_bdm1994.csv"
    assert math.isclose(concord.bargain(ec)["outcome"][0], 7.389955686853767, abs_tol=1e-12)
    assert concord.bargain(pd.read_csv(ec), model="median")["outcome"][0] == 7.0
    bdm = concord.bargain(ec, model="bdm")
    assert bdm["rounds"][0] >= 1
    trace = concord.bargain(ec, model="bdm", trace=True)
    first = trace[trace["round"] == 0]
    assert list(first["position"]) == list(pd.read_csv(ec)["position"])  # round 0 is the input
    assert math.isclose(first["mean"].iloc[0], 7.389955686853767, abs_tol=1e-12)


def test_nash_two_actors_closed_form():
    # two actors at 0 and 1, linear loss, salience 1, disagreement at the far end: y = c2 / (c1 + c2)
    actors = pd.DataFrame({"actor": ["A", "B"], "capability": [1.0, 3.0], "position": [0.0, 1.0],
                           "salience": [1.0, 1.0]})
    y = concord.bargain(actors, model="nash", loss="linear")["outcome"][0]
    assert math.isclose(y, 0.75, abs_tol=1e-6)


def test_decide_minority_veto_waters_down_to_the_most_reluctant():
    members = pd.DataFrame({"member": ["A", "B", "C"], "position": [1.0, 0.6, 0.8], "salience": [1.0, 0.5, 1.0]})
    d = concord.decide(members, rule="minority-veto", veto_threshold=0.5)
    # v_i = s_i (1 - a_i) with a_i = x_i for q = 0, L = 1: 0, 0.2, 0.2 -> level 1 - 0.2
    assert d.passes and math.isclose(d.level, 0.8) and d.blockers == []
    blocked = concord.decide(members, rule="minority-veto", veto_threshold=0.1)
    assert not blocked.passes and blocked.level == 0.0 and blocked.blockers == ["B", "C"]
    heg = concord.decide(members, rule="hegemon", hegemon="B", proposal=1.0)
    assert heg.passes  # B's ideal 0.6 is nearer 1 than 0
    with pytest.raises(concord.InputError):
        concord.decide(members, rule="hegemon", hegemon="Z")

"""Scenarios and orders from Python: fields as in the files, located load errors."""
from __future__ import annotations

import math
import tomllib

import pytest

import concord


def test_scenario_fields_are_those_of_the_file(scenario_path):
    s = concord.load_scenario(scenario_path)
    raw = tomllib.loads(scenario_path.read_text())
    assert s.meta.name == raw["meta"]["name"]
    assert s.meta.start_year == raw["meta"]["start_year"]
    assert s.meta.horizon == raw["meta"]["horizon"]
    assert [a.ccode for a in s.actors] == [a["ccode"] for a in raw["actor"]]
    for a, r in zip(s.actors, raw["actor"]):
        assert a.stateabb == r["stateabb"]
        assert a.gdp == r["gdp"]
        assert a.great_power == r.get("great_power", False)
        assert a.nmc.milex == r["nmc"]["milex"] if "milex" in r.get("nmc", {}) else math.isnan(a.nmc.milex)
        if "regime" not in r:
            assert math.isnan(a.regime)
    assert len(s.dyads) == len(raw["dyad"])
    assert [f.name for f in s.flashpoints] == [f["name"] for f in raw["flashpoint"]]
    assert [i.name for i in s.institutions] == [i["name"] for i in raw["institution"]]
    assert s.actors[0].where.line > 0 and s.actors[0].where.file == str(scenario_path)
    assert set(s.meta.sources) == set(raw["meta"]["sources"])
    nmc = {c: [getattr(a.nmc, c) for a in s.actors] for c in ("milex", "milper", "irst", "pec", "tpop", "upop")}
    assert list(s.cinc()) == list(concord.cinc(nmc))  # CINC over the scenario's own actors
    assert len(s.digest) == 16


def test_scenario_round_trips_through_toml(tmp_path, scenario_path):
    s = concord.load_scenario(scenario_path)
    out = tmp_path / "copy.toml"
    s.save(out)
    assert concord.load_scenario(out).digest == s.digest


def test_scenario_error_carries_file_line_column_field(tmp_path, scenario_path):
    text = scenario_path.read_text()
    bad = text.replace("gdp = 31523.52722431555", 'gdp = "lots"', 1)
    assert bad != text
    path = tmp_path / "bad.toml"
    path.write_text(bad)
    line = bad.splitlines().index('gdp = "lots"') + 1
    with pytest.raises(concord.InputError) as err:
        concord.load_scenario(path)
    e = err.value
    assert isinstance(e, ValueError)
    assert e.file == str(path)
    assert e.line == line
    assert e.column > 0
    assert "gdp" in e.field
    assert e.message
    assert str(e).startswith(f"{path}:{line}:")
    assert all(isinstance(p, concord.Problem) for p in e.problems)


def test_missing_scenario_file_is_an_input_error(tmp_path):
    with pytest.raises(concord.InputError) as err:
        concord.load_scenario(tmp_path / "absent.toml")
    assert err.value.file.endswith("absent.toml")


def test_presets_and_order_fields(source_dir):
    names = concord.presets()
    assert names == sorted(p.stem for p in (source_dir / "orders").glob("*.toml"))
    o = concord.load_order("consociational")
    raw = tomllib.loads((source_dir / "orders" / "consociational.toml").read_text())
    assert o.name == "consociational"
    assert o.source_file.endswith("consociational.toml")
    if "crisis" in raw and "manager" in raw["crisis"]:
        assert o.crisis.manager == raw["crisis"]["manager"]
    if "restraint" in raw and "toward_great_powers" in raw["restraint"]:
        assert o.restraint.toward_great_powers == raw["restraint"]["toward_great_powers"]
    assert o.describe()


def test_order_error_is_located(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\n[crisis]\nmanager = "nobody"\n')
    with pytest.raises(concord.InputError) as err:
        concord.load_order(path)
    e = err.value
    assert e.file == str(path) and e.line == 3 and e.column > 0
    assert "manager" in e.field
    assert "self-help" in e.message  # names the allowed values


def test_unknown_preset_names_the_presets():
    with pytest.raises(concord.InputError) as err:
        concord.load_order("no-such-order")
    assert "multiplex" in str(err.value)


def test_build_scenario_from_the_datasets(data_dir):
    import csv

    s = concord.build_scenario("asia-pacific", 2015, data_dir=data_dir)
    assert s.meta.start_year == 2015 and s.meta.region == "asia-pacific"
    assert isinstance(s.build_notes, list)
    assert all(a.gdp > 0 for a in s.actors)
    # great powers: the COW majors of 2015 among the actors, read here from the list itself
    with open(data_dir / "cow_state_system_v2024" / "majors2024.csv", newline="") as f:
        majors = {int(r["ccode"]) for r in csv.DictReader(f) if int(r["styear"]) <= 2015 <= int(r["endyear"])}
    assert {a.ccode for a in s.actors if a.great_power} == majors & {a.ccode for a in s.actors}

"""read_store and the reproducibility metadata of every store: concord version, commit, and the
digests of the scenario, orders and data files."""
from __future__ import annotations

import hashlib
import json

import pytest

import concord


@pytest.fixture(scope="module")
def store(tmp_path_factory, scenario_path):
    path = tmp_path_factory.mktemp("store") / "out.sqlite"
    res = concord.compare(scenario_path, ["multiplex", "concert"], runs=10, years=10, seed=2, out=path)
    return path, res


def test_read_store_returns_every_table(store):
    path, res = store
    t = concord.read_store(path)
    for name in ("meta", "ensembles", "runs", "summaries", "events", "statistics", "inputs"):
        assert name in t, name
    assert len(t["runs"]) == 20
    stats = t["statistics"].drop(columns="ensemble_id").rename(columns={"grp": "grp"})
    assert len(stats) == len(res.statistics)
    gp = t["statistics"].query("metric == 'gp_war' and statistic == 'proportion'").set_index("grp")["estimate"]
    for _, row in res.summary.iterrows():
        assert gp[row["order"]] == row["gp_war"]
    wide = t["summaries"].pivot(index="run_id", columns="metric", values="value")
    assert (wide["mids"].to_numpy() == res.runs.sort_values("run_id")["mids"].to_numpy()).all()


def test_every_ensemble_records_version_commit_and_input_digests(store, scenario_path, source_dir):
    path, res = store
    t = concord.read_store(path)
    ens = t["ensembles"].iloc[0]
    assert ens["concord_version"] == concord.__version__
    assert ens["concord_commit"] == concord.__commit__
    assert res.info["concord_commit"] == concord.__commit__
    inputs = t["inputs"].set_index(["role", "name"])
    sha256 = lambda path: hashlib.sha256(path.read_bytes()).hexdigest()
    scenario = concord.load_scenario(scenario_path)
    assert inputs.loc[("scenario", scenario.meta.name), "digest"] == sha256(scenario_path)
    assert scenario.digest == ens["scenario_hash"]
    for order in ("multiplex", "concert"):
        assert inputs.loc[("order", order), "digest"] == sha256(source_dir / "orders" / f"{order}.toml")
    if (source_dir / "data" / "wars.toml").exists():
        assert inputs.loc[("wars", "wars.toml"), "digest"] == sha256(source_dir / "data" / "wars.toml")
    spec = json.loads(ens["spec_json"])
    assert spec["orders"] == ["multiplex", "concert"] and spec["commit"] == concord.__commit__


def test_read_store_of_one_ensemble_and_errors(store, tmp_path):
    path, _ = store
    assert len(concord.read_store(path, ensemble_id=2)["runs"]) == 0
    with pytest.raises(concord.InputError):
        concord.read_store(tmp_path / "absent.sqlite")
    other = tmp_path / "other.sqlite"
    import sqlite3

    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(concord.InputError):
        concord.read_store(other)

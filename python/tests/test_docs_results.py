"""The R and pandas examples of docs/results.md ("One example per table") run on a real store.

The store holds a compare (ensemble 1, with --events all and --yearly), a sweep (ensemble 2:
design_points) and a Morris sensitivity analysis (ensemble 3: sensitivity). Snippets for tables
the store does not hold (the validate commands' tables) are reported as not run."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess

import pytest

import concord

SWEEP = """design = "grid"
runs_per_point = 5
seed = 5
[[parameter]]
name = "war_hazard"
values = [0.01, 0.05]
"""
MORRIS = """runs_per_point = 1
[[parameter]]
name = "x1"
min = -3.14159
max = 3.14159
[[parameter]]
name = "x2"
min = -3.14159
max = 3.14159
[[parameter]]
name = "x3"
min = -3.14159
max = 3.14159
[sensitivity]
method = "morris"
trajectories = 6
levels = 4
bootstrap = 20
metric = "y"
"""


def snippets(source_dir, lang):
    text = (source_dir / "docs" / "results.md").read_text()
    section = text[text.index("## One example per table"):]
    blocks = re.findall(rf"```{lang}\n(.*?)```", section, flags=re.S)
    out = []
    for b in blocks:
        m = re.match(r"# table: (\w+)", b)
        out.append((m.group(1) if m else None, b))
    return out


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, cli, scenario_path):
    d = tmp_path_factory.mktemp("docs")
    store = d / "results.sqlite"
    run = lambda *a: subprocess.run([cli, *a, "--quiet"], check=True, capture_output=True, cwd=d)
    run("compare", str(scenario_path), "--orders", "multiplex,g2,concert,balance-of-power", "--runs", "20",
        "--years", "10", "--events", "all", "--yearly", "--out", str(store))
    (d / "sweep.toml").write_text(SWEEP)
    run("sweep", "reference:hazard", "--spec", "sweep.toml", "--out", str(store))
    (d / "morris.toml").write_text(MORRIS)
    run("sensitivity", "reference:ishigami", "--spec", "morris.toml", "--out", str(store))
    return d


def test_pandas_examples(source_dir, store_dir, capsys):
    blocks = snippets(source_dir, "python")
    tables = set(concord.read_store(store_dir / "results.sqlite"))
    assert {"design_points", "sensitivity", "inputs"} <= tables
    ns: dict = {}
    ran, skipped = [], []
    cwd = os.getcwd()
    os.chdir(store_dir)
    try:
        for table, code in blocks:
            if table is not None and table not in tables:
                skipped.append(table)
                continue
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(code, f"docs/results.md ({table or 'setup'})", "exec"), ns)
            ran.append(table)
    finally:
        os.chdir(cwd)
    assert {"meta", "ensembles", "inputs", "runs", "yearly", "summaries", "events", "statistics",
            "design_points", "sensitivity"} <= set(ran)
    print("not run (table absent from the test store):", ", ".join(skipped))


def test_r_examples(source_dir, store_dir):
    rscript = shutil.which("Rscript")
    if not rscript:
        pytest.skip("Rscript not found: the R examples are not run (scripts/install-deps.sh installs r-base-core)")
    tables = set(concord.read_store(store_dir / "results.sqlite"))
    code = [c for t, c in snippets(source_dir, "r") if t is None or t in tables]
    script = store_dir / "examples.R"
    script.write_text("\n".join(code) + "\ndbDisconnect(con)\n")
    r = subprocess.run([rscript, str(script)], cwd=store_dir, capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stdout + r.stderr

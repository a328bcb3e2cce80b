"""Ctrl-C in Python: the runs in flight finish and are committed, KeyboardInterrupt is raised,
the store says `interrupted`, and resume=True completes the ensemble to the same result."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pandas as pd

import concord

RUNS, YEARS, SEED = 600, 35, 5


def wait_for_first_run(store, proc, seconds=120.0) -> None:
    """Returns once a run of the ensemble is committed to `store` (or the process ended)."""
    deadline = time.monotonic() + seconds
    con = None
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if con is None and store.exists():
                con = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.05)
            if con is not None and con.execute("SELECT COUNT(*) FROM runs").fetchone()[0] > 0:
                break
        except sqlite3.Error:  # not created yet, or being created
            if con is not None:
                con.close()
            con = None
        time.sleep(0.005)
    if con is not None:
        con.close()


def test_ctrl_c_stops_cleanly_and_resume_completes(scenario_path, tmp_path):
    store = tmp_path / "stopped.sqlite"
    script = textwrap.dedent(f"""
        import concord
        try:
            concord.compare({str(scenario_path)!r}, ["multiplex", "g2"], runs={RUNS}, years={YEARS}, seed={SEED},
                            threads=1, out={str(store)!r})
        except KeyboardInterrupt as e:
            print("KeyboardInterrupt:", e, flush=True)
            raise SystemExit(42)
        print("finished", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=os.environ.copy())
    wait_for_first_run(store, proc)
    assert proc.poll() is None, ("the ensemble ended before it could be interrupted", proc.communicate())
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 42, (out, err)
    assert "resume=True" in out, (out, err)
    con = sqlite3.connect(store)
    status, planned = con.execute("SELECT status, planned_runs FROM ensembles").fetchone()
    done = con.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    con.close()
    assert status == "interrupted" and 0 < done < planned == 2 * RUNS, (status, done, out, err)

    resumed = concord.compare(scenario_path, ["multiplex", "g2"], runs=RUNS, years=YEARS, seed=SEED, threads=2,
                              out=store, resume=True, yearly=False)
    assert resumed.info["replayed"] == done and resumed.info["simulated"] == 2 * RUNS - done
    whole = concord.compare(scenario_path, ["multiplex", "g2"], runs=RUNS, years=YEARS, seed=SEED, threads=2,
                            yearly=False)
    pd.testing.assert_frame_equal(resumed.statistics, whole.statistics)
    assert concord.read_store(store)["ensembles"]["status"].tolist() == ["complete"]


def test_ctrl_c_without_a_store_raises_keyboard_interrupt(scenario_path, tmp_path):
    marker = tmp_path / "started"
    script = textwrap.dedent(f"""
        import pathlib, concord
        pathlib.Path({str(marker)!r}).touch()
        try:
            concord.compare({str(scenario_path)!r}, "all", runs=100000, years=35, threads=1)
        except KeyboardInterrupt as e:
            print("KeyboardInterrupt:", e, flush=True)
            raise SystemExit(42)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(2.0)  # models built and runs under way (else the signal stops the preparation)
    proc.send_signal(signal.SIGINT)
    # 1.3 million runs would take many minutes: an answer within the timeout means it stopped
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 42, (out, err)
    assert "KeyboardInterrupt" in out

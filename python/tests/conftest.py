"""Shared fixtures of the pytest suite of the Python module (run by ctest: python.test_*).

ctest sets PYTHONPATH to the built package, CONCORD_BINARY to the CLI and CONCORD_SOURCE_DIR to
the project; run by hand: PYTHONPATH=build/release/python /usr/bin/python3 -m pytest python/tests
"""
from __future__ import annotations

import os
import pathlib
import shutil

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("CONCORD_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SCENARIO = SOURCE_DIR / "scenarios" / "asia-pacific-2015.toml"


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def scenario_path() -> pathlib.Path:
    return SCENARIO


@pytest.fixture(scope="session")
def cli() -> str:
    """The concord program built beside the module."""
    path = os.environ.get("CONCORD_BINARY") or shutil.which("concord")
    if not path or not os.path.exists(path):
        pytest.skip("the concord program was not found (set CONCORD_BINARY)")
    return path


@pytest.fixture(scope="session")
def data_dir() -> pathlib.Path:
    """The raw datasets; tests that need them skip with a message when they are absent."""
    import concord

    d = pathlib.Path(concord._concord.data_dir(None))
    if not (d / "cow_state_system_v2024").is_dir():
        pytest.skip(f"datasets not found in {d} (set CONCORD_DATA_DIR): skipping the test that needs them")
    return d

#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install dependencies, build the release preset,
# and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
./build/release/concord compare scenarios/asia-pacific-2015.toml --orders all --runs 1000 --years 35

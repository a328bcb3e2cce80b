#!/usr/bin/env bash
# Installs everything concord needs to build and test on Debian 12 (run as root, or with sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT=(-o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get "${APT[@]}" update -qq
$SUDO apt-get "${APT[@]}" install -y -qq --no-install-recommends \
  build-essential cmake ninja-build ccache pkg-config git \
  libgtest-dev libgmock-dev libbenchmark-dev \
  libtomlplusplus-dev libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev \
  libsqlite3-dev libsqlitecpp-dev sqlite3 libtbb-dev librandom123-dev libeigen3-dev \
  libboost-dev libboost-math-dev libnlopt-cxx-dev libopenmpi-dev openmpi-bin \
  libfccp-dev pybind11-dev python3-dev python3-numpy python3-pandas python3-pytest \
  libcpp-httplib-dev

# The front end (web/: the report's charts and the web app) and its browser tests: node and npm
# (Debian's, unless a node is already installed: a NodeSource nodejs bundles its own npm and
# conflicts with Debian's npm package), Debian's chromium for the headless tests and for
# `concord report --figures`, then the npm packages pinned by web/package-lock.json (vite, vega,
# vega-lite, playwright-core; no browser download). The build bundles them offline.
if ! command -v node >/dev/null 2>&1; then
  $SUDO apt-get "${APT[@]}" install -y -qq --no-install-recommends nodejs
fi
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get "${APT[@]}" install -y -qq --no-install-recommends npm
fi
$SUDO apt-get "${APT[@]}" install -y -qq --no-install-recommends chromium
(cd "$(dirname "$0")/../web" && npm ci --no-audit --no-fund)

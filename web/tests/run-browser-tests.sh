#!/bin/sh
# Runs the browser tests (web/tests/browser.mjs) from ctest. Exits 77 (ctest: "Skipped") with
# a message when node, web/node_modules/playwright-core or Chromium is missing: CI installs them
# with scripts/install-deps.sh, so there they run.
here=$(cd "${0%/*}" && pwd)
node=${CONCORD_NODE:-$(command -v node)}
if [ -z "$node" ] || [ ! -x "$node" ]; then
  echo "SKIPPED: node not found (scripts/install-deps.sh installs it)"
  exit 77
fi
if [ ! -f "$here/../node_modules/playwright-core/package.json" ]; then
  echo "SKIPPED: web/node_modules/playwright-core missing (run npm ci in web/, as scripts/install-deps.sh does)"
  exit 77
fi
chromium=${CONCORD_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
  echo "SKIPPED: chromium not found (apt-get install chromium, as scripts/install-deps.sh does)"
  exit 77
fi
export CONCORD_CHROMIUM="$chromium"
exec "$node" "$here/browser.mjs"

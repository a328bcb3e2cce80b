#!/usr/bin/env bash
# Fuzzes every target for SECONDS each (default 60) on one core, with the corpora of fuzz/corpus
# as seeds (copied to a scratch directory: the repository's corpora keep only hand-picked seeds
# and the inputs of fixed faults). Builds the `fuzz` preset first. Prints libFuzzer's final
# statistics per target; exits non-zero if a target found a crash (its input is kept in the
# scratch directory and named in the log).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
WORK="${2:-$(mktemp -d /tmp/concord-fuzz.XXXXXX)}"
TARGETS=(scenario order sweep data_csv bargain voting_power decide measure)
cmake --preset fuzz >/dev/null
cmake --build build/fuzz -- -j2 "${TARGETS[@]/#/fuzz_}"
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "$WORK/corpus/$t" "$WORK/artifacts/$t"
  cp -n fuzz/corpus/"$t"/* "$WORK/corpus/$t/" 2>/dev/null || true
  echo "== $t ($SECONDS_EACH s)"
  if ! timeout $((SECONDS_EACH + 120)) build/fuzz/fuzz_"$t" "$WORK/corpus/$t" \
      -max_total_time="$SECONDS_EACH" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
      -close_fd_mask=1 -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$t/" \
      > "$WORK/$t.log" 2>&1; then
    status=1
    echo "   FAILED: see $WORK/$t.log and $WORK/artifacts/$t/"
  fi
  grep -E "^stat::(number_of_executed_units|peak_rss_mb|new_units_added)|cov: " "$WORK/$t.log" | tail -4 || true
done
exit $status

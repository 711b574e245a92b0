#!/usr/bin/env bash
# Prints one plain closing line for a `swift test` log: "tests: N passed, M failed".
# Swift Testing's own closing line reads "Test run with N tests in S suites passed|failed ... [with K issues]".
set -euo pipefail
log="$1"
line=$(grep -E 'Test run with [0-9]+ tests? in' "$log" | tail -n 1 || true)
if [ -z "$line" ]; then
  echo "tests: no Swift Testing summary found in $log" >&2
  exit 1
fi
total=$(sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/' <<<"$line")
failed=0
if grep -q 'failed after' <<<"$line"; then
  failed=$(grep -cE '^✘ Test .* failed after' "$log" || true)
fi
echo "tests: $((total - failed)) passed, $failed failed"

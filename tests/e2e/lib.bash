# Helpers for end-to-end tests: source it. Each test script gets EVPACK and TESTDATA as $1 $2.
set -euo pipefail
EVPACK=$(realpath "$1")
TESTDATA=$(realpath "$2")
SOURCE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PY=/usr/bin/python3
# Time bounds are multiplied by this when evpack runs under a slow tool (valgrind: 20).
slowdown=${EVPACK_TEST_SLOWDOWN:-1}
work=$(mktemp -d /tmp/evpack-e2e-XXXXXX)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
failures=0
passes=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { passes=$((passes + 1)); }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() { if [ "$2" == "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi; }
# expect_contains WHAT HAYSTACK NEEDLE
expect_contains() { if [[ "$2" == *"$3"* ]]; then pass; else fail "$1: '$3' not found in: ${2:0:400}"; fi; }
finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
# The first page of the first "pages = [a, b]" line of its input, read to the end (a reader
# that stops early would end the writer with SIGPIPE, which pipefail makes a failure).
first_page() { awk '/^  pages/ && !n { n = 1; match($0, /[0-9]+/); print substr($0, RSTART, RLENGTH) }'; }
# A copy of the generated evidence and a manifest beside it.
setup_case() { mkdir -p "$work/$1"; cp -a "$TESTDATA/files" "$work/$1/files"; }

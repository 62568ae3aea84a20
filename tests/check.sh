# Sourced by the shell tests: a temporary folder ($tmp, removed on exit),
# pass/fail counters and check(), and the closing line `NAME: N passed, N
# failed` that CI reads; `finish NAME` prints it and returns the status.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

check() {  # check NAME CONDITION...
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name" >&2
  fi
}

finish() {  # finish TEST_NAME
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

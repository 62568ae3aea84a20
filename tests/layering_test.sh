#!/usr/bin/env bash
# The shape the code keeps (docs/architecture.md):
# - nothing in stages/ includes pipeline/ (stages/ holds the contract, the
#   shared core and the stages; pipeline/ composes and runs them);
# - no stage's CMake target links pipeline/'s targets (readers, writers,
#   runner, eval, CLI);
# - no function in stages/ is over 120 lines (tests/tools/long_functions.py).
# Usage: tests/layering_test.sh   (run from the repository root)
set -uo pipefail
status=0
if grep -rn '#include "pipeline/' stages/; then
  echo "FAIL: stages/ includes pipeline/ (above)"
  status=1
fi
if grep -nE 'newsmark::(pipeline|readers|writers|runner|eval|cli|default_pipeline)\b' \
    stages/CMakeLists.txt; then
  echo "FAIL: a stages/ target links a pipeline/ target (above)"
  status=1
fi
if ! python3 tests/tools/long_functions.py --max 120 stages; then
  echo "FAIL: functions over 120 lines in stages/ (above)"
  status=1
fi
[ $status -eq 0 ] && echo "layering_test: 3 passed, 0 failed" || echo "layering_test: failed"
exit $status

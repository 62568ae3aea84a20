#!/usr/bin/env bash
# The regression gate: scores every gold corpus in ../shared/data that is
# present and fails when any F1 (or accuracy) falls below the floor recorded
# in tests/floors/NAME.json. Prints each score table.
#
#   tests/eval_gate.sh [NEWSMARK]          check against the floors
#   tests/eval_gate.sh [NEWSMARK] --raise  rewrite the floors from this run
#                                          (only ever to raise them; review
#                                          `git diff tests/floors` first)
# Run from the repository root.
set -uo pipefail
nm=${1:-build/newsmark}
mode=${2:-check}
data=../shared/data
status=0

corpora=(
  "dates-tbaq timeml $data/dates/tbaq"
  "sentences-golden-rules sentences $data/sentences/golden_rules_en.json"
  "entities-conll-testa conll $data/entities/conll2003/eng.testa"
  "entities-conll-train conll $data/entities/conll2003/eng.train"
  "attribution-polnear-dev brat $data/attribution/polnear/dev"
  "attribution-polnear-train brat $data/attribution/polnear/train"
)
for entry in "${corpora[@]}"; do
  read -r name format path <<< "$entry"
  if [ ! -e "$path" ]; then
    echo "== $name: $path not present, skipped"
    continue
  fi
  floor=tests/floors/$name.json
  echo "== $name ($format): $path"
  if [ "$mode" = --raise ]; then
    "$nm" eval --format "$format" --save-baseline "$floor" "$path" > /dev/null
    echo "floor written: $floor"
    continue
  fi
  if [ ! -f "$floor" ]; then
    echo "FAIL: no floor $floor (run tests/eval_gate.sh $nm --raise)"
    status=1
    continue
  fi
  "$nm" eval --format "$format" --baseline "$floor" --max-drop 0 "$path"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL: $name (exit $rc)"
    status=1
  fi
done
exit $status

#!/usr/bin/env bash
# Golden seed records: seeds/NAME.txt annotated must equal seeds/NAME.jsonl.
#
#   tests/golden_seeds.sh check [NEWSMARK]   fail on any difference, show it
#   tests/golden_seeds.sh bless [NEWSMARK]   rewrite seeds/*.jsonl after an
#                                            intended change (review the diff!)
#
# seeds/NAME.args, when present, holds extra annotate options, one per line
# (e.g. --date 2026-01-20). Run from the repository root.
set -uo pipefail
mode=${1:?usage: golden_seeds.sh check|bless [NEWSMARK]}
newsmark=${2:-build/newsmark}
[ -x "$newsmark" ] || { echo "no newsmark binary at $newsmark" >&2; exit 2; }

pretty() {
  # One field per line, so that a diff points at the field that changed.
  if command -v python3 >/dev/null; then
    python3 -c 'import json,sys
for line in sys.stdin: print(json.dumps(json.loads(line), indent=1, ensure_ascii=False))'
  else
    cat
  fi
}

status=0
shopt -s nullglob
seeds=(seeds/*.txt)
[ ${#seeds[@]} -gt 0 ] || { echo "no seeds/*.txt" >&2; exit 2; }
for txt in "${seeds[@]}"; do
  golden=${txt%.txt}.jsonl
  args=()
  [ -f "${txt%.txt}.args" ] && mapfile -t args < "${txt%.txt}.args"
  actual=$(mktemp)
  "$newsmark" annotate --quiet --jobs 1 "${args[@]}" "$txt" > "$actual"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $txt: newsmark exited $rc" >&2
    status=1
  elif [ "$mode" = bless ]; then
    if ! cmp -s "$actual" "$golden"; then
      cp "$actual" "$golden"
      echo "blessed $golden"
    fi
  elif ! cmp -s "$actual" "$golden"; then
    echo "FAIL $txt differs from $golden:" >&2
    diff -u --label "$golden" --label actual <(pretty < "$golden") <(pretty < "$actual") >&2
    status=1
  else
    echo "ok $txt"
  fi
  rm -f "$actual"
done
exit $status

#!/usr/bin/env bash
# Shows a refactor changed nothing: two newsmark binaries annotate all
# Reuters articles (when ../shared/data is present) and N generated
# documents (tests/tools/generate_documents.py), and their records and
# error lines must be byte-identical.
#
#   tests/tools/same_output.sh OLD_NEWSMARK NEW_NEWSMARK [N] [SEED]
# Run from the repository root. Exit 0 when identical, 1 when not.
set -uo pipefail
old=${1:?usage: same_output.sh OLD NEW [N] [SEED]}
new=${2:?usage: same_output.sh OLD NEW [N] [SEED]}
n=${3:-100000}
seed=${4:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

inputs=()
reuters=../shared/data/news/reuters21578.jsonl
[ -f "$reuters" ] && inputs+=("$reuters") || echo "skipped: $reuters not present"
python3 tests/tools/generate_documents.py "$n" "$seed" > "$tmp/generated.jsonl"
inputs+=("$tmp/generated.jsonl")

for input in "${inputs[@]}"; do
  name=$(basename "$input")
  "$old" annotate -q "$input" > "$tmp/old.jsonl" 2> "$tmp/old.err"
  "$new" annotate -q "$input" > "$tmp/new.jsonl" 2> "$tmp/new.err"
  records=$(wc -l < "$tmp/old.jsonl")
  errors=$(wc -l < "$tmp/old.err")
  if cmp -s "$tmp/old.jsonl" "$tmp/new.jsonl" && cmp -s "$tmp/old.err" "$tmp/new.err"; then
    echo "$name: identical ($records records, $errors errors)"
  else
    echo "$name: DIFFERENT"
    cmp "$tmp/old.jsonl" "$tmp/new.jsonl" | head -1
    "$new" diff "$tmp/old.jsonl" "$tmp/new.jsonl" | head -20
    status=1
  fi
done
exit $status

#!/usr/bin/env bash
# An installed newsmark finds its own rules: `cmake --install` into a
# temporary prefix, move the prefix elsewhere (nothing may point back into
# the build or the source tree), annotate the seed, and compare with its
# golden record. Also: NEWSMARK_RULES and --rules win, in that order.
# Usage: tests/install_test.sh BUILD_DIR   (run from the repository root)
set -uo pipefail
build=${1:?usage: install_test.sh BUILD_DIR}
source "$(dirname "$0")/check.sh"

cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" 2>&1
check "install: exit 0" test $? -eq 0
check "install: the binary" test -x "$tmp/prefix/bin/newsmark"
check "install: the rules" test -f "$tmp/prefix/share/newsmark/rules/dates/patterns.tsv"
mv "$tmp/prefix" "$tmp/moved"
nm=$tmp/moved/bin/newsmark

"$nm" --version > "$tmp/version"
check "version: names the installed rules" \
  grep -qx "rules: $tmp/moved/share/newsmark/rules (installed beside the binary)" "$tmp/version"
seed=seeds/000_4fe12eead70a1acb
"$nm" annotate --jobs 1 -q "$seed.txt" > "$tmp/record.jsonl"
check "annotate: exit 0" test $? -eq 0
check "annotate: the seed's golden record" cmp -s "$tmp/record.jsonl" "$seed.jsonl"
"$nm" rules check > "$tmp/rules" 2>&1
check "rules check: the installed folder passes" grep -q "^$tmp/moved/share/newsmark/rules: .* 0 failed$" "$tmp/rules"

# NEWSMARK_RULES, then --rules, win over the installed folder.
NEWSMARK_RULES=$tmp/none "$nm" --version > "$tmp/version"
check "NEWSMARK_RULES: named" grep -qx "rules: $tmp/none (NEWSMARK_RULES)" "$tmp/version"
NEWSMARK_RULES=$tmp/none "$nm" annotate -q "$seed.txt" > /dev/null 2> "$tmp/err"
check "NEWSMARK_RULES: a missing folder exits 2" test $? -eq 2
check "NEWSMARK_RULES: the error names it" grep -q "$tmp/none/sentences/" "$tmp/err"
NEWSMARK_RULES=$tmp/none "$nm" annotate --rules "$tmp/moved/share/newsmark/rules" -q \
  "$seed.txt" > "$tmp/record.jsonl"
check "--rules: wins over NEWSMARK_RULES" cmp -s "$tmp/record.jsonl" "$seed.jsonl"

finish install_test

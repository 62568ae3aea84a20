#!/usr/bin/env bash
# End-to-end checks of `newsmark annotate`: the acceptance commands of the
# foundation issue, bad inputs, options and determinism across threads.
# Usage: tests/cli_test.sh NEWSMARK   (run from the repository root)
set -uo pipefail
nm=${1:?usage: cli_test.sh NEWSMARK}
source "$(dirname "$0")/check.sh"
lines() { wc -l < "$1" | tr -d ' '; }

# The acceptance command: one record, one error naming line 2, non-zero exit.
printf '{"id":"a","text":"Hello."}\n{bad\n' | "$nm" annotate -q - > "$tmp/out" 2> "$tmp/err"
rc=$?
check "acceptance: exit code is 1" test $rc -eq 1
check "acceptance: one record" test "$(lines "$tmp/out")" -eq 1
check "acceptance: the record is document a" grep -q '"id":"a"' "$tmp/out"
check "acceptance: one error" test "$(lines "$tmp/err")" -eq 1
check "acceptance: the error names line 2" grep -q '"source":"-","line":2' "$tmp/err"

# A clean batch exits 0 and prints a summary unless --quiet.
printf 'Just one article.\n' > "$tmp/one.txt"
"$nm" annotate --jobs 1 "$tmp/one.txt" > "$tmp/out" 2> "$tmp/err"
check "clean: exit 0" test $? -eq 0
check "clean: summary on stderr" grep -q '^newsmark: 1 document: 1 record, 0 errors' "$tmp/err"

# Usage errors exit 2 and say what is wrong.
"$nm" annotate --frobnicate x 2> "$tmp/err"
check "usage: unknown option exits 2" test $? -eq 2
check "usage: unknown option named" grep -q 'unknown option --frobnicate' "$tmp/err"
"$nm" annotate --date 2026-02-30 "$tmp/one.txt" 2> "$tmp/err"
check "usage: impossible --date exits 2" test $? -eq 2
"$nm" annotate 2> /dev/null
check "usage: no input exits 2" test $? -eq 2
"$nm" annotate --jobs 0 "$tmp/one.txt" 2> /dev/null
check "usage: --jobs 0 exits 2" test $? -eq 2

# --layers tokens adds the token layer; records leave it out otherwise.
printf 'The U.S. said.\n' | "$nm" annotate -q --jobs 2 --layers tokens - > "$tmp/out"
check "layers: tokens written when asked" grep -q '"tokens":\[{"start":0,"end":3,"text":"The","kind":"word"}' "$tmp/out"
check "layers: U.S. is four tokens" grep -q '{"start":4,"end":5,"text":"U","kind":"word"},{"start":5,"end":6,"text":".","kind":"mark"}' "$tmp/out"
printf 'The U.S. said.\n' | "$nm" annotate -q - > "$tmp/out"
check "layers: no tokens unless asked" bash -c "! grep -q '\"tokens\"' '$tmp/out'"
"$nm" annotate --layers words "$tmp/one.txt" 2> "$tmp/err"
check "layers: an unknown layer exits 2" test $? -eq 2
check "layers: the unknown layer is named" grep -q "no internal layer 'words'" "$tmp/err"

# --date reaches records; --output and --errors write files.
printf '{"id":"x","text":"Dated."}\n{"id":"y"}\n' > "$tmp/in.jsonl"
"$nm" annotate -q --date 2026-01-20 -o "$tmp/rec" --errors "$tmp/errs" "$tmp/in.jsonl"
check "files: exit 1 with an error" test $? -eq 1
check "files: --date in record" grep -q '"date":"2026-01-20"' "$tmp/rec"
check "files: error file names y" grep -q '"error":"missing field '"'"'text'"'"'".*"line":2,"id":"y"' "$tmp/errs"

# A 100 MB article, as a text file and as a JSONL line, is an error naming
# it; the articles after it are still annotated.
mkdir -p "$tmp/big"
head -c 100000000 /dev/zero | tr '\0' 'a' > "$tmp/big/a.txt"
printf 'After the big one.\n' > "$tmp/big/b.txt"
{ printf '{"id":"huge","text":"'; head -c 100000000 /dev/zero | tr '\0' 'a'; printf '"}\n{"id":"small","text":"Small."}\n'; } > "$tmp/big/c.jsonl"
"$nm" annotate -q --jobs 2 "$tmp/big" > "$tmp/out" 2> "$tmp/err"
check "100 MB: exit 1" test $? -eq 1
check "100 MB: two records" test "$(lines "$tmp/out")" -eq 2
check "100 MB: two errors" test "$(lines "$tmp/err")" -eq 2
check "100 MB: text file named" grep -q 'big/a.txt.*' "$tmp/err"
check "100 MB: JSONL line 1 named" grep -q '"line is longer than.*big/c.jsonl","line":1' "$tmp/err"

# Many kinds of input at once: records + errors = inputs, and output is
# byte-identical for 1, 2 and 5 threads.
mkdir -p "$tmp/mix/sub"
for i in $(seq 1 40); do
  printf 'Article %d. It says %d things, Mr. Smith said.\n' "$i" "$i" > "$tmp/mix/a$i.txt"
  printf '{"id":"j%d","text":"JSON article %d. Second sentence.","n":%d}\n' "$i" "$i" "$i" >> "$tmp/mix/sub/b.jsonl"
  [ $((i % 9)) -eq 0 ] && printf '{"id":"bad%d","text":' "$i" >> "$tmp/mix/sub/b.jsonl" && echo >> "$tmp/mix/sub/b.jsonl"
done
printf 'caf\xc3 broken\n' > "$tmp/mix/invalid.txt"
printf '' > "$tmp/mix/empty.txt"
for j in 1 2 5; do
  "$nm" annotate -q --jobs $j "$tmp/mix" > "$tmp/mix$j.out" 2> "$tmp/mix$j.err"
done
check "threads: 2 jobs == 1 job (records)" cmp -s "$tmp/mix1.out" "$tmp/mix2.out"
check "threads: 5 jobs == 1 job (records)" cmp -s "$tmp/mix1.out" "$tmp/mix5.out"
check "threads: 5 jobs == 1 job (errors)" cmp -s "$tmp/mix1.err" "$tmp/mix5.err"
"$nm" annotate -q --jobs 5 --memory 1 "$tmp/mix" > "$tmp/mixm.out" 2> "$tmp/mixm.err"
check "memory: --memory 1 gives the same records" cmp -s "$tmp/mix1.out" "$tmp/mixm.out"
"$nm" annotate --memory 0 "$tmp/one.txt" 2> "$tmp/err"
check "usage: --memory 0 exits 2" test $? -eq 2
check "threads: records + errors = 86 inputs" \
  test $(( $(lines "$tmp/mix1.out") + $(lines "$tmp/mix1.err") )) -eq 86

# The Reuters corpus, where it is present: same output for 1 and 2 jobs.
reuters=../shared/data/news/reuters21578.jsonl
if [ -f "$reuters" ]; then
  "$nm" annotate -q --jobs 1 "$reuters" > "$tmp/r1.out" 2> "$tmp/r1.err"
  "$nm" annotate -q --jobs 2 "$reuters" > "$tmp/r2.out" 2> "$tmp/r2.err"
  check "reuters: 2 jobs == 1 job" cmp -s "$tmp/r1.out" "$tmp/r2.out"
  check "reuters: errors identical" cmp -s "$tmp/r1.err" "$tmp/r2.err"
  check "reuters: records + errors = 21578" \
    test $(( $(lines "$tmp/r1.out") + $(lines "$tmp/r1.err") )) -eq 21578
else
  echo "skipped: $reuters not present"
fi

# newsmark diff: identical files exit 0; a rule changed in a copy of rules/
# shows as exactly the annotations it changes.
"$nm" annotate -q seeds/000_4fe12eead70a1acb.txt > "$tmp/seed.jsonl"
"$nm" diff "$tmp/seed.jsonl" "$tmp/seed.jsonl" > "$tmp/diff"
check "diff: identical exits 0" test $? -eq 0
check "diff: identical says 0 changed" grep -q '^0 of 1 documents changed' "$tmp/diff"
cp -r rules "$tmp/rules"
sed -i '/^comments?/d' "$tmp/rules/sentences/boilerplate.tsv"
"$nm" annotate -q --rules "$tmp/rules" seeds/000_4fe12eead70a1acb.txt > "$tmp/seed2.jsonl"
"$nm" diff "$tmp/seed.jsonl" "$tmp/seed2.jsonl" > "$tmp/diff"
check "diff: a change exits 1" test $? -eq 1
check "diff: names the change" grep -qx '  blocks ~ \[3794,3802) "Comments" boilerplate -> paragraph' "$tmp/diff"
check "diff: counts it" grep -qx 'blocks        +0 -0 ~1' "$tmp/diff"
check "diff: nothing else" test "$(grep -c '^  ' "$tmp/diff")" -eq 1

# A field nested 200,000 deep is carried into the record, and diff and eval
# read that record back (parsed with an explicit stack, not by recursion).
deep=$(head -c 200000 /dev/zero | tr '\0' '[')$(head -c 200000 /dev/zero | tr '\0' ']')
printf '{"id":"deep","text":"It rained on Monday.","meta":%s}\n' "$deep" > "$tmp/deep.jsonl"
"$nm" annotate -q "$tmp/deep.jsonl" > "$tmp/deep_record.jsonl"
check "deep: annotate exits 0" test $? -eq 0
printf '"meta":{"meta":%s}' "$deep" > "$tmp/deep_meta"  # too long for an argument
check "deep: the field is carried" grep -qF -f "$tmp/deep_meta" "$tmp/deep_record.jsonl"
"$nm" diff "$tmp/deep_record.jsonl" "$tmp/deep_record.jsonl" > "$tmp/diff" 2>&1
check "deep: diff exits 0" test $? -eq 0
check "deep: diff says 0 changed" grep -q '^0 of 1 documents changed' "$tmp/diff"
"$nm" eval --format jsonl "$tmp/deep_record.jsonl" > "$tmp/eval" 2>&1
check "deep: eval exits 0" test $? -eq 0
check "deep: eval prints a table" grep -q '^layer .*F1' "$tmp/eval"

# newsmark eval prints a table for every gold corpus that is present.
data=../shared/data
for spec in "timeml $data/dates/tbaq" "conll $data/entities/conll2003/eng.testa" \
            "brat $data/attribution/polnear/dev" \
            "sentences $data/sentences/golden_rules_en.json"; do
  read -r format path <<< "$spec"
  if [ -e "$path" ]; then
    "$nm" eval --format "$format" "$path" > "$tmp/eval" 2>&1
    check "eval $format: exit 0" test $? -eq 0
    check "eval $format: a table" grep -q '^layer .*F1' "$tmp/eval"
  else
    echo "skipped: $path not present"
  fi
done
printf '{"cases":[{"text":"One. Two.","expected":["One.","Two."]}]}' > "$tmp/g.json"
"$nm" eval --json --dump-errors "$tmp/dump" "$tmp/g.json" > "$tmp/eval"
check "eval --json: cases passed" grep -q '"correct": 1' "$tmp/eval"
"$nm" eval --format nonsense "$tmp/g.json" 2> /dev/null
check "eval: unknown format exits 2" test $? -eq 2

# Saved output scores as the run did: --save-records, then --system.
mkdir -p "$tmp/tml"
for n in 1 2; do
  printf '<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2026-01-2%s">x</TIMEX3></DCT>\n<TEXT>\nShares rose <TIMEX3 tid="t1" type="DATE" value="2026-01-1%s">on Monday</TIMEX3>, and <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> later.\n</TEXT>\n</TimeML>\n' "$n" "$n" > "$tmp/tml/d$n.tml"
done
"$nm" eval --json --save-records "$tmp/run.jsonl" "$tmp/tml" > "$tmp/run.json"
check "eval --save-records: exit 0" test $? -eq 0
check "eval --save-records: a record per document" test "$(lines "$tmp/run.jsonl")" -eq 2
"$nm" eval --json --system "$tmp/run.jsonl" "$tmp/tml" > "$tmp/saved.json"
check "eval --system: exit 0" test $? -eq 0
check "eval --system: the figures of the run" cmp -s "$tmp/run.json" "$tmp/saved.json"
check "eval --system: something was found" grep -q '"system_matched": [1-9]' "$tmp/saved.json"
"$nm" eval --json --system "$tmp/tml" "$tmp/tml" > "$tmp/self.json"
check "eval --system: gold against itself is 100" grep -q '"f1": 100.0' "$tmp/self.json"
head -n 1 "$tmp/run.jsonl" > "$tmp/half.jsonl"
"$nm" eval --system "$tmp/half.jsonl" "$tmp/tml" > /dev/null 2> "$tmp/err"
check "eval --system: a missing document exits 2" test $? -eq 2
check "eval --system: names it" grep -q 'd2: no system document with this id' "$tmp/err"

# A FIFO, socket or device is never opened for a blocking read: in a folder
# or named, it is an error naming it, and the articles around it are read.
mkdir -p "$tmp/special"
printf 'Before the FIFO.\n' > "$tmp/special/a.txt"
mkfifo "$tmp/special/b.txt" "$tmp/special/c.jsonl"
printf 'After the FIFO.\n' > "$tmp/special/d.txt"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
  "$tmp/special/e.txt" 2> /dev/null
timeout 20 "$nm" annotate -q "$tmp/special" > "$tmp/out" 2> "$tmp/err"
check "special: folder exits 1, no hang" test $? -eq 1
check "special: folder gives two records" test "$(lines "$tmp/out")" -eq 2
check "special: the FIFO in the folder is named" grep -q "\"source\":\"$tmp/special/b.txt\"" "$tmp/err"
check "special: the JSONL FIFO is named" grep -q "\"source\":\"$tmp/special/c.jsonl\"" "$tmp/err"
if [ -S "$tmp/special/e.txt" ]; then
  check "special: the socket is named" grep -q "\"source\":\"$tmp/special/e.txt\"" "$tmp/err"
fi
check "special: records + errors = inputs" \
  test $(( $(lines "$tmp/out") + $(lines "$tmp/err") )) -eq $(ls "$tmp/special" | wc -l)
timeout 20 "$nm" annotate -q "$tmp/special/a.txt" "$tmp/special/b.txt" /dev/zero \
  "$tmp/special/d.txt" > "$tmp/out" 2> "$tmp/err"
check "special: named exits 1, no hang" test $? -eq 1
check "special: named gives two records" test "$(lines "$tmp/out")" -eq 2
check "special: the named FIFO is an error" grep -q "not a regular file.*\"source\":\"$tmp/special/b.txt\"" "$tmp/err"
check "special: a device is an error" grep -q '"source":"/dev/zero"' "$tmp/err"

# An error line is valid UTF-8 even when it echoes a field that is not.
printf '{"id":"s","text":"Text.","date":"\\udc00"}\n' > "$tmp/surrogate.jsonl"
"$nm" annotate -q "$tmp/surrogate.jsonl" > "$tmp/out" 2> "$tmp/err"
check "utf-8 errors: exit 1" test $? -eq 1
check "utf-8 errors: one error line" test "$(lines "$tmp/err")" -eq 1
check "utf-8 errors: the line is valid UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null "$tmp/err"
check "utf-8 errors: the line is JSON naming the field" python3 -c '
import json, sys
e = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
sys.exit(0 if "date" in e["error"] and e["id"] == "s" else 1)' "$tmp/err"

# With stderr closed, error lines never go into the records file that takes
# its descriptor.
printf '{"id":"x","text":"Kept."}\n{"id":"y"}\n' > "$tmp/closed.jsonl"
"$nm" annotate -q -o "$tmp/rec" "$tmp/closed.jsonl" 2>&-
check "closed stderr: exit 1" test $? -eq 1
check "closed stderr: one line in the records" test "$(lines "$tmp/rec")" -eq 1
check "closed stderr: no error in the records" test "$(grep -c '"error"' "$tmp/rec")" -eq 0
"$nm" annotate -q -o "$tmp/rec" --errors "$tmp/errs" "$tmp/closed.jsonl" <&- >&- 2>&-
check "closed 0, 1, 2: errors in --errors" test "$(lines "$tmp/errs")" -eq 1
check "closed 0, 1, 2: one record, no error" test "$(lines "$tmp/rec")" -eq 1 -a "$(grep -c '"error"' "$tmp/rec")" -eq 0

# Document dates are years 1000 to 2999; others are errors naming the field
# and the range.
printf 'Just one article.\n' > "$tmp/one.txt"
printf '{"id":"y0","text":"Text.","date":"0000-01-01"}\n{"id":"y1","text":"Text.","date":"1000-01-01"}\n{"id":"y2","text":"Text.","date":"2999-12-31"}\n{"id":"y3","text":"Text.","date":"3000-01-01"}\n' > "$tmp/years.jsonl"
"$nm" annotate -q "$tmp/years.jsonl" > "$tmp/out" 2> "$tmp/err"
check "date range: exit 1" test $? -eq 1
check "date range: two records" test "$(lines "$tmp/out")" -eq 2
check "date range: 0000 named" grep -q "field 'date'.*1000-01-01 to 2999-12-31.*\"id\":\"y0\"" "$tmp/err"
check "date range: 3000 named" grep -q "field 'date'.*1000-01-01 to 2999-12-31.*\"id\":\"y3\"" "$tmp/err"
check "date range: no negative year" test "$(grep -c '"-0' "$tmp/out")" -eq 0
for d in 0000-01-01 0999-12-31 3000-01-01; do
  "$nm" annotate -q --date $d "$tmp/one.txt" > /dev/null 2> "$tmp/err"
  check "date range: --date $d exits 2" test $? -eq 2
  check "date range: --date $d says the range" grep -q -- '--date.*1000-01-01 to 2999-12-31' "$tmp/err"
done
"$nm" annotate -q --date 1000-01-01 "$tmp/one.txt" > /dev/null
check "date range: --date 1000-01-01 exits 0" test $? -eq 0

# A lone CR ends a line as LF does (old Mac files): the same blocks and
# sentences at the same offsets, CR being one byte as LF is.
story='MARKETS RALLY\n\nLONDON, Jan 5 (Reuters) - Shares rose on Monday, and\nbonds fell, traders said.\n\nThe index closed higher. Oil was flat.\n'
printf "$story" > "$tmp/eol.txt"
"$nm" annotate -q "$tmp/eol.txt" > "$tmp/eol_lf.jsonl"
printf "$story" | tr '\n' '\r' > "$tmp/eol.txt"
"$nm" annotate -q "$tmp/eol.txt" | sed 's/\\r/\\n/g' > "$tmp/eol_cr.jsonl"
check "lone CR: several blocks with LF" test "$(grep -o '"kind"' "$tmp/eol_lf.jsonl" | wc -l)" -ge 3
check "lone CR: records as with LF" cmp -s "$tmp/eol_lf.jsonl" "$tmp/eol_cr.jsonl"

# A --baseline file nested 200,000 deep is read with an explicit stack.
printf '{"cases":[{"text":"One. Two.","expected":["One.","Two."]}]}' > "$tmp/g.json"
deep=$(head -c 200000 /dev/zero | tr '\0' '[')$(head -c 200000 /dev/zero | tr '\0' ']')
printf '{"notes":%s,"layers":{}}' "$deep" > "$tmp/deep_baseline.json"
"$nm" eval --baseline "$tmp/deep_baseline.json" "$tmp/g.json" > "$tmp/eval" 2>&1
check "deep: eval --baseline exits 0" test $? -eq 0

# rules check loads a gazetteer folder: a count line, or each problem as file:line.
mkdir -p "$tmp/gaz_rules/gazetteer"
cp -r rules/sentences rules/dates "$tmp/gaz_rules/"
printf 'nm:cia\tORG\tCentral Intelligence Agency\t3\tx\tCentral Intelligence Agency|=CIA\n' \
  > "$tmp/gaz_rules/gazetteer/core.tsv"
"$nm" rules check "$tmp/gaz_rules" > "$tmp/rules_out" 2>&1
check "rules check: a good gazetteer exits 0" test $? -eq 0
check "rules check: gazetteer counts" grep -qx "$tmp/gaz_rules/gazetteer: 1 entries, 2 aliases" "$tmp/rules_out"
check "rules check: the gazetteer is a rule set" grep -q "^$tmp/gaz_rules: 3 rule sets" "$tmp/rules_out"
# --gazetteer FILE loads after the folder: nm:cia replaced (its aliases are
# the file's), nm:mi6 added.
printf 'nm:cia\tORG\tCIA\t3\tmine\tCIA|Langley\nnm:mi6\tORG\tMI6\t2\tmine\t=MI6\n' > "$tmp/mine.tsv"
"$nm" rules check --gazetteer "$tmp/mine.tsv" "$tmp/gaz_rules" > "$tmp/rules_out" 2>&1
check "rules check --gazetteer: exits 0" test $? -eq 0
check "rules check --gazetteer: entries replaced and added" \
  grep -qx "$tmp/gaz_rules/gazetteer with 1 --gazetteer file: 2 entries, 3 aliases" "$tmp/rules_out"
printf 'nm:y\tTHING\tY\t1\tmine\tY\n' > "$tmp/bad_mine.tsv"
"$nm" rules check --gazetteer "$tmp/mine.tsv" --gazetteer "$tmp/bad_mine.tsv" "$tmp/gaz_rules" \
  > "$tmp/rules_out" 2>&1
check "rules check --gazetteer: a bad file of yours exits 1" test $? -eq 1
check "rules check --gazetteer: its line is named" \
  grep -q "^$tmp/bad_mine.tsv:1: unknown type \"THING\"" "$tmp/rules_out"
mkdir -p "$tmp/no_gaz_rules"
cp -r rules/sentences rules/dates "$tmp/no_gaz_rules/"
"$nm" rules check --gazetteer "$tmp/mine.tsv" "$tmp/no_gaz_rules" > "$tmp/rules_out" 2>&1
check "rules check --gazetteer: without a gazetteer folder, a problem" test $? -eq 1
check "rules check --gazetteer: the folder is named" \
  grep -q "^$tmp/no_gaz_rules/gazetteer: no gazetteer folder" "$tmp/rules_out"
printf 'nm:x\tCOMPANY\tX\t1\tx\tX\n' >> "$tmp/gaz_rules/gazetteer/core.tsv"
"$nm" rules check "$tmp/gaz_rules" > "$tmp/rules_out" 2>&1
check "rules check: a bad gazetteer line exits 1" test $? -eq 1
check "rules check: the bad line is named" grep -q "^$tmp/gaz_rules/gazetteer/core.tsv:2: unknown type \"COMPANY\"" "$tmp/rules_out"
check "rules check: no counts for a gazetteer that did not load" test "$(grep -c 'entries,' "$tmp/rules_out")" -eq 0

finish cli_test

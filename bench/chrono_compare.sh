#!/usr/bin/env bash
# The date stage beside chrono-node (npm), the peer measured in
# ../shared/docs/anchors.md, on the same Reuters texts, one after the other
# in this script: MB/s of text for each.
#
#   bash bench/chrono_compare.sh [BUILD_DIR]
#
# chrono-node is installed from the npm registry into BUILD_DIR/chrono (not
# into the repository). Needs node and npm.
set -euo pipefail
build=${1:-build}
corpus=../shared/data/news/reuters21578.jsonl
[ -f "$corpus" ] || { echo "no $corpus" >&2; exit 2; }
mkdir -p "$build/chrono"
if [ ! -d "$build/chrono/node_modules/chrono-node" ]; then
  (cd "$build/chrono" && npm install --silent --no-audit --no-fund chrono-node@2 >/dev/null)
fi
cat > "$build/chrono/bench.js" <<'JS'
const fs = require('fs');
const chrono = require('chrono-node');
const texts = [];
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  if (r.text) texts.push([r.text, new Date(r.date || '1987-03-01')]);
}
const bytes = texts.reduce((n, [t]) => n + Buffer.byteLength(t), 0);
let found = 0;
const runs = [];
for (let run = 0; run < 3; ++run) {
  const start = process.hrtime.bigint();
  for (const [text, ref] of texts) found += chrono.parse(text, ref).length;
  runs.push(Number(process.hrtime.bigint() - start) / 1e9);
}
runs.sort();
const median = runs[1];
const version = JSON.parse(fs.readFileSync(__dirname + '/node_modules/chrono-node/package.json', 'utf8')).version;
console.log(`chrono-node ${version}: ` +
            `${(bytes / 1e6 / median).toFixed(2)} MB/s ` +
            `(median of 3 runs, ${(found / 3 / texts.length).toFixed(2)} results a text)`);
JS
node "$build/chrono/bench.js" "$corpus"
"$build/bench/date_bench" --benchmark_min_time=1 --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep median |
  awk '{name = $1; sub(/_median$/, "", name); sub(/^BM_DateStage$/, "date stage alone, tokens cut before", name);
        sub(/^BM_TokensAndDates$/, "tokens + date stage", name);
        for (i = 1; i <= NF; ++i) if ($i ~ /bytes_per_second/) print "newsmark " name ": " $i " (median of 3)"}'

#!/usr/bin/env python3
"""Writes the flood documents of issue #18 and one of ordinary news.

    bench/floods.py OUT_DIR BYTES [BYTES...]

For each size, OUT_DIR/NAME-BYTES.txt holds one document of that many bytes
(or a few fewer: whole units only): a unit repeated, for each flood below,
and Reuters articles joined by blank lines for `news` (read from
../shared/data/news/reuters21578.jsonl; skipped with a note when absent).
bench/flood_bench.sh times and measures newsmark on them. The same units
are in bench/floods.h for the Google Benchmark and the work-bound tests;
tests/tools/check_floods.py keeps the two lists equal.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REUTERS = os.path.join(HERE, "..", "..", "shared", "data", "news", "reuters21578.jsonl")

# name -> unit. Each once made some stage quadratic or memory-hungry, or is
# the worst case of one token kind.
FLOODS = {
    "us-periods": "U.S.",                        # periods with no space after
    "no-spaces": None,                            # Reuters text, spaces removed
    "chinese-ellipsis": "\u6c47" * 56 + "\u2026",  # one word to the sentence stage
    "no-5": "No. 5 ",                            # abbreviation decisions
    "open-paren": "(",                           # one punctuation token per byte
    "dots": "...",                                # one ellipsis mark per 3 bytes
    "a-blank-line": "a\n\n",                      # one paragraph per 3 bytes
    "inline-list": "Note: 1. a 2. b ",            # a list opened at every colon
    "one-word": "a",                              # a single token as long as the text
    "digits": "1",                                # a single number as long as the text
    "dates": "on 5 May 2020, ",                   # a timex every 15 bytes
    "number-words": "twenty-one ",                # number words joined
    "quotes": "\"",                               # one quote mark per byte
    "newlines": "\n",                             # lines with nothing on them
}


def reuters_texts():
    with open(REUTERS, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            if text:
                yield text


def repeat_to(texts, size, joiner):
    out, n = [], 0
    while True:
        for t in texts:
            piece = t + joiner
            b = len(piece.encode("utf-8"))
            if n + b > size:
                return "".join(out)
            out.append(piece)
            n += b


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    have_reuters = os.path.exists(REUTERS)
    if not have_reuters:
        print(f"floods.py: {REUTERS} absent: no news or no-spaces documents", file=sys.stderr)
    news = list(reuters_texts()) if have_reuters else []
    for size in map(int, sys.argv[2:]):
        docs = dict(FLOODS)
        if news:
            docs["news"] = None
        for name, unit in docs.items():
            if name == "news":
                text = repeat_to(news, size, "\n\n")
            elif name == "no-spaces":
                if not news:
                    continue
                text = repeat_to([t.replace(" ", "") for t in news], size, "")
            else:
                text = repeat_to([unit], size, "")
            with open(os.path.join(out_dir, f"{name}-{size}.txt"), "w", encoding="utf-8",
                      newline="") as f:
                f.write(text)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes N pseudo-random JSONL articles that stress the tokenizers and
stages: lexicon words of rules/dates in every case, digits with separators,
dates, curly quotes and apostrophes, no-break and other Unicode spaces,
hyphens and dashes, abbreviations, other scripts, line breaks. The same seed
gives the same file, so two builds can be compared on it.

  tests/tools/generate_documents.py N [SEED] > docs.jsonl
"""
import json
import random
import sys


def lexicon_words(path="rules/dates/lexicon.tsv"):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            words.append(line.split("\t")[0])
    return sorted(set(words))


PLAIN = ("the said on in of to a and officials company shares rose fell "
         "market government minister told reporters week year percent "
         "Mr. Mrs. Dr. U.S. U.K. Inc. Corp. Gen. Sen. No. St. vs. etc. e.g.").split()
OTHER = ["Nicolás", "Zürich", "São", "Ærø", "Łódź", "Москва", "東京", "北京市",
         "القاهرة", "Αθήνα", "naïve", "café", "Ñandú", "İstanbul", "ﬁnance"]
MARKS = [",", ".", ";", ":", "!", "?", "(", ")", "\"", "'", "-", "--", "/",
         "\u2019", "\u2018", "\u201c", "\u201d", "\u2013", "\u2014", "\u2026", "%", "$"]
SPACES = [" ", " ", " ", " ", "\u00a0", "\u2009", "\u202f", "\u3000", "\t", "\n",
          "\n\n", "\r\n"]


def token(rng, lexicon):
    r = rng.random()
    if r < 0.30:
        w = rng.choice(lexicon)
        c = rng.random()
        return w.upper() if c < 0.1 else w.capitalize() if c < 0.4 else w
    if r < 0.55:
        return rng.choice(PLAIN)
    if r < 0.70:
        kind = rng.random()
        if kind < 0.3:
            return str(rng.randint(0, 2100))
        if kind < 0.5:
            return "{:,}".format(rng.randint(1000, 9999999))
        if kind < 0.6:
            return "{}.{}".format(rng.randint(0, 99), rng.randint(0, 99))
        if kind < 0.7:
            return "{}{}".format(rng.randint(1, 31), rng.choice(["st", "nd", "rd", "th"]))
        if kind < 0.8:
            return "{:04d}-{:02d}-{:02d}".format(rng.randint(1900, 2030),
                                                 rng.randint(1, 12), rng.randint(1, 28))
        if kind < 0.9:
            return "{}:{:02d}".format(rng.randint(0, 23), rng.randint(0, 59))
        return "'{}0s".format(rng.randint(0, 9))
    if r < 0.80:
        return rng.choice(OTHER)
    if r < 0.95:
        return rng.choice(MARKS)
    # Joined forms: possessives, hyphenated words, words glued to marks.
    a, b = rng.choice(PLAIN), rng.choice(lexicon)
    return rng.choice([a + "\u2019s", a + "'s", a + "-" + b, b + ".", "(" + b + ")",
                       a + "\u00ad" + b, "\u201c" + b + "\u201d"])


def document(rng, lexicon, n):
    parts = []
    for _ in range(rng.randint(5, 400)):
        parts.append(token(rng, lexicon))
        parts.append(rng.choice(SPACES) if rng.random() < 0.9 else "")
    text = "".join(parts).strip() or "Empty."
    doc = {"id": "gen-{}".format(n), "text": text}
    if rng.random() < 0.7:
        doc["date"] = "{:04d}-{:02d}-{:02d}".format(rng.randint(1950, 2030),
                                                    rng.randint(1, 12), rng.randint(1, 28))
    return doc


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    lexicon = lexicon_words()
    out = sys.stdout
    for k in range(n):
        out.write(json.dumps(document(rng, lexicon, k), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

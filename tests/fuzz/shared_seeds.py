#!/usr/bin/env python3
"""Extra seed inputs for the fuzz targets, cut from ../shared/data when it is
there: a few short Reuters articles (JSONL lines for input_fuzzer, text and
date for pipeline_fuzzer) and the smallest TimeML files of TimeBank and
AQUAINT, the TempEval-3 training data (gold_fuzzer, and their text and
document date for pipeline_fuzzer). Nothing from a test split is read.

They are written under OUT/<target>/ (in the build folder, never committed:
the data is not the project's to ship). Prints how many were written.

    tests/fuzz/shared_seeds.py DATA_DIR OUT_DIR
"""

import datetime
import json
import os
import re
import sys

ARTICLES = 12        # Reuters articles taken
TIMEML_FILES = 4     # smallest .tml files taken, from each of the two folders
MAX_SEED_BYTES = 4000  # under libFuzzer's default -max_len of 4096

EPOCH = datetime.date(1970, 1, 1)


def write(out, target, name, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def dated(text, iso_date):
    """A pipeline_fuzzer input: control byte 1, days since 1970, the text."""
    try:
        days = (datetime.date.fromisoformat(iso_date[:10]) - EPOCH).days
    except ValueError:
        days = -1
    if not 0 <= days < 65536:
        return b"\x00" + text.encode()
    return b"\x01" + days.to_bytes(2, "big") + text.encode()


def reuters(path, out):
    written = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if written == ARTICLES:
                break
            article = json.loads(line)
            if len(line.encode()) > MAX_SEED_BYTES:
                continue
            # input_fuzzer: a .jsonl file, --max-doc-bytes 2048.
            write(out, "input_fuzzer", f"reuters_{written}", bytes([7 << 2]) + line.encode())
            write(out, "pipeline_fuzzer", f"reuters_{written}",
                  dated(article["text"], article.get("date") or ""))
            written += 1
    return written


def timeml(folder, out):
    files = sorted((os.path.getsize(os.path.join(folder, n)), n)
                   for n in os.listdir(folder) if n.endswith(".tml"))
    written = 0
    for size, name in files[:TIMEML_FILES]:
        if size > MAX_SEED_BYTES:
            break
        with open(os.path.join(folder, name), "rb") as f:
            xml = f.read()
        write(out, "gold_fuzzer", name, b"\x00" + xml)
        text = re.search(rb"<TEXT>(.*)</TEXT>", xml, re.S)
        dct = re.search(rb'<DCT>.*?value="([0-9-]{10})', xml, re.S)
        if text:
            plain = re.sub(rb"<[^>]*>", b"", text.group(1)).decode("utf-8", "replace")
            write(out, "pipeline_fuzzer", name,
                  dated(plain, dct.group(1).decode() if dct else ""))
        written += 1
    return written


def main():
    data, out = sys.argv[1], sys.argv[2]
    counts = []
    news = os.path.join(data, "news", "reuters21578.jsonl")
    if os.path.exists(news):
        counts.append(f"{reuters(news, out)} Reuters articles")
    for corpus in ("TimeBank", "AQUAINT"):
        folder = os.path.join(data, "dates", "tbaq", corpus)
        if os.path.isdir(folder):
            counts.append(f"{timeml(folder, out)} {corpus} files")
    print("shared seeds: " + (", ".join(counts) if counts else f"none ({data} absent)"))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The floods of issue #18, beside ordinary news: time and memory per MB.

    bench/floods.py write OUT_DIR BYTES...
    bench/floods.py run [--newsmark BIN] [--peer BIN] [--runs N] [BYTES...]

`write` puts, for each size, OUT_DIR/NAME-BYTES.txt: one document of that
many bytes (or a few fewer: whole units only), a unit repeated for each
flood below, and Reuters articles joined by blank lines for `news` (from
../shared/data/news/reuters21578.jsonl; skipped with a note when absent).

`run` (default sizes 1 MB and 10 MB) annotates each document alone, one
thread, under /usr/bin/time -v, N times (default 3), and prints per flood
and size: seconds per MB (the median), peak resident memory, and the
document's own memory as a multiple of its size: (peak - the peak for a
one-line document) / size. Then, per flood, s/MB at the largest size over
s/MB at the smallest (linear: near 1) and over news at the same size. With
--peer, the same for another build, in the same run, by turns.
"""

import json
import os
import subprocess
import sys
import time

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
    "cr-lines": "a\r",                            # old Mac line ends, a line every 2 bytes
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


def write(out_dir, sizes):
    os.makedirs(out_dir, exist_ok=True)
    have_reuters = os.path.exists(REUTERS)
    if not have_reuters:
        print(f"floods.py: {REUTERS} absent: no news or no-spaces documents", file=sys.stderr)
    news = list(reuters_texts()) if have_reuters else []
    for size in sizes:
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


def measure(binary, path):
    """(seconds, peak KiB) of one annotation of `path` on one thread."""
    cmd = ["/usr/bin/time", "-v", binary, "annotate", "-q", "--jobs", "1",
           "--date", "2020-01-01", path, "-o", os.devnull]
    start = time.perf_counter()  # time -v gives the wall clock to 10 ms only
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"floods.py: {' '.join(cmd)} failed:\n{p.stderr}")
    kib = None
    for line in p.stderr.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size"):
            kib = int(line.rsplit(" ", 1)[1])
    return seconds, kib


def run(args):
    import argparse
    import statistics
    import tempfile
    ap = argparse.ArgumentParser(prog="floods.py run")
    ap.add_argument("--newsmark", default=os.path.join(HERE, "..", "build", "newsmark"))
    ap.add_argument("--peer")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("sizes", nargs="*", type=int, default=[1_000_000, 10_000_000])
    a = ap.parse_args(args)
    builds = [("newsmark", a.newsmark)] + ([("peer", a.peer)] if a.peer else [])
    with tempfile.TemporaryDirectory() as tmp:
        write(tmp, a.sizes)
        tiny = os.path.join(tmp, "tiny.txt")
        with open(tiny, "w") as f:
            f.write("A line.\n")
        names = sorted({f.rsplit("-", 1)[0] for f in os.listdir(tmp) if f != "tiny.txt"})
        results = {}  # (build, name, size) -> (s/MB, peak MiB, x size)
        for label, binary in builds:
            tiny_runs = [measure(binary, tiny) for _ in range(max(a.runs, 5))]
            results[(label, "base")] = min(r[1] for r in tiny_runs)
            results[(label, "start")] = statistics.median(r[0] for r in tiny_runs)
        for name in names:
            for size in a.sizes:
                path = os.path.join(tmp, f"{name}-{size}.txt")
                real = os.path.getsize(path)
                runs = {label: [] for label, _ in builds}
                for _ in range(a.runs):  # by turns, so noise falls on both
                    for label, binary in builds:
                        runs[label].append(measure(binary, path))
                for label, _ in builds:
                    # Less the start (loading the rules), which is not per MB.
                    sec = statistics.median(r[0] for r in runs[label]) - results[(label, "start")]
                    kib = max(r[1] for r in runs[label])
                    base = results[(label, "base")]
                    results[(label, name, size)] = (sec / (real / 1e6), kib / 1024,
                                                    (kib - base) * 1024 / real)
    small, large = min(a.sizes), max(a.sizes)
    starts = ", ".join(f"{label} {results[(label, 'start')] * 1000:.0f} ms"
                       for label, _ in builds)
    print(f"one document per run, one thread, median of {a.runs}; time less the start of "
          f"a one-line run ({starts}); memory: the document's own, (peak - peak for one "
          f"line) / size")
    head = "| flood | build |" + "".join(f" s/MB {s / 1e6:g} MB | peak MiB | memory x |"
                                        for s in a.sizes)
    head += f" s/MB {large / 1e6:g} MB / {small / 1e6:g} MB | / news |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for name in names:
        for label, _ in builds:
            row = f"| {name} | {label} |"
            for size in a.sizes:
                spm, mib, times = results[(label, name, size)]
                row += f" {spm:.3f} | {mib:.1f} | {times:.1f} |"
            linear = results[(label, name, large)][0] / results[(label, name, small)][0]
            news = results.get((label, "news", large))
            vs_news = results[(label, name, large)][0] / news[0] if news else float("nan")
            row += f" {linear:.2f} | {vs_news:.2f} |"
            print(row)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "run":
        run(sys.argv[2:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "write":
        write(sys.argv[2], [int(x) for x in sys.argv[3:]])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

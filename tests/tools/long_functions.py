#!/usr/bin/env python3
"""Lists C++ functions longer than N lines (default 120) under the given
folders: a function is a line ending in '{' whose braces open a body after a
')' (signatures, lambdas at statement level and class methods included),
counted to its closing brace. A heuristic, not a parser: good enough for
this code base's style. Exit 1 when any is found.

  tests/tools/long_functions.py [--max N] DIR...
"""
import re
import sys
from pathlib import Path


def strip(line):
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])*'", "''", line)
    return line.split("//")[0]


def functions(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []
    k = 0
    while k < len(lines):
        code = strip(lines[k]).rstrip()
        head = code.strip()
        is_body = (code.endswith("{") and re.search(r"\)\s*(const)?\s*(override)?\s*(noexcept)?\s*(->[^{]*)?\{$", code)
                   and not re.match(r"(if|for|while|switch|else|do|catch)\b", head)
                   and not re.match(r"}\s*else", head))
        if not is_body:
            k += 1
            continue
        # Find the signature's first line: walk back while the previous
        # line doesn't end a statement or block.
        start = k
        while start > 0 and strip(lines[start - 1]).rstrip().endswith((",", "(")):
            start -= 1
        depth = 0
        end = k
        for end in range(k, len(lines)):
            s = strip(lines[end])
            depth += s.count("{") - s.count("}")
            if depth <= 0:
                break
        name = re.search(r"([\w:~]+)\s*\(", " ".join(strip(l) for l in lines[start:k + 1]))
        out.append((end - start + 1, start + 1, name.group(1) if name else "?"))
        k = end + 1 if depth <= 0 and not head.startswith(("[", "auto")) else k + 1
    return out


def main():
    args = sys.argv[1:]
    limit = 120
    if args[:1] == ["--max"]:
        limit = int(args[1])
        args = args[2:]
    found = 0
    for d in args:
        for path in sorted(Path(d).rglob("*")):
            if path.suffix not in (".cc", ".h"):
                continue
            for length, line, name in functions(path):
                if length > limit:
                    print(f"{path}:{line}: {name} is {length} lines (over {limit})")
                    found += 1
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

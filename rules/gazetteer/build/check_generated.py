#!/usr/bin/env python3
"""Validates gazetteer files and prints their counts per type and per source.

    check_generated.py OUT_DIR [MORE.tsv ...]

Checks every entry file in OUT_DIR (every *.tsv but name-parts.tsv) and the
extra files named (rules/gazetteer/core.tsv, a user file): UTF-8, LF line
ends, six tab-separated fields, an id with a prefix, unique across all the
files, a known type, a non-negative integer prior, a source, aliases with at
most one leading case marker (= or ~) and an optional trailing !, the
canonical name among them, no alias twice. name-parts.tsv: token, kind
(first|last), no line twice. Errors are printed as file:line: message; the
exit code is 1 when there is any. Python 3 standard library only.
"""

import collections
import os
import re
import sys
import unicodedata

TYPES = frozenset("PERSON ORG GPE LOC NORP FAC EVENT PRODUCT WORK LAW LANGUAGE".split())
ID_RE = re.compile(r"^[a-z][a-z0-9.@/-]*(?::[^\s|]+)+$")
MAX_ERRORS = 50


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


class Checker:
    def __init__(self):
        self.errors = []
        self.ids = {}
        self.types = collections.Counter()
        self.sources = collections.Counter()
        self.files = collections.Counter()
        self.marks = collections.Counter()
        self.aliases = 0
        self.name_parts = collections.Counter()

    def error(self, where, message):
        self.errors.append("%s: %s" % (where, message))

    def lines(self, path):
        with open(path, "rb") as f:
            data = f.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            self.error(path, "not UTF-8 (byte %d)" % e.start)
            return
        if "\r" in text:
            self.error(path, "CR found: line ends must be LF")
        if text and not text.endswith("\n"):
            self.error(path, "no newline at the end")
        for number, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
            if line.strip() and not line.startswith("#"):
                yield "%s:%d" % (path, number), line

    def check_entries(self, path):
        name = os.path.basename(path)
        for where, line in self.lines(path):
            fields = line.split("\t")
            if len(fields) != 6:
                self.error(where, "%d fields, want 6" % len(fields))
                continue
            id_, type_, canonical, prior, source, aliases = fields
            if not ID_RE.match(id_):
                self.error(where, "bad id %r (want prefix:id)" % id_)
            elif id_ in self.ids:
                self.error(where, "id %s already at %s" % (id_, self.ids[id_]))
            else:
                self.ids[id_] = where
            if type_ not in TYPES:
                self.error(where, "unknown type %r" % type_)
            if not canonical.strip() or canonical != canonical.strip():
                self.error(where, "empty canonical name or stray spaces")
            if not prior.isdigit():
                self.error(where, "prior %r is not a non-negative integer" % prior)
            if not source:
                self.error(where, "empty source")
            seen = set()
            keys = []
            for alias in aliases.split("|"):
                bare = alias
                if bare[:1] in "=~":
                    self.marks[bare[0]] += 1
                    bare = bare[1:]
                if bare.endswith("!"):
                    self.marks["!"] += 1
                    bare = bare[:-1]
                if not bare or bare != bare.strip() or bare[:1] in "=~" or "\t" in bare:
                    self.error(where, "bad alias %r" % alias)
                    continue
                key = fold(bare)
                if key in seen:
                    self.error(where, "alias %r twice" % alias)
                seen.add(key)
                keys.append(bare)
            if canonical not in keys:
                self.error(where, "canonical name %r is not among the aliases" % canonical)
            self.aliases += len(keys)
            self.types[type_] += 1
            self.sources[source] += 1
            self.files[name] += 1

    def check_name_parts(self, path):
        seen = set()
        for where, line in self.lines(path):
            fields = line.split("\t")
            if len(fields) != 2 or fields[1] not in ("first", "last") or not fields[0].strip():
                self.error(where, "want token<TAB>first|last")
                continue
            if tuple(fields) in seen:
                self.error(where, "line twice")
            seen.add(tuple(fields))
            self.name_parts[fields[1]] += 1

    def report(self):
        total = sum(self.types.values())
        print("entries: %d, aliases: %d (=%d exact case, ~%d any case, !%d common-word)" % (
            total, self.aliases, self.marks["="], self.marks["~"], self.marks["!"]))
        for title, counter in (("file", self.files), ("type", self.types), ("source", self.sources)):
            print("per %s:" % title)
            for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
                print("  %-50s %8d" % (key, n))
        print("name parts: %d first, %d last" % (self.name_parts["first"], self.name_parts["last"]))
        for e in self.errors[:MAX_ERRORS]:
            print("error: " + e, file=sys.stderr)
        if len(self.errors) > MAX_ERRORS:
            print("error: ... %d more" % (len(self.errors) - MAX_ERRORS), file=sys.stderr)
        print("%d errors" % len(self.errors))
        return 1 if self.errors else 0


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    checker = Checker()
    out_dir, extra = argv[0], argv[1:]
    names = sorted(n for n in os.listdir(out_dir) if n.endswith(".tsv"))
    if not names:
        checker.error(out_dir, "no .tsv files")
    for n in names:
        path = os.path.join(out_dir, n)
        if n == "name-parts.tsv":
            checker.check_name_parts(path)
        else:
            checker.check_entries(path)
    for path in extra:
        checker.check_entries(path)
    return checker.report()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

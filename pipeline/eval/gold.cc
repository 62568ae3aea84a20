#include "pipeline/eval/gold.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "pipeline/input.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "stages/core/iso_date.h"
#include "stages/core/strings.h"
#include "stages/core/utf8.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;

// Gold files and records are parsed with an explicit stack, not by
// recursion: a record carries its input's other fields, nested however deep.
constexpr unsigned kJsonFlags = rapidjson::kParseIterativeFlag;

// 1-based line of byte `pos` in `text`.
int LineAt(std::string_view text, size_t pos) {
  return 1 + std::count(text.begin(), text.begin() + std::min(pos, text.size()),
                        '\n');
}

// "invalid UTF-8 at column N" for the first ill-formed byte of `text`, N
// counted from the start of its line; "" when all of `text` is valid. The
// stages read well-formed UTF-8 only: a lead byte at the end of a text
// would send them past it.
std::string InvalidUtf8(std::string_view text) {
  const size_t bad = FindInvalidUtf8(text);
  if (bad == text.size()) return "";
  const size_t newline = text.rfind('\n', bad);
  const size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  return absl::StrCat("invalid UTF-8 at column ", bad - line_start + 1);
}

// Every regular file under `path` (or `path` itself) whose name ends with
// `suffix`, in name order.
std::vector<std::string> FilesUnder(const std::string& path,
                                    std::string_view suffix) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string p = it->path().string();
    if (it->is_regular_file(ec) && EndsWith(p, suffix)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

GoldDocument NewGold(std::string id, std::string text,
                     std::optional<absl::CivilDay> date, std::string source,
                     LayerSet layers) {
  GoldDocument gold;
  gold.doc = std::make_unique<Document>(std::move(id), std::move(text), date);
  gold.source = std::move(source);
  gold.layers = layers;
  return gold;
}

// --- timeml ------------------------------------------------------------

std::string_view Attribute(std::string_view tag, std::string_view name) {
  const std::string key = absl::StrCat(" ", std::string(name), "=\"");
  const size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  const size_t begin = at + key.size();
  const size_t end = tag.find('"', begin);
  if (end == std::string_view::npos) return {};
  return tag.substr(begin, end - begin);
}

// Appends the character an XML entity at `s` names; returns its length, or
// 0 when `s` is no entity we know.
size_t DecodeEntity(std::string_view s, std::string* out) {
  static const std::pair<std::string_view, char> kNamed[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
      {"&apos;", '\''}};
  for (const auto& [name, c] : kNamed) {
    if (StartsWith(s, name)) {
      out->push_back(c);
      return name.size();
    }
  }
  if (StartsWith(s, "&#")) {
    const size_t semi = s.find(';');
    if (semi == std::string_view::npos || semi > 12) return 0;
    uint32_t cp = 0;
    const bool hex = s.size() > 2 && (s[2] == 'x' || s[2] == 'X');
    const std::string digits(s.substr(hex ? 3 : 2, semi - (hex ? 3 : 2)));
    if (hex ? !absl::SimpleHexAtoi(digits, &cp) : !absl::SimpleAtoi(digits, &cp)) {
      return 0;
    }
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    return semi + 1;
  }
  return 0;
}

void ReadTimeml(const std::string& path, GoldSet* set) {
  absl::StatusOr<std::string> content = ReadWholeFile(path);
  if (!content.ok()) {
    set->errors.push_back(std::string(content.status().message()));
    return;
  }
  const std::string_view xml = *content;
  auto error = [&](size_t pos, std::string message) {
    set->errors.push_back(absl::StrCat(path, ":", LineAt(xml, pos), ": ", message));
  };

  std::optional<absl::CivilDay> date;
  const size_t dct = xml.find("<DCT>");
  if (dct != std::string_view::npos) {
    const size_t dct_end = xml.find("</DCT>", dct);
    const std::string_view value = Attribute(
        xml.substr(dct, dct_end == std::string_view::npos ? 0 : dct_end - dct),
        "value");
    date = ParseIsoDate(value);
    if (!date) {
      error(dct, absl::StrCat("<DCT> has no ISO date value: \"", std::string(value), "\""));
    } else if (!IsDocumentDate(*date)) {
      error(dct, absl::StrCat("<DCT> value \"", std::string(value),
                              "\" is not a document date (", kDocumentDateRange, ")"));
      date.reset();
    }
  }
  const size_t open = xml.find("<TEXT>");
  const size_t close = xml.find("</TEXT>");
  if (open == std::string_view::npos || close == std::string_view::npos ||
      close < open) {
    error(0, "no <TEXT>...</TEXT> element");
    return;
  }

  std::string text;
  std::vector<Timex> timexes;
  constexpr size_t kNone = std::string::npos;
  size_t timex_open = kNone;  // where the open TIMEX3 starts in text
  Timex pending;
  for (size_t i = open + 6; i < close;) {
    const char c = xml[i];
    if (c == '<') {
      const size_t end = xml.find('>', i);
      if (end == std::string_view::npos || end > close) {
        error(i, "unterminated tag");
        return;
      }
      const std::string_view tag = xml.substr(i + 1, end - i - 1);
      if (StartsWith(tag, "TIMEX3 ") || tag == "TIMEX3") {
        if (timex_open != kNone) {
          error(i, "TIMEX3 inside TIMEX3");
          return;
        }
        const auto type = ParseTimexType(Attribute(tag, "type"));
        if (!type) {
          error(i, absl::StrCat("TIMEX3 with unknown type \"",
                                std::string(Attribute(tag, "type")), "\""));
          return;
        }
        pending = Timex();
        pending.type = *type;
        pending.value = std::string(Attribute(tag, "value"));
        pending.mod = std::string(Attribute(tag, "mod"));
        timex_open = text.size();
      } else if (tag == "/TIMEX3") {
        if (timex_open == kNone) {
          error(i, "</TIMEX3> without <TIMEX3>");
          return;
        }
        pending.span = {static_cast<uint32_t>(timex_open),
                        static_cast<uint32_t>(text.size())};
        timexes.push_back(pending);
        timex_open = kNone;
      }
      i = end + 1;
    } else if (c == '&') {
      const size_t n = DecodeEntity(xml.substr(i, 16), &text);
      if (n == 0) {
        error(i, "unknown XML entity");
        return;
      }
      i += n;
    } else {
      text.push_back(c);
      ++i;
    }
  }
  if (timex_open != kNone) {
    error(close, "TIMEX3 not closed before </TEXT>");
    return;
  }
  const size_t bad = FindInvalidUtf8(text);
  if (bad != text.size()) {
    error(open, absl::StrCat("invalid UTF-8 in <TEXT> at byte ", bad));
    return;
  }
  GoldDocument gold = NewGold(fs::path(path).stem().string(), std::move(text),
                              date, path, Layers({Layer::kTimexes}));
  gold.doc->timexes() = std::move(timexes);
  set->documents.push_back(std::move(gold));
}

// --- conll -------------------------------------------------------------

void ReadConll(const std::string& path, GoldSet* set) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    set->errors.push_back(absl::StrCat(path, ": cannot open"));
    return;
  }
  std::string text;
  std::vector<Entity> entities;
  int doc_line = 1;
  bool sentence_open = false;
  std::string prev_type;  // type of the entity running on, or ""
  bool doc_bad = false;

  auto finish_doc = [&] {
    if (!doc_bad && !text.empty()) {
      GoldDocument gold =
          NewGold(absl::StrCat(fs::path(path).filename().string(), ":", doc_line),
                  std::move(text), std::nullopt,
                  absl::StrCat(path, ":", doc_line), Layers({Layer::kEntities}));
      gold.doc->entities() = std::move(entities);
      set->documents.push_back(std::move(gold));
    }
    text.clear();
    entities.clear();
    sentence_open = false;
    prev_type.clear();
    doc_bad = false;
  };

  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (StartsWith(line, "-DOCSTART-")) {
      finish_doc();
      doc_line = n;
      continue;
    }
    if (IsAsciiBlank(line)) {
      if (sentence_open) text.push_back('\n');
      sentence_open = false;
      prev_type.clear();
      continue;
    }
    if (const std::string bad = InvalidUtf8(line); !bad.empty()) {
      set->errors.push_back(absl::StrCat(path, ":", n, ": ", bad));
      doc_bad = true;
      continue;
    }
    std::vector<std::string> cols = absl::StrSplit(line, ' ', absl::SkipEmpty());
    const std::string& tag = cols.back();
    if (cols.size() < 2 ||
        !(tag == "O" || StartsWith(tag, "I-") || StartsWith(tag, "B-"))) {
      set->errors.push_back(absl::StrCat(
          path, ":", n, ": expected 'TOKEN ... TAG' with an IOB tag, got \"",
          line, "\""));
      doc_bad = true;
      continue;
    }
    if (sentence_open) text.push_back(' ');
    sentence_open = true;
    const uint32_t begin = text.size();
    text += cols[0];
    const uint32_t end = text.size();
    if (tag == "O") {
      prev_type.clear();
      continue;
    }
    const std::string type = tag.substr(2);
    if (tag[0] == 'I' && type == prev_type && !entities.empty()) {
      entities.back().span.end = end;  // continues the running entity
    } else {
      entities.push_back({{begin, end}, type, "", ""});
    }
    prev_type = type;
  }
  finish_doc();
}

// --- brat (PolNeAR) ------------------------------------------------------

struct BratSpan {
  std::string type;
  std::vector<Span> fragments;  // code points, as in the file
};

std::optional<absl::CivilDay> DateInName(std::string_view name) {
  for (size_t i = 0; i + 10 <= name.size(); ++i) {
    // A date a document may have: "0000-01-01" in a name is no date.
    auto day = ParseIsoDate(name.substr(i, 10));
    if (day && IsDocumentDate(*day)) return day;
  }
  return std::nullopt;
}

// One annotator file's attributions over `text` (whose code point -> byte
// offsets are `bytes`), sorted by cue; nullopt when the file is malformed,
// each problem reported as "file:line: message".
std::optional<std::vector<Attribution>> ReadBratAnnotations(
    const std::string& ann, const std::vector<uint32_t>& bytes, GoldSet* set) {
  const uint32_t length = bytes.size() - 1;
  std::ifstream in(ann, std::ios::binary);
  if (!in) {
    set->errors.push_back(absl::StrCat(ann, ": cannot open"));
    return std::nullopt;
  }
  std::map<std::string, BratSpan> spans;
  std::vector<Attribution> attributions;
  bool bad = false;
  auto error = [&](int n, std::string message) {
    set->errors.push_back(absl::StrCat(ann, ":", n, ": ", message));
    bad = true;
  };
  auto to_bytes = [&](Span cp) { return Span{bytes[cp.begin], bytes[cp.end]}; };
  // From the first character of any fragment to the last: brat lists a
  // span's fragments in any order (PolNeAR's contents often out of order).
  auto hull = [&](const BratSpan& s) {
    Span h = s.fragments.front();
    for (Span f : s.fragments) {
      h.begin = std::min(h.begin, f.begin);
      h.end = std::max(h.end, f.end);
    }
    return to_bytes(h);
  };
  // Two passes: an event line may name a span defined further down.
  std::vector<std::pair<int, std::string>> events;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    if (const std::string bad_utf8 = InvalidUtf8(line); !bad_utf8.empty()) {
      error(n, bad_utf8);
      continue;
    }
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    // An id is a letter and digits; a line without one continues the text
    // field of the line before (a span's text may hold a line break).
    const std::string& id = fields[0];
    if (id.size() < 2 || id.find_first_not_of("0123456789", 1) != std::string::npos) {
      continue;
    }
    if (line[0] == 'E') {
      events.emplace_back(n, line);
      continue;
    }
    if (line[0] != 'T') continue;
    if (fields.size() < 2) {
      error(n, "expected 'T<n>\\tTYPE START END[;START END]\\tTEXT'");
      continue;
    }
    const size_t space = fields[1].find(' ');
    BratSpan span;
    span.type = fields[1].substr(0, space);
    bool ok = space != std::string::npos;
    if (ok) {
      for (absl::string_view range : absl::StrSplit(fields[1].substr(space + 1), ';')) {
        std::vector<std::string> ends = absl::StrSplit(range, ' ');
        uint32_t b, e;
        if (ends.size() != 2 || !absl::SimpleAtoi(ends[0], &b) ||
            !absl::SimpleAtoi(ends[1], &e) || b > e || e > length) {
          ok = false;
          break;
        }
        span.fragments.push_back({b, e});
      }
    }
    if (!ok || span.fragments.empty()) {
      error(n, absl::StrCat("bad offsets in \"", fields[1], "\" (text has ", length,
                            " characters)"));
      continue;
    }
    spans[fields[0]] = std::move(span);
  }
  for (const auto& [n, event] : events) {
    std::vector<std::string> fields = absl::StrSplit(event, '\t');
    if (fields.size() < 2) {
      error(n, "expected 'E<n>\\tAttribution:T<n> ROLE:T<n> ...'");
      continue;
    }
    Attribution a;
    bool has_cue = false;
    std::optional<Span> trigger;
    for (absl::string_view arg : absl::StrSplit(fields[1], ' ', absl::SkipEmpty())) {
      const size_t colon = arg.find(':');
      const std::string role(arg.substr(0, colon));
      auto it = colon == absl::string_view::npos
                    ? spans.end()
                    : spans.find(std::string(arg.substr(colon + 1)));
      if (it == spans.end()) {
        error(n, absl::StrCat("unknown annotation \"", std::string(arg), "\""));
        break;
      }
      if (role == "Source") {
        a.source = hull(it->second);
      } else if (role == "Cue") {
        a.cue = hull(it->second);
        has_cue = true;
      } else if (StartsWith(role, "Content")) {  // also Content2, ...
        for (Span f : it->second.fragments) a.content.push_back(to_bytes(f));
      } else if (StartsWith(role, "Attribution")) {
        trigger = hull(it->second);
      }
    }
    if (!has_cue && trigger) a.cue = *trigger;
    attributions.push_back(std::move(a));
  }
  if (bad) return std::nullopt;
  std::stable_sort(attributions.begin(), attributions.end(),
                   [](const Attribution& x, const Attribution& y) {
                     return x.cue.begin < y.cue.begin;
                   });
  return attributions;
}

void ReadBrat(const std::string& dir, GoldSet* set) {
  const fs::path root(dir);
  // Annotator files per article, in name order.
  std::map<std::string, std::vector<std::string>> articles;
  for (const std::string& ann : FilesUnder((root / "attributions").string(), ".ann")) {
    const std::string stem = fs::path(ann).stem().string();
    const size_t underscore = stem.rfind('_');
    articles[underscore == std::string::npos ? stem : stem.substr(0, underscore)]
        .push_back(ann);
  }
  for (const auto& [article, files] : articles) {
    const std::string text_path = (root / "text" / (article + ".txt")).string();
    absl::StatusOr<std::string> text = ReadWholeFile(text_path);
    if (!text.ok()) {
      set->errors.push_back(absl::StrCat(files[0], ":1: no text file ", text_path));
      continue;
    }
    if (const std::string bad = InvalidUtf8(*text); !bad.empty()) {
      set->errors.push_back(absl::StrCat(
          text_path, ":", LineAt(*text, FindInvalidUtf8(*text)), ": ", bad));
      continue;
    }
    const std::vector<uint32_t> bytes = CodePointByteOffsets(*text);
    std::vector<std::vector<Attribution>> annotators;
    bool bad = false;
    for (const std::string& ann : files) {
      std::optional<std::vector<Attribution>> a = ReadBratAnnotations(ann, bytes, set);
      if (!a) bad = true;
      if (a) annotators.push_back(*std::move(a));
    }
    if (bad) continue;
    GoldDocument gold = NewGold(article, *std::move(text), DateInName(article),
                                files[0], Layers({Layer::kAttributions}));
    // The span metrics read the first annotator's file; the chunk metric, all.
    gold.doc->attributions() = annotators[0];
    gold.annotators = std::move(annotators);
    set->documents.push_back(std::move(gold));
  }
}

// --- sentences (Golden Rules JSON) --------------------------------------

void AddSentences(GoldDocument& gold, const std::vector<std::string>& segments,
                  GoldSet* set) {
  const std::string_view text = gold.doc->text();
  size_t from = 0;
  for (const std::string& segment : segments) {
    std::optional<Span> span = FindLoosely(text, from, segment);
    if (!span) {
      set->errors.push_back(absl::StrCat(gold.source, ": expected sentence \"",
                                         segment, "\" is not in the text"));
      return;
    }
    gold.doc->sentences().push_back({*span});
    from = span->end;
  }
}

void ReadGoldenRules(const std::string& path, GoldSet* set) {
  absl::StatusOr<std::string> content = ReadWholeFile(path);
  if (!content.ok()) {
    set->errors.push_back(std::string(content.status().message()));
    return;
  }
  rapidjson::Document d;
  d.Parse<kJsonFlags>(content->c_str());
  if (d.HasParseError()) {
    set->errors.push_back(absl::StrCat(
        path, ":", LineAt(*content, d.GetErrorOffset()), ": ",
        rapidjson::GetParseError_En(d.GetParseError())));
    return;
  }
  if (!d.IsObject() || !d.HasMember("cases") || !d["cases"].IsArray()) {
    set->errors.push_back(absl::StrCat(path, ":1: no \"cases\" array"));
    return;
  }
  int index = 0;
  for (const auto& c : d["cases"].GetArray()) {
    ++index;
    const std::string where = absl::StrCat(
        path, ": case ",
        c.IsObject() && c.HasMember("id") && c["id"].IsInt() ? c["id"].GetInt() : index);
    if (!c.IsObject() || !c.HasMember("text") || !c["text"].IsString() ||
        !c.HasMember("expected") || !c["expected"].IsArray()) {
      set->errors.push_back(absl::StrCat(where, ": needs \"text\" and \"expected\""));
      continue;
    }
    std::string text(c["text"].GetString(), c["text"].GetStringLength());
    if (FindInvalidUtf8(text) != text.size()) {
      set->errors.push_back(absl::StrCat(where, ": \"text\" is not valid UTF-8"));
      continue;
    }
    std::vector<std::string> expected;
    for (const auto& e : c["expected"].GetArray()) {
      if (e.IsString()) expected.emplace_back(e.GetString(), e.GetStringLength());
    }
    if (std::any_of(expected.begin(), expected.end(), [](const std::string& e) {
          return FindInvalidUtf8(e) != e.size();
        })) {
      set->errors.push_back(absl::StrCat(where, ": \"expected\" is not valid UTF-8"));
      continue;
    }
    GoldDocument gold = NewGold(absl::StrCat("case-", index), std::move(text),
                                std::nullopt, where, Layers({Layer::kSentences}));
    gold.in_pysbd_48 = c.HasMember("in_pysbd_48") && c["in_pysbd_48"].IsBool() &&
                       c["in_pysbd_48"].GetBool();
    AddSentences(gold, expected, set);
    gold.expected_segments = std::move(expected);
    set->documents.push_back(std::move(gold));
  }
}

// --- lines ---------------------------------------------------------------

void ReadLines(const std::string& path, GoldSet* set) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    set->errors.push_back(absl::StrCat(path, ": cannot open"));
    return;
  }
  std::string text;
  std::vector<Sentence> sentences;
  bool paragraph_break = false;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsAsciiBlank(line)) {
      paragraph_break = true;
      continue;
    }
    if (const std::string bad = InvalidUtf8(line); !bad.empty()) {
      set->errors.push_back(absl::StrCat(path, ":", n, ": ", bad));
      continue;  // the other lines still make a document
    }
    if (!text.empty()) text.push_back(paragraph_break ? '\n' : ' ');
    paragraph_break = false;
    const uint32_t begin = text.size();
    text += line;
    sentences.push_back({{begin, static_cast<uint32_t>(text.size())}});
  }
  if (text.empty()) return;
  GoldDocument gold = NewGold(fs::path(path).filename().string(), std::move(text),
                              std::nullopt, path, Layers({Layer::kSentences}));
  gold.doc->sentences() = std::move(sentences);
  set->documents.push_back(std::move(gold));
}

// --- jsonl (newsmark records) ----------------------------------------------

// Reads the span fields of `v` into `out` (bytes); false when malformed.
bool ReadSpan(const rapidjson::Value& v, const std::vector<uint32_t>& bytes,
              Span* out) {
  if (!v.IsObject() || !v.HasMember("start") || !v.HasMember("end") ||
      !v["start"].IsUint() || !v["end"].IsUint()) {
    return false;
  }
  const uint32_t b = v["start"].GetUint(), e = v["end"].GetUint();
  if (b > e || e >= bytes.size()) return false;
  *out = {bytes[b], bytes[e]};
  return true;
}

std::string StringField(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject() || !v.HasMember(name) || !v[name].IsString()) return "";
  return std::string(v[name].GetString(), v[name].GetStringLength());
}

// Fills `doc`'s layers from a record's "layers"; returns what is wrong.
std::string ReadRecordLayers(const rapidjson::Value& layers, Document* doc) {
  const std::vector<uint32_t> bytes = CodePointByteOffsets(doc->text());
  auto array = [&](const char* name) -> const rapidjson::Value* {
    return layers.HasMember(name) && layers[name].IsArray() ? &layers[name] : nullptr;
  };
  const rapidjson::Value* a;
  if ((a = array("blocks"))) {
    for (const auto& v : a->GetArray()) {
      Block b;
      auto kind = ParseBlockKind(StringField(v, "kind"));
      if (!ReadSpan(v, bytes, &b.span) || !kind) return "bad block";
      b.kind = *kind;
      doc->blocks().push_back(b);
    }
  }
  if ((a = array("sentences"))) {
    for (const auto& v : a->GetArray()) {
      Sentence s;
      if (!ReadSpan(v, bytes, &s.span)) return "bad sentence";
      doc->sentences().push_back(s);
    }
  }
  if ((a = array("timexes"))) {
    for (const auto& v : a->GetArray()) {
      Timex t;
      auto type = ParseTimexType(StringField(v, "type"));
      auto anchor = ParseTimexAnchor(StringField(v, "anchor"));
      if (!ReadSpan(v, bytes, &t.span) || !type) return "bad timex";
      t.type = *type;
      t.value = StringField(v, "value");
      t.mod = StringField(v, "mod");
      t.anchor = anchor.value_or(TimexAnchor::kAbsolute);
      doc->timexes().push_back(t);
    }
  }
  if ((a = array("entities"))) {
    for (const auto& v : a->GetArray()) {
      Entity e;
      if (!ReadSpan(v, bytes, &e.span)) return "bad entity";
      e.type = StringField(v, "type");
      e.id = StringField(v, "id");
      e.name = StringField(v, "name");
      doc->entities().push_back(e);
    }
  }
  if ((a = array("attributions"))) {
    for (const auto& v : a->GetArray()) {
      Attribution at;
      if (!v.IsObject() || !v.HasMember("cue") ||
          !ReadSpan(v["cue"], bytes, &at.cue)) {
        return "bad attribution";
      }
      if (v.HasMember("source") && v["source"].IsObject()) {
        Span s;
        if (!ReadSpan(v["source"], bytes, &s)) return "bad attribution source";
        at.source = s;
      }
      if (v.HasMember("content") && v["content"].IsArray()) {
        for (const auto& c : v["content"].GetArray()) {
          Span s;
          if (!ReadSpan(c, bytes, &s)) return "bad attribution content";
          at.content.push_back(s);
        }
      }
      doc->attributions().push_back(std::move(at));
    }
  }
  return "";
}

void ReadRecords(const std::string& path, GoldSet* set) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    set->errors.push_back(absl::StrCat(path, ": cannot open"));
    return;
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (IsAsciiBlank(line)) continue;
    auto error = [&](std::string message) {
      set->errors.push_back(absl::StrCat(path, ":", n, ": ", message));
    };
    if (const std::string bad = InvalidUtf8(line); !bad.empty()) {
      error(bad);
      continue;
    }
    rapidjson::Document r;
    r.Parse<kJsonFlags>(line.c_str());
    if (r.HasParseError()) {
      error(absl::StrCat("invalid JSON at column ", r.GetErrorOffset() + 1, ": ",
                         rapidjson::GetParseError_En(r.GetParseError())));
      continue;
    }
    if (!r.IsObject() || !r.HasMember("text") || !r["text"].IsString() ||
        !r.HasMember("layers") || !r["layers"].IsObject()) {
      error("not a newsmark record (needs \"text\" and \"layers\")");
      continue;
    }
    std::optional<absl::CivilDay> date;
    if (r.HasMember("date") && r["date"].IsString()) {
      date = ParseIsoDate(r["date"].GetString());
      if (date && !IsDocumentDate(*date)) {
        error(absl::StrCat("\"date\" is not a document date (", kDocumentDateRange, ")"));
        continue;
      }
    }
    // RapidJSON lets a lone low surrogate escape ("\udc00") through as
    // ill-formed UTF-8.
    std::string text(r["text"].GetString(), r["text"].GetStringLength());
    std::string id = StringField(r, "id");
    const char* ill_formed = FindInvalidUtf8(text) != text.size() ? "text"
                             : FindInvalidUtf8(id) != id.size()   ? "id"
                                                                  : nullptr;
    if (ill_formed != nullptr) {
      error(absl::StrCat("field '", ill_formed,
                         "' is not valid UTF-8 (a lone surrogate escape?)"));
      continue;
    }
    if (id.empty()) id = absl::StrCat(path, ":", n);
    GoldDocument gold = NewGold(id, std::move(text), date, absl::StrCat(path, ":", n),
                                LayerSet().set());
    const std::string problem = ReadRecordLayers(r["layers"], gold.doc.get());
    if (!problem.empty()) {
      error(problem);
      continue;
    }
    set->documents.push_back(std::move(gold));
  }
}

}  // namespace

absl::StatusOr<GoldFormat> ParseGoldFormat(std::string_view name) {
  for (GoldFormat f : {GoldFormat::kTimeml, GoldFormat::kConll, GoldFormat::kBrat,
                       GoldFormat::kSentences, GoldFormat::kLines,
                       GoldFormat::kJsonl}) {
    if (GoldFormatName(f) == name) return f;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown gold format '", std::string(name),
      "' (timeml, conll, brat, sentences, lines or jsonl)"));
}

std::string_view GoldFormatName(GoldFormat format) {
  switch (format) {
    case GoldFormat::kTimeml: return "timeml";
    case GoldFormat::kConll: return "conll";
    case GoldFormat::kBrat: return "brat";
    case GoldFormat::kSentences: return "sentences";
    case GoldFormat::kLines: return "lines";
    case GoldFormat::kJsonl: return "jsonl";
  }
  return "";
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<Span> FindLoosely(std::string_view text, size_t from,
                                std::string_view segment) {
  if (segment.empty()) return std::nullopt;
  for (size_t start = from; start < text.size(); ++start) {
    size_t i = start, j = 0;
    while (j < segment.size() && i < text.size()) {
      if (IsAsciiSpace(segment[j])) {
        if (!IsAsciiSpace(text[i])) break;
        while (j < segment.size() && IsAsciiSpace(segment[j])) ++j;
        while (i < text.size() && IsAsciiSpace(text[i])) ++i;
      } else if (text[i] == segment[j]) {
        ++i;
        ++j;
      } else {
        break;
      }
    }
    if (j == segment.size()) {
      return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(i)};
    }
  }
  return std::nullopt;
}

absl::StatusOr<GoldSet> ReadGold(const std::vector<std::string>& paths,
                                 GoldFormat format) {
  GoldSet set;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      return absl::NotFoundError(absl::StrCat(path, ": no such file or folder"));
    }
    switch (format) {
      case GoldFormat::kTimeml:
        for (const auto& f : FilesUnder(path, ".tml")) ReadTimeml(f, &set);
        break;
      case GoldFormat::kConll:
        for (const auto& f : FilesUnder(path, "")) ReadConll(f, &set);
        break;
      case GoldFormat::kBrat:
        if (!fs::is_directory(fs::path(path) / "attributions", ec)) {
          return absl::InvalidArgumentError(absl::StrCat(
              path, ": a brat gold folder needs attributions/ and text/"));
        }
        ReadBrat(path, &set);
        break;
      case GoldFormat::kSentences:
        ReadGoldenRules(path, &set);
        break;
      case GoldFormat::kLines:
        for (const auto& f : FilesUnder(path, "")) ReadLines(f, &set);
        break;
      case GoldFormat::kJsonl:
        for (const auto& f : FilesUnder(path, ".jsonl")) ReadRecords(f, &set);
        break;
    }
  }
  return set;
}

}  // namespace newsmark

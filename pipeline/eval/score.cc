#include "pipeline/eval/score.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "unicode/uchar.h"
#include "unicode/utf8.h"

#include "absl/strings/str_cat.h"
#include "stages/core/strings.h"

namespace newsmark {
namespace {

double Ratio(int64_t a, int64_t b) { return b == 0 ? 0.0 : double(a) / b; }

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// A span with a label, the unit every P/R/F1 metric compares.
struct Item {
  Span span;
  std::string label;  // type, kind or "" when only the extent counts
};

// Texts around a span for error dumps: «...before [span] after...».
std::string InContext(const Document& doc, Span span) {
  const std::string_view t = doc.text();
  const uint32_t from = span.begin > 40 ? span.begin - 40 : 0;
  const uint32_t to = std::min<uint32_t>(t.size(), span.end + 40);
  std::string out = absl::StrCat(
      "[", span.begin, ",", span.end, ") \"", std::string(doc.Text(span)),
      "\" in: ...", std::string(t.substr(from, span.begin - from)), "[[",
      std::string(doc.Text(span)), "]]",
      std::string(t.substr(span.end, to - span.end)), "...");
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

// Exact match: same extent and label, one to one.
void Exact(const std::vector<Item>& gold, const std::vector<Item>& system,
           MetricCounts& m, const Document& gold_doc, const std::string& what,
           ErrorLog* log) {
  std::multiset<std::tuple<uint32_t, uint32_t, std::string>> remaining;
  for (const Item& g : gold) remaining.insert({g.span.begin, g.span.end, g.label});
  m.gold += gold.size();
  m.system += system.size();
  std::vector<bool> matched_gold(gold.size(), false);
  for (const Item& s : system) {
    auto it = remaining.find({s.span.begin, s.span.end, s.label});
    if (it != remaining.end()) {
      remaining.erase(it);
      ++m.system_matched;
      ++m.gold_matched;
    } else if (log) {
      log->lines.push_back(absl::StrCat(what, " false positive ", s.label, " ",
                                        InContext(gold_doc, s.span)));
    }
  }
  if (log) {
    for (const auto& [b, e, label] : remaining) {
      log->lines.push_back(
          absl::StrCat(what, " missed ", label, " ", InContext(gold_doc, {b, e})));
    }
  }
}

// Relaxed match: any overlap with the same label. Precision counts system
// items that overlap some gold item; recall, gold items overlapped.
void Overlap(const std::vector<Item>& gold, const std::vector<Item>& system,
             MetricCounts& m) {
  m.gold += gold.size();
  m.system += system.size();
  for (const Item& s : system) {
    for (const Item& g : gold) {
      if (g.label == s.label && Overlaps(g.span, s.span)) {
        ++m.system_matched;
        break;
      }
    }
  }
  for (const Item& g : gold) {
    for (const Item& s : system) {
      if (g.label == s.label && Overlaps(g.span, s.span)) {
        ++m.gold_matched;
        break;
      }
    }
  }
}

std::vector<Item> Unlabelled(const std::vector<Item>& items) {
  std::vector<Item> out = items;
  for (Item& i : out) i.label.clear();
  return out;
}

std::vector<Item> WithLabel(const std::vector<Item>& items,
                            const std::string& label) {
  std::vector<Item> out;
  for (const Item& i : items) {
    if (i.label == label) out.push_back(i);
  }
  return out;
}

// --- sentences -----------------------------------------------------------

void ScoreSentences(const GoldDocument& gold, const Document& system,
                    Scoreboard* board, ErrorLog* log) {
  // Boundaries: where a sentence ends and another follows.
  auto boundaries = [](const Document& d) {
    std::vector<Item> out;
    const auto& s = d.sentences();
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      out.push_back({{s[i].span.end, s[i].span.end}, ""});
    }
    return out;
  };
  Exact(boundaries(*gold.doc), boundaries(system),
        board->Prf("sentences", "boundaries"), *gold.doc, "sentence end", log);
  if (gold.expected_segments.empty()) return;

  // Golden Rules cases: the segments must equal the expected ones. Spans keep
  // the original text, so white space runs are read as one space.
  std::vector<std::string> got, want;
  for (const Sentence& s : system.sentences()) {
    got.push_back(CollapseSpaces(system.Text(s.span)));
  }
  for (const std::string& e : gold.expected_segments) {
    want.push_back(CollapseSpaces(e));
  }
  const bool pass = got == want;
  for (const char* metric : {"cases", "cases_pysbd48"}) {
    if (std::string(metric) == "cases_pysbd48" && !gold.in_pysbd_48) continue;
    MetricCounts& m = board->Accuracy("sentences", metric);
    ++m.total;
    m.correct += pass;
  }
  if (!pass && log) {
    std::string line = absl::StrCat(gold.source, " failed; got:");
    for (const auto& g : got) absl::StrAppend(&line, "\n    | ", g);
    log->lines.push_back(line);
  }
}

// --- timexes ---------------------------------------------------------------

// TempEval-3's pairing: each gold timex, in text order, with the first system
// timex that overlaps it and is not yet paired (same label, where labels are
// set). Each timex is in one pair at most, so one system timex over two gold
// ones ("eight years from now" against "eight years" and "now") counts once.
// Returns, per gold item, the index of its system partner or -1.
std::vector<int> PairOneToOne(const std::vector<Item>& gold,
                              const std::vector<Item>& system) {
  std::vector<int> partner(gold.size(), -1);
  std::vector<bool> used(system.size(), false);
  for (size_t g = 0; g < gold.size(); ++g) {
    for (size_t s = 0; s < system.size(); ++s) {
      if (used[s] || gold[g].label != system[s].label ||
          !Overlaps(gold[g].span, system[s].span)) {
        continue;
      }
      used[s] = true;
      partner[g] = static_cast<int>(s);
      break;
    }
  }
  return partner;
}

// Relaxed P/R/F1 from a one-to-one pairing: matched pairs over each side.
int64_t CountPairs(const std::vector<int>& partner) {
  return std::count_if(partner.begin(), partner.end(), [](int p) { return p >= 0; });
}

void ScoreTimexes(const GoldDocument& gold, const Document& system,
                  Scoreboard* board, ErrorLog* log) {
  const std::vector<Timex>& gt = gold.doc->timexes();
  const std::vector<Timex>& st = system.timexes();
  std::vector<Item> g, s;
  for (const Timex& t : gt) g.push_back({t.span, std::string(TimexTypeName(t.type))});
  for (const Timex& t : st) s.push_back({t.span, std::string(TimexTypeName(t.type))});

  // As the TempEval-3 toolkit does: one pairing serves every metric. Relaxed
  // counts the pairs; strict, the pairs with the same extent; type and value
  // are accuracies over the pairs (their F1 is accuracy x relaxed F1).
  const std::vector<int> partner = PairOneToOne(Unlabelled(g), Unlabelled(s));
  const int64_t pairs = CountPairs(partner);
  MetricCounts& relaxed = board->Prf("timexes", "relaxed");
  MetricCounts& strict = board->Prf("timexes", "strict");
  MetricCounts& type = board->Accuracy("timexes", "type");
  MetricCounts& value = board->Accuracy("timexes", "value");
  for (MetricCounts* m : {&relaxed, &strict}) {
    m->gold += gt.size();
    m->system += st.size();
  }
  relaxed.gold_matched += pairs;
  relaxed.system_matched += pairs;
  std::vector<bool> paired(st.size(), false);
  for (size_t i = 0; i < gt.size(); ++i) {
    if (partner[i] < 0) {
      if (log) log->lines.push_back(absl::StrCat("timex missed ", g[i].label, " ",
                                                 InContext(*gold.doc, gt[i].span)));
      continue;
    }
    const Timex& sys = st[partner[i]];
    paired[partner[i]] = true;
    const bool same_extent = sys.span == gt[i].span;
    strict.gold_matched += same_extent;
    strict.system_matched += same_extent;
    ++type.total;
    ++value.total;
    type.correct += gt[i].type == sys.type;
    value.correct += gt[i].value == sys.value;
    if (!log) continue;
    if (!same_extent) {
      log->lines.push_back(absl::StrCat("timex extent ", InContext(*gold.doc, sys.span),
                                        " should be ",
                                        InContext(*gold.doc, gt[i].span)));
    }
    if (gt[i].value != sys.value) {
      log->lines.push_back(absl::StrCat("timex value ", sys.value, " should be ",
                                        gt[i].value, " ",
                                        InContext(*gold.doc, sys.span)));
    }
  }
  if (log) {
    for (size_t j = 0; j < st.size(); ++j) {
      if (!paired[j]) {
        log->lines.push_back(absl::StrCat("timex false positive ", s[j].label, " ",
                                          InContext(*gold.doc, st[j].span)));
      }
    }
  }
  for (const char* t : {"DATE", "TIME", "DURATION", "SET"}) {
    const std::vector<Item> gl = WithLabel(g, t), sl = WithLabel(s, t);
    const int64_t n = CountPairs(PairOneToOne(gl, sl));
    MetricCounts& m = board->Prf(absl::StrCat("timexes/", t), "relaxed");
    m.gold += gl.size();
    m.system += sl.size();
    m.gold_matched += n;
    m.system_matched += n;
  }
}

// --- entities ----------------------------------------------------------------

std::vector<Item> EntityItems(const Document& d, bool to_conll) {
  std::vector<Item> out;
  for (const Entity& e : d.entities()) {
    out.push_back({e.span, std::string(to_conll ? ConllType(e.type) : e.type)});
  }
  return out;
}

void ScoreEntities(const GoldDocument& gold, const Document& system,
                   GoldFormat format, Scoreboard* board, ErrorLog* log) {
  const bool conll = format == GoldFormat::kConll;
  const std::vector<Item> g = EntityItems(*gold.doc, false);
  const std::vector<Item> s = EntityItems(system, conll);
  Exact(g, s, board->Prf("entities", "exact"), *gold.doc, "entity", log);
  Overlap(Unlabelled(g), Unlabelled(s), board->Prf("entities", "overlap"));
  std::vector<std::string> types;
  if (conll) {
    types = {"PER", "ORG", "LOC", "MISC"};
  } else {
    std::set<std::string> seen;
    for (const Item& i : g) seen.insert(i.label);
    types.assign(seen.begin(), seen.end());
  }
  for (const std::string& t : types) {
    Exact(WithLabel(g, t), WithLabel(s, t),
          board->Prf(absl::StrCat("entities/", t), "exact"), *gold.doc, "", nullptr);
  }
  if (!conll) {
    // Linking: the id of entities found with the right extent and type.
    MetricCounts& ids = board->Accuracy("entities", "id");
    for (const Entity& ge : gold.doc->entities()) {
      for (const Entity& se : system.entities()) {
        if (se.span == ge.span && se.type == ge.type) {
          ++ids.total;
          ids.correct += se.id == ge.id;
          break;
        }
      }
    }
  }
}

// --- attribution chunks (comparable with CofeNet, COLING 2022) ------------
//
// CofeNet and the systems in its tables are scored on BIO tags over the
// tokens of each paragraph: a chunk is a run of tokens tagged with one role
// and begun by a B tag, and it counts when a chunk of the same role covers
// the same tokens. Spans are cut at paragraph ends, a span given twice (one
// source of several attributions) is one chunk, and every annotator file of
// an article is a set of paragraphs of its own. docs/eval.md has the details.

// The tokens of `unit`: runs of letters, digits and marks, joined across one
// '.', ',', '\'', U+2019 or '-' between two of them ("U.S", "1,500",
// "coal-fired", "don't"), but with a possessive "'s" apart; every other
// character that is not white space is a token by itself.
std::vector<Span> ChunkTokens(std::string_view text, Span unit) {
  auto word_char = [](UChar32 c) {
    return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
  };
  auto joiner = [](UChar32 c) {
    return c == '.' || c == ',' || c == '\'' || c == 0x2019 || c == '-';
  };
  auto next = [&](int32_t i, UChar32* c) {
    U8_NEXT(text.data(), i, static_cast<int32_t>(unit.end), *c);
    return i;
  };
  std::vector<Span> tokens;
  int32_t i = unit.begin;
  const int32_t end = unit.end;
  while (i < end) {
    UChar32 c;
    const int32_t after = next(i, &c);
    if (u_isUWhiteSpace(c) || c < 0) {
      i = after;
      continue;
    }
    int32_t stop = after;
    if (word_char(c)) {
      while (stop < end) {
        UChar32 d, e = -1;
        const int32_t after_d = next(stop, &d);
        if (word_char(d)) {
          stop = after_d;
          continue;
        }
        int32_t after_e = after_d;
        if (joiner(d) && after_d < end) after_e = next(after_d, &e);
        if (e < 0 || !word_char(e)) break;
        // A possessive is a token of its own, as in the Penn Treebank
        // tokens CofeNet's data has ("Obama" "'s").
        if ((d == '\'' || d == 0x2019) && (e == 's' || e == 'S')) {
          UChar32 f = -1;
          if (after_e < end) next(after_e, &f);
          if (f < 0 || !word_char(f)) break;
        }
        stop = after_d;
      }
    }
    tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(stop)});
    i = stop;
  }
  return tokens;
}

// A chunk: its role and the byte span from its first token to its last.
using Chunk = std::tuple<int, uint32_t, uint32_t>;
enum ChunkRole { kSourceRole, kCueRole, kContentRole, kRoleCount };

// The chunks the attributions' spans make over `units` (paragraphs, in order).
// Where spans overlap, the shorter is tagged over the longer (an attribution
// nested in another's content cuts that content), as BIO tags must.
std::set<Chunk> AttributionChunks(std::string_view text,
                                  const std::vector<Attribution>& attributions,
                                  const std::vector<Span>& units) {
  std::set<std::tuple<int, uint32_t, uint32_t>> spans;  // role, begin, end
  for (const Attribution& a : attributions) {
    if (a.source && !a.source->empty()) {
      spans.insert({kSourceRole, a.source->begin, a.source->end});
    }
    if (!a.cue.empty()) spans.insert({kCueRole, a.cue.begin, a.cue.end});
    for (Span c : a.content) {
      if (!c.empty()) spans.insert({kContentRole, c.begin, c.end});
    }
  }
  std::vector<std::tuple<int, uint32_t, uint32_t>> by_length(spans.begin(),
                                                             spans.end());
  std::stable_sort(by_length.begin(), by_length.end(), [](const auto& x, const auto& y) {
    return std::get<2>(x) - std::get<1>(x) > std::get<2>(y) - std::get<1>(y);
  });
  std::set<Chunk> chunks;
  for (Span unit : units) {
    const std::vector<Span> tokens = ChunkTokens(text, unit);
    std::vector<int> tag(tokens.size(), -1);  // index into by_length
    for (size_t k = 0; k < by_length.size(); ++k) {
      const Span span{std::get<1>(by_length[k]), std::get<2>(by_length[k])};
      if (!Overlaps(span, unit)) continue;
      for (size_t t = 0; t < tokens.size(); ++t) {
        if (Overlaps(tokens[t], span)) tag[t] = static_cast<int>(k);
      }
    }
    for (size_t t = 0; t < tokens.size();) {
      size_t u = t + 1;
      while (u < tokens.size() && tag[u] == tag[t]) ++u;
      if (tag[t] >= 0) {
        chunks.insert({std::get<0>(by_length[tag[t]]), tokens[t].begin,
                       tokens[u - 1].end});
      }
      t = u;
    }
  }
  return chunks;
}

// The units CofeNet tags: the text's lines that are not blank (PolNeAR's
// paragraphs, one a line; an instance of CofeNet's data may hold several
// sentences).
std::vector<Span> Paragraphs(std::string_view text) {
  std::vector<Span> out;
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    if (!IsAsciiBlank(text.substr(begin, end - begin))) {
      out.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
    }
    begin = end + 1;
  }
  return out;
}

void ScoreAttributionChunks(const GoldDocument& gold, const Document& system,
                            Scoreboard* board) {
  static constexpr const char* kLayers[kRoleCount] = {
      "attributions/source", "attributions/cue", "attributions/content"};
  const std::string_view text = gold.doc->text();
  const std::vector<Span> units = Paragraphs(text);
  const std::set<Chunk> found = AttributionChunks(text, system.attributions(), units);
  std::vector<const std::vector<Attribution>*> annotators;
  for (const auto& a : gold.annotators) annotators.push_back(&a);
  if (annotators.empty()) annotators.push_back(&gold.doc->attributions());
  for (const std::vector<Attribution>* annotated : annotators) {
    const std::set<Chunk> want = AttributionChunks(text, *annotated, units);
    for (int role = 0; role < kRoleCount; ++role) {
      MetricCounts& m = board->Prf(kLayers[role], "chunks");
      auto of_role = [&](const Chunk& c) { return std::get<0>(c) == role; };
      m.gold += std::count_if(want.begin(), want.end(), of_role);
      m.system += std::count_if(found.begin(), found.end(), of_role);
      for (const Chunk& c : want) {
        if (of_role(c) && found.count(c)) {
          ++m.gold_matched;
          ++m.system_matched;
        }
      }
    }
  }
}

// --- attributions --------------------------------------------------------------

void ScoreAttributions(const GoldDocument& gold, const Document& system,
                       Scoreboard* board, ErrorLog* log) {
  auto parts = [](const Document& d, const std::string& role) {
    std::vector<Item> out;
    for (const Attribution& a : d.attributions()) {
      if (role == "source" && a.source) out.push_back({*a.source, ""});
      if (role == "cue") out.push_back({a.cue, ""});
      if (role == "content") {
        for (Span c : a.content) out.push_back({c, ""});
      }
    }
    return out;
  };
  for (const std::string role : {"source", "cue", "content"}) {
    const std::vector<Item> g = parts(*gold.doc, role), s = parts(system, role);
    const std::string layer = absl::StrCat("attributions/", role);
    Exact(g, s, board->Prf(layer, "exact"), *gold.doc, role, log);
    Overlap(g, s, board->Prf(layer, "overlap"));
  }
  // Whole attributions: cue and content overlap, and the source overlaps
  // (or both have none).
  auto same = [](const Attribution& a, const Attribution& b) {
    if (!Overlaps(a.cue, b.cue)) return false;
    if (a.source.has_value() != b.source.has_value()) return false;
    if (a.source && !Overlaps(*a.source, *b.source)) return false;
    for (Span x : a.content) {
      for (Span y : b.content) {
        if (Overlaps(x, y)) return true;
      }
    }
    return a.content.empty() && b.content.empty();
  };
  ScoreAttributionChunks(gold, system, board);

  MetricCounts& m = board->Prf("attributions", "overlap");
  const auto& ga = gold.doc->attributions();
  const auto& sa = system.attributions();
  m.gold += ga.size();
  m.system += sa.size();
  for (const auto& s : sa) {
    m.system_matched += std::any_of(ga.begin(), ga.end(),
                                    [&](const Attribution& g) { return same(g, s); });
  }
  for (const auto& g : ga) {
    m.gold_matched += std::any_of(sa.begin(), sa.end(),
                                  [&](const Attribution& s) { return same(g, s); });
  }
}

// --- blocks ---------------------------------------------------------------------

void ScoreBlocks(const GoldDocument& gold, const Document& system,
                 Scoreboard* board, ErrorLog* log) {
  auto items = [](const Document& d) {
    std::vector<Item> out;
    for (const Block& b : d.blocks()) {
      out.push_back({b.span, std::string(BlockKindName(b.kind))});
    }
    return out;
  };
  Exact(items(*gold.doc), items(system), board->Prf("blocks", "exact"), *gold.doc,
        "block", log);
}

}  // namespace

double MetricCounts::precision() const { return Ratio(system_matched, system); }
double MetricCounts::recall() const { return Ratio(gold_matched, gold); }
double MetricCounts::f1() const {
  const double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
double MetricCounts::accuracy() const { return Ratio(correct, total); }

MetricCounts& Scoreboard::Row(const std::string& layer, const std::string& metric,
                              MetricCounts::Kind kind) {
  for (ScoreRow& row : rows_) {
    if (row.layer == layer && row.metric == metric) return row.counts;
  }
  rows_.push_back({layer, metric, MetricCounts()});
  rows_.back().counts.kind = kind;
  return rows_.back().counts;
}

MetricCounts& Scoreboard::Prf(const std::string& layer, const std::string& metric) {
  return Row(layer, metric, MetricCounts::Kind::kPrf);
}

MetricCounts& Scoreboard::Accuracy(const std::string& layer,
                                   const std::string& metric) {
  return Row(layer, metric, MetricCounts::Kind::kAccuracy);
}

const MetricCounts* Scoreboard::Find(const std::string& layer,
                                     const std::string& metric) const {
  for (const ScoreRow& row : rows_) {
    if (row.layer == layer && row.metric == metric) return &row.counts;
  }
  return nullptr;
}

std::string_view ConllType(std::string_view t) {
  if (t == "PER" || t == "ORG" || t == "LOC" || t == "MISC") return t;  // already
  if (t == "person") return "PER";
  if (t == "organization") return "ORG";
  if (t == "location" || t == "country" || t == "city" || t == "region") {
    return "LOC";
  }
  return "MISC";
}

void ScoreDocument(const GoldDocument& gold, const Document& system,
                   GoldFormat format, Scoreboard* board, ErrorLog* log) {
  if (gold.layers.test(static_cast<size_t>(Layer::kBlocks))) {
    ScoreBlocks(gold, system, board, log);
  }
  if (gold.layers.test(static_cast<size_t>(Layer::kSentences))) {
    ScoreSentences(gold, system, board, log);
  }
  if (gold.layers.test(static_cast<size_t>(Layer::kTimexes))) {
    ScoreTimexes(gold, system, board, log);
  }
  if (gold.layers.test(static_cast<size_t>(Layer::kEntities))) {
    ScoreEntities(gold, system, format, board, log);
  }
  if (gold.layers.test(static_cast<size_t>(Layer::kAttributions))) {
    ScoreAttributions(gold, system, board, log);
  }
}

}  // namespace newsmark

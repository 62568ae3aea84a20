#include "pipeline/eval/score.h"

#include <algorithm>
#include <map>
#include <set>

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

void ScoreTimexes(const GoldDocument& gold, const Document& system,
                  Scoreboard* board, ErrorLog* log) {
  std::vector<Item> g, s;
  for (const Timex& t : gold.doc->timexes()) {
    g.push_back({t.span, std::string(TimexTypeName(t.type))});
  }
  for (const Timex& t : system.timexes()) {
    s.push_back({t.span, std::string(TimexTypeName(t.type))});
  }
  Overlap(Unlabelled(g), Unlabelled(s), board->Prf("timexes", "relaxed"));
  Exact(Unlabelled(g), Unlabelled(s), board->Prf("timexes", "strict"), *gold.doc,
        "timex", log);
  // Type and value accuracy over relaxed matches, paired one to one: each
  // gold timex with the first overlapping system timex not yet paired.
  MetricCounts& type = board->Accuracy("timexes", "type");
  MetricCounts& value = board->Accuracy("timexes", "value");
  std::vector<bool> used(system.timexes().size(), false);
  for (const Timex& gt : gold.doc->timexes()) {
    for (size_t i = 0; i < system.timexes().size(); ++i) {
      const Timex& st = system.timexes()[i];
      if (used[i] || !Overlaps(gt.span, st.span)) continue;
      used[i] = true;
      ++type.total;
      ++value.total;
      type.correct += gt.type == st.type;
      value.correct += gt.value == st.value;
      if (gt.value != st.value && log) {
        log->lines.push_back(absl::StrCat("timex value ", st.value, " should be ",
                                          gt.value, " ",
                                          InContext(*gold.doc, st.span)));
      }
      break;
    }
  }
  for (const char* t : {"DATE", "TIME", "DURATION", "SET"}) {
    Overlap(WithLabel(g, t), WithLabel(s, t),
            board->Prf(absl::StrCat("timexes/", t), "relaxed"));
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

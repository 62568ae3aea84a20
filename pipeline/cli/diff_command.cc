// newsmark diff OLD.jsonl NEW.jsonl: what a change did to the annotations.

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "pipeline/cli/args.h"
#include "pipeline/cli/commands.h"
#include "pipeline/eval/gold.h"
#include "stages/core/utf8.h"

namespace newsmark {
namespace {

// One annotation as the diff sees it: where it is, and what it says.
struct Annotation {
  Span span;            // code points
  std::string text;
  std::string payload;  // type, value, ids...: "changed" when only this differs
};

std::string SpanText(Span cp) { return absl::StrCat("[", cp.begin, ",", cp.end, ")"); }

std::map<std::string, std::vector<Annotation>> Annotations(const Document& d) {
  const Utf8OffsetMap map(d.text());
  auto cp = [&](Span s) {
    return Span{static_cast<uint32_t>(map.ToCodePoint(s.begin)),
                static_cast<uint32_t>(map.ToCodePoint(s.end))};
  };
  auto add = [&](std::vector<Annotation>& out, Span s, std::string payload) {
    out.push_back({cp(s), std::string(d.Text(s)), std::move(payload)});
  };
  std::map<std::string, std::vector<Annotation>> layers;
  for (const Block& b : d.blocks()) add(layers["blocks"], b.span, std::string(BlockKindName(b.kind)));
  for (const Sentence& s : d.sentences()) add(layers["sentences"], s.span, "");
  for (const Timex& t : d.timexes()) {
    add(layers["timexes"], t.span,
        absl::StrCat(std::string(TimexTypeName(t.type)), " ", t.value,
                     t.mod.empty() ? "" : absl::StrCat(" mod=", t.mod), " anchor=",
                     std::string(TimexAnchorName(t.anchor))));
  }
  for (const Entity& e : d.entities()) {
    add(layers["entities"], e.span,
        absl::StrCat(e.type, " id=", e.id.empty() ? "null" : e.id, " name=", e.name));
  }
  for (const Attribution& a : d.attributions()) {
    std::string payload = absl::StrCat(
        "source=", a.source ? absl::StrCat(SpanText(cp(*a.source)), "\"",
                                           std::string(d.Text(*a.source)), "\"")
                            : "null",
        " content=");
    for (Span c : a.content) absl::StrAppend(&payload, SpanText(cp(c)));
    add(layers["attributions"], a.cue, payload);
  }
  return layers;
}

struct LayerCounts {
  int added = 0, removed = 0, changed = 0;
};

}  // namespace

int RunDiffCommand(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed =
      ParseArgs({{"help", 'h', false, "show this help"}}, args);
  if (!parsed.ok() || parsed->Has("help") || parsed->positional.size() != 2) {
    std::fprintf(parsed.ok() && parsed->Has("help") ? stdout : stderr,
                 "usage: newsmark diff OLD.jsonl NEW.jsonl\n\n"
                 "Per document (matched by id), the annotations NEW adds (+), "
                 "removes (-)\nand changes (~: same span, other type, value or "
                 "id), then counts per layer.\nOffsets are code points. Exit: "
                 "0 identical, 1 different, 2 usage error.\n");
    return parsed.ok() && parsed->Has("help") ? kExitOk : kExitUsage;
  }
  absl::StatusOr<GoldSet> old_set = ReadGold({parsed->positional[0]}, GoldFormat::kJsonl);
  absl::StatusOr<GoldSet> new_set = ReadGold({parsed->positional[1]}, GoldFormat::kJsonl);
  for (const auto* set : {&old_set, &new_set}) {
    if (!set->ok()) {
      std::fprintf(stderr, "newsmark diff: %s\n",
                   std::string(set->status().message()).c_str());
      return kExitUsage;
    }
    for (const std::string& e : (*set)->errors) {
      std::fprintf(stderr, "newsmark diff: %s\n", e.c_str());
    }
    if (!(*set)->errors.empty()) return kExitUsage;
  }

  const std::vector<GoldDocument>& new_documents = new_set->documents;
  std::map<std::string, const Document*> new_by_id;
  for (const GoldDocument& g : new_documents) new_by_id[g.doc->id()] = g.doc.get();
  std::map<std::string, bool> seen;
  std::set<const Document*> matched_by_position;
  std::map<std::string, LayerCounts> totals;
  int documents_changed = 0;
  bool different = false;
  std::string out;

  for (size_t i = 0; i < old_set->documents.size(); ++i) {
    const GoldDocument& g = old_set->documents[i];
    const std::string& id = g.doc->id();
    seen[id] = true;
    auto it = new_by_id.find(id);
    const Document* match = it == new_by_id.end() ? nullptr : it->second;
    // A record without an id is named by its file and line, which differ
    // between the two files: as `eval --system` does, it takes the document
    // at its own position when that one has the same text.
    if (match == nullptr && i < new_documents.size() &&
        new_documents[i].doc->text() == g.doc->text()) {
      match = new_documents[i].doc.get();
      matched_by_position.insert(match);
    }
    if (match == nullptr) {
      absl::StrAppend(&out, "== ", id, ": only in ", parsed->positional[0], "\n");
      different = true;
      continue;
    }
    const Document& old_doc = *g.doc;
    const Document& new_doc = *match;
    std::string lines;
    if (old_doc.text() != new_doc.text()) {
      absl::StrAppend(&lines, "  text differs\n");
    }
    auto old_layers = Annotations(old_doc);
    auto new_layers = Annotations(new_doc);
    for (const char* layer : {"blocks", "sentences", "timexes", "entities", "attributions"}) {
      // Pair annotations by span, in order; unpaired ones were added or removed.
      std::multimap<std::pair<uint32_t, uint32_t>, const Annotation*> remaining;
      for (const Annotation& a : new_layers[layer]) {
        remaining.insert({{a.span.begin, a.span.end}, &a});
      }
      LayerCounts& c = totals[layer];
      for (const Annotation& a : old_layers[layer]) {
        auto match = remaining.find({a.span.begin, a.span.end});
        if (match == remaining.end()) {
          absl::StrAppend(&lines, "  ", layer, " - ", SpanText(a.span), " \"", a.text,
                          "\" ", a.payload, "\n");
          ++c.removed;
          continue;
        }
        // Prefer an identical twin when spans repeat.
        for (auto m = match; m != remaining.end() && m->first == match->first; ++m) {
          if (m->second->payload == a.payload) {
            match = m;
            break;
          }
        }
        if (match->second->payload != a.payload) {
          absl::StrAppend(&lines, "  ", layer, " ~ ", SpanText(a.span), " \"", a.text,
                          "\" ", a.payload, " -> ", match->second->payload, "\n");
          ++c.changed;
        }
        remaining.erase(match);
      }
      for (const auto& [key, a] : remaining) {
        absl::StrAppend(&lines, "  ", layer, " + ", SpanText(a->span), " \"", a->text,
                        "\" ", a->payload, "\n");
        ++c.added;
      }
    }
    if (!lines.empty()) {
      absl::StrAppend(&out, "== ", id, "\n", lines);
      ++documents_changed;
      different = true;
    }
  }
  for (const GoldDocument& g : new_documents) {
    if (!seen.count(g.doc->id()) && !matched_by_position.count(g.doc.get())) {
      absl::StrAppend(&out, "== ", g.doc->id(), ": only in ", parsed->positional[1], "\n");
      different = true;
    }
  }
  absl::StrAppendFormat(&out, "%d of %d documents changed\n", documents_changed,
                        old_set->documents.size());
  for (const char* layer : {"blocks", "sentences", "timexes", "entities", "attributions"}) {
    const LayerCounts& c = totals[layer];
    absl::StrAppendFormat(&out, "%-13s +%d -%d ~%d\n", layer, c.added, c.removed,
                          c.changed);
  }
  std::fputs(out.c_str(), stdout);
  return different ? kExitInputErrors : kExitOk;
}

}  // namespace newsmark

#include "stages/dates/date_matcher.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace newsmark {
namespace date_internal {
namespace {

// What may stand right after the first required element of `cp`: the
// elements up to and including the next required one.
NextFilter NextFilterOf(const CompiledPattern& cp) {
  NextFilter filter;
  filter.may_end = true;
  int words = 0;
  auto add = [&](const Element& next) {
    if (next.is_category) {
      filter.categories |= uint64_t{1} << static_cast<int>(next.category);
      return;
    }
    if (next.word >= 0) filter.word_bits |= uint64_t{1} << (next.word % 64);
    if (words < 3) {
      filter.words[words++] = next.word;
    } else {
      filter.any_word = true;
    }
  };
  for (size_t k = cp.first_required + 1; k < cp.elements.size(); ++k) {
    const Element& next = cp.elements[k];
    add(next);
    if (!next.optional) {
      filter.may_end = false;
      break;
    }
  }
  // Where the pattern may end there, a "+X" after it must come next
  // ("+and DAY +. +,": a day after "and", then a period or a comma).
  if (filter.may_end && !cp.must_follow.empty()) {
    filter.may_end = false;
    for (const Element& e : cp.must_follow) add(e);
  }
  return filter;
}

}  // namespace

absl::StatusOr<std::unique_ptr<const DateMatcher>> DateMatcher::Compile(const DateRules& rules) {
  std::unique_ptr<DateMatcher> m(new DateMatcher());
  // Every word of the lexicon, and every literal of the patterns.
  for (const auto& [w, entries] : rules.lexicon()) m->Word(w).entries = &entries;
  m->CompilePatterns(rules);
  if (m->words_.size() > WordTable::kMaxWords) {
    return absl::InvalidArgumentError(absl::StrCat(
        "date rules: the lexicon and patterns name ", m->words_.size(),
        " words, more than the ", WordTable::kMaxWords, " the date matcher holds"));
  }
  m->BuildCandidates();
  m->BuildWordTables();
  return std::unique_ptr<const DateMatcher>(std::move(m));
}

WordInfo& DateMatcher::Word(const std::string& w) {
  auto [it, added] = words_.try_emplace(w);
  if (added) it->second.id = static_cast<int>(words_.size()) - 1;
  return it->second;
}

Element DateMatcher::CompileElement(const PatternElement& e) {
  Element c;
  c.is_category = e.is_category;
  c.category = e.category;
  c.optional = e.optional;
  if (!e.is_category) c.word = Word(e.literal).id;
  return c;
}

void DateMatcher::CompilePatterns(const DateRules& rules) {
  by_category_.resize(kCategoryCount);
  const auto& patterns = rules.patterns();
  for (int i = 0; i < static_cast<int>(patterns.size()); ++i) {
    CompiledPattern cp;
    for (const auto& e : patterns[i].elements) cp.elements.push_back(CompileElement(e));
    for (const auto& e : patterns[i].not_before) cp.not_before.push_back(CompileElement(e));
    for (const auto& e : patterns[i].not_after) cp.not_after.push_back(CompileElement(e));
    for (const auto& e : patterns[i].must_follow) cp.must_follow.push_back(CompileElement(e));
    for (const auto& e : patterns[i].must_precede) cp.must_precede.push_back(CompileElement(e));
    const auto& elements = patterns[i].elements;
    while (cp.first_required + 1 < elements.size() && elements[cp.first_required].optional) {
      ++cp.first_required;
    }
    const PatternElement& e = elements[cp.first_required];
    if (e.is_category) {
      by_category_[static_cast<int>(e.category)].push_back(i);
    } else {
      Word(e.literal).first_patterns.push_back(i);
    }
    next_filters_.push_back(NextFilterOf(cp));
    compiled_.push_back(std::move(cp));
  }
}

// The candidates of a word or number: `patterns` (those whose first
// required element is the word) and those of `categories`.
CandidateList DateMatcher::MergeCandidates(std::vector<int> patterns,
                                           const std::vector<DateCategory>& categories) const {
  for (DateCategory c : categories) {
    const auto& list = by_category_[static_cast<int>(c)];
    patterns.insert(patterns.end(), list.begin(), list.end());
  }
  std::sort(patterns.begin(), patterns.end());
  patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
  CandidateList out;
  for (int p : patterns) {
    const NextFilter& f = next_filters_[p];
    const CompiledPattern& cp = compiled_[p];
    out.reaches_back |= cp.first_required > 0;
    if (cp.first_required == 0 && !cp.must_precede.empty()) {
      CandidateList::Gated& g = out.gated;
      g.any = true;
      for (const Element& e : cp.must_precede) {
        if (e.is_category) {
          g.previous_categories |= uint64_t{1} << static_cast<int>(e.category);
        } else if (e.word >= 0) {
          g.previous_word_bits |= uint64_t{1} << (e.word % 64);
        }
      }
      g.any_next |= f.may_end;
      g.next_categories |= f.categories;
      g.next_word_bits |= f.word_bits;
    } else {
      out.any_next |= f.may_end;
      out.next_categories |= f.categories;
      out.next_word_bits |= f.word_bits;
    }
    if (f.categories == 0 && !f.may_end && !f.any_word) {
      for (int w : f.words) {
        if (w >= 0) out.by_next_word.emplace_back(w, p);
      }
    } else {
      out.general.push_back(p);
    }
  }
  AddFitSets(&out);
  std::sort(out.by_next_word.begin(), out.by_next_word.end());
  out.by_next_word.erase(std::unique(out.by_next_word.begin(), out.by_next_word.end()),
                         out.by_next_word.end());
  return out;
}

// Long lists get the sets of their patterns that each kind of next token
// fits, so that Longest need not test them one by one.
void DateMatcher::AddFitSets(CandidateList* list) const {
  constexpr size_t kFitSetsFrom = 8;
  CandidateList& out = *list;
  if (out.general.size() < kFitSetsFrom) return;
  const size_t words = (out.general.size() + 63) / 64;
  out.fit_words = words;
  out.fit.assign((1 + kCategoryCount + 64) * words, 0);
  for (size_t j = 0; j < out.general.size(); ++j) {
    const NextFilter& f = next_filters_[out.general[j]];
    const uint64_t bit = uint64_t{1} << (j % 64);
    const size_t k = j / 64;
    if (f.may_end) out.fit[k] |= bit;
    for (int c = 0; c < kCategoryCount; ++c) {
      if (f.categories >> c & 1) out.fit[(1 + c) * words + k] |= bit;
    }
    for (int w = 0; w < 64; ++w) {
      if (f.word_bits >> w & 1) out.fit[(1 + kCategoryCount + w) * words + k] |= bit;
    }
  }
}

// Candidates per word, in lower case and capitalized, and per set of
// number categories.
void DateMatcher::BuildCandidates() {
  for (auto& [w, info] : words_) {
    std::vector<DateCategory> lower, capitalized;
    if (info.entries != nullptr) {
      for (const LexiconEntry& e : *info.entries) {
        if (!e.lower_only) capitalized.push_back(e.category);
        if (!e.capitalized_only) lower.push_back(e.category);
      }
    }
    info.candidates = MergeCandidates(info.first_patterns, lower);
    info.capitalized_candidates = MergeCandidates(info.first_patterns, capitalized);
  }
  by_number_mask_.resize(kNumberMasks);
  for (int mask = 0; mask < kNumberMasks; ++mask) {
    std::vector<DateCategory> categories;
    for (size_t b = 0; b < std::size(kNumberCategories); ++b) {
      if (mask & (1 << b)) categories.push_back(kNumberCategories[b]);
    }
    by_number_mask_[mask] = MergeCandidates({}, categories);
  }
}

// What the tokenizer reads by word id: the words' categories and briefs,
// the word table, the ids of "'" and of one-byte marks. The map of words is
// complete: pointers into it stay valid from here on.
void DateMatcher::BuildWordTables() {
  word_by_id_.resize(words_.size());
  word_briefs_.resize(words_.size() + 1);  // [0]: unknown words
  word_categories_.resize(2 * words_.size());
  std::vector<std::string_view> names(words_.size());
  for (const auto& [w, info] : words_) {
    word_by_id_[info.id] = &info;
    names[info.id] = w;
    WordCategories& lower = word_categories_[2 * info.id];
    WordCategories& capitalized = word_categories_[2 * info.id + 1];
    if (info.entries != nullptr) {
      for (const LexiconEntry& e : *info.entries) {
        const uint64_t bit = uint64_t{1} << static_cast<int>(e.category);
        if (!e.lower_only) {
          capitalized.values.emplace_back(e.category, e.value);
          capitalized.mask |= bit;
        }
        if (!e.capitalized_only) {
          lower.values.emplace_back(e.category, e.value);
          lower.mask |= bit;
        }
      }
    }
    auto face = [](const WordCategories& w, bool starts) {
      return WordFace{w.values.data(), w.mask, static_cast<uint16_t>(w.values.size()), starts};
    };
    word_briefs_[info.id + 1] = {{face(lower, !info.candidates.empty()),
                                  face(capitalized, !info.capitalized_candidates.empty())}};
  }
  word_table_ = WordTable(names);
  static constexpr char kApostrophe[WordTable::kPadding + 1] = "'";
  apostrophe_ = word_table_.Find(std::string_view(kApostrophe, 1));
  for (int c = 0; c < static_cast<int>(ascii_marks_.size()); ++c) {
    const char mark[WordTable::kPadding + 1] = {static_cast<char>(c)};
    ascii_marks_[c] = word_table_.Find(std::string_view(mark, 1));
  }
}

}  // namespace date_internal
}  // namespace newsmark

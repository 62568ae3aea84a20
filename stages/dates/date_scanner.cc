// DateScanner's matching: the candidates at each token, the longest match
// among them, and leftmost-longest over the sentence (date_scanner.h).

#include <algorithm>
#include <limits>
#include <vector>

#include "stages/dates/date_scanner.h"
#include "stages/dates/date_stage.h"

namespace newsmark {
namespace date_internal {

thread_local DateScanner::Buffers DateScanner::buffers_;

void DateScanner::ForEachMatch(const Document& doc, DateMatcher::OnMatch on_match,
                               DateWork* work) {
  size_t cursor = 0;  // the first document token not before the sentence
  std::vector<Span> skip;  // boilerplate is not article text
  for (const Block& b : doc.blocks()) {
    if (b.kind == BlockKind::kBoilerplate) skip.push_back(b.span);
  }
  size_t next_skip = 0;  // blocks and sentences are both in text order
  for (const Sentence& s : doc.sentences()) {
    while (next_skip < skip.size() && skip[next_skip].end < s.span.end) ++next_skip;
    if (next_skip < skip.size() && s.span.begin >= skip[next_skip].begin) continue;
    MatchSentence(doc, s.span, &cursor, on_match);
  }
  if (work != nullptr) {
    work->tokens_made += tokens_made_;
    work->match_steps += match_steps_;
    work->most_tokens_held = std::max(work->most_tokens_held, most_tokens_held_);
  }
}

// A window's matches are those that start before its last kWindowAhead
// tokens, unless it is the sentence's last; the next window begins
// kWindowBehind tokens before the first token not yet passed, and matches
// from there. So each match is found with the same tokens before and
// after it that the whole sentence would give, and with the same `taken`
// (no match reaches back over one already taken).
void DateScanner::MatchSentence(const Document& doc, Span sentence, size_t* cursor,
                                DateMatcher::OnMatch on_match) {
  constexpr int kBehind = DateMatcher::kWindowBehind, kAhead = DateMatcher::kWindowAhead;
  static_assert(DateMatcher::kWindowTokens > 4 * (kBehind + kAhead),
                "a window must move on by more than its overlap");
  uint32_t begin = sentence.begin;
  int from = 0;
  for (;;) {
    const bool last = Tokenize(doc, begin, sentence.end, cursor, DateMatcher::kWindowTokens);
    const int n = static_cast<int>(tokens_.size());
    const int next = MatchWindow(from, last ? n : n - kAhead, on_match);
    if (last) return;
    const int back = std::max(1, next - kBehind);  // moves on, whatever the tokens
    begin = tokens_[back].begin;
    from = next - back;
  }
}

int DateScanner::MatchWindow(int from, int limit, DateMatcher::OnMatch on_match) {
  int taken = from;  // tokens before this belong to an earlier match
  std::vector<int> failed;  // patterns whose value failed at token i
  int i = from;
  while (i < limit) {
    const CandidateList* candidates = tokens_[i].starts_something ? Candidates(i) : nullptr;
    if (candidates == nullptr) {
      failed.clear();
      ++i;
      continue;
    }
    Match best = Longest(*candidates, i, taken, failed);
    if (best.pattern < 0) {
      failed.clear();
      ++i;
      continue;
    }
    // Leftmost-longest: a match whose first required word comes later
    // but whose optional words reach back as far ("the past few weeks"
    // over "the past") and which ends later wins, if its value holds.
    for (int j = i + 1; j < best.end; ++j) {
      if (!tokens_[j].starts_something) continue;
      const CandidateList* at_j = Candidates(j);
      if (at_j == nullptr || !at_j->reaches_back) continue;
      Match longer = Longest(*at_j, j, taken, {}, best.begin);
      if (longer.pattern < 0 || longer.begin > best.begin || longer.end <= best.end) continue;
      longer.tense = TenseAround(tokens_, longer.begin, longer.end);
      if (on_match(tokens_, longer)) {
        best.pattern = -1;
        failed.clear();
        i = taken = longer.end;
        break;
      }
    }
    if (best.pattern < 0) continue;
    // A match whose value fails ("February 30, 2020", "1998 EST" as a
    // clock time) gives way to the next best match at the same token,
    // then to matches that start after it.
    best.tense = TenseAround(tokens_, best.begin, best.end);
    if (!on_match(tokens_, best)) {
      failed.push_back(best.pattern);
      continue;
    }
    failed.clear();
    i = taken = best.end;
  }
  return i;
}

// Whether token t (null past the sentence) has one of `categories` or is
// a word with a bit in `word_bits` (bit word id % 64).
inline bool DateScanner::Fits(const Token* t, uint64_t categories, uint64_t word_bits) {
  return t != nullptr && ((t->category_mask & categories) != 0 ||
                          (t->word >= 0 && (word_bits >> (t->word % 64) & 1)));
}

// Can token t be the element after the first required one? A cheap test
// that spares most candidates the full match.
inline bool DateScanner::CanFollow(const NextFilter& f, const Token* t) {
  return f.may_end || Fits(t, f.categories, f.word_bits);
}

// Depth-first over optional elements: the longest way `p` matches from
// token `t`.
inline void DateScanner::MatchFrom(const CompiledPattern& p, size_t k, int t, int* best_end) {
  ++match_steps_;
  if (k == p.elements.size()) {
    if (t > *best_end) {
      *best_end = t;
      best_captures_ = captures_;
    }
    return;
  }
  const Element& e = p.elements[k];
  if (t < static_cast<int>(tokens_.size()) && Matches(e, tokens_[t])) {
    captures_[k] = t;
    MatchFrom(p, k + 1, t + 1, best_end);
    captures_[k] = -1;
  }
  if (e.optional) MatchFrom(p, k + 1, t, best_end);
}

// The patterns whose first required element token i can be, or null.
inline const CandidateList* DateScanner::CandidatesAt(int i) const {
  const Token& first = tokens_[i];
  if (first.word >= 0) {
    const WordInfo& info = *matcher_.word_by_id_[first.word];
    return first.capitalized ? &info.capitalized_candidates : &info.candidates;
  }
  if (first.category_count > 0) return &matcher_.by_number_mask_[NumberMask(first)];
  return nullptr;
}

// The patterns that may start at token i, or null when the token after
// it fits none of them: the test that spares most tokens the search.
inline const CandidateList* DateScanner::Candidates(int i) const {
  const CandidateList* candidates = CandidatesAt(i);
  if (candidates == nullptr || candidates->empty()) return nullptr;
  const Token* next = i + 1 < static_cast<int>(tokens_.size()) ? &tokens_[i + 1] : nullptr;
  const Token* previous = i > 0 ? &tokens_[i - 1] : nullptr;
  const CandidateList::Gated& gated = candidates->gated;
  if (!candidates->any_next &&
      !Fits(next, candidates->next_categories, candidates->next_word_bits) &&
      !(gated.any && Fits(previous, gated.previous_categories, gated.previous_word_bits) &&
        (gated.any_next || Fits(next, gated.next_categories, gated.next_word_bits)))) {
    return nullptr;  // whatever follows fits no candidate
  }
  return candidates;
}

// The longest match among `candidates`, those of token i (Candidates),
// whose first required element is token i, extended backwards over its
// leading optional elements as far as token `taken`; ties go to the
// longer extent, then to the earlier pattern. With `must_begin_by`, only
// matches that start at or before that token count, and the others are
// dropped before the costly forward match.
Match DateScanner::Longest(const CandidateList& candidates, int i, int taken,
                           const std::vector<int>& excluded, int must_begin_by) {
  Match best;
  const Token* next = i + 1 < static_cast<int>(tokens_.size()) ? &tokens_[i + 1] : nullptr;
  const int n = static_cast<int>(tokens_.size());
  // captures_ holds -1 everywhere between calls: MatchFrom restores
  // what it sets.
  auto any = [&](const std::vector<Element>& es, const Token& t) {
    return std::any_of(es.begin(), es.end(), [&](const Element& e) { return Matches(e, t); });
  };
  // The patterns in order: the general ones that the next token can
  // follow, merged with those indexed under the next token's word.
  const std::vector<int>& general = candidates.general;
  fitting_.clear();
  if (candidates.fit_words == 0) {
    for (int c : general) {
      if (CanFollow(matcher_.next_filters_[c], next)) fitting_.push_back(c);
    }
  } else {
    // A long list: the sets of those the next token's categories and
    // word fit, joined.
    const size_t words = candidates.fit_words;
    const uint64_t* sets = candidates.fit.data();
    for (size_t k = 0; k < words; ++k) {
      uint64_t bits = sets[k];
      if (next != nullptr) {
        for (uint64_t m = next->category_mask; m != 0; m &= m - 1) {
          bits |= sets[(1 + __builtin_ctzll(m)) * words + k];
        }
        if (next->word >= 0) bits |= sets[(1 + kCategoryCount + next->word % 64) * words + k];
      }
      for (; bits != 0; bits &= bits - 1) fitting_.push_back(general[64 * k + __builtin_ctzll(bits)]);
    }
  }
  const auto& indexed = candidates.by_next_word;
  auto b = indexed.end(), b_end = indexed.end();
  if (next != nullptr && next->word >= 0) {
    b = std::lower_bound(indexed.begin(), indexed.end(), std::make_pair(next->word, -1));
    b_end = b;
    while (b_end != indexed.end() && b_end->first == next->word) ++b_end;
  }
  auto a = fitting_.begin();
  while (a != fitting_.end() || b != b_end) {
    int c;
    if (b == b_end || (a != fitting_.end() && *a < b->second)) {
      c = *a++;
    } else {
      c = (b++)->second;
    }
    if (!excluded.empty() && std::find(excluded.begin(), excluded.end(), c) != excluded.end()) {
      continue;
    }
    ++match_steps_;
    const CompiledPattern& p = matcher_.compiled_[c];
    const size_t r = p.first_required;
    // Without optional words before it, the match starts at i: what must
    // come before is known now ("+for PLURAL").
    if (r == 0 && !p.must_precede.empty() &&
        (i == 0 || !any(p.must_precede, tokens_[i - 1]))) {
      continue;
    }
    if (must_begin_by < i) {
      if (static_cast<int>(r) < i - must_begin_by) continue;
      int reach = i;
      for (size_t k = r; k-- > 0;) {
        if (reach - 1 >= taken && Matches(p.elements[k], tokens_[reach - 1])) --reach;
      }
      if (reach > must_begin_by) continue;
    }
    int end = i;
    MatchFrom(p, r, i, &end);
    if (end == i || end < best.end) continue;
    int begin = i;
    for (size_t k = r; k-- > 0;) {
      if (begin - 1 >= taken && Matches(p.elements[k], tokens_[begin - 1])) {
        best_captures_[k] = --begin;
      } else {
        best_captures_[k] = -1;
      }
    }
    if (end == best.end && begin >= best.begin) continue;
    if (begin > 0 && any(p.not_before, tokens_[begin - 1])) continue;
    if (end < n && any(p.not_after, tokens_[end])) continue;
    if (!p.must_follow.empty() && (end >= n || !any(p.must_follow, tokens_[end]))) continue;
    // (Patterns without leading optional words were tested above.)
    if (r > 0 && !p.must_precede.empty() &&
        (begin == 0 || !any(p.must_precede, tokens_[begin - 1]))) {
      continue;
    }
    best.pattern = c;
    best.begin = begin;
    best.end = end;
    std::copy(best_captures_.begin(), best_captures_.begin() + p.elements.size(),
              best.captures.begin());
  }
  return best;
}

void DateMatcher::ForEachMatch(const Document& doc, OnMatch on_match, DateWork* work) const {
  DateScanner(*this).ForEachMatch(doc, on_match, work);
}

}  // namespace date_internal
}  // namespace newsmark

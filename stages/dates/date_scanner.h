// The scan of one document for DateMatcher (date_matcher.h): each sentence's
// tokens, read from the token layer, with the rules' word ids and
// categories, number words joined into one token ("twenty-five"), then the
// longest match at each token. The date tokens are made in date_tokenize.cc, the joining of number words in
// date_number_words.cc, the matching in date_scanner.cc. Internal to
// stages/dates/.
//
// A scanner lives for one document on one thread; its buffers are the
// thread's, kept from one document to the next.

#ifndef NEWSMARK_STAGES_DATES_DATE_SCANNER_H_
#define NEWSMARK_STAGES_DATES_DATE_SCANNER_H_

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/attributes.h"
#include "stages/document.h"
#include "stages/dates/date_matcher.h"
#include "stages/dates/date_token.h"

namespace newsmark {
namespace date_internal {

// Collects the categories of the tokens being cut.
using CategorySink = std::vector<CategoryValue>;

inline void AddCategory(CategorySink& sink, Token& t, DateCategory c, std::string_view value) {
  sink.emplace_back(c, value);
  ++t.category_count;
  t.category_mask |= uint64_t{1} << static_cast<int>(c);
}

class DateScanner {
 public:
  explicit DateScanner(const DateMatcher& matcher)
      : matcher_(matcher),
        tokens_(buffers_.tokens),
        categories_(buffers_.categories),
        captures_(buffers_.captures),
        best_captures_(buffers_.best_captures),
        fitting_(buffers_.fitting) {}

  // DateMatcher::ForEachMatch.
  void ForEachMatch(const Document& doc, DateMatcher::OnMatch on_match, DateWork* work);

 private:
  // Matches the sentence [begin, end), window by window.
  void MatchSentence(const Document& doc, Span sentence, size_t* cursor,
                     DateMatcher::OnMatch on_match);
  // Calls on_match for the matches that start in tokens [from, limit) of
  // the window; returns the token where the next window takes over (the
  // first not yet passed, at or after limit).
  int MatchWindow(int from, int limit, DateMatcher::OnMatch on_match);

  // --- date_tokenize.cc
  // The sentence's part [begin, end) of `doc` as date tokens: its tokens
  // from the token layer (*cursor: the first one not before `begin`, moved
  // on), a token over the sentence's edge cut again inside it, each with
  // the rules' word id and categories, and number words joined; at most
  // about `most` of them (the last few may be a number cut short of its
  // words). Returns whether it reached `end`.
  bool Tokenize(const Document& doc, uint32_t begin, uint32_t end, size_t* cursor, size_t most);
  // Adds the date token for `cut`.
  void AddToken(std::string_view text, const char* lower, const TextToken& cut);
  // The categories of the number token from text[t.begin] to `end`
  // ("1998", "3rd", "1990s", "1,250", "13.9"). Apart from Tokenize's loop,
  // which runs for every token and is faster without.
  ABSL_ATTRIBUTE_NOINLINE void NumberCategories(std::string_view text, uint32_t end, Token& t);

  // --- date_number_words.cc
  int WordNumber(size_t k) const;
  bool IsWordAt(size_t k, std::string_view w) const {
    return k < tokens_.size() && tokens_[k].lower() == w;
  }
  int SmallNumber(size_t k, size_t* end) const;
  int NumberWords(size_t k, size_t* end, bool* year) const;
  // Whether a joined number may start at token k: a cheap test that spares
  // most tokens the full reading ("a" is a number word).
  bool MayJoin(size_t k) const {
    const Token& t = tokens_[k];
    if (!t.Has(DateCategory::kNumber) || k + 1 >= tokens_.size()) return false;
    const Token& next = tokens_[k + 1];
    const char c = next.lower()[0];  // tested first: most words fail on it
    if (c == 'a' && next.lower() == "and") return true;
    if (t.word < 0) return c == '1' && next.lower().size() == 1;  // digits: "2 1/2"
    return (next.word >= 0 && next.Has(DateCategory::kNumber)) || (c == '-' && next.lower().size() == 1) ||
           (c == 'h' && next.lower() == "hundred") || (c == 't' && next.lower() == "thousand");
  }
  int WithHalf(size_t k, size_t* end) const;
  void JoinNumberWords(size_t first);

  // --- date_scanner.cc
  bool Matches(const Element& e, const Token& t) const {
    if (e.is_category) return t.Has(e.category);
    return t.word == e.word;
  }
  static bool Fits(const Token* t, uint64_t categories, uint64_t word_bits);
  static bool CanFollow(const NextFilter& f, const Token* t);
  void MatchFrom(const CompiledPattern& p, size_t k, int t, int* best_end);
  const CandidateList* CandidatesAt(int i) const;
  const CandidateList* Candidates(int i) const;
  Match Longest(const CandidateList& candidates, int i, int taken,
                const std::vector<int>& excluded,
                int must_begin_by = std::numeric_limits<int>::max());

  // Buffers kept per thread from one document to the next: no allocation
  // per document once they have grown.
  struct Buffers {
    std::vector<Token> tokens;
    CategorySink categories;
    // The token of each element, -1 for none: the match being tried, and
    // the longest so far (copied whole, 64 bytes, when it changes).
    using Captures = std::array<int, kMaxPatternElements>;
    Captures captures = [] {
      Captures c;
      c.fill(-1);
      return c;
    }();
    Captures best_captures{};
    std::vector<int> fitting;  // Longest's candidates that the next token fits
  };
  static thread_local Buffers buffers_;

  const DateMatcher& matcher_;
  std::vector<Token>& tokens_;
  CategorySink& categories_;
  // Tokenize's state while it adds tokens.
  size_t join_from_ = SIZE_MAX;     // where number words may join; none yet
  size_t numbers_from_ = SIZE_MAX;  // the first token with categories of its own making
  bool previous_number_ = false;    // the token before has category NUMBER
  // What it did, counted as it goes (DateWork).
  uint64_t tokens_made_ = 0, match_steps_ = 0, most_tokens_held_ = 0;
  Buffers::Captures& captures_;
  Buffers::Captures& best_captures_;
  std::vector<int>& fitting_;
};

}  // namespace date_internal
}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_SCANNER_H_

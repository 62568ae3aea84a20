#include "stages/dates/date_token.h"

#include "stages/core/strings.h"

namespace newsmark {
namespace date_internal {
namespace {

// The tense a token says by itself: a lexicon TENSE word ("will", "said"),
// or a regular past form ("announced", "closed"); a past form after "be",
// "is" or "are" is a passive's participle ("to be completed", "will be
// paid", "are agreed") and says none. A verb in the base form ("meet", "resume") is left to TenseOf. A
// verb that moves a date ("postponed") points ahead to the date after it
// ("postponed until Tuesday") and is a past form to one before it ("On
// Tuesday the company postponed the vote"): `after` says which.
Tense OwnTense(const std::vector<Token>& tokens, int k, bool after) {
  const Token& t = tokens[k];
  if (t.Has(DateCategory::kTense)) {
    const std::string_view v = *t.Value(DateCategory::kTense);
    if (v == "future" || (v == "moves" && !after)) return Tense::kFuture;
    if (v == "base") return Tense::kUnknown;
  } else {
    const std::string_view w = t.lower();
    // "-ed", but not "-eed" (need, speed) nor a few adjectives and numbers.
    const size_t n = w.size();
    if (n < 5 || w[n - 1] != 'd' || w[n - 2] != 'e' || w[n - 3] == 'e' || !IsAsciiLetter(w[0]) ||
        w == "hundred" || w == "united" || w == "kindred" || w == "sacred") {
      return Tense::kUnknown;
    }
  }
  // A past form after "be", or after "is" and "are" (present), is a
  // passive's participle, also with an adverb between ("will be formally
  // introduced", "if the rules are agreed by Friday").
  auto be = [&](int j) {
    if (j < 0) return false;
    const std::string_view w = tokens[j].lower();
    return w == "be" || w == "being" || w == "is" || w == "are";
  };
  const bool adverb = k > 1 && EndsWith(tokens[k - 1].lower(), "ly");
  const bool passive = be(k - 1) || (adverb && be(k - 2));
  return passive ? Tense::kUnknown : Tense::kPast;
}

// The tense token k says. A verb in the base form takes the tense of a
// word up to three before it ("did not meet", "failed to resume", "will
// meet"); alone ("talks resume Monday", "to attend in June") it looks
// ahead.
Tense TenseOf(const std::vector<Token>& tokens, int k, bool after) {
  const Token& t = tokens[k];
  if (!t.Has(DateCategory::kTense) || *t.Value(DateCategory::kTense) != "base") {
    return OwnTense(tokens, k, after);
  }
  for (int j = k - 1; j >= 0 && j >= k - 3; --j) {
    if (const Tense before = OwnTense(tokens, j, after); before != Tense::kUnknown) return before;
  }
  return Tense::kFuture;
}

}  // namespace

// The tense around tokens [begin, end): the nearest token that says one,
// within six tokens and the clause (a semicolon ends it), looking back
// first, then ahead. A DIRECTION word right before the expression (also
// inside "as ... as": "as early as Tuesday") decides alone when it is
// only-past, only-future ("since March") or nearest ("effective June 1"),
// and otherwise stands in when no word says a tense ("the offer runs until
// March" looks ahead, "he was chief until March" back). A MOD right before
// is not one ("early Tuesday").
Tense TenseAround(const std::vector<Token>& tokens, int begin, int end) {
  Tense direction = Tense::kUnknown;
  if (begin > 0) {
    const Token* word = &tokens[begin - 1];
    if (begin >= 3 && word->lower() == "as" && tokens[begin - 3].lower() == "as") {
      word = &tokens[begin - 2];
    } else if (word->Has(DateCategory::kMod)) {
      word = nullptr;
    }
    if (word != nullptr && word->Has(DateCategory::kDirection)) {
      const std::string_view v = *word->Value(DateCategory::kDirection);
      if (v == "only-future") return Tense::kOnlyFuture;
      if (v == "only-past") return Tense::kOnlyPast;
      if (v == "nearest") return Tense::kNearest;
      direction = v == "future" ? Tense::kFuture : Tense::kPast;
    }
  }
  constexpr int kWindow = 6;
  for (int k = begin - 1; k >= 0 && k >= begin - kWindow && tokens[k].lower() != ";"; --k) {
    if (const Tense t = TenseOf(tokens, k, false); t != Tense::kUnknown) return t;
  }
  // A fronted adverbial ("On Tuesday, the league plans to...") belongs to
  // the verb after the subject, which may be long.
  constexpr int kFrontedWindow = 16;
  const bool fronted = begin <= 1 && end < static_cast<int>(tokens.size()) &&
                       tokens[end].lower() == ",";
  const int ahead = fronted ? kFrontedWindow : kWindow;
  for (int k = end; k < static_cast<int>(tokens.size()) && k < end + ahead &&
                    tokens[k].lower() != ";";
       ++k) {
    if (const Tense t = TenseOf(tokens, k, true); t != Tense::kUnknown) return t;
  }
  return direction;
}

}  // namespace date_internal
}  // namespace newsmark

#include "stages/dates/date_token.h"

#include "stages/core/strings.h"

namespace newsmark {
namespace date_internal {
namespace {

// The expression whose tense is sought: tokens [begin, end).
struct Expression {
  int begin, end;
};

// What a word says about the expression's time, and whether it is a verb
// of saying ("said", "told"), which tells when a report was made rather
// than when its news happens.
struct Cue {
  Tense tense = Tense::kUnknown;
  bool report = false;
  bool before = false;  // the word stands before the expression
};

// Whether the word right before the expression names a date moved to:
// "postponed until Tuesday", "delayed to March", "extended through April
// 30", "deferred until after July 1".
bool MovesTo(const std::vector<Token>& tokens, Expression e) {
  if (e.begin == 0) return false;
  const std::string_view w = tokens[e.begin - 1].lower();
  if (w == "after" && e.begin >= 2) {
    const std::string_view before = tokens[e.begin - 2].lower();
    return before == "until" || before == "till";
  }
  return w == "until" || w == "till" || w == "to" || w == "by" || w == "for" || w == "into" ||
         w == "through" || w == "beyond" || w == "past";
}

// The tense a token says by itself: a lexicon TENSE word ("will", "said"),
// or a regular past form ("announced", "closed"); a past form after "be",
// "is" or "are" is a passive's participle ("to be completed", "will be
// paid", "are agreed") and says none, and so is one joined by a hyphen
// ("state-owned"). A verb in the base form ("meet", "resume") is left to
// TenseOf. Lexicon values beyond past, future and base:
//   moves     a verb that moves a date ("postponed") points ahead to the
//             date it moves to ("postponed until Tuesday") and is a past
//             form otherwise ("were delayed in January");
//   report    a verb of saying, past ("said");
//   trailing  a noun that points ahead only right after the expression
//             ("June delivery", "for April/May shipment") or after "for"
//             before it ("for delivery between May 10 and October 10"),
//             not elsewhere ("after the shipment on Monday", "its last
//             delivery in January").
Cue OwnTense(const std::vector<Token>& tokens, int k, Expression e) {
  const Token& t = tokens[k];
  bool report = false;
  if (t.Has(DateCategory::kTense)) {
    const std::string_view v = *t.Value(DateCategory::kTense);
    if (v == "future") return {Tense::kFuture};
    if (v == "moves" && k < e.begin && MovesTo(tokens, e)) return {Tense::kFuture};
    if (v == "trailing") {
      // "for November 25-December 10 delivery", "for (export) delivery
      // between May 10 and October 10", "for July/August shipment or
      // arrival in September".
      bool for_before = false;
      for (int j = k - 1; j >= 0 && j >= k - 4 && k < e.begin; --j) {
        for_before |= tokens[j].lower() == "for";
      }
      const bool right_after = k >= e.end && k - e.end <= 4;
      return {right_after || for_before ? Tense::kFuture : Tense::kUnknown};
    }
    if (v == "base") return {};
    report = v == "report";
  } else {
    const std::string_view w = t.lower();
    // "-ed", but not "-eed" (need, speed) nor a few adjectives and numbers.
    const size_t n = w.size();
    if (n < 5 || w[n - 1] != 'd' || w[n - 2] != 'e' || w[n - 3] == 'e' || !IsAsciiLetter(w[0]) ||
        w == "hundred" || w == "united" || w == "kindred" || w == "sacred") {
      return {};
    }
    if (k > 0 && tokens[k - 1].lower() == "-" && tokens[k - 1].end == t.begin) return {};
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
  if (passive) return {};
  return {Tense::kPast, report};
}

// The tense token k says. A verb in the base form takes the tense of a
// word up to three before it ("did not meet", "failed to resume", "will
// meet"); alone ("talks resume Monday", "to attend in June") it looks
// ahead.
Cue TenseOf(const std::vector<Token>& tokens, int k, Expression e) {
  const Token& t = tokens[k];
  if (!t.Has(DateCategory::kTense) || *t.Value(DateCategory::kTense) != "base") {
    return OwnTense(tokens, k, e);
  }
  for (int j = k - 1; j >= 0 && j >= k - 3; --j) {
    if (const Cue before = OwnTense(tokens, j, e); before.tense != Tense::kUnknown) return before;
  }
  return {Tense::kFuture};
}

// The nearest token that says a tense, within six tokens and the clause
// (a semicolon ends it), looking back first, then ahead; a fronted
// adverbial ("On Tuesday, the league plans to...") belongs to the verb
// after the subject, which may be long.
Cue NearestCue(const std::vector<Token>& tokens, Expression e) {
  constexpr int kWindow = 6;
  for (int k = e.begin - 1; k >= 0 && k >= e.begin - kWindow && tokens[k].lower() != ";"; --k) {
    if (Cue c = TenseOf(tokens, k, e); c.tense != Tense::kUnknown) {
      c.before = true;
      return c;
    }
  }
  constexpr int kFrontedWindow = 16;
  const bool fronted = e.begin <= 1 && e.end < static_cast<int>(tokens.size()) &&
                       tokens[e.end].lower() == ",";
  const int ahead = fronted ? kFrontedWindow : kWindow;
  for (int k = e.end; k < static_cast<int>(tokens.size()) && k < e.end + ahead &&
                    tokens[k].lower() != ";";
       ++k) {
    if (const Cue c = TenseOf(tokens, k, e); c.tense != Tense::kUnknown) return c;
  }
  return {};
}

}  // namespace

// The tense around tokens [begin, end): that of the nearest word that says
// one (NearestCue). A DIRECTION word right before the expression (also
// inside "as ... as": "as early as Tuesday") decides alone when it is
// only-past or only-future ("since March"), and otherwise stands in when
// no word says a tense ("the offer runs until March" looks ahead, "he was
// chief until March" back). "nearest" ("effective June 1") lets a future
// word before it decide ("will be effective Monday"; not one after it:
// "the change, effective January 1, will reflect"), and otherwise takes
// the nearer side: evenly after a past verb ("prices were cut effective
// January"), a past candidate counting twice after a verb of saying or
// none ("said effective April 23"). A MOD right before is not a DIRECTION
// word ("early Tuesday").
Tense TenseAround(const std::vector<Token>& tokens, int begin, int end) {
  Tense direction = Tense::kUnknown;
  bool nearest = false;
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
      nearest = v == "nearest";
      direction = v == "future" ? Tense::kFuture : Tense::kPast;
    }
  }
  const Cue cue = NearestCue(tokens, {begin, end});
  if (nearest) {
    if (cue.tense == Tense::kFuture && cue.before) return Tense::kFuture;
    return cue.tense == Tense::kPast && !cue.report ? Tense::kNearest : Tense::kNearestAhead;
  }
  return cue.tense != Tense::kUnknown ? cue.tense : direction;
}

}  // namespace date_internal
}  // namespace newsmark

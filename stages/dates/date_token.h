// The date stage's tokens and matches, and the tense around a match:
// what the matcher, the value functions and the tense rules share. Internal
// to stages/dates/.

#ifndef NEWSMARK_STAGES_DATES_DATE_TOKEN_H_
#define NEWSMARK_STAGES_DATES_DATE_TOKEN_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "stages/dates/date_rules.h"

namespace newsmark {
namespace date_internal {

using CategoryValue = std::pair<DateCategory, std::string_view>;

// A token of a sentence. Trivially copyable, and packed (48 bytes): a
// word's categories are the word's own (DateStage::WordCategories); a
// number's live in one array per sentence (Matcher::categories_), which
// `categories` points into once the sentence is cut.
struct Token {
  uint32_t begin = 0, end = 0;
  const char* lower_data = nullptr;  // lower-cased text, valid for the sentence
  const CategoryValue* categories = nullptr;
  uint64_t category_mask = 0;  // bit c set when the token has category c
  int word = -1;               // the rules' word id, -1 when unknown
  uint32_t first_category = 0;
  uint16_t category_count = 0;
  bool capitalized = false;
  bool starts_something = false;  // some pattern may start here

  std::string_view lower() const { return {lower_data, end - begin}; }

  bool Has(DateCategory c) const { return category_mask >> static_cast<int>(c) & 1; }

  const std::string_view* Value(DateCategory c) const {
    for (uint32_t k = 0; k < category_count; ++k) {
      if (categories[k].first == c) return &categories[k].second;
    }
    return nullptr;
  }
};

// The tense around an expression: said by a tense word nearby, or fixed
// by a DIRECTION word right before it ("since", "until"), or not known.
// After "effective" either side may be meant: the nearer one, evenly
// (kNearest) or with a past candidate's distance counted twice
// (kNearestAhead; see NearestYear).
enum class Tense { kUnknown, kPast, kFuture, kOnlyPast, kOnlyFuture, kNearest, kNearestAhead };

struct Match {
  int pattern = -1;
  int begin = 0, end = 0;  // tokens
  std::array<int, kMaxPatternElements> captures;  // token of each element, or -1
  Tense tense = Tense::kUnknown;
};

// The tense around tokens [begin, end) of a sentence (see date_tense.cc).
Tense TenseAround(const std::vector<Token>& tokens, int begin, int end);

}  // namespace date_internal
}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_TOKEN_H_

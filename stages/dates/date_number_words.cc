// Number words joined into one token: DateScanner::JoinNumberWords and
// its readers (date_scanner.h).

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "stages/core/strings.h"
#include "stages/dates/date_scanner.h"

namespace newsmark {
namespace date_internal {
namespace {

// "0" to "9999", and "0.5" to "99.5", as text that lives as long as the
// program: the values of numbers joined from several tokens.
constexpr int kNumberTexts = 10000, kHalfTexts = 100;
std::string_view NumberText(int n, bool half = false) {
  static const std::vector<std::string>* const kTexts = [] {
    auto* texts = new std::vector<std::string>();
    for (int i = 0; i < kNumberTexts; ++i) texts->push_back(std::to_string(i));
    for (int i = 0; i < kHalfTexts; ++i) texts->push_back(absl::StrCat(i, ".5"));
    return texts;
  }();
  return (*kTexts)[half ? kNumberTexts + n : n];
}

}  // namespace

// The value of a number word ("five", "twenty"; "a" only before
// "hundred" or "thousand"), or -1.
int DateScanner::WordNumber(size_t k) const {
  if (k >= tokens_.size()) return -1;
  const Token& t = tokens_[k];
  if (t.word < 0 || !t.Has(DateCategory::kNumber)) return -1;
  int n;
  if (!ParseInt(*t.Value(DateCategory::kNumber), &n)) return -1;
  return n;
}

// Up to 99 in words from token k: "seven", "seventeen", "seventy",
// "seventy-seven", "seventy seven" (not "a"). Sets *end past it; -1 when
// none.
int DateScanner::SmallNumber(size_t k, size_t* end) const {
  const int first = WordNumber(k);
  if (first < 1 || first > 90 || IsWordAt(k, "a") || IsWordAt(k, "an")) return -1;
  *end = k + 1;
  if (first >= 20 && first % 10 == 0) {
    size_t u = k + 1;
    if (IsWordAt(u, "-") && tokens_[u].begin == tokens_[k].end) ++u;
    const int unit = WordNumber(u);
    if (unit >= 1 && unit <= 9 && !IsWordAt(u, "a") && !IsWordAt(u, "an") &&
        (u == k + 1 || tokens_[u].begin == tokens_[u - 1].end)) {
      *end = u + 1;
      return first + unit;
    }
  }
  return first;
}

// Number words that make one number, from token k: "twenty-five", "a
// hundred", "nine thousand nine hundred ninety-nine"; a year:
// "nineteen ninety-seven", "twenty ten", and "two thousand (and) one"
// after "year" (elsewhere "two thousand" counts). Sets *end past them and
// *year; -1 when they are fewer than two words.
int DateScanner::NumberWords(size_t k, size_t* end, bool* year) const {
  *year = false;
  size_t e;
  int n = SmallNumber(k, &e);
  if (n < 0) {
    if (!(IsWordAt(k, "a") || IsWordAt(k, "an")) ||
        !(IsWordAt(k + 1, "hundred") || IsWordAt(k + 1, "thousand"))) {
      return -1;
    }
    n = 1;
    e = k + 1;
  }
  // Years 1510-2099, but not before a hyphen: "fifteen twenty-minute
  // sessions", "twenty twelve-year-olds".
  if (n >= 15 && n <= 20) {
    size_t e2;
    const int rest = SmallNumber(e, &e2);
    if (rest >= 10 && !IsWordAt(e2, "-")) {
      *end = e2;
      *year = true;
      return n * 100 + rest;
    }
  }
  // What follows "hundred" or "thousand": "(and) fifty".
  auto add_rest = [&] {
    size_t e2;
    const size_t from = IsWordAt(e, "and") ? e + 1 : e;
    if (const int rest = SmallNumber(from, &e2); rest > 0) {
      n += rest;
      e = e2;
    }
  };
  if (n <= 9 && IsWordAt(e, "thousand")) {
    n *= 1000;
    ++e;
    size_t e2;
    if (const int h = SmallNumber(e, &e2); h > 0 && h <= 9 && IsWordAt(e2, "hundred")) {
      n += 100 * h;
      e = e2 + 1;
    }
    add_rest();
    *year = n >= 2000 && n <= 2099 && k > 0 && tokens_[k - 1].lower() == "year";
  } else if (n <= 99 && IsWordAt(e, "hundred")) {
    n *= 100;
    ++e;
    add_rest();
  }
  if (e < k + 2) return -1;
  *end = e;
  return n;
}

// The number at token k, in digits or words, and a half after it ("2
// 1/2", "two and a half"): sets *end past the half; -1 when no half.
int DateScanner::WithHalf(size_t k, size_t* end) const {
  size_t e;
  bool year;
  int n = NumberWords(k, &e, &year);  // "twenty-five and a half"
  if (n < 0 || year) {
    n = WordNumber(k);
    e = k + 1;
  }
  if (n < 0 && tokens_[k].word < 0 && tokens_[k].lower().size() <= 2 &&
      ParseInt(tokens_[k].lower(), &n)) {
    e = k + 1;
  }
  if (n < 0 || n >= kHalfTexts) return -1;
  if (IsWordAt(e, "1") && IsWordAt(e + 1, "/") && IsWordAt(e + 2, "2") &&
      tokens_[e + 1].begin == tokens_[e].end && tokens_[e + 2].begin == tokens_[e + 1].end) {
    *end = e + 3;
    return n;
  }
  if (IsWordAt(e, "and") && IsWordAt(e + 1, "a") && IsWordAt(e + 2, "half")) {
    *end = e + 3;
    return n;
  }
  // "three-and-a-half"
  if (IsWordAt(e, "-") && IsWordAt(e + 1, "and") && IsWordAt(e + 2, "-") &&
      IsWordAt(e + 3, "a") && IsWordAt(e + 4, "-") && IsWordAt(e + 5, "half")) {
    *end = e + 6;
    return n;
  }
  return -1;
}

// Joins number words into one token, like digits: "twenty-five years",
// "the year two thousand", "January nineteen ninety-seven"; and a
// number with a half: "2 1/2 years", "two and a half hours".
void DateScanner::JoinNumberWords(size_t first) {
  // Tokens before the first join stay where they are.
  size_t out = first;
  for (size_t k = first; k < tokens_.size();) {
    size_t end;
    bool year = false, half = false;
    int n = -1;
    if (MayJoin(k)) {
      n = WithHalf(k, &end);
      half = n >= 0;
      if (!half) n = NumberWords(k, &end, &year);
    }
    if (n < 0) {
      if (out != k) tokens_[out] = tokens_[k];
      ++out;
      ++k;
      continue;
    }
    Token t = tokens_[k];
    t.end = tokens_[end - 1].end;
    t.lower_data = tokens_[k].lower_data;
    t.word = -1;
    t.capitalized = false;
    t.categories = nullptr;
    t.category_count = 0;
    t.category_mask = 0;
    t.first_category = categories_.size();
    // A year read from words is a year only ("nineteen ninety-seven
    // years" is no duration).
    const std::string_view text = NumberText(n, half);
    AddCategory(categories_, t, year ? DateCategory::kYear : DateCategory::kNumber, text);
    t.starts_something = true;
    tokens_[out++] = t;
    k = end;
  }
  tokens_.resize(out);
}

}  // namespace date_internal
}  // namespace newsmark

// The date stage's tokenizer: DateScanner::Tokenize and the cutting of
// numbers and words (date_scanner.h).

#include <algorithm>
#include <cstring>
#include <string>

#include "absl/strings/ascii.h"
#include "stages/core/strings.h"
#include "stages/core/tokenizer.h"
#include "stages/core/utf8.h"
#include "stages/core/word_table.h"
#include "stages/dates/date_scanner.h"

namespace newsmark {
namespace date_internal {
namespace {

// Categories a token gets from its own digits: "1998", "8", "3rd", "1990s".
void DigitCategories(CategorySink& sink, Token& t, std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && IsAsciiDigit(text[digits])) ++digits;
  const std::string_view number = text.substr(0, digits);
  const std::string_view suffix = text.substr(digits);
  if (digits == 0 || digits > 6) return;
  int n = 0;
  for (char d : number) n = n * 10 + (d - '0');
  if (suffix.empty()) {
    AddCategory(sink, t, DateCategory::kNumber, number);
    if (digits == 4 && n >= 1000 && n <= 2199) AddCategory(sink, t, DateCategory::kYear, number);
    if (digits <= 2 && n >= 1 && n <= 31) AddCategory(sink, t, DateCategory::kDay, number);
    if (digits <= 2 && n <= 24) AddCategory(sink, t, DateCategory::kHour, number);
    if (digits == 2 && n <= 59) AddCategory(sink, t, DateCategory::kMinute, number);
    return;
  }
  const std::string lower_suffix = absl::AsciiStrToLower(ToAbsl(suffix));
  if ((lower_suffix == "st" || lower_suffix == "nd" || lower_suffix == "rd" ||
       lower_suffix == "th") && n >= 1) {
    AddCategory(sink, t, DateCategory::kOrdinal, number);
    if (n <= 31) AddCategory(sink, t, DateCategory::kDayOrd, number);
  } else if (lower_suffix == "s" && digits == 4 && number[3] == '0') {
    AddCategory(sink, t, DateCategory::kDecade, number.substr(0, 3));  // "1990s" -> 199
  }
}

// Whether `digits` is a whole number grouped by commas in threes
// ("1,250", "12,000,000").
bool ThousandsGrouped(std::string_view digits) {
  const size_t first = digits.find(',');
  if (first == 0 || first > 3 || digits[0] == '0') return false;
  for (size_t k = first; k < digits.size(); k += 4) {
    if (digits[k] != ',' || k + 4 > digits.size()) return false;
    for (size_t d = k + 1; d < k + 4; ++d) {
      if (!IsAsciiDigit(digits[d])) return false;
    }
  }
  return true;
}

}  // namespace

void DateScanner::Tokenize(std::string_view text, uint32_t begin, uint32_t end) {
  tokens_.clear();
  categories_.clear();
  lower_.assign(text.data() + begin, end - begin);
  lower_.append(WordTable::kPadding, '\0');  // WordTable::Find reads past a word's end
  // Branch-free, so the compiler can do many bytes at once.
  for (char& c : lower_) c = static_cast<char>(c + ((c >= 'A' && c <= 'Z') << 5));
  size_t join_from = SIZE_MAX;  // none yet
  size_t numbers_from = SIZE_MAX;  // the first token with categories of its own making
  bool previous_number = false;    // the token before has category NUMBER
  const char* const lower = lower_.data();
  uint32_t i = begin;
  TextToken cut;
  while (NextToken(text, &i, end, &cut)) {
    // Built in place: a Token assembled on the stack and copied in costs
    // store-forwarding stalls on every token.
    Token& t = tokens_.emplace_back();
    t.begin = cut.begin;
    const char c = text[cut.begin];
    bool lookup = true;
    // One ASCII mark, "," or "-": its id from a table, not a hash.
    const bool mark = cut.kind == TokenKind::kMark && cut.size() == 1;
    if (cut.kind == TokenKind::kNumber) {
      numbers_from = std::min(numbers_from, tokens_.size() - 1);
      NumberCategories(text, cut.end, t);
      lookup = false;
    } else {
      t.capitalized = cut.capitalized;
    }
    t.end = cut.end;
    t.lower_data = lower + (t.begin - begin);
    if (lookup) {
      t.word = mark ? matcher_.ascii_marks_[static_cast<unsigned char>(c)]
                    : matcher_.word_table_.Find(t.lower());
      if (t.word < 0 && c == '\xE2' && t.lower() == "\u2019") t.word = matcher_.apostrophe_;  // "’90s"
      // The word's own categories: nothing to copy. An unknown word
      // reads the empty brief before the first, without a branch.
      const WordBrief& brief = matcher_.word_briefs_[t.word + 1];
      t.starts_something = t.capitalized ? brief.starts_capitalized : brief.starts_lower;
      const WordCategories& c = t.capitalized ? *brief.capitalized : *brief.lower;
      t.categories = c.values.data();
      t.category_count = static_cast<uint16_t>(c.values.size());
      t.category_mask = c.mask;
    } else {
      t.starts_something = t.category_count > 0;
    }
    // Where number words may join ("twenty-five"), found while the two
    // tokens are at hand.
    // (MayJoin needs a NUMBER first: most tokens are spared the call.)
    if (previous_number && join_from == SIZE_MAX && MayJoin(tokens_.size() - 2)) {
      join_from = tokens_.size() - 2;
    }
    previous_number = t.Has(DateCategory::kNumber);
  }
  if (join_from != SIZE_MAX) {
    JoinNumberWords(join_from);
    numbers_from = std::min(numbers_from, join_from);
  }
  // Categories collected here (numbers) are in place now. Words point to
  // their own; tokens without categories are never asked.
  if (!categories_.empty()) {
    for (size_t k = numbers_from; k < tokens_.size(); ++k) {
      Token& t = tokens_[k];
      if (t.categories == nullptr) t.categories = categories_.data() + t.first_category;
    }
  }
}

void DateScanner::NumberCategories(std::string_view text, uint32_t end, Token& t) {
  uint32_t i = t.begin;
  t.first_category = categories_.size();
  while (i < end && IsAsciiDigit(text[i])) ++i;
  // "1,000" and "3.5" are quantities, not dates: one token, no date
  // category. A decimal is a NUMBER only ("13.9 years").
  int separators = 0;
  bool comma = false;
  while (i + 1 < end && (text[i] == ',' || text[i] == '.') && IsAsciiDigit(text[i + 1])) {
    ++separators;
    comma |= text[i] == ',';
    ++i;
    while (i < end && IsAsciiDigit(text[i])) ++i;
  }
  const size_t digits_end = i;
  while (i < end && IsAsciiLetter(text[i])) ++i;
  // Values point into the document's text, which outlives the tokens.
  if (separators == 0) {
    DigitCategories(categories_, t, text.substr(t.begin, i - t.begin));
    // "'90s": a two-digit decade after an apostrophe. '00s and '10s
    // are this century's; '20s to '90s the last one's.
    if (i - t.begin == 3 && text[t.begin + 1] == '0' && (text[t.begin + 2] | 0x20) == 's' &&
        tokens_.size() >= 2) {
      const std::string_view before = tokens_[tokens_.size() - 2].lower();
      if (before == "'" || before == "\u2019") {
        static const char* const kDecades[] = {"200", "201", "192", "193", "194",
                                               "195", "196", "197", "198", "199"};
        AddCategory(categories_, t, DateCategory::kDecade, kDecades[text[t.begin] - '0']);
      }
    }
  } else if (digits_end == i && (comma ? ThousandsGrouped(text.substr(t.begin, i - t.begin))
                                       : separators == 1)) {
    // "13.9 years", "1,250 hours": a count.
    AddCategory(categories_, t, DateCategory::kNumber, text.substr(t.begin, i - t.begin));
  }
}


}  // namespace date_internal
}  // namespace newsmark

// The date stage's tokens: DateScanner::Tokenize turns a sentence's tokens
// of the token layer into date tokens, with word ids and the categories of
// numbers (date_scanner.h).

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "stages/core/strings.h"
#include "stages/core/tokenizer.h"
#include "stages/core/word_table.h"
#include "stages/dates/date_scanner.h"

namespace newsmark {
namespace date_internal {
namespace {

static_assert(WordTable::kPadding <= kTokenLayerPadding,
              "words are looked up in the token layer's lower-cased text");

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

ABSL_ATTRIBUTE_ALWAYS_INLINE inline void DateScanner::AddToken(std::string_view text,
                                                               const char* lower,
                                                               const TextToken& cut) {
  // Built in place: a Token assembled on the stack and copied in costs
  // store-forwarding stalls on every token.
  Token& t = tokens_.emplace_back();
  t.begin = cut.begin;
  t.end = cut.end;
  t.lower_data = lower + cut.begin;
  const char c = text[cut.begin];
  if (cut.kind == TokenKind::kNumber) {
    numbers_from_ = std::min(numbers_from_, tokens_.size() - 1);
    NumberCategories(text, cut.end, t);
    t.starts_something = t.category_count > 0;
  } else {
    t.capitalized = cut.capitalized;
    // One ASCII mark, "," or "-": its id from a table, not a hash.
    t.word = cut.kind == TokenKind::kMark && cut.size() == 1
                 ? matcher_.ascii_marks_[static_cast<unsigned char>(c)]
                 : matcher_.word_table_.Find(t.lower());
    if (c == '\xE2' && t.word < 0 && t.lower() == "\u2019") t.word = matcher_.apostrophe_;  // "’90s"
    // The word's own categories: nothing to copy. An unknown word reads
    // the empty brief before the first, without a branch.
    const WordFace& w = matcher_.word_briefs_[t.word + 1].face[t.capitalized];
    t.starts_something = w.starts;
    t.categories = w.values;
    t.category_count = w.count;
    t.category_mask = w.mask;
  }
  // Where number words may join ("twenty-five"), found while the two
  // tokens are at hand. (MayJoin needs a NUMBER first: most tokens are
  // spared the call.)
  if (previous_number_ && join_from_ == SIZE_MAX && MayJoin(tokens_.size() - 2)) {
    join_from_ = tokens_.size() - 2;
  }
  previous_number_ = t.Has(DateCategory::kNumber);
}

bool DateScanner::Tokenize(const Document& doc, uint32_t begin, uint32_t end,
                           size_t* cursor, size_t most) {
  tokens_.clear();
  categories_.clear();
  join_from_ = SIZE_MAX;
  numbers_from_ = SIZE_MAX;
  previous_number_ = false;
  const std::string_view text = doc.text();
  const char* const lower = doc.tokens().lower.data();
  const std::vector<TextToken>& all = doc.tokens().tokens;
  size_t k = *cursor;
  while (k < all.size() && all[k].end <= begin) ++k;
  *cursor = k;
  uint32_t i = begin;
  TextToken cut;
  bool whole = true;
  for (; k < all.size() && all[k].begin < end; ++k) {
    if (tokens_.size() >= most) {
      whole = false;
      break;
    }
    const TextToken& t = all[k];
    if (t.begin >= i && t.end <= end) {
      AddToken(text, lower, t);
      i = t.end;
      continue;
    }
    // Over an edge of the sentence ("北京市。上海" split after "。"): cut
    // again what lies inside, as the sentence alone would be cut.
    const uint32_t stop = std::min(t.end, end);
    if (i < t.begin) i = t.begin;
    while (i < stop && NextToken(text, &i, end, &cut)) AddToken(text, lower, cut);
  }
  if (join_from_ != SIZE_MAX) {
    JoinNumberWords(join_from_);
    numbers_from_ = std::min(numbers_from_, join_from_);
  }
  // Categories collected here (numbers) are in place now. Words point to
  // their own; tokens without categories are never asked.
  if (!categories_.empty()) {
    for (size_t j = numbers_from_; j < tokens_.size(); ++j) {
      Token& t = tokens_[j];
      if (t.categories == nullptr) t.categories = categories_.data() + t.first_category;
    }
  }
  tokens_made_ += tokens_.size();
  most_tokens_held_ = std::max<uint64_t>(most_tokens_held_, tokens_.size());
  return whole;
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

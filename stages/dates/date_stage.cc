#include "stages/dates/date_stage.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#include "absl/base/attributes.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "pipeline/input.h"
#include "stages/core/strings.h"
#include "stages/core/utf8.h"
#include "stages/dates/date_calendar.h"
#include "stages/dates/date_token.h"
#include "stages/dates/date_values.h"

namespace newsmark {
namespace {

using date_internal::BuildValue;
using date_internal::CategoryValue;
using date_internal::Context;
using date_internal::IsFullDate;
using date_internal::Match;
using date_internal::StartOf;
using date_internal::TenseAround;
using date_internal::Token;
using date_internal::Value;

constexpr int kCategoryCount = static_cast<int>(DateCategory::kCount);

// What a byte is to the word scanner: 0 not a word byte, 1 a letter or a
// byte of a multi-byte character, 2 the lead byte 0xE2 (curly quotes,
// dashes and spaces, E2 80 xx, and U+205F end a word), 3 the lead bytes
// 0xC2 and 0xE3 (a no-break space, C2 A0, and U+3000 end a word).
constexpr std::array<uint8_t, 256> kWordBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
  }
  t[0xE2] = 2;
  t[0xC2] = 3;
  t[0xE3] = 3;
  return t;
}();

bool IsWordByte(char c) { return kWordBytes[static_cast<unsigned char>(c)] != 0; }

// How many of the 8 bytes at s, from the first, are ASCII letters: 8 at
// once where kWordBytes would go byte by byte. Stops at the first byte
// that is not one (0 when s[0] is not), non-ASCII bytes included.
int AsciiLettersAhead(const char* s) {
  uint64_t w;
  std::memcpy(&w, s, 8);
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  // Folded to lower case, an ASCII letter is 0x61-0x7A: adding 0x1F sets
  // bit 7 from 0x61 up, adding 0x05 from 0x7B up. No byte carries into
  // the next: all are below 0x80 after the mask.
  const uint64_t x = (w | 0x2020202020202020ULL) & ~kHigh;
  const uint64_t letters = (x + 0x1F1F1F1F1F1F1F1FULL) & ~(x + 0x0505050505050505ULL) & ~w & kHigh;
  const uint64_t other = ~letters & kHigh;
  return other == 0 ? 8 : __builtin_ctzll(other) / 8;
}


// Collects the categories of the token being cut.
using CategorySink = std::vector<CategoryValue>;

void AddCategory(CategorySink& sink, Token& t, DateCategory c, std::string_view value) {
  sink.emplace_back(c, value);
  ++t.category_count;
  t.category_mask |= uint64_t{1} << static_cast<int>(c);
}

// The categories a number token can have, as bits for by_number_mask_.
constexpr DateCategory kNumberCategories[] = {
    DateCategory::kNumber, DateCategory::kYear,   DateCategory::kDay,
    DateCategory::kDayOrd, DateCategory::kDecade, DateCategory::kHour,
    DateCategory::kMinute, DateCategory::kOrdinal};
constexpr int kNumberMasks = 1 << std::size(kNumberCategories);

int NumberMask(const Token& t) {
  int mask = 0;
  for (size_t b = 0; b < std::size(kNumberCategories); ++b) {
    if (t.Has(kNumberCategories[b])) mask |= 1 << b;
  }
  return mask;
}

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

// The first token of a clock time timex ("10 p.m.") that ends right
// before token `begin`, or before a comma or "on" there; -1 when none.
int ClockTimeBefore(const Document& doc, const std::vector<Token>& tokens, int begin) {
  if (doc.timexes().empty() || begin == 0) return -1;
  const Timex& last = doc.timexes().back();
  if (last.type != TimexType::kTime || last.value.size() < 16 || last.value[10] != 'T' ||
      last.value[13] != ':') {
    return -1;
  }
  int k = begin - 1;
  if (k > 0 && (tokens[k].lower() == "," || tokens[k].lower() == "on")) --k;
  if (tokens[k].end != last.span.end) return -1;
  while (k > 0 && tokens[k].begin > last.span.begin) --k;
  return tokens[k].begin == last.span.begin ? k : -1;
}

// rangeday(D): the second day of a range or pair, "March 18-19", "April
// 24 and 25": day D of the full date that ends one token (the connector)
// before the match, if D comes after it in the same month.
std::optional<Value> RangeDay(const Document& doc, const std::vector<Token>& tokens,
                              const Match& m, const DatePattern& p) {
  if (doc.timexes().empty() || m.begin < 2) return std::nullopt;
  // The date before ends in its day, written in digits: "March 18", not
  // "Tuesday" ("rose on Tuesday to 25").
  const Timex& last = doc.timexes().back();
  const Token& day_before = tokens[m.begin - 2];
  if (last.type != TimexType::kDate || !IsFullDate(last.value) ||
      last.span.end != day_before.end || day_before.word >= 0 ||
      !(day_before.Has(DateCategory::kDay) || day_before.Has(DateCategory::kDayOrd))) {
    return std::nullopt;
  }
  const int e = p.value.arg_elements[0];
  const int k = e >= 0 ? m.captures[e] : -1;
  int day;
  if (k < 0 || !ParseInt(tokens[k].lower(), &day)) return std::nullopt;
  const absl::CivilDay first = *ParseIsoDate(last.value);
  const absl::CivilDay second(first.year(), first.month(), day);
  if (day <= first.day() || second.month() != first.month()) return std::nullopt;
  return Value{date_internal::Day(second), last.anchor};
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

// Finds the matches in one document, sentence by sentence; calls
// on_match(tokens, match) for each, in text order. on_match returns
// whether the match stands: when it does not, the next best match at the
// same token is tried, then matching goes on from the next token.
class DateStage::Matcher {
 public:
  explicit Matcher(const DateStage& stage)
      : stage_(stage),
        tokens_(buffers_.tokens),
        categories_(buffers_.categories),
        lower_(buffers_.lower),
        captures_(buffers_.captures),
        best_captures_(buffers_.best_captures),
        fitting_(buffers_.fitting) {}

  template <typename Fn>
  void ForEachMatch(const Document& doc, Fn on_match) {
    std::vector<Span> skip;  // boilerplate is not article text
    for (const Block& b : doc.blocks()) {
      if (b.kind == BlockKind::kBoilerplate) skip.push_back(b.span);
    }
    for (const Sentence& s : doc.sentences()) {
      if (std::any_of(skip.begin(), skip.end(), [&](Span b) {
            return s.span.begin >= b.begin && s.span.end <= b.end;
          })) {
        continue;
      }
      Tokenize(doc.text(), s.span.begin, s.span.end);
      const int n = static_cast<int>(tokens_.size());
      int taken = 0;  // tokens before this belong to an earlier match
      std::vector<int> failed;  // patterns whose value failed at token i
      for (int i = 0; i < n;) {
        const CandidateList* candidates =
            tokens_[i].starts_something ? Candidates(i) : nullptr;
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
    }
  }

 private:
  // Cuts [begin, end) of `text` into word, number and punctuation tokens.
  void Tokenize(std::string_view text, uint32_t begin, uint32_t end) {
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
    while (i < end) {
      const char c = text[i];
      if (IsAsciiSpace(c)) {
        ++i;
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0xC2) {  // a lead byte: maybe a Unicode space
        if (const size_t n = UnicodeSpaceAt(text.substr(0, end), i); n > 0) {
          i += n;
          continue;
        }
      }
      // Built in place: a Token assembled on the stack and copied in costs
      // store-forwarding stalls on every token.
      Token& t = tokens_.emplace_back();
      t.begin = i;
      bool lookup = true, mark = false;
      if (IsAsciiDigit(c)) {
        numbers_from = std::min(numbers_from, tokens_.size() - 1);
        i = CutNumber(text, end, t);
        lookup = false;
      } else if (IsWordByte(c)) {
        // Runs of ASCII letters eight bytes at a time; what follows is
        // most often a space or a mark. The rest (letters near the end of
        // the text, bytes of other scripts) goes on byte by byte.
        while (i + 8 <= text.size()) {
          const int n = AsciiLettersAhead(text.data() + i);
          i += n;
          if (n < 8) break;
        }
        if (i > end) i = end;
        if (i < end && IsWordByte(text[i])) i = WordEnd(text, t.begin, i, end);
        t.capitalized = c >= 'A' && c <= 'Z';
      } else {
        ++i;
        mark = true;  // one ASCII mark, "," or "-": its id from a table, not a hash
      }
      t.end = i;
      t.lower_data = lower + (t.begin - begin);
      if (lookup) {
        t.word = mark ? stage_.ascii_marks_[static_cast<unsigned char>(c)]
                      : stage_.word_table_.Find(t.lower());
        if (t.word < 0 && c == '\xE2' && t.lower() == "\u2019") t.word = stage_.apostrophe_;  // "’90s"
        // The word's own categories: nothing to copy. An unknown word
        // reads the empty brief before the first, without a branch.
        const WordBrief& brief = stage_.word_briefs_[t.word + 1];
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

  // The digits of a number token from text[t.begin] and its categories
  // ("1998", "3rd", "1990s", "1,250", "13.9"); returns its end. Apart from
  // Tokenize's loop, which runs for every token and is faster without.
  ABSL_ATTRIBUTE_NOINLINE uint32_t CutNumber(std::string_view text, uint32_t end, Token& t) {
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
    return i;
  }

  // The end of the word token from `begin` whose scan has come to byte i,
  // going on byte by byte to the end of the sentence or a byte that ends a
  // word.
  ABSL_ATTRIBUTE_NOINLINE static uint32_t WordEnd(std::string_view text, uint32_t begin, uint32_t i,
                                                  uint32_t end) {
    while (i < end) {
      const uint8_t kind = kWordBytes[static_cast<unsigned char>(text[i])];
      if (kind != 1) {
        if (kind == 0) break;
        // Stop at curly quotes, dashes and spaces (E2 80 xx), and at a
        // no-break space (C2 A0).
        if ((kind == 2 || kind == 3) && UnicodeSpaceAt(text.substr(0, end), i) > 0) break;
        if (kind == 2 && i + 2 < end && text[i + 1] == '\x80') break;
      }
      ++i;
    }
    if (i == begin) i = std::min(end, i + 3);  // a lone multi-byte mark
    return i;
  }

  bool Matches(const Element& e, const Token& t) const {
    if (e.is_category) return t.Has(e.category);
    return t.word == e.word;
  }

  // Whether token t (null past the sentence) has one of `categories` or is
  // a word with a bit in `word_bits` (bit word id % 64).
  static bool Fits(const Token* t, uint64_t categories, uint64_t word_bits) {
    return t != nullptr && ((t->category_mask & categories) != 0 ||
                            (t->word >= 0 && (word_bits >> (t->word % 64) & 1)));
  }

  // Can token t be the element after the first required one? A cheap test
  // that spares most candidates the full match.
  static bool CanFollow(const NextFilter& f, const Token* t) {
    return f.may_end || Fits(t, f.categories, f.word_bits);
  }

  // Depth-first over optional elements: the longest way `p` matches from
  // token `t`.
  void MatchFrom(const CompiledPattern& p, size_t k, int t, int* best_end) {
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
  const CandidateList* CandidatesAt(int i) const {
    const Token& first = tokens_[i];
    if (first.word >= 0) {
      const WordInfo& info = *stage_.word_by_id_[first.word];
      return first.capitalized ? &info.capitalized_candidates : &info.candidates;
    }
    if (first.category_count > 0) return &stage_.by_number_mask_[NumberMask(first)];
    return nullptr;
  }

  // The patterns that may start at token i, or null when the token after
  // it fits none of them: the test that spares most tokens the search.
  const CandidateList* Candidates(int i) const {
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
  Match Longest(const CandidateList& candidates, int i, int taken,
                const std::vector<int>& excluded,
                int must_begin_by = std::numeric_limits<int>::max()) {
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
        if (CanFollow(stage_.next_filters_[c], next)) fitting_.push_back(c);
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
      const CompiledPattern& p = stage_.compiled_[c];
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

  // The value of a number word ("five", "twenty"; "a" only before
  // "hundred" or "thousand"), or -1.
  int WordNumber(size_t k) const {
    if (k >= tokens_.size()) return -1;
    const Token& t = tokens_[k];
    if (t.word < 0 || !t.Has(DateCategory::kNumber)) return -1;
    int n;
    if (!ParseInt(*t.Value(DateCategory::kNumber), &n)) return -1;
    return n;
  }

  bool IsWordAt(size_t k, std::string_view w) const {
    return k < tokens_.size() && tokens_[k].lower() == w;
  }

  // Up to 99 in words from token k: "seven", "seventeen", "seventy",
  // "seventy-seven", "seventy seven" (not "a"). Sets *end past it; -1 when
  // none.
  int SmallNumber(size_t k, size_t* end) const {
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
  int NumberWords(size_t k, size_t* end, bool* year) const {
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

  // The number at token k, in digits or words, and a half after it ("2
  // 1/2", "two and a half"): sets *end past the half; -1 when no half.
  int WithHalf(size_t k, size_t* end) const {
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
  void JoinNumberWords(size_t first) {
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

  // Buffers kept per thread from one document to the next: no allocation
  // per document once they have grown.
  struct Buffers {
    std::vector<Token> tokens;
    CategorySink categories;
    std::string lower;
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

  const DateStage& stage_;
  std::vector<Token>& tokens_;
  CategorySink& categories_;
  std::string& lower_;
  Buffers::Captures& captures_;
  Buffers::Captures& best_captures_;
  std::vector<int>& fitting_;
};

thread_local DateStage::Matcher::Buffers DateStage::Matcher::buffers_;

DateStage::DateStage(std::unique_ptr<DateRules> rules) : rules_(std::move(rules)) {
  auto word = [&](const std::string& w) -> WordInfo& {
    auto [it, added] = words_.try_emplace(w);
    if (added) it->second.id = static_cast<int>(words_.size()) - 1;
    return it->second;
  };
  // Every word of the lexicon, and every literal of the patterns.
  for (const auto& [w, entries] : rules_->lexicon()) word(w).entries = &entries;
  const auto compile = [&](const PatternElement& e) {
    Element c;
    c.is_category = e.is_category;
    c.category = e.category;
    c.optional = e.optional;
    if (!e.is_category) c.word = word(e.literal).id;
    return c;
  };
  by_category_.resize(kCategoryCount);
  const auto& patterns = rules_->patterns();
  for (int i = 0; i < static_cast<int>(patterns.size()); ++i) {
    CompiledPattern cp;
    for (const auto& e : patterns[i].elements) cp.elements.push_back(compile(e));
    for (const auto& e : patterns[i].not_before) cp.not_before.push_back(compile(e));
    for (const auto& e : patterns[i].not_after) cp.not_after.push_back(compile(e));
    for (const auto& e : patterns[i].must_follow) cp.must_follow.push_back(compile(e));
    for (const auto& e : patterns[i].must_precede) cp.must_precede.push_back(compile(e));
    const auto& elements = patterns[i].elements;
    while (cp.first_required + 1 < elements.size() && elements[cp.first_required].optional) {
      ++cp.first_required;
    }
    const PatternElement& e = elements[cp.first_required];
    if (e.is_category) {
      by_category_[static_cast<int>(e.category)].push_back(i);
    } else {
      word(e.literal).first_patterns.push_back(i);
    }
    // What may stand right after the first required element: the elements
    // up to and including the next required one.
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
    next_filters_.push_back(filter);
    compiled_.push_back(std::move(cp));
  }
  // Candidates per word, in lower case and capitalized.
  auto merge = [&](std::vector<int> patterns, const auto& categories) {
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
    // Long lists get the sets of their patterns that each kind of next
    // token fits, so that Longest need not test them one by one.
    constexpr size_t kFitSetsFrom = 8;
    if (out.general.size() >= kFitSetsFrom) {
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
    std::sort(out.by_next_word.begin(), out.by_next_word.end());
    out.by_next_word.erase(std::unique(out.by_next_word.begin(), out.by_next_word.end()),
                           out.by_next_word.end());
    return out;
  };
  for (auto& [w, info] : words_) {
    std::vector<DateCategory> lower, capitalized;
    if (info.entries != nullptr) {
      for (const LexiconEntry& e : *info.entries) {
        if (!e.lower_only) capitalized.push_back(e.category);
        if (!e.capitalized_only) lower.push_back(e.category);
      }
    }
    info.candidates = merge(info.first_patterns, lower);
    info.capitalized_candidates = merge(info.first_patterns, capitalized);
  }
  by_number_mask_.resize(kNumberMasks);
  for (int mask = 0; mask < kNumberMasks; ++mask) {
    std::vector<DateCategory> categories;
    for (size_t b = 0; b < std::size(kNumberCategories); ++b) {
      if (mask & (1 << b)) categories.push_back(kNumberCategories[b]);
    }
    by_number_mask_[mask] = merge({}, categories);
  }
  // The map is complete: pointers into it stay valid from here on.
  word_by_id_.resize(words_.size());
  word_briefs_.resize(words_.size() + 1);  // [0]: unknown words
  word_briefs_[0] = {&no_categories_, &no_categories_, false, false};
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
    word_briefs_[info.id + 1] = {&lower, &capitalized, !info.candidates.empty(),
                             !info.capitalized_candidates.empty()};
  }
  word_table_ = WordTable(names);
  static constexpr char kApostrophe[WordTable::kPadding + 1] = "'";
  apostrophe_ = word_table_.Find(std::string_view(kApostrophe, 1));
  for (int c = 0; c < static_cast<int>(ascii_marks_.size()); ++c) {
    const char mark[WordTable::kPadding + 1] = {static_cast<char>(c)};
    ascii_marks_[c] = word_table_.Find(std::string_view(mark, 1));
  }
}

absl::StatusOr<std::unique_ptr<DateStage>> DateStage::Create(const DateOptions& options) {
  absl::StatusOr<std::unique_ptr<DateRules>> rules = DateRules::Load(options.rules_dir);
  if (!rules.ok()) return rules.status();
  return std::unique_ptr<DateStage>(new DateStage(*std::move(rules)));
}

absl::Status DateStage::Process(Document& doc) const {
  const auto& patterns = rules_->patterns();
  Matcher matcher(*this);

  // The anchor: the document date, or else the latest explicit full date.
  Context ctx;
  if (doc.date()) {
    ctx.anchor = doc.date();
    ctx.anchor_kind = TimexAnchor::kDocumentDate;
  } else {
    const Context none;
    matcher.ForEachMatch(doc, [&](const std::vector<Token>& tokens, const Match& m) {
      const DatePattern& p = patterns[m.pattern];
      if (p.value.id != ValueFunction::kDate || p.value.args[0] == "_") return true;
      auto v = BuildValue(p, m, tokens, none);
      if (!v) return false;
      if (!IsFullDate(v->value)) return true;
      const absl::CivilDay d = *ParseIsoDate(v->value);
      if (!ctx.anchor || d > *ctx.anchor) ctx.anchor = d;
      return true;
    });
    if (ctx.anchor) ctx.anchor_kind = TimexAnchor::kInferredDate;
  }

  // A quarter mentioned sets the grain of "a year ago" for a few matches.
  constexpr int kQuarterReach = 4;
  int since_quarter = kQuarterReach;
  matcher.ForEachMatch(doc, [&](const std::vector<Token>& tokens, const Match& m) {
    const DatePattern& p = patterns[m.pattern];
    if (p.none) return true;  // words that are no expression ("a quarter point")
    ctx.tense = m.tense;
    if (++since_quarter > kQuarterReach) ctx.previous_quarter.reset();
    // A day right after a clock time gives the time its day: "10 p.m.
    // Wednesday", "5 p.m. EST, March 6". The tense is the whole phrase's.
    const int time_begin = p.type == TimexType::kDate ? ClockTimeBefore(doc, tokens, m.begin) : -1;
    if (time_begin >= 0) ctx.tense = TenseAround(tokens, time_begin, m.end);
    std::optional<Value> v = p.value.id == ValueFunction::kRangeDay
                                 ? RangeDay(doc, tokens, m, p)
                                 : BuildValue(p, m, tokens, ctx);
    if (!v) return false;
    // The day may be unresolved ("XXXX-WXX-3" without a document date).
    if (time_begin >= 0 && v->value.size() == 10 &&
        (IsFullDate(v->value) || absl::StartsWith(v->value, "XXXX-"))) {
      Timex& time = doc.timexes().back();
      time.value = absl::StrCat(v->value, time.value.substr(time.value.find('T')));
      time.anchor = v->anchor;
      time.span.end = tokens[m.end - 1].end;
      if (IsFullDate(v->value)) ctx.previous = ctx.previous_day = ParseIsoDate(v->value);
      return true;
    }
    Timex t;
    t.span = {tokens[m.begin].begin, tokens[m.end - 1].end};
    t.type = p.type;
    t.value = v->value;
    t.anchor = v->anchor;
    // The mod: the first token matched as a MOD ("about a month") or
    // DAYMOD ("late Monday"), not a word that is one elsewhere ("two more
    // weeks", "some weeks"); a pattern's own MOD comes first ("no more
    // than sixty days").
    t.mod = p.mod;
    for (size_t e = 0; e < p.elements.size() && t.mod.empty(); ++e) {
      const int k = m.captures[e];
      if (k < 0 || !p.elements[e].is_category) continue;
      const DateCategory c = p.elements[e].category;
      if (c != DateCategory::kMod && c != DateCategory::kDayMod) continue;
      t.mod = std::string(*tokens[k].Value(c));
      break;
    }
    if (p.type == TimexType::kDate) {
      if (auto start = StartOf(t.value)) ctx.previous = start;
      ctx.previous_day.reset();
      if (IsFullDate(t.value)) ctx.previous_day = ctx.previous;
    }
    // Only a quarter named as such sets the grain; "a year ago" at a
    // quarter's grain is a comparison, not the quarter the text is about.
    const bool names_quarter = p.value.id == ValueFunction::kQuarter ||
                               p.value.id == ValueFunction::kRelQuarter ||
                               (p.value.id == ValueFunction::kShift && p.value.args[0] == "Q");
    if (names_quarter && t.value.size() == 7 && t.value[5] == 'Q' && IsAsciiDigit(t.value[0])) {
      ctx.previous_quarter = absl::CivilDay(std::stoi(t.value.substr(0, 4)),
                                            3 * (t.value[6] - '1') + 1, 1);
      since_quarter = 0;
    }
    doc.timexes().push_back(std::move(t));
    return true;
  });
  return absl::OkStatus();
}

}  // namespace newsmark

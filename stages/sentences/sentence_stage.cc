#include "stages/sentences/sentence_stage.h"

#include <algorithm>
#include <map>
#include <array>
#include <cstring>
#include <optional>

#include "absl/strings/str_cat.h"
#include "stages/core/scratch.h"
#include "stages/core/strings.h"
#include "stages/core/tokenizer.h"
#include "stages/core/utf8.h"
#include "unicode/unistr.h"
#include "unicode/utext.h"

namespace newsmark {
namespace {

// Shrinks [begin, end) past white space (ASCII and Unicode) at both ends.
Span Trim(std::string_view text, uint32_t begin, uint32_t end) {
  begin = static_cast<uint32_t>(SkipWhiteSpace(text.substr(0, end), begin));
  end = static_cast<uint32_t>(SkipWhiteSpaceBack(text, begin, end));
  return {begin, end};
}

// Length of a closing quote or bracket at `i`, 0 if none.
size_t CloserLength(std::string_view t, size_t i) {
  const char c = t[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') return 1;
  if (t.substr(i, 3) == "\xE2\x80\x9D" || t.substr(i, 3) == "\xE2\x80\x99") {
    return 3;  // ” ’
  }
  if (t.substr(i, 2) == "\xC2\xBB") return 2;  // »
  return 0;
}

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

// Length of a list marker ("- ", "• ", "1. ", "2) ", "a) ", "(iv) ") at the
// start of `s`, 0 if none.
size_t ListMarkerLength(std::string_view s) {
  for (std::string_view bullet : {"-", "*", "\xE2\x80\xA2", "\xE2\x80\x93",
                                  "\xE2\x80\x94", "\xC2\xB7", "\xE2\x96\xAA"}) {
    if (StartsWith(s, bullet) && s.size() > bullet.size() &&
        s[bullet.size()] == ' ') {
      return bullet.size() + 1;
    }
  }
  size_t i = 0;
  if (!s.empty() && s[0] == '(') {
    i = 1;
    while (i < s.size() && i <= 4 && (IsAsciiLetter(s[i]) || IsAsciiDigit(s[i]))) ++i;
    return i > 1 && i < s.size() - 1 && s[i] == ')' && s[i + 1] == ' ' ? i + 2 : 0;
  }
  while (i < s.size() && i < 3 && IsAsciiDigit(s[i])) ++i;
  if (i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') {
    return i + 2;
  }
  if (s.size() > 2 && IsAsciiLetter(s[0]) && s[1] == ')' && s[2] == ' ') return 3;
  return 0;
}

// Lines shorter than this are headings, list items or fragments, never the
// full lines of hard-wrapped text (wrapped at 60 to 80 columns).
constexpr uint32_t kWrappedLineMin = 40;

// 16 bytes: a text of blank lines has one every byte.
struct Line {
  uint32_t end = 0;  // without the line break
  Span content;      // trimmed
  // Made with Line{}, which clears them.
  bool indented : 1, list_item : 1, ends_terminal : 1;
  bool starts_lower : 1, all_caps : 1, boilerplate : 1;
  bool blank() const { return content.empty(); }
};
static_assert(sizeof(Line) == 16);

bool EndsTerminal(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    const size_t n = end >= 3 && CloserLength(s, end - 3) == 3 ? 3
                     : end >= 2 && CloserLength(s, end - 2) == 2 ? 2
                     : CloserLength(s, end - 1) == 1 ? 1
                                                      : 0;
    if (n == 0) break;
    end -= n;
  }
  if (end == 0) return false;
  const char c = s[end - 1];
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
         (end >= 3 && s.substr(end - 3, 3) == kEllipsis);
}

// text.find(c, from), adding the bytes it read to `*searched`.
size_t Find(std::string_view text, char c, size_t from, uint64_t* searched) {
  const size_t at = text.find(c, from);
  *searched += (at == std::string_view::npos ? text.size() : at + 1) - from;
  return at;
}

void SplitLines(std::string_view text, const SentenceRules& rules,
                std::vector<Line>& lines, uint64_t* searched) {
  lines.clear();
  // One allocation: a line per LF or CR at most.
  lines.reserve(std::count(text.begin(), text.end(), '\n') +
                (text.find('\r') == std::string_view::npos
                     ? 0
                     : std::count(text.begin(), text.end(), '\r')) +
                1);
  size_t begin = 0;
  size_t cr = Find(text, '\r', 0, searched);  // the first CR at or after `begin`, or npos
  size_t lf = Find(text, '\n', 0, searched);  // the first LF at or after `begin`, or npos
  while (begin <= text.size()) {
    // A line ends at LF, or at a CR no LF follows (old Mac files). A CR LF
    // line ends at its LF, the CR trimmed as white space. Two memchr scans,
    // each redone only once passed: each byte is read once by each (a
    // search for the LF from every line of CR-only text read on to the end
    // of the text each time).
    if (cr != std::string_view::npos && cr < begin) cr = Find(text, '\r', begin, searched);
    if (lf != std::string_view::npos && lf < begin) lf = Find(text, '\n', begin, searched);
    size_t end = lf;
    if (cr < end && cr + 1 != end) end = cr;
    if (end == std::string_view::npos) end = text.size();
    Line line{};
    line.end = end;
    line.content = Trim(text, begin, end);
    if (!line.blank()) {
      const std::string_view c = text.substr(line.content.begin, line.content.size());
      // Two spaces or a tab indent; one no-break space (two bytes) does not.
      line.indented = (line.content.begin >= begin + 2 && UnicodeSpaceAt(text, begin) != 2) ||
                      text[begin] == '\t';
      // A numbered marker starts an item only after a finished line: in
      // wrapped text "March\n12. The" goes on.
      const Line* prev = lines.empty() ? nullptr : &lines.back();
      line.list_item =
          ListMarkerLength(c) > 0 &&
          (!IsAsciiDigit(c[0]) || prev == nullptr || prev->blank() || prev->ends_terminal ||
           prev->list_item);
      line.ends_terminal = EndsTerminal(c);
      line.starts_lower = IsAsciiLower(c[0]);
      int letters = 0;
      bool lower = false;
      for (char ch : c) {
        if (IsAsciiLower(ch)) {
          lower = true;
          break;
        }
        letters += IsAsciiUpper(ch);
      }
      line.all_caps = letters >= 2 && !lower;
      // Page furniture is a short line that follows a finished sentence, a
      // blank line or nothing; lines in mid-sentence are not tried, which
      // spares most lines of hard-wrapped text the pattern match.
      const bool after_sentence =
          lines.empty() || lines.back().blank() || lines.back().ends_terminal ||
          lines.back().boilerplate || lines.back().list_item ||
          lines.back().content.size() < kWrappedLineMin;
      line.boilerplate = after_sentence && c.size() <= 120 && rules.IsBoilerplate(c);
    }
    lines.push_back(line);
    if (end == text.size()) break;
    begin = end + 1;
  }
}

// Hard-wrapped text: most full-length lines that a plain line follows end
// mid-sentence.
bool IsHardWrapped(const std::vector<Line>& lines) {
  int followed = 0, open = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const Line& line = lines[i];
    const Line& next = lines[i + 1];
    if (line.blank() || next.blank() || next.list_item || next.indented ||
        line.content.size() < kWrappedLineMin) {
      continue;
    }
    ++followed;
    open += !line.ends_terminal;
  }
  return followed >= 3 && 2 * open >= followed;
}

// The word before each terminal mark, the marks taken in text order: the
// letters, non-ASCII bytes and periods back to a space or another byte,
// less leading periods ("U.S", "Dr", "e.g"). In text without spaces one
// word runs on across many marks, so rather than read back to its start at
// every mark, the scanner remembers where the current word starts and where
// its first period is: each byte is read at most three times in all.
class WordsBeforeMarks {
 public:
  // Adds every byte read to `*scanned`.
  WordsBeforeMarks(std::string_view text, uint64_t* scanned)
      : t_(text), scanned_(scanned) {}

  // The word before the mark at `mark`.
  std::string_view Before(size_t mark) {
    if (mark < checked_) {  // out of order: start again
      *this = WordsBeforeMarks(t_, scanned_);
    }
    size_t b = mark;
    for (; b > checked_ && !RunStartsAt(b); --b) ++*scanned_;
    if (b > checked_) run_ = b;
    checked_ = mark;
    if (word_run_ != run_) word_run_ = word_ = run_;
    for (; word_ < mark && t_[word_] == '.'; ++word_) ++*scanned_;
    if (period_word_ != word_) period_word_ = period_ = word_;
    for (; period_ < mark && t_[period_] != '.'; ++period_) ++*scanned_;
    has_period_ = period_ < mark;
    return t_.substr(word_, mark - word_);
  }

  // Whether the word Before last returned holds a period.
  bool has_period() const { return has_period_; }

 private:
  // A word cannot reach back past `b`: the text starts there, or a
  // character ends just before it that is no period and none a word token
  // holds (stages/core/tokenizer.h): a space, a Unicode space ("the
  // &nbsp;U.S."), a curly quote or a dash ("’Dr.", "—Dr."), a digit, a
  // mark. Inside a character (b on a continuation byte) no word starts.
  bool RunStartsAt(size_t b) const {
    if (b == 0) return true;
    if (b < t_.size() && IsUtf8Continuation(static_cast<unsigned char>(t_[b]))) return false;
    return t_[b - 1] != '.' && !WordCharacterBefore(t_, b);
  }

  std::string_view t_;
  uint64_t* scanned_;
  size_t checked_ = 0;      // word starts are known up to here,
  size_t run_ = 0;          // and the last one at or before it is here
  size_t word_run_ = 0;     // the run word_ was found for,
  size_t word_ = 0;         // its first byte after leading periods
  size_t period_word_ = 0;  // the word period_ was looked for in,
  size_t period_ = 0;       // its first period, or how far it was looked for
  bool has_period_ = false;
};

// "U.S", "J.C", "e.g": single letters joined by periods.
bool IsInitials(std::string_view w) {
  if (w.size() < 3) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if ((i % 2 == 0) != IsAsciiLetter(w[i]) || (i % 2 == 1 && w[i] != '.')) return false;
  }
  return true;
}

enum class Decision { kBreak, kNoBreak, kIcu };

// The next byte at or after `i` that may end a sentence: '.', '!', '?' or
// the lead byte of "…". A table lookup per byte keeps this scan, which
// touches every byte of the text, cheap.
size_t NextMark(std::string_view t, size_t i) {
  static constexpr auto kTable = [] {
    std::array<bool, 256> table{};
    table['.'] = table['!'] = table['?'] = table[0xE2] = true;
    return table;
  }();
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const size_t n = t.size();
  // Eight bytes at a time while none of them is a mark (SWAR: a byte of
  // w ^ pattern is zero where w holds that byte).
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (has_zero(w ^ (kOnes * '.')) | has_zero(w ^ (kOnes * '!')) |
        has_zero(w ^ (kOnes * '?')) | has_zero(w ^ (kOnes * 0xE2))) {
      break;
    }
    i += 8;
  }
  while (i < n && !kTable[p[i]]) ++i;
  return i;
}

// The run around `i` within `unit` up to white space, ASCII or Unicode
// (what separates tokens, stages/core/tokenizer.h).
Span TokenAround(std::string_view t, Span unit, size_t i, uint64_t* scanned) {
  size_t b = i, e = i;
  while (b > unit.begin && !IsAsciiSpace(t[b - 1]) && UnicodeSpaceBefore(t, b) == 0) --b;
  while (e < unit.end && !IsAsciiSpace(t[e]) && UnicodeSpaceAt(t, e) == 0) ++e;
  *scanned += e - b;
  return {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

// E-mail addresses and URLs hold periods that end nothing.
bool IsAddress(std::string_view token) {
  return token.find('@') != std::string_view::npos ||
         token.find("://") != std::string_view::npos || StartsWith(token, "www.");
}

// An inline list marker: "1.", "2)", "3.)", "a.", "b)", "• 9.", "⁃10.".
// What must match along a list: "1.", "a)", "•1."..., at most seven
// bytes, one to a byte of a number (0 for none).
using ListStyle = uint64_t;

void AddToStyle(ListStyle* style, std::string_view bytes) {
  for (char c : bytes) *style = *style << 8 | static_cast<unsigned char>(c);
}

struct ListMarker {
  Span span;
  ListStyle style = 0;
  int value = 0;  // 1, 2, 3...; 0 for a bare bullet
};

std::optional<ListMarker> MarkerAt(std::string_view t, Span unit, size_t i) {
  ListMarker m;
  size_t j = i;
  for (std::string_view bullet : {"\xE2\x80\xA2", "\xE2\x81\x83", "*", "\xC2\xB7"}) {
    if (t.substr(j, bullet.size()) == bullet) {
      AddToStyle(&m.style, bullet);
      j += bullet.size();
      if (j < unit.end && t[j] == ' ') ++j;
      break;
    }
  }
  const size_t number = j;
  while (j < unit.end && j - number < 3 && IsAsciiDigit(t[j])) {
    m.value = m.value * 10 + (t[j] - '0');
    ++j;
  }
  if (j == number && j < unit.end && IsAsciiLower(t[j]) && m.style == 0) {
    m.value = t[j] - 'a' + 1;
    AddToStyle(&m.style, "a");
    ++j;
  } else if (j > number) {
    AddToStyle(&m.style, "1");
  }
  if (m.value == 0) return std::nullopt;
  const size_t suffix = j;
  if (j < unit.end && t[j] == '.') ++j;
  if (j < unit.end && t[j] == ')') ++j;
  if (j == suffix || j >= unit.end || t[j] != ' ') return std::nullopt;
  AddToStyle(&m.style, t.substr(suffix, j - suffix));
  m.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
  return m;
}

// Inline lists: two or more markers of one style counting up by one, the
// first at the start of its block or after a colon. A list goes on at the
// first marker after the last one, standing after a space, with the same
// style and the next value.
//
// Linear in the unit (give or take a log): every marker is read once and
// indexed by style and value, so a list finds its next marker by one
// search instead of a scan to the end of the unit; and a list that reaches
// a marker an earlier list went on through stops there, the rest being the
// earlier list's (lists are greedy, so the rest is the same).
std::vector<ListMarker> InlineListMarkers(std::string_view t, Span unit, uint64_t* steps) {
  std::vector<ListMarker> out;
  // Every marker after a space, in text order, and by (style, value).
  std::vector<ListMarker> markers;
  for (size_t i = unit.begin + 1; i < unit.end; ++i) {
    if (!IsAsciiSpace(t[i - 1])) continue;
    ++*steps;
    if (std::optional<ListMarker> m = MarkerAt(t, unit, i)) markers.push_back(*std::move(m));
  }
  std::map<std::pair<ListStyle, int>, std::vector<uint32_t>> by_kind;  // -> index in markers
  for (size_t k = 0; k < markers.size(); ++k) {
    by_kind[{markers[k].style, markers[k].value}].push_back(k);
  }
  std::vector<bool> continued(markers.size(), false);  // reached by an earlier list
  auto next_after = [&](const ListMarker& last) -> std::optional<size_t> {
    auto it = by_kind.find({last.style, last.value + 1});
    if (it == by_kind.end()) return std::nullopt;
    const std::vector<uint32_t>& at = it->second;
    auto k = std::lower_bound(at.begin(), at.end(), last.span.end, [&](uint32_t m, size_t pos) {
      return markers[m].span.begin < pos;
    });
    if (k == at.end()) return std::nullopt;
    return *k;
  };
  auto open_at = [&](size_t at) {
    std::optional<ListMarker> first = MarkerAt(t, unit, at);
    if (!first) return;
    std::vector<ListMarker> run = {*first};
    for (std::optional<size_t> k = next_after(*first); k; k = next_after(markers[*k])) {
      run.push_back(markers[*k]);
      ++*steps;
      if (continued[*k]) break;  // the rest is an earlier list's, already out
      continued[*k] = true;
    }
    if (run.size() >= 2) out.insert(out.end(), run.begin(), run.end());
  };
  open_at(unit.begin);
  for (size_t i = unit.begin; i < unit.end; ++i) {
    const void* colon = std::memchr(t.data() + i, ':', unit.end - i);
    if (colon == nullptr) break;
    i = static_cast<const char*>(colon) - t.data();
    size_t at = i + 1;
    while (at < unit.end && IsAsciiSpace(t[at])) ++at;
    if (at > i + 1 && at < unit.end) open_at(at);
  }
  return out;
}

// Spaced ellipsis ". . ." starting at `i`: the number of its dots.
int SpacedDots(std::string_view t, size_t i, size_t end) {
  int dots = 0;
  while (i < end && t[i] == '.') {
    ++dots;
    if (i + 2 < end && t[i + 1] == ' ' && t[i + 2] == '.') {
      i += 2;
    } else {
      break;
    }
  }
  return dots;
}

// Applies `changes` (offset, break?) to `ends` (ascending, distinct): where
// several fall on one offset, the last one decides. One sort and one merge;
// inserting and erasing each in the middle of `ends` made a text of many
// abbreviations quadratic. Adds the ends written to `*moved`.
void ApplyChanges(std::vector<std::pair<uint32_t, bool>>& changes,
                  std::vector<uint32_t>* ends, uint64_t* moved) {
  std::stable_sort(changes.begin(), changes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  thread_local std::vector<uint32_t> merged;
  merged.clear();
  size_t i = 0;
  for (size_t c = 0; c < changes.size(); ++c) {
    const auto [end, add] = changes[c];
    if (c + 1 < changes.size() && changes[c + 1].first == end) continue;
    for (; i < ends->size() && (*ends)[i] < end; ++i) merged.push_back((*ends)[i]);
    if (i < ends->size() && (*ends)[i] == end) ++i;
    if (add) merged.push_back(end);
  }
  merged.insert(merged.end(), ends->begin() + i, ends->end());
  *moved += merged.size();
  ends->swap(merged);
  ReleaseLarge(merged);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SentenceStage>> SentenceStage::Create(
    const SentenceOptions& options) {
  if (options.rules_dir.empty()) {
    return absl::InvalidArgumentError("sentence stage: no rules folder given (SentenceOptions.rules_dir)");
  }
  absl::StatusOr<std::unique_ptr<SentenceRules>> rules =
      SentenceRules::Load(options.rules_dir);
  if (!rules.ok()) return rules.status();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(
      icu::Locale(options.locale.c_str()), status));
  if (U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat(
        "sentences: ICU sentence iterator for locale '", options.locale,
        "': ", u_errorName(status)));
  }
  return std::unique_ptr<SentenceStage>(
      new SentenceStage(*std::move(rules), std::move(it)));
}

std::unique_ptr<icu::BreakIterator> SentenceStage::Borrow() const {
  {
    absl::MutexLock lock(&pool_mutex_);
    if (!pool_.empty()) {
      auto it = std::move(pool_.back());
      pool_.pop_back();
      return it;
    }
  }
  return std::unique_ptr<icu::BreakIterator>(prototype_->clone());
}

void SentenceStage::Return(std::unique_ptr<icu::BreakIterator> it) const {
  absl::MutexLock lock(&pool_mutex_);
  pool_.push_back(std::move(it));
}

absl::Status SentenceStage::IcuEnds(std::string_view text,
                                    const std::vector<uint32_t>& soft,
                                    std::vector<uint32_t>* ends) const {
  // UTF-16 copy, soft line breaks (and a CR before one) as spaces. For text
  // with non-ASCII bytes, remember where each UTF-16 unit starts in bytes.
  thread_local std::vector<char16_t> units;
  thread_local std::vector<uint32_t> byte_of;  // unused for ASCII text
  const size_t n = text.size();
  units.resize(n);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char any = 0;
  for (size_t i = 0; i < n; ++i) {
    units[i] = bytes[i];
    any |= bytes[i];
  }
  const bool ascii = any < 0x80;
  if (!ascii) {
    units.clear();
    byte_of.clear();
    for (size_t i = 0; i < n;) {
      const unsigned char c = bytes[i];
      byte_of.push_back(i);
      if (c < 0x80) {
        units.push_back(c);
        ++i;
        continue;
      }
      const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (bytes[i + k] & 0x3F);
      if (cp >= 0x10000) {
        units.push_back(char16_t(0xD800 + ((cp - 0x10000) >> 10)));
        units.push_back(char16_t(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        byte_of.push_back(i);
      } else {
        units.push_back(char16_t(cp));
      }
      i += len;
    }
    byte_of.push_back(n);
  }
  // Soft breaks become spaces: in ASCII text units and bytes coincide; else
  // find each break's unit by its byte.
  for (uint32_t pos : soft) {
    size_t at = pos;
    if (!ascii) {
      at = std::lower_bound(byte_of.begin(), byte_of.end(), pos) - byte_of.begin();
    }
    units[at] = u' ';
    if (at > 0 && units[at - 1] == u'\r') units[at - 1] = u' ';
  }

  // Through UText, ICU reads `units` in place; a UnicodeString would be
  // copied by the iterator, a second 2 bytes per byte of text.
  UErrorCode status = U_ZERO_ERROR;
  UText in_place = UTEXT_INITIALIZER;  // on the stack: no allocation per document
  icu::LocalUTextPointer in(
      utext_openUChars(&in_place, units.data(), static_cast<int64_t>(units.size()), &status));
  std::unique_ptr<icu::BreakIterator> it = Borrow();
  it->setText(in.getAlias(), status);
  if (U_FAILURE(status)) {
    Return(std::move(it));
    ReleaseLarge(units);
    ReleaseLarge(byte_of);
    return absl::InternalError(absl::StrCat("ICU could not read the text: ", u_errorName(status)));
  }
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    uint32_t end = ascii ? b : byte_of[b];
    end = static_cast<uint32_t>(SkipWhiteSpaceBack(text, 0, end));
    if (end > 0 && (ends->empty() || ends->back() != end)) ends->push_back(end);
  }
  static const icu::UnicodeString* const kEmpty = new icu::UnicodeString();
  it->setText(*kEmpty);  // drop the reference to `units`
  Return(std::move(it));
  ReleaseLarge(units);
  ReleaseLarge(byte_of);
  return absl::OkStatus();
}

absl::Status SentenceStage::Process(Document& doc) const {
  SentenceWork work;
  return Process(doc, &work);
}

namespace {

// Scratch space for one Process call, reused across documents on each
// thread: no allocation per document once the buffers have grown.
struct SentenceScratch {
  std::vector<Line> lines;
  std::vector<uint32_t> soft;   // soft line breaks, ascending
  std::vector<Span> units;      // lines joined by soft breaks
  std::vector<uint32_t> ends;   // sentence ends, ascending
  std::vector<std::pair<uint32_t, bool>> changes;  // end, break?
  std::vector<uint32_t> marker_ends;  // ends of inline list markers

  void Clear() {
    soft.clear();
    units.clear();
    ends.clear();
    changes.clear();
    marker_ends.clear();
  }
  // After a large document (scratch.h).
  void ReleaseLarge() {
    newsmark::ReleaseLarge(lines);
    newsmark::ReleaseLarge(soft);
    newsmark::ReleaseLarge(units);
    newsmark::ReleaseLarge(ends);
    newsmark::ReleaseLarge(changes);
    newsmark::ReleaseLarge(marker_ends);
  }
};

// Phase 1. Line breaks inside a paragraph are soft: read as spaces. A line
// starting in lower case goes on the sentence before it only when that
// sentence ends soon; lines of fragments ("features\ncontact manager") stay
// apart.
void JoinLines(SentenceScratch& s) {
  const std::vector<Line>& lines = s.lines;
  const bool wrapped = IsHardWrapped(lines);
  auto sentence_ends_by = [&](size_t i) {
    for (size_t k = i; k < lines.size() && k < i + 10; ++k) {
      if (lines[k].blank() || (k > i && (lines[k].indented || lines[k].list_item))) {
        return false;
      }
      if (lines[k].ends_terminal) return true;
    }
    return false;
  };
  // At most a unit per line that is not blank: that upper bound reserved,
  // so that doubling leaves no slack (a line every 2 bytes is 4 bytes of
  // units per byte); where lines join, less is used. `lines` (16 bytes a
  // line) is given back right after, when large.
  s.units.reserve(std::count_if(lines.begin(), lines.end(),
                                [](const Line& l) { return !l.blank(); }));
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.blank()) continue;
    const bool joins =
        !s.units.empty() && i > 0 && !lines[i - 1].blank() &&
        !line.indented && !line.list_item && !line.boilerplate &&
        !lines[i - 1].boilerplate && !lines[i - 1].all_caps &&
        (wrapped || (line.starts_lower && sentence_ends_by(i)));
    if (joins) {
      s.soft.push_back(lines[i - 1].end);
      s.units.back().end = line.content.end;
    } else {
      s.units.push_back(line.content);
    }
  }
}

// Phase 2. Each unit is a block: boilerplate, a list item, the headline, a
// dateline cut off the first paragraph, or a paragraph.
void AddBlocks(const SentenceRules& rules, const std::vector<Span>& units, Document& doc) {
  const std::string_view text = doc.text();
  for (size_t u = 0; u < units.size(); ++u) {
    const Span span = units[u];
    const std::string_view s = doc.Text(span);
    BlockKind kind = BlockKind::kParagraph;
    const bool one_line = s.find_first_of("\r\n") == std::string_view::npos;
    if (one_line && rules.IsBoilerplate(s)) {
      kind = BlockKind::kBoilerplate;
    } else if (ListMarkerLength(s) > 0) {
      kind = BlockKind::kListItem;
    } else if (u == 0 && one_line && units.size() > 1 && s.size() <= 300 &&
               !EndsTerminal(s)) {
      kind = BlockKind::kHeadline;
    }
    const bool first_paragraph =
        kind == BlockKind::kParagraph &&
        (u == 0 || (u == 1 && doc.blocks().back().kind == BlockKind::kHeadline));
    if (first_paragraph) {
      if (const size_t n = rules.DatelineLength(s); n > 0) {
        const Span dateline = Trim(text, span.begin, span.begin + n);
        doc.blocks().push_back({dateline, BlockKind::kDateline});
        const Span rest = Trim(text, span.begin + n, span.end);
        if (!rest.empty()) doc.blocks().push_back({rest, BlockKind::kParagraph});
        continue;
      }
    }
    doc.blocks().push_back({span, kind});
  }
}

// Phase 4. Inline lists: a break before each marker, none after it.
void AddInlineListChanges(std::string_view text, SentenceScratch& s, SentenceWork* work) {
  for (const Span& u : s.units) {
    for (const ListMarker& m : InlineListMarkers(text, u, &work->list_steps)) {
      if (m.span.begin > u.begin) s.changes.emplace_back(m.span.begin, true);
      s.marker_ends.push_back(m.span.end);
    }
  }
  std::sort(s.marker_ends.begin(), s.marker_ends.end());
  s.marker_ends.erase(std::unique(s.marker_ends.begin(), s.marker_ends.end()),
                      s.marker_ends.end());
}

// A run of terminal marks ("?!", "...", "…") and the closers after it.
struct MarkRun {
  size_t begin = 0;  // the first mark
  size_t last = 0;   // the last mark's first byte
  size_t end = 0;    // past the closers
  bool bang = false, ellipsis = false;
  bool bracketed_omission = false;  // "[...]", "(...)"
  bool single_period = false;
};

MarkRun ReadMarkRun(std::string_view text, size_t i) {
  MarkRun r;
  r.begin = i;
  size_t e = i;
  for (;;) {
    if (e < text.size() && (text[e] == '.' || text[e] == '!' || text[e] == '?')) {
      r.bang |= text[e] != '.';
      ++e;
    } else if (text.substr(e, 3) == kEllipsis) {
      r.ellipsis = true;
      e += 3;
    } else {
      break;
    }
  }
  r.ellipsis |= e - r.begin >= 3 && !r.bang;
  r.last = e - 1;
  r.bracketed_omission = r.ellipsis && r.begin > 0 &&
                         (text[r.begin - 1] == '[' || text[r.begin - 1] == '(') &&
                         e < text.size() && (text[e] == ']' || text[e] == ')');
  while (e < text.size() && CloserLength(text, e) > 0) e += CloserLength(text, e);
  r.end = e;
  r.single_period = e > r.begin && text[r.begin] == '.' && !r.bang && !r.ellipsis &&
                    r.last == r.begin;
  return r;
}

// Phase 5: every terminal mark decided by rule, as changes to ICU's ends.
class MarkDecider {
 public:
  MarkDecider(const SentenceRules& rules, std::string_view text, SentenceScratch& s,
              SentenceWork* work)
      : rules_(rules), text_(text), s_(s), work_(work),
        words_(text, &work->bytes_scanned) {}

  void Run() {
    const std::string_view text = text_;
    size_t unit = 0;
    for (size_t i = NextMark(text, 0); i < text.size(); i = NextMark(text, i + 1)) {
      const char c = text[i];
      if (c == '\xE2' && text.substr(i, 3) != kEllipsis) continue;
      while (unit < s_.units.size() && s_.units[unit].end <= i) ++unit;
      if (unit == s_.units.size()) break;
      const Span& u = s_.units[unit];
      if (const int dots = c == '.' ? SpacedDots(text, i, u.end) : 0; dots >= 3) {
        i = SpacedEllipsis(u, i, dots);
        continue;
      }
      const MarkRun run = ReadMarkRun(text, i);
      i = run.last;
      const Decision decision = Decide(u, run);
      if (decision != Decision::kIcu) {
        s_.changes.emplace_back(run.end, decision == Decision::kBreak);
      }
    }
  }

 private:
  // Spaced ellipses mark omissions. ". . ." goes on; four dots are an
  // omission and a period: ". . . ." right after a word ends the sentence
  // at its first dot (the rest opens the next sentence), after a space at
  // its last. At the end of a block the whole run ends the sentence.
  // Returns the last dot.
  size_t SpacedEllipsis(Span u, size_t i, int dots) {
    const std::string_view text = text_;
    const bool after_word = i > u.begin && !IsAsciiSpace(text[i - 1]);
    const size_t last = i + 2 * (dots - 1);
    size_t after = last + 1;
    while (after < u.end && CloserLength(text, after) > 0) after += CloserLength(text, after);
    size_t next = after;
    while (next < u.end && IsAsciiSpace(text[next])) ++next;
    const bool at_end = next >= u.end;
    for (int k = 0; k < dots; ++k) {
      const bool cut = !at_end && dots >= 4 && (after_word ? k == 0 : k == dots - 1);
      s_.changes.emplace_back(k == dots - 1 ? after : i + 2 * k + 1, cut);
    }
    return last;
  }

  Decision Decide(Span u, const MarkRun& run) {
    const size_t e = run.end;
    if (EndsMarker(e) || run.bracketed_omission) return Decision::kNoBreak;  // "1.) The", "[...]"
    if (e < u.end && SkipWhiteSpace(text_.substr(0, u.end), e) == e) return Unspaced(u, run);
    const size_t q = SkipWhiteSpace(text_.substr(0, u.end), e);
    if (q >= u.end) return Decision::kBreak;  // the block ends here
    if (run.single_period) return AfterPeriod(u, run, q);
    if ((run.bang || run.ellipsis) && IsAsciiLower(text_[q])) {
      return Decision::kNoBreak;  // "Yahoo! is", "paused... and"
    }
    return Decision::kIcu;
  }

  // No space after the mark: a sentence ends only where a word or number
  // meets a capitalized word ("failed.Opponents", "1,000.That"), never
  // inside an address ("Jane.Doe@example.com").
  Decision Unspaced(Span u, const MarkRun& run) {
    const std::string_view text = text_;
    const size_t e = run.end;
    const std::string_view before = words_.Before(run.begin);
    const char prev = run.begin > u.begin ? text[run.begin - 1] : ' ';
    const bool word_before =
        (before.size() >= 2 && IsAsciiLower(before.back()) && !words_.has_period() &&
         !rules_.FindAbbreviation(before)) ||
        IsAsciiDigit(prev);
    return run.single_period && e == run.begin + 1 && word_before && e + 1 < u.end &&
                   IsAsciiUpper(text[e]) && IsAsciiLower(text[e + 1]) &&
                   !InAddress(u, run.begin)
               ? Decision::kBreak
               : Decision::kNoBreak;
  }

  // One period, then a space and the next word at `q`: an abbreviation or
  // initials decide by their class, anything else is ICU's.
  Decision AfterPeriod(Span u, const MarkRun& run, size_t q) {
    const std::string_view text = text_;
    // The next word as the tokenizer cuts it ("It’s" and "It's" are "It").
    uint32_t w = static_cast<uint32_t>(q);
    TextToken next_token;
    const bool word_next = NextToken(text, &w, u.end, &next_token) &&
                           next_token.kind == TokenKind::kWord && next_token.begin == q;
    const std::string_view next_word =
        word_next ? text.substr(q, next_token.size()) : std::string_view();
    const char next = text[q];
    const std::string_view word = words_.Before(run.begin);
    const AbbreviationClass* cls = rules_.FindAbbreviation(word);
    AbbreviationClass implied = AbbreviationClass::kGeneral;
    if (cls == nullptr && (word.size() == 1 ? IsAsciiUpper(word[0]) : IsInitials(word))) {
      cls = &implied;  // initials: "W.", "J.C.", "U.S."
    }
    if (cls == nullptr) return Decision::kIcu;
    switch (*cls) {
      case AbbreviationClass::kTitle:
        return Decision::kNoBreak;
      case AbbreviationClass::kNumber:
      case AbbreviationClass::kMonth:
        return IsAsciiDigit(next) ? Decision::kNoBreak : Decision::kIcu;
      case AbbreviationClass::kGeneral:
        return rules_.IsStarter(next_word) ? Decision::kBreak : Decision::kNoBreak;
    }
    return Decision::kIcu;
  }

  bool EndsMarker(size_t e) const {  // marker_ends is sorted
    return std::binary_search(s_.marker_ends.begin(), s_.marker_ends.end(), e);
  }

  // Whether the mark at `i` is inside an address. The run of non-space bytes
  // last looked at is kept: one run holds every period of a text without
  // spaces.
  bool InAddress(Span u, size_t i) {
    if (i < token_.begin || i >= token_.end) {
      token_ = TokenAround(text_, u, i, &work_->bytes_scanned);
      token_is_address_ = IsAddress(text_.substr(token_.begin, token_.size()));
    }
    return token_is_address_;
  }

  const SentenceRules& rules_;
  const std::string_view text_;
  SentenceScratch& s_;
  SentenceWork* work_;
  WordsBeforeMarks words_;
  Span token_;
  bool token_is_address_ = false;
};

// Phase 7: the sentences between the ends, trimmed.
void AddSentences(const std::vector<uint32_t>& ends, Document& doc) {
  const std::string_view text = doc.text();
  uint32_t start = 0;
  for (uint32_t end : ends) {
    if (end < start) continue;
    const Span span = Trim(text, start, end);
    if (!span.empty()) doc.sentences().push_back({span});
    start = end;
  }
  const Span last = Trim(text, start, text.size());
  if (!last.empty()) doc.sentences().push_back({last});
}

}  // namespace

absl::Status SentenceStage::Process(Document& doc, SentenceWork* work) const {
  const std::string_view text = doc.text();
  thread_local SentenceScratch scratch;
  scratch.Clear();
  SplitLines(text, *rules_, scratch.lines, &work->line_bytes_searched);
  JoinLines(scratch);
  newsmark::ReleaseLarge(scratch.lines);  // read no more
  doc.blocks().reserve(doc.blocks().size() + scratch.units.size() + 1);
  AddBlocks(*rules_, scratch.units, doc);
  // Phase 3. Sentence ends: ICU's proposals, then every terminal mark
  // decided by rule.
  absl::Status status = IcuEnds(text, scratch.soft, &scratch.ends);
  if (!status.ok()) {
    scratch.ReleaseLarge();
    return status;
  }
  AddInlineListChanges(text, scratch, work);
  MarkDecider(*rules_, text, scratch, work).Run();
  newsmark::ReleaseLarge(scratch.units);  // read no more
  newsmark::ReleaseLarge(scratch.soft);
  newsmark::ReleaseLarge(scratch.marker_ends);
  // Phase 6. Sentences never cross blocks: block ends come last, so they win.
  scratch.changes.reserve(scratch.changes.size() + doc.blocks().size());
  for (const Block& b : doc.blocks()) {
    if (b.kind != BlockKind::kDateline) scratch.changes.emplace_back(b.span.end, true);
  }
  ApplyChanges(scratch.changes, &scratch.ends, &work->ends_moved);
  doc.sentences().reserve(doc.sentences().size() + scratch.ends.size() + 1);
  AddSentences(scratch.ends, doc);
  scratch.ReleaseLarge();
  return absl::OkStatus();
}

}  // namespace newsmark

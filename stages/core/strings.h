// Small std::string_view helpers. Debian's Abseil has its own
// absl::string_view, distinct from std::string_view, so absl's string
// functions do not take ours; these fill the gap.

#ifndef NEWSMARK_STAGES_CORE_STRINGS_H_
#define NEWSMARK_STAGES_CORE_STRINGS_H_

#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"

namespace newsmark {

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLetter(char c) { return IsAsciiLower(c) || IsAsciiUpper(c); }

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

inline bool IsAsciiBlank(std::string_view s) {
  for (char c : s) {
    if (!IsAsciiSpace(c)) return false;
  }
  return true;
}

// `s` with leading and trailing white space dropped and every inner run of
// it read as one space: how sentences are compared with expected ones, since
// spans keep the original text ("cold \nnight" = "cold night").
inline std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsAsciiSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

inline std::string_view FromAbsl(absl::string_view s) {
  return std::string_view(s.data(), s.size());
}

// absl::SimpleAtoi for an int, with plain digits (at most nine) read in
// place: the values of date tokens are nearly all such, and the general
// parse costs ten times as much.
inline bool ParseInt(std::string_view s, int* out) {
  if (!s.empty() && s.size() <= 9) {
    int n = 0;
    size_t k = 0;
    while (k < s.size() && IsAsciiDigit(s[k])) n = n * 10 + (s[k++] - '0');
    if (k == s.size()) {
      *out = n;
      return true;
    }
  }
  return absl::SimpleAtoi(ToAbsl(s), out);
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_STRINGS_H_

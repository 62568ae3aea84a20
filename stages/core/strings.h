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

// Lower-cases the ASCII letters of `s` in place, branch-free so that the
// compiler can do many bytes at once; other bytes are left as they are.
inline char LowerAscii(char c) { return static_cast<char>(c + ((c >= 'A' && c <= 'Z') << 5)); }

inline void LowerAsciiInPlace(std::string& s) {
  for (char& c : s) c = LowerAscii(c);
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

// Whether `s` is one to nine ASCII digits, and then their value: a read
// in place, ten times cheaper than a general parse.
inline bool ParseDigits(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  int n = 0;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return false;
    n = n * 10 + (c - '0');
  }
  *out = n;
  return true;
}

// absl::SimpleAtoi for an int, with plain digits read in place: the values
// of date tokens are nearly all such.
inline bool ParseInt(std::string_view s, int* out) {
  return ParseDigits(s, out) || absl::SimpleAtoi(ToAbsl(s), out);
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_STRINGS_H_

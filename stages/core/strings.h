// Small std::string_view helpers. Debian's Abseil has its own
// absl::string_view, distinct from std::string_view, so absl's string
// functions do not take ours; these fill the gap.

#ifndef NEWSMARK_STAGES_CORE_STRINGS_H_
#define NEWSMARK_STAGES_CORE_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace newsmark {

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

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

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

inline std::string_view FromAbsl(absl::string_view s) {
  return std::string_view(s.data(), s.size());
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_STRINGS_H_

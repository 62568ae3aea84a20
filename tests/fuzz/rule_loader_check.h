// The rule loaders' promise, checked: a rule folder either loads, or fails
// with InvalidArgumentError whose every line is "FILE:LINE: message", FILE
// one of the folder's rule files (stages/core/rule_file.h).

#ifndef NEWSMARK_TESTS_FUZZ_RULE_LOADER_CHECK_H_
#define NEWSMARK_TESTS_FUZZ_RULE_LOADER_CHECK_H_

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "stages/core/strings.h"
#include "tests/fuzz/fuzz_support.h"

namespace newsmark {
namespace fuzz {

// `line` is "PATH:N: ...", PATH one of `paths`, N a positive number.
inline bool NamesFileAndLine(std::string_view line, const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    if (!StartsWith(line, path) || line.size() <= path.size() || line[path.size()] != ':') {
      continue;
    }
    size_t i = path.size() + 1;
    const size_t digits = i;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    if (i > digits && line[digits] != '0' && i + 1 < line.size() && line[i] == ':' &&
        line[i + 1] == ' ') {
      return true;
    }
  }
  return false;
}

inline void CheckRuleLoadStatus(const absl::Status& status,
                                const std::vector<std::string>& paths) {
  if (status.ok()) return;
  FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument,
             "rules fail with %s, not INVALID_ARGUMENT: %s",
             absl::StatusCodeToString(status.code()).c_str(),
             std::string(status.message()).c_str());
  const std::string_view message = FromAbsl(status.message());
  FUZZ_CHECK(!message.empty(), "rules fail with an empty message");
  for (size_t start = 0; start <= message.size();) {
    size_t end = message.find('\n', start);
    if (end == std::string_view::npos) end = message.size();
    const std::string_view line = message.substr(start, end - start);
    FUZZ_CHECK(NamesFileAndLine(line, paths), "a rule error names no file:line: \"%.*s\"",
               static_cast<int>(line.size()), line.data());
    start = end + 1;
  }
}

}  // namespace fuzz
}  // namespace newsmark

#endif  // NEWSMARK_TESTS_FUZZ_RULE_LOADER_CHECK_H_

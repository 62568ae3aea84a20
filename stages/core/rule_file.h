// Reading rule files: UTF-8 text, one rule a line, fields separated by tabs,
// '#' starting a comment line, blank lines skipped. Every problem is
// reported as "file:line: message", the form `newsmark rules check` prints.

#ifndef NEWSMARK_STAGES_CORE_RULE_FILE_H_
#define NEWSMARK_STAGES_CORE_RULE_FILE_H_

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "stages/core/strings.h"
#include "stages/core/utf8.h"

namespace newsmark {

// `value` in double quotes for an error message about it, kept to one
// valid UTF-8 line: control characters (a JSON "\n" in a field) written as
// \n, \r, \t or \xHH, and, if the value is not valid UTF-8 (a lone
// surrogate escape), every byte from 0x80 as \xHH; cut after 80 bytes
// ("...").
inline std::string QuotedForError(std::string_view value) {
  constexpr size_t kMost = 80;
  const bool valid = FindInvalidUtf8(value) == value.size();
  // Cut on a character boundary of valid text.
  size_t cut = std::min(value.size(), kMost);
  while (valid && cut < value.size() && IsUtf8Continuation(static_cast<unsigned char>(value[cut]))) {
    --cut;
  }
  std::string out = "\"";
  for (size_t i = 0; i < cut; ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && !valid)) {
      absl::StrAppend(&out, "\\x", absl::Hex(c, absl::kZeroPad2));
    } else {
      out += static_cast<char>(c);
    }
  }
  if (cut < value.size()) out += "...";
  out += "\"";
  return out;
}

// One rule line: where it is and its tab-separated fields.
struct RuleLine {
  const std::string& path;
  int number;  // 1-based
  const std::vector<std::string>& fields;

  std::string where() const { return absl::StrCat(path, ":", number); }
};

// Calls fn(line) for each rule line of `path`. `fn` returns an absl::Status:
// each failure is appended to `errors` as "file:line: message", as are a
// file that cannot be read and a line that is not UTF-8. The one place
// rule loaders turn a bad line into its file:line error.
template <typename Fn>
void ForEachRuleLine(const std::string& path, std::vector<std::string>* errors, Fn fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->push_back(absl::StrCat(path, ":1: cannot read the file"));
    return;
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsAsciiBlank(line) || line[0] == '#') continue;
    if (FindInvalidUtf8(line) != line.size()) {
      errors->push_back(absl::StrCat(path, ":", n, ": not valid UTF-8"));
      continue;
    }
    const std::vector<std::string> fields = absl::StrSplit(line, '\t');
    const absl::Status status = fn(RuleLine{path, n, fields});
    if (!status.ok()) errors->push_back(absl::StrCat(path, ":", n, ": ", status.message()));
  }
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_RULE_FILE_H_

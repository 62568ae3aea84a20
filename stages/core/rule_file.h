// Reading rule files: UTF-8 text, one rule a line, fields separated by tabs,
// '#' starting a comment line, blank lines skipped. Every problem is
// reported as "file:line: message", the form `newsmark rules check` prints.

#ifndef NEWSMARK_STAGES_CORE_RULE_FILE_H_
#define NEWSMARK_STAGES_CORE_RULE_FILE_H_

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "stages/core/strings.h"
#include "stages/core/utf8.h"

namespace newsmark {

// Calls fn(line_number, fields) for each rule line of `path`; appends to
// `errors` when the file cannot be read or a line is not UTF-8.
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
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    fn(n, fields);
  }
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_RULE_FILE_H_

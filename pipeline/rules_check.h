// `newsmark rules check`: load every rule file under a rules folder, report
// each problem as "file:line: message", and run the examples written beside
// the rules, reporting each failure with what was expected and what came.

#ifndef NEWSMARK_PIPELINE_RULES_CHECK_H_
#define NEWSMARK_PIPELINE_RULES_CHECK_H_

#include <string>
#include <vector>

namespace newsmark {

struct RulesReport {
  int rule_sets = 0;  // stage folders loaded
  size_t rules = 0;
  int examples = 0;
  int examples_passed = 0;
  std::vector<std::string> problems;  // load errors and failed examples
};

RulesReport CheckRules(const std::string& rules_dir);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_RULES_CHECK_H_

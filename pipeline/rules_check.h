// `newsmark rules check`: load every rule file under a rules folder, report
// each problem as "file:line: message", and run the examples written beside
// the rules, reporting each failure with what was expected and what came.
// The gazetteer (DIR/gazetteer/, when there is one) is loaded whole, as the
// entity stage would load it, with a user's --gazetteer files after it
// (adding entries, or replacing those with the same id), and counted.

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
  bool gazetteer_loaded = false;  // DIR/gazetteer/ is there and loaded without a problem
  size_t gazetteer_entries = 0;
  size_t gazetteer_aliases = 0;
};

RulesReport CheckRules(const std::string& rules_dir,
                       const std::vector<std::string>& gazetteer_files = {});

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_RULES_CHECK_H_

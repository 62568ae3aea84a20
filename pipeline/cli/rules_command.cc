// newsmark rules check [DIR]: validate rule files and run their examples.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "pipeline/cli/args.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/rules_location.h"
#include "pipeline/rules_check.h"

namespace newsmark {

int RunRulesCommand(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed =
      ParseArgs({{"help", 'h', false, "show this help"},
                 {"gazetteer", 0, true, "a gazetteer file of yours, after the folder's", "FILE"}},
                args);
  const bool help = parsed.ok() && parsed->Has("help");
  if (!parsed.ok() || help || parsed->positional.empty() ||
      parsed->positional[0] != "check" || parsed->positional.size() > 2) {
    std::fprintf(help ? stdout : stderr,
                 "usage: newsmark rules check [--gazetteer FILE]... [DIR]\n\n"
                 "Loads every rule file under DIR (default: the folder newsmark\n"
                 "--version names, now %s), reports each\n"
                 "problem as file:line: message, and runs the examples beside "
                 "the rules.\n--gazetteer FILE (.tsv or spaCy .jsonl, as often as "
                 "needed) loads after DIR/gazetteer/,\nadding entries or "
                 "replacing those with the same id.\nExit: 0 all good, 1 a problem "
                 "or a failed example, 2 usage error.\n",
                 FindRules("").dir.c_str());
    return help ? kExitOk : kExitUsage;
  }
  const std::string dir =
      parsed->positional.size() == 2 ? parsed->positional[1] : FindRules("").dir;
  const std::vector<std::string> gazetteer_files = parsed->GetAll("gazetteer");
  const RulesReport report = CheckRules(dir, gazetteer_files);
  for (const std::string& p : report.problems) std::printf("%s\n", p.c_str());
  if (report.gazetteer_loaded) {
    std::printf("%s/gazetteer%s: %zu entries, %zu aliases\n", dir.c_str(),
                gazetteer_files.empty()
                    ? ""
                    : absl::StrCat(" with ", gazetteer_files.size(), " --gazetteer file",
                                   gazetteer_files.size() == 1 ? "" : "s")
                          .c_str(),
                report.gazetteer_entries, report.gazetteer_aliases);
  }
  std::printf("%s: %d rule sets, %zu rules; examples: %d passed, %d failed\n",
              dir.c_str(), report.rule_sets, report.rules, report.examples_passed,
              report.examples - report.examples_passed);
  return report.problems.empty() ? kExitOk : kExitInputErrors;
}

}  // namespace newsmark

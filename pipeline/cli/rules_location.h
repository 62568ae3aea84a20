// Where the command line finds its rule folder, as an installed tool does.
//
// In order, the first that names a folder wins:
//   1. --rules DIR;
//   2. the environment variable NEWSMARK_RULES;
//   3. beside the binary: BIN/../share/newsmark/rules (what `cmake --install`
//      lays out), then BIN/rules (a binary copied with its rules);
//   4. the source tree the binary was built from (a build folder).
// A folder given by 1 or 2 is taken as it is (a missing one fails when the
// stages load it, naming it); 3 and 4 count only where the folder has a
// sentences/ and a dates/ folder; when none does, "rules" in the working
// folder is tried. `newsmark --version` prints the result.

#ifndef NEWSMARK_PIPELINE_CLI_RULES_LOCATION_H_
#define NEWSMARK_PIPELINE_CLI_RULES_LOCATION_H_

#include <string>

namespace newsmark {

struct RulesLocation {
  std::string dir;       // the rule folder
  std::string found_by;  // "--rules", "NEWSMARK_RULES", "installed", ...
};

// `flag` is the --rules value, empty when not given.
RulesLocation FindRules(const std::string& flag);

struct OptionSpec;
// The --rules option every command that builds the pipeline takes.
OptionSpec RulesOption();

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_CLI_RULES_LOCATION_H_

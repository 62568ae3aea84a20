// A small command-line parser for newsmark's subcommands: long options
// ("--jobs 4", "--jobs=4"), their one-letter aliases, flags without values,
// positional arguments, and "--" to end options. Unknown options are errors.

#ifndef NEWSMARK_PIPELINE_CLI_ARGS_H_
#define NEWSMARK_PIPELINE_CLI_ARGS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace newsmark {

struct OptionSpec {
  std::string name;       // "jobs"
  char alias = 0;         // 'j', or 0
  bool takes_value = true;
  std::string help;       // one line for --help
  std::string value_name = "VALUE";
};

struct ParsedArgs {
  std::map<std::string, std::string> values;  // flags map to "true"; the last value given
  std::map<std::string, std::vector<std::string>> all;  // every value, in order
  std::vector<std::string> positional;

  bool Has(const std::string& name) const { return values.count(name) > 0; }
  std::string Get(const std::string& name, std::string fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  // Every value of an option that may be given more than once
  // ("--gazetteer A --gazetteer B"), in order.
  std::vector<std::string> GetAll(const std::string& name) const {
    auto it = all.find(name);
    return it == all.end() ? std::vector<std::string>() : it->second;
  }
};

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<OptionSpec>& specs,
                                     const std::vector<std::string>& args);

// "  -j, --jobs N   help" lines, aligned.
std::string OptionsHelp(const std::vector<OptionSpec>& specs);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_CLI_ARGS_H_

#include "pipeline/cli/args.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace newsmark {

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<OptionSpec>& specs,
                                     const std::vector<std::string>& args) {
  ParsedArgs parsed;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      parsed.positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name, value;
    bool has_value = false;
    if (arg.rfind("--", 0) == 0) {
      name = arg.substr(2);
      const size_t eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
        has_value = true;
      }
    } else if (arg.size() == 2) {
      name = arg.substr(1);
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown option ", arg));
    }
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) {
      return s.name == name || (name.size() == 1 && s.alias == name[0]);
    });
    if (spec == specs.end()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown option ", arg));
    }
    if (!spec->takes_value) {
      if (has_value) {
        return absl::InvalidArgumentError(
            absl::StrCat("option --", spec->name, " takes no value"));
      }
      parsed.values[spec->name] = "true";
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("option --", spec->name, " needs a value"));
      }
      value = args[++i];
    }
    parsed.values[spec->name] = value;
    parsed.all[spec->name].push_back(value);
  }
  return parsed;
}

std::string OptionsHelp(const std::vector<OptionSpec>& specs) {
  std::vector<std::string> left;
  size_t width = 0;
  for (const OptionSpec& s : specs) {
    std::string l = s.alias ? absl::StrCat("  -", std::string(1, s.alias), ", --")
                            : std::string("      --");
    absl::StrAppend(&l, s.name);
    if (s.takes_value) absl::StrAppend(&l, " ", s.value_name);
    width = std::max(width, l.size());
    left.push_back(std::move(l));
  }
  std::string out;
  for (size_t i = 0; i < specs.size(); ++i) {
    absl::StrAppend(&out, left[i], std::string(width + 2 - left[i].size(), ' '),
                    specs[i].help, "\n");
  }
  return out;
}

}  // namespace newsmark

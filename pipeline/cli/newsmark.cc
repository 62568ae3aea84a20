#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "pipeline/cli/args.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/rules_location.h"
#include "pipeline/default_pipeline.h"
#include "pipeline/record_writer.h"

namespace newsmark {
namespace {

constexpr char kUsage[] =
    "usage: newsmark COMMAND [options] ...\n\n"
    "commands:\n"
    "  annotate   annotate articles and print JSONL records\n"
    "  eval       score the pipeline against gold data\n"
    "  diff       compare two record files annotation by annotation\n"
    "  rules      check rule files and run their examples\n\n"
    "newsmark COMMAND --help tells more. newsmark --version prints the\n"
    "version, the record schema and the rule folder in use.\n";

}  // namespace

PipelineOptions PipelineFromArgs(const ParsedArgs& args) {
  PipelineOptions options;
  options.rules_dir = FindRules(args.Has("rules") ? args.Get("rules") : "").dir;
  return options;
}

int RunNewsmark(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "annotate") return RunAnnotateCommand(args);
  if (command == "eval") return RunEvalCommand(args);
  if (command == "diff") return RunDiffCommand(args);
  if (command == "rules") return RunRulesCommand(args);
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (command == "--version") {
    const RulesLocation rules = FindRules("");
    std::printf("newsmark %s (records: %s)\nrules: %s (%s)\n", NEWSMARK_VERSION,
                std::string(kRecordSchema).c_str(),
                rules.dir.c_str(),
                rules.found_by.c_str());
    return kExitOk;
  }
  std::fprintf(stderr, "newsmark: unknown command '%s'\n\n%s", command.c_str(),
               kUsage);
  return kExitUsage;
}

}  // namespace newsmark

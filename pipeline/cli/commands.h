// newsmark's subcommands. Each takes the arguments after its name and
// returns the process exit code: 0 success, 1 some input failed, 2 usage or
// setup error. Messages go to stderr.

#ifndef NEWSMARK_PIPELINE_CLI_COMMANDS_H_
#define NEWSMARK_PIPELINE_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace newsmark {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;
inline constexpr int kExitUsage = 2;

// The pipeline options the shared flags ask for (--rules).
struct PipelineOptions;
struct ParsedArgs;
PipelineOptions PipelineFromArgs(const ParsedArgs& args);

int RunAnnotateCommand(const std::vector<std::string>& args);
int RunEvalCommand(const std::vector<std::string>& args);
int RunDiffCommand(const std::vector<std::string>& args);
int RunRulesCommand(const std::vector<std::string>& args);

// Dispatches argv to a subcommand; main() is only this.
int RunNewsmark(int argc, char** argv);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_CLI_COMMANDS_H_

#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <unistd.h>

#include <cerrno>
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

// Opens /dev/null on standard descriptors that are closed. Otherwise the
// first file opened takes the lowest free descriptor: with `2>&-` the records
// file of `-o` became fd 2, and every error line went into the records.
void OpenClosedStandardDescriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    // open(2) takes the lowest free descriptor, which is this one.
    if (opened != fd && opened >= 0) close(opened);
  }
}

// A document's layers and scratch are freed when it is done; glibc gives
// buffers from mmap back to the system at once, but raises its mmap
// threshold to the size of each one freed (up to 32 MiB), so that the next
// document's buffers come from the heap, whose freed middle stays resident.
// A fixed threshold of 1 MiB keeps every buffer of document size mapped
// (each is mapped and zero-filled anew per document, which costs nothing
// measurable beside the document's own work): 10 MB of one-line
// paragraphs peaked at 20.3x the text, now 18.0x (docs/benchmarks.md).
void ReturnDocumentBuffersToTheSystem() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

}  // namespace

PipelineOptions PipelineFromArgs(const ParsedArgs& args) {
  PipelineOptions options;
  options.rules_dir = FindRules(args.Has("rules") ? args.Get("rules") : "").dir;
  return options;
}

int RunNewsmark(int argc, char** argv) {
  OpenClosedStandardDescriptors();
  ReturnDocumentBuffersToTheSystem();
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

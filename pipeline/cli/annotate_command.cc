// newsmark annotate: inputs -> pipeline -> JSONL records.

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "pipeline/batch_runner.h"
#include "pipeline/cli/args.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/rules_location.h"
#include "pipeline/input.h"
#include "pipeline/default_pipeline.h"

namespace newsmark {
namespace {

const std::vector<OptionSpec>& AnnotateOptions() {
  static const auto* specs = new std::vector<OptionSpec>{
      {"output", 'o', true, "write records to FILE (default: stdout)", "FILE"},
      {"errors", 0, true, "write error lines to FILE (default: stderr)", "FILE"},
      {"date", 0, true, "document date for inputs that carry none",
       "YYYY-MM-DD"},
      {"jobs", 'j', true, "worker threads (default: one per core)", "N"},
      {"max-doc-bytes", 0, true,
       "longest text accepted, in bytes (default: 16777216)", "N"},
      {"memory", 0, true,
       "working memory of the documents in flight, in MiB, counted as 20 bytes "
       "a byte of text; one document always goes (default: 1024)", "MIB"},
      {"stdin-format", 0, true,
       "read '-' as auto (default), txt or jsonl", "FORMAT"},
      {"layers", 0, true,
       "also write internal layers, comma-separated: tokens (docs/schema.md)", "LIST"},
      {"quiet", 'q', false, "no progress line and no summary"},
      RulesOption(),
      {"help", 'h', false, "show this help"},
  };
  return *specs;
}

void PrintAnnotateHelp() {
  std::fprintf(stdout, "%s",
               absl::StrCat(
                   "usage: newsmark annotate [options] INPUT...\n\n"
                   "Annotates articles and prints one JSONL record each "
                   "(schema newsmark/1,\ndocs/schema.md). INPUT is a .txt "
                   "file, a .jsonl file of {\"id\",\"text\",\"date\"},\n"
                   "a folder (walked recursively for both), or - for stdin.\n"
                   "Bad inputs are reported as JSON error lines; the rest "
                   "goes on.\nExit: 0 all annotated, 1 some input failed, "
                   "2 usage or setup error.\n\noptions:\n",
                   OptionsHelp(AnnotateOptions()))
                   .c_str());
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "newsmark annotate: %s\n(see newsmark annotate --help)\n",
               message.c_str());
  return kExitUsage;
}

std::string Count(int64_t n, const char* noun) {
  return absl::StrCat(n, " ", noun, n == 1 ? "" : "s");
}

std::string Summary(const RunStats& s) {
  const double mb = s.bytes / 1e6;
  return absl::StrFormat("newsmark: %s: %s, %s; %.1f MB in %.2f s (%.1f MB/s)",
                         Count(s.documents, "document"),
                         Count(s.records, "record"), Count(s.errors, "error"),
                         mb, s.seconds, s.seconds > 0 ? mb / s.seconds : 0.0);
}

}  // namespace

int RunAnnotateCommand(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(AnnotateOptions(), args);
  if (!parsed.ok()) return Usage(std::string(parsed.status().message()));
  if (parsed->Has("help")) {
    PrintAnnotateHelp();
    return kExitOk;
  }
  if (parsed->positional.empty()) return Usage("no INPUT given");

  InputOptions input_options;
  if (parsed->Has("date")) {
    input_options.default_date = ParseIsoDate(parsed->Get("date"));
    if (!input_options.default_date || parsed->Get("date").size() != 10 ||
        !IsDocumentDate(*input_options.default_date)) {
      return Usage(absl::StrCat("--date wants YYYY-MM-DD from ",
                                kDocumentDateRange, ", not '",
                                parsed->Get("date"), "'"));
    }
  }
  if (parsed->Has("max-doc-bytes") &&
      (!absl::SimpleAtoi(parsed->Get("max-doc-bytes"),
                         &input_options.max_document_bytes) ||
       input_options.max_document_bytes == 0 ||
       input_options.max_document_bytes > (size_t{1} << 30))) {
    // Spans are 32-bit and ICU indexes are int32: 1 GiB leaves room.
    return Usage("--max-doc-bytes wants a number of bytes from 1 to 1073741824");
  }
  input_options.stdin_format = parsed->Get("stdin-format", "auto");
  if (input_options.stdin_format != "auto" &&
      input_options.stdin_format != "txt" &&
      input_options.stdin_format != "jsonl") {
    return Usage("--stdin-format wants auto, txt or jsonl");
  }

  RunOptions run_options;
  run_options.jobs = std::max(1u, std::thread::hardware_concurrency());
  if (parsed->Has("jobs") &&
      (!absl::SimpleAtoi(parsed->Get("jobs"), &run_options.jobs) ||
       run_options.jobs < 1 || run_options.jobs > 1024)) {
    return Usage("--jobs wants a number from 1 to 1024");
  }
  if (parsed->Has("memory")) {
    size_t mib = 0;
    if (!absl::SimpleAtoi(parsed->Get("memory"), &mib) || mib < 1 || mib > (size_t{1} << 20)) {
      return Usage("--memory wants a number of MiB from 1 to 1048576");
    }
    run_options.memory_bytes = mib << 20;
  }
  if (parsed->Has("layers")) {
    for (absl::string_view layer : absl::StrSplit(parsed->Get("layers"), ',')) {
      if (layer != "tokens") {
        return Usage(absl::StrCat("--layers: no internal layer '", layer, "' (there is: tokens)"));
      }
      run_options.record.tokens = true;
    }
  }
  const bool quiet = parsed->Has("quiet");
  const bool terminal = isatty(fileno(stderr));
  if (!quiet && terminal) {
    run_options.progress = [](const RunStats& s) {
      std::fprintf(stderr, "\r\033[K%s", Summary(s).c_str());
    };
  }

  absl::StatusOr<std::unique_ptr<Pipeline>> pipeline =
      CreateDefaultPipeline(PipelineFromArgs(*parsed));
  if (!pipeline.ok()) {
    std::fprintf(stderr, "newsmark annotate: %s\n",
                 std::string(pipeline.status().message()).c_str());
    return kExitUsage;
  }

  std::FILE* records = stdout;
  std::FILE* errors = stderr;
  const std::string output_path = parsed->Get("output", "-");
  const std::string errors_path = parsed->Get("errors", "-");
  if (output_path != "-" &&
      (records = std::fopen(output_path.c_str(), "wb")) == nullptr) {
    return Usage(absl::StrCat("cannot write ", output_path, ": ",
                              std::strerror(errno)));
  }
  if (errors_path != "-" &&
      (errors = std::fopen(errors_path.c_str(), "wb")) == nullptr) {
    return Usage(absl::StrCat("cannot write ", errors_path, ": ",
                              std::strerror(errno)));
  }

  InputReader reader(parsed->positional, input_options);
  absl::StatusOr<RunStats> stats =
      RunBatch(**pipeline, reader, records, errors, run_options);
  if (records != stdout) std::fclose(records);
  if (errors != stderr) std::fclose(errors);
  if (!stats.ok()) {
    std::fprintf(stderr, "\nnewsmark annotate: %s\n",
                 std::string(stats.status().message()).c_str());
    return kExitUsage;
  }
  if (!quiet) {
    std::fprintf(stderr, "%s%s\n", terminal ? "\r\033[K" : "",
                 Summary(*stats).c_str());
  }
  return stats->errors > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace newsmark

// newsmark eval: score the pipeline against gold data.

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "pipeline/cli/args.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/rules_location.h"
#include "pipeline/eval/evaluate.h"
#include "stages/core/strings.h"
#include "pipeline/default_pipeline.h"

namespace newsmark {
namespace {

const std::vector<OptionSpec>& EvalOptionSpecs() {
  static const auto* specs = new std::vector<OptionSpec>{
      {"format", 'f', true,
       "timeml, conll, brat, sentences, lines or jsonl (default: guessed "
       "from the path)",
       "FORMAT"},
      {"system", 0, true,
       "score this saved system output instead of running the pipeline: "
       "records (.jsonl, as --save-records or annotate write them), or a "
       "file or folder in a gold format",
       "PATH"},
      {"system-format", 0, true,
       "the format of --system (default: guessed from the path, else jsonl)",
       "FORMAT"},
      {"save-records", 0, true,
       "also write the pipeline's record of every gold document to FILE, "
       "for a later --system",
       "FILE"},
      {"json", 0, false, "print the scores as JSON instead of a table"},
      {"dump-errors", 0, true,
       "write each document's false positives and misses to DIR", "DIR"},
      {"save-baseline", 0, true, "also write the scores, as JSON, to FILE",
       "FILE"},
      {"baseline", 0, true,
       "exit 1 when an F1 falls below FILE's by more than --max-drop", "FILE"},
      {"max-drop", 0, true, "points an F1 may fall (default: 0)", "POINTS"},
      RulesOption(),
      {"help", 'h', false, "show this help"},
  };
  return *specs;
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "newsmark eval: %s\n(see newsmark eval --help)\n",
               message.c_str());
  return kExitUsage;
}

std::optional<GoldFormat> GuessFormat(const std::string& path) {
  if (EndsWith(path, ".tml")) return GoldFormat::kTimeml;
  if (EndsWith(path, ".json")) return GoldFormat::kSentences;
  if (EndsWith(path, ".jsonl")) return GoldFormat::kJsonl;
  std::error_code ec;
  if (std::filesystem::is_directory(path + "/attributions", ec)) {
    return GoldFormat::kBrat;
  }
  // A folder of TimeML files (TimeBank/, AQUAINT/ below it).
  if (std::filesystem::is_directory(path, ec)) {
    for (std::filesystem::recursive_directory_iterator it(path, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (EndsWith(it->path().string(), ".tml")) return GoldFormat::kTimeml;
    }
  }
  return std::nullopt;
}

}  // namespace

int RunEvalCommand(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(EvalOptionSpecs(), args);
  if (!parsed.ok()) return Usage(std::string(parsed.status().message()));
  if (parsed->Has("help")) {
    std::printf(
        "usage: newsmark eval [options] GOLD...\n"
        "       newsmark eval [options] GOLD... --system SAVED\n\n"
        "Runs the pipeline on gold documents (with each one's own date where\n"
        "the format has one), or reads its output saved earlier, and prints\n"
        "precision, recall and F1 per layer and type, summed over documents\n"
        "(docs/eval.md).\n"
        "Exit: 0 scored, 1 fell below --baseline, 2 usage error or bad gold.\n\n"
        "options:\n%s",
        OptionsHelp(EvalOptionSpecs()).c_str());
    return kExitOk;
  }
  if (parsed->positional.empty()) return Usage("no GOLD given");

  GoldFormat format;
  if (parsed->Has("format")) {
    absl::StatusOr<GoldFormat> f = ParseGoldFormat(parsed->Get("format"));
    if (!f.ok()) return Usage(std::string(f.status().message()));
    format = *f;
  } else if (auto guess = GuessFormat(parsed->positional[0])) {
    format = *guess;
  } else {
    return Usage(absl::StrCat("cannot tell the format of ",
                              parsed->positional[0], "; give --format"));
  }
  double max_drop = 0;
  if (parsed->Has("max-drop") &&
      (!absl::SimpleAtod(parsed->Get("max-drop"), &max_drop) || max_drop < 0)) {
    return Usage("--max-drop wants a number of points, 0 or more");
  }
  std::optional<Scoreboard> baseline;
  if (parsed->Has("baseline")) {
    absl::StatusOr<std::string> text = ReadWholeFile(parsed->Get("baseline"));
    if (!text.ok()) return Usage(std::string(text.status().message()));
    absl::StatusOr<Scoreboard> board = ParseScoresJson(*text);
    if (!board.ok()) {
      return Usage(absl::StrCat(parsed->Get("baseline"), ": ",
                                std::string(board.status().message())));
    }
    baseline = *std::move(board);
  }

  absl::StatusOr<GoldSet> gold = ReadGold(parsed->positional, format);
  if (!gold.ok()) return Usage(std::string(gold.status().message()));
  for (const std::string& e : gold->errors) {
    std::fprintf(stderr, "%s\n", e.c_str());
  }

  EvalOptions options;
  options.dump_errors_dir = parsed->Get("dump-errors");
  options.save_records_path = parsed->Get("save-records");
  absl::StatusOr<EvalResult> result;
  bool system_errors = false;
  if (parsed->Has("system")) {
    if (parsed->Has("save-records")) return Usage("--save-records needs the pipeline; not with --system");
    const std::string path = parsed->Get("system");
    GoldFormat system_format = GuessFormat(path).value_or(GoldFormat::kJsonl);
    if (parsed->Has("system-format")) {
      absl::StatusOr<GoldFormat> f = ParseGoldFormat(parsed->Get("system-format"));
      if (!f.ok()) return Usage(std::string(f.status().message()));
      system_format = *f;
    }
    absl::StatusOr<GoldSet> system = ReadGold({path}, system_format);
    if (!system.ok()) return Usage(std::string(system.status().message()));
    for (const std::string& e : system->errors) std::fprintf(stderr, "%s\n", e.c_str());
    system_errors = !system->errors.empty();
    result = EvaluateSaved(*gold, *system, format, options);
  } else {
    absl::StatusOr<std::unique_ptr<Pipeline>> pipeline =
        CreateDefaultPipeline(PipelineFromArgs(*parsed));
    if (!pipeline.ok()) return Usage(std::string(pipeline.status().message()));
    result = Evaluate(**pipeline, *gold, format, options);
  }
  if (!result.ok()) return Usage(std::string(result.status().message()));
  for (const std::string& e : result->errors) {
    std::fprintf(stderr, "%s\n", e.c_str());
  }

  const std::string json = FormatJson(*result);
  std::fputs(parsed->Has("json") ? json.c_str() : FormatTable(*result).c_str(),
             stdout);
  if (parsed->Has("save-baseline")) {
    std::ofstream out(parsed->Get("save-baseline"), std::ios::binary);
    out << json;
    if (!out) return Usage(absl::StrCat("cannot write ", parsed->Get("save-baseline")));
  }
  int exit_code = gold->errors.empty() && result->errors.empty() && !system_errors
                      ? kExitOk
                      : kExitUsage;
  if (baseline) {
    const std::vector<std::string> drops =
        Regressions(result->board, *baseline, max_drop);
    for (const std::string& d : drops) {
      std::fprintf(stderr, "regression: %s\n", d.c_str());
    }
    if (!drops.empty() && exit_code == kExitOk) exit_code = kExitInputErrors;
  }
  return exit_code;
}

}  // namespace newsmark

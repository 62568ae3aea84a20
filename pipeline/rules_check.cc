#include "pipeline/rules_check.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "stages/core/strings.h"
#include "stages/dates/date_stage.h"
#include "stages/gazetteer/gazetteer_loader.h"
#include "stages/tokens/tokens_stage.h"
#include "stages/sentences/sentence_stage.h"

namespace newsmark {
namespace {

std::string Quoted(const std::vector<std::string>& parts) {
  std::vector<std::string> quoted;
  for (const auto& p : parts) quoted.push_back(absl::StrCat("\"", p, "\""));
  return absl::StrCat("[", absl::StrJoin(quoted, ", "), "]");
}

void CheckSentenceRules(const std::string& dir, RulesReport* report) {
  SentenceOptions options;
  options.rules_dir = dir;
  absl::StatusOr<std::unique_ptr<SentenceStage>> stage = SentenceStage::Create(options);
  if (!stage.ok()) {
    for (absl::string_view line : absl::StrSplit(stage.status().message(), '\n')) {
      report->problems.emplace_back(line);
    }
    return;
  }
  ++report->rule_sets;
  report->rules += (*stage)->rules().rule_count();
  for (const SentenceExample& example : (*stage)->rules().examples()) {
    ++report->examples;
    Document doc("example", example.text);
    std::vector<std::string> got, want;
    if (absl::Status s = (*stage)->Process(doc); !s.ok()) {
      report->problems.push_back(absl::StrCat(example.where, ": ", s.message()));
      continue;
    }
    for (const Sentence& s : doc.sentences()) got.push_back(CollapseSpaces(doc.Text(s.span)));
    for (const std::string& e : example.sentences) want.push_back(CollapseSpaces(e));
    if (got == want) {
      ++report->examples_passed;
    } else {
      report->problems.push_back(absl::StrCat(example.where, ": expected ",
                                              Quoted(want), ", got ", Quoted(got)));
    }
  }
}

std::string Describe(const std::string& text, const std::string& type,
                     const std::string& value, const std::string& mod) {
  return absl::StrCat(text, "=", type, ":", value, mod.empty() ? "" : ":", mod);
}

void CheckDateRules(const std::string& rules_dir, RulesReport* report) {
  DateOptions options;
  options.rules_dir = rules_dir + "/dates";
  absl::StatusOr<std::unique_ptr<DateStage>> stage = DateStage::Create(options);
  if (!stage.ok()) {
    for (absl::string_view line : absl::StrSplit(stage.status().message(), '\n')) {
      report->problems.emplace_back(line);
    }
    return;
  }
  SentenceOptions sentence_options;
  sentence_options.rules_dir = rules_dir + "/sentences";
  absl::StatusOr<std::unique_ptr<SentenceStage>> sentences =
      SentenceStage::Create(sentence_options);
  if (!sentences.ok()) return;  // reported by CheckSentenceRules
  ++report->rule_sets;
  report->rules += (*stage)->rules().rule_count();
  for (const DateExample& example : (*stage)->rules().examples()) {
    ++report->examples;
    Document doc("example", example.text, example.date);
    absl::Status s = TokensStage().Process(doc);
    if (s.ok()) s = (*sentences)->Process(doc);
    if (s.ok()) s = (*stage)->Process(doc);
    if (!s.ok()) {
      report->problems.push_back(absl::StrCat(example.where, ": ", s.message()));
      continue;
    }
    std::vector<std::string> got, want;
    for (const Timex& t : doc.timexes()) {
      got.push_back(Describe(std::string(doc.Text(t.span)), std::string(TimexTypeName(t.type)),
                             t.value, t.mod));
    }
    for (const ExpectedTimex& e : example.expected) {
      want.push_back(Describe(e.text, e.type, e.value, e.mod));
    }
    if (got == want) {
      ++report->examples_passed;
    } else {
      report->problems.push_back(absl::StrCat(example.where, ": expected ",
                                              Quoted(want), ", got ", Quoted(got)));
    }
  }
}

// The gazetteer has no examples of its own: it loads, with the user's
// files after it, or each problem is reported.
void CheckGazetteer(const std::string& dir, const std::vector<std::string>& extra_files,
                    RulesReport* report) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    if (!extra_files.empty()) {
      report->problems.push_back(
          absl::StrCat(dir, ": no gazetteer folder for the --gazetteer files to add to"));
    }
    return;
  }
  absl::StatusOr<GazetteerEntries> entries = LoadGazetteerFolder(dir, extra_files);
  if (!entries.ok()) {
    for (absl::string_view line : absl::StrSplit(entries.status().message(), '\n')) {
      report->problems.emplace_back(line);
    }
    return;
  }
  ++report->rule_sets;
  report->gazetteer_loaded = true;
  report->gazetteer_entries = entries->entries.size();
  for (const GazetteerEntry& e : entries->entries) report->gazetteer_aliases += e.aliases.size();
}

}  // namespace

RulesReport CheckRules(const std::string& rules_dir,
                       const std::vector<std::string>& gazetteer_files) {
  RulesReport report;
  CheckSentenceRules(rules_dir + "/sentences", &report);
  CheckDateRules(rules_dir, &report);
  CheckGazetteer(rules_dir + "/gazetteer", gazetteer_files, &report);
  return report;
}

}  // namespace newsmark

// The date stage's rule loader and matcher compiler (DateStage::Create, as
// stages/dates/date_rules.h describes the files) on arbitrary rule files.
//
// Input: one byte choosing the file (lexicon.tsv, patterns.tsv or
// examples.tsv, modulo 3), then its content; the other two files are
// written empty, so each input is one file's lines on their own.
//
// Check: the stage is built, or the error names file:line on every line
// (tests/fuzz/rule_loader_check.h).

#include <cstdint>
#include <string>
#include <vector>

#include "stages/dates/date_stage.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/rule_loader_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsmark;
  if (size == 0) return 0;
  static const char* const kFiles[] = {"lexicon.tsv", "patterns.tsv", "examples.tsv"};
  const size_t chosen = data[0] % 3;
  std::vector<std::string> paths;
  for (size_t i = 0; i < 3; ++i) {
    const std::string_view content =
        i == chosen ? std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1)
                    : std::string_view();
    paths.push_back(fuzz::WriteScratchFile(std::string("dates/") + kFiles[i], content));
  }
  DateOptions options;
  options.rules_dir = (fuzz::ScratchDir() / "dates").string();
  absl::StatusOr<std::unique_ptr<DateStage>> stage = DateStage::Create(options);
  fuzz::CheckRuleLoadStatus(stage.status(), paths);
  return 0;
}

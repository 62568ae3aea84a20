// The sentence stage's rule loader (SentenceRules::Load, as
// stages/sentences/sentence_rules.h describes the files) on arbitrary rule
// files.
//
// Input: one byte choosing the file (abbreviations.tsv, starters.txt,
// boilerplate.tsv, datelines.tsv or examples.tsv, modulo 5), then its
// content; the other files are written empty.
//
// Check: the rules load, or the error names file:line on every line
// (tests/fuzz/rule_loader_check.h). Loaded rules answer a look-up of each
// of their examples' words without failing.

#include <cstdint>
#include <string>
#include <vector>

#include "stages/sentences/sentence_rules.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/rule_loader_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsmark;
  if (size == 0) return 0;
  static const char* const kFiles[] = {"abbreviations.tsv", "starters.txt",
                                       "boilerplate.tsv", "datelines.tsv", "examples.tsv"};
  const size_t chosen = data[0] % 5;
  std::vector<std::string> paths;
  for (size_t i = 0; i < 5; ++i) {
    const std::string_view content =
        i == chosen ? std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1)
                    : std::string_view();
    paths.push_back(fuzz::WriteScratchFile(std::string("sentences/") + kFiles[i], content));
  }
  absl::StatusOr<std::unique_ptr<SentenceRules>> rules =
      SentenceRules::Load((fuzz::ScratchDir() / "sentences").string());
  fuzz::CheckRuleLoadStatus(rules.status(), paths);
  if (!rules.ok()) return 0;
  for (const SentenceExample& example : (*rules)->examples()) {
    (*rules)->IsBoilerplate(example.text);
    (*rules)->DatelineLength(example.text);
    for (const std::string& sentence : example.sentences) {
      (*rules)->FindAbbreviation(sentence);
      (*rules)->IsStarter(sentence);
    }
  }
  return 0;
}

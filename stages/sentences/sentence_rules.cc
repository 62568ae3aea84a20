#include "stages/sentences/sentence_rules.h"

#include <filesystem>
#include <fstream>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "stages/core/rule_file.h"
#include "stages/core/strings.h"
#include "stages/core/utf8.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;

std::optional<AbbreviationClass> ParseClass(std::string_view s) {
  if (s == "title") return AbbreviationClass::kTitle;
  if (s == "number") return AbbreviationClass::kNumber;
  if (s == "month") return AbbreviationClass::kMonth;
  if (s == "general") return AbbreviationClass::kGeneral;
  return std::nullopt;
}

bool HasUpper(std::string_view s) {
  for (char c : s) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// Compiles patterns as one case-insensitive alternation anchored at both
// ends (`whole_line`) or at the start only.
std::unique_ptr<RE2> CompileAlternation(const std::vector<std::string>& patterns,
                                        bool whole_line) {
  if (patterns.empty()) return nullptr;
  RE2::Options options;
  options.set_case_sensitive(!whole_line);
  options.set_log_errors(false);
  const std::string joined =
      absl::StrCat("^(?:", absl::StrJoin(patterns, ")|(?:"), ")", whole_line ? "$" : "");
  return std::make_unique<RE2>(joined, options);
}

}  // namespace

SentenceExample ParseSentenceExample(std::string where, std::string_view notation) {
  SentenceExample example;
  example.where = std::move(where);
  std::string text = absl::StrReplaceAll(ToAbsl(notation), {{"\\n", "\n"}});
  for (absl::string_view part : absl::StrSplit(text, "||")) {
    example.sentences.push_back(
        std::string(absl::StripAsciiWhitespace(part)));
  }
  example.text = absl::StrReplaceAll(text, {{" || ", " "}, {"||", ""}});
  return example;
}

absl::StatusOr<std::unique_ptr<SentenceRules>> SentenceRules::Load(
    const std::string& dir) {
  std::unique_ptr<SentenceRules> rules(new SentenceRules());
  std::vector<std::string> errors;
  auto file = [&](const char* name) { return (fs::path(dir) / name).string(); };
  auto where = [](const std::string& path, int n) { return absl::StrCat(path, ":", n); };
  auto add_example = [&](const std::string& w, const std::string& notation) {
    if (notation.empty()) return;
    rules->examples_.push_back(ParseSentenceExample(w, notation));
  };

  const std::string abbreviations = file("abbreviations.tsv");
  ForEachRuleLine(abbreviations, &errors, [&](int n, const std::vector<std::string>& f) {
    const std::string w = where(abbreviations, n);
    if (f.size() < 2 || f.size() > 3) {
      errors.push_back(absl::StrCat(w, ": expected ABBREV<tab>CLASS[<tab>EXAMPLE]"));
      return;
    }
    std::string word = f[0];
    if (!word.empty() && word.back() == '.') word.pop_back();
    if (word.empty() || word.find_first_of(" \t") != std::string::npos) {
      errors.push_back(absl::StrCat(w, ": bad abbreviation \"", f[0], "\""));
      return;
    }
    if (word.size() > kLongestAbbreviation) {
      errors.push_back(absl::StrCat(w, ": abbreviation longer than ",
                                    kLongestAbbreviation, " bytes"));
      return;
    }
    const auto cls = ParseClass(f[1]);
    if (!cls) {
      errors.push_back(absl::StrCat(w, ": unknown class \"", f[1],
                                    "\" (title, number, month or general)"));
      return;
    }
    if (!rules->abbreviations_.emplace(word, *cls).second) {
      errors.push_back(absl::StrCat(w, ": \"", word, "\" is listed twice"));
      return;
    }
    ++rules->rule_count_;
    if (f.size() == 3) add_example(w, f[2]);
  });

  const std::string starters = file("starters.txt");
  ForEachRuleLine(starters, &errors, [&](int n, const std::vector<std::string>& f) {
    if (f.size() != 1 || f[0].find(' ') != std::string::npos) {
      errors.push_back(absl::StrCat(where(starters, n), ": expected one word"));
      return;
    }
    rules->starters_.insert(f[0]);
    ++rules->rule_count_;
  });

  for (const auto& [name, whole_line] :
       {std::pair<const char*, bool>{"boilerplate.tsv", true},
        std::pair<const char*, bool>{"datelines.tsv", false}}) {
    const std::string path = file(name);
    std::vector<std::string> patterns;
    ForEachRuleLine(path, &errors, [&](int n, const std::vector<std::string>& f) {
      const std::string w = where(path, n);
      if (f.size() > 2) {
        errors.push_back(absl::StrCat(w, ": expected PATTERN[<tab>EXAMPLE]"));
        return;
      }
      RE2::Options options;
      options.set_log_errors(false);
      RE2 re(f[0], options);
      if (!re.ok()) {
        errors.push_back(absl::StrCat(w, ": bad pattern: ", re.error()));
        return;
      }
      patterns.push_back(f[0]);
      ++rules->rule_count_;
      if (f.size() == 2) add_example(w, f[1]);
    });
    auto re = CompileAlternation(patterns, whole_line);
    if (re != nullptr && !re->ok()) {
      errors.push_back(absl::StrCat(path, ":1: patterns do not compile together: ",
                                    re->error()));
    }
    (whole_line ? rules->boilerplate_ : rules->dateline_) = std::move(re);
  }

  const std::string examples = file("examples.tsv");
  ForEachRuleLine(examples, &errors, [&](int n, const std::vector<std::string>& f) {
    if (f.size() != 1) {
      errors.push_back(absl::StrCat(where(examples, n), ": expected one field"));
      return;
    }
    add_example(where(examples, n), f[0]);
  });

  if (!errors.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(errors, "\n"));
  }
  return rules;
}

const AbbreviationClass* SentenceRules::FindAbbreviation(std::string_view word) const {
  if (word.size() > kLongestAbbreviation) return nullptr;
  auto it = abbreviations_.find(ToAbsl(word));
  if (it != abbreviations_.end()) return &it->second;
  if (!HasUpper(word)) return nullptr;
  // Lower-case entries match any case ("Etc." as "etc").
  std::string lower(word);
  absl::AsciiStrToLower(&lower);
  it = abbreviations_.find(lower);
  return it != abbreviations_.end() ? &it->second : nullptr;
}

bool SentenceRules::IsStarter(std::string_view word) const {
  return starters_.contains(ToAbsl(word));
}

bool SentenceRules::IsBoilerplate(std::string_view line) const {
  return boilerplate_ != nullptr &&
         RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *boilerplate_);
}

size_t SentenceRules::DatelineLength(std::string_view text) const {
  if (dateline_ == nullptr) return 0;
  re2::StringPiece input(text.data(), std::min<size_t>(text.size(), 200));
  re2::StringPiece match;
  if (!dateline_->Match(input, 0, input.size(), RE2::ANCHOR_START, &match, 1)) {
    return 0;
  }
  return match.size();
}

}  // namespace newsmark

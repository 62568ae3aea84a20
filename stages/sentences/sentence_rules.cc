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

namespace {

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

// ABBREV CLASS [EXAMPLE] -> the abbreviation without its period, and class.
absl::StatusOr<std::pair<std::string, AbbreviationClass>> ParseAbbreviationLine(
    const std::vector<std::string>& f) {
  if (f.size() < 2 || f.size() > 3) return Invalid("expected ABBREV<tab>CLASS[<tab>EXAMPLE]");
  std::string word = f[0];
  if (!word.empty() && word.back() == '.') word.pop_back();
  if (word.empty() || word.find_first_of(" \t") != std::string::npos) {
    return Invalid(absl::StrCat("bad abbreviation \"", f[0], "\""));
  }
  if (word.size() > kLongestAbbreviation) {
    return Invalid(absl::StrCat("abbreviation longer than ", kLongestAbbreviation, " bytes"));
  }
  const auto cls = ParseClass(f[1]);
  if (!cls) {
    return Invalid(absl::StrCat("unknown class \"", f[1], "\" (title, number, month or general)"));
  }
  return std::make_pair(std::move(word), *cls);
}

// PATTERN [EXAMPLE]: an RE2 pattern that compiles on its own.
absl::Status CheckPatternLine(const std::vector<std::string>& f) {
  if (f.size() > 2) return Invalid("expected PATTERN[<tab>EXAMPLE]");
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(f[0], options);
  if (!re.ok()) return Invalid(absl::StrCat("bad pattern: ", re.error()));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<SentenceRules>> SentenceRules::Load(
    const std::string& dir) {
  std::unique_ptr<SentenceRules> rules(new SentenceRules());
  std::vector<std::string> errors;
  auto file = [&](const char* name) { return (fs::path(dir) / name).string(); };
  auto add_example = [&](const std::string& w, const std::string& notation) {
    if (notation.empty()) return;
    rules->examples_.push_back(ParseSentenceExample(w, notation));
  };

  ForEachRuleLine(file("abbreviations.tsv"), &errors, [&](const RuleLine& line) {
    auto entry = ParseAbbreviationLine(line.fields);
    if (!entry.ok()) return entry.status();
    if (!rules->abbreviations_.emplace(entry->first, entry->second).second) {
      return Invalid(absl::StrCat("\"", entry->first, "\" is listed twice"));
    }
    ++rules->rule_count_;
    if (line.fields.size() == 3) add_example(line.where(), line.fields[2]);
    return absl::OkStatus();
  });

  ForEachRuleLine(file("starters.txt"), &errors, [&](const RuleLine& line) {
    if (line.fields.size() != 1 || line.fields[0].find(' ') != std::string::npos) {
      return Invalid("expected one word");
    }
    rules->starters_.insert(line.fields[0]);
    ++rules->rule_count_;
    return absl::OkStatus();
  });

  for (const auto& [name, whole_line] :
       {std::pair<const char*, bool>{"boilerplate.tsv", true},
        std::pair<const char*, bool>{"datelines.tsv", false}}) {
    const std::string path = file(name);
    std::vector<std::string> patterns;
    ForEachRuleLine(path, &errors, [&](const RuleLine& line) {
      if (absl::Status s = CheckPatternLine(line.fields); !s.ok()) return s;
      patterns.push_back(line.fields[0]);
      ++rules->rule_count_;
      if (line.fields.size() == 2) add_example(line.where(), line.fields[1]);
      return absl::OkStatus();
    });
    auto re = CompileAlternation(patterns, whole_line);
    if (re != nullptr && !re->ok()) {
      errors.push_back(absl::StrCat(path, ":1: patterns do not compile together: ",
                                    re->error()));
    }
    (whole_line ? rules->boilerplate_ : rules->dateline_) = std::move(re);
  }

  ForEachRuleLine(file("examples.tsv"), &errors, [&](const RuleLine& line) {
    if (line.fields.size() != 1) return Invalid("expected one field");
    add_example(line.where(), line.fields[0]);
    return absl::OkStatus();
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

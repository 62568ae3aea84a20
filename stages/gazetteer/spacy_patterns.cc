// spaCy EntityRuler patterns (patterns.jsonl) as gazetteer entries: the
// phrase patterns and the token patterns that are plain string equality,
// which a name matcher can do; everything else is an error naming its key.

#include <algorithm>
#include <filesystem>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "stages/core/rule_file.h"
#include "stages/gazetteer/gazetteer_collector.h"

namespace newsmark {
namespace gazetteer_internal {
namespace {

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

// A JSON key's text, NUL bytes ("\u0000") and all.
std::string_view Name(const rapidjson::Value& name) {
  return std::string_view(name.GetString(), name.GetStringLength());
}

// One line of the file: its label, its pattern as an alias, its id.
struct SpacyPattern {
  std::string label;
  EntityType type = EntityType::kOrg;
  Alias alias;
  std::string id;  // empty when the line gives none
};

constexpr char kLabels[] =
    "PERSON (or PER), ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT, WORK_OF_ART (or WORK), LAW, "
    "LANGUAGE";

absl::StatusOr<EntityType> LabelType(const std::string& label) {
  if (label == "PER") return EntityType::kPerson;
  if (label == "WORK_OF_ART") return EntityType::kWork;
  if (std::optional<EntityType> type = ParseEntityType(label)) return *type;
  if (label == "MISC") {
    return Invalid("label MISC has no newsmark type: give the pattern one of NORP, EVENT, "
                   "PRODUCT, WORK_OF_ART, LAW or LANGUAGE");
  }
  return Invalid(absl::StrCat("unknown label ", QuotedForError(label), " (", kLabels, ")"));
}

// One token of a token pattern: {"LOWER": "san"}, {"ORTH": "U.S."} or
// {"TEXT": ...}; `number` counts from 1.
absl::StatusOr<std::pair<std::string, CaseRule>> ParseToken(const rapidjson::Value& token,
                                                            size_t number) {
  const std::string at = absl::StrCat("token ", number);
  if (!token.IsObject()) return Invalid(absl::StrCat(at, " is not an object"));
  if (token.MemberCount() != 1) {
    for (const auto& m : token.GetObject()) {
      const std::string key = absl::AsciiStrToUpper(m.name.GetString());
      if (key != "LOWER" && key != "ORTH" && key != "TEXT") {
        return Invalid(absl::StrCat(at, ": unsupported key ", QuotedForError(Name(m.name)),
                                    " (a token is one LOWER, ORTH or TEXT string)"));
      }
    }
    return Invalid(absl::StrCat(at, " has ", token.MemberCount(),
                                " keys (a token is one LOWER, ORTH or TEXT string)"));
  }
  const auto& m = *token.MemberBegin();
  const std::string key = absl::AsciiStrToUpper(m.name.GetString());
  if (key != "LOWER" && key != "ORTH" && key != "TEXT") {
    return Invalid(absl::StrCat(at, ": unsupported key ", QuotedForError(Name(m.name)),
                                " (a token is one LOWER, ORTH or TEXT string)"));
  }
  if (m.value.IsObject() && m.value.MemberCount() > 0) {
    return Invalid(absl::StrCat(at, ": unsupported key ",
                                QuotedForError(Name(m.value.MemberBegin()->name)), " in ", key,
                                " (only string equality)"));
  }
  if (!m.value.IsString() || m.value.GetStringLength() == 0) {
    return Invalid(absl::StrCat(at, ": ", key, " wants a non-empty string"));
  }
  return std::make_pair(std::string(m.value.GetString(), m.value.GetStringLength()),
                        key == "LOWER" ? CaseRule::kAnyCase : CaseRule::kExact);
}

// [{"LOWER": "san"}, {"LOWER": "francisco"}] -> "san francisco", any case.
absl::StatusOr<Alias> ParseTokenPattern(const rapidjson::Value& tokens) {
  if (tokens.Empty()) return Invalid("empty pattern");
  Alias alias;
  std::vector<std::string> texts;
  for (rapidjson::SizeType i = 0; i < tokens.Size(); ++i) {
    absl::StatusOr<std::pair<std::string, CaseRule>> token = ParseToken(tokens[i], i + 1);
    if (!token.ok()) return token.status();
    if (i > 0 && token->second != alias.case_rule) {
      return Invalid("the pattern mixes LOWER with ORTH or TEXT: an alias has one case rule");
    }
    alias.case_rule = token->second;
    texts.push_back(std::move(token->first));
  }
  alias.text = absl::StrJoin(texts, " ");
  return alias;
}

absl::StatusOr<Alias> ParsePatternValue(const rapidjson::Value& pattern) {
  absl::StatusOr<Alias> alias;
  if (pattern.IsString()) {
    // A phrase pattern: spaCy's phrase matcher compares ORTH, the exact text.
    alias = Alias{std::string(pattern.GetString(), pattern.GetStringLength()), CaseRule::kExact};
    if (IsAsciiBlank(alias->text)) return Invalid("empty pattern");
  } else if (pattern.IsArray()) {
    alias = ParseTokenPattern(pattern);
  } else {
    return Invalid("\"pattern\" wants a string or a list of token objects");
  }
  if (!alias.ok()) return alias;
  if (absl::Status s = CheckAliasLimits(alias->text, "the pattern"); !s.ok()) return s;
  return alias;
}

absl::StatusOr<SpacyPattern> ParsePatternLine(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return Invalid(absl::StrCat("not JSON: ", rapidjson::GetParseError_En(doc.GetParseError()),
                                " (byte ", doc.GetErrorOffset() + 1, ")"));
  }
  if (!doc.IsObject()) return Invalid("not a JSON object");
  for (const auto& m : doc.GetObject()) {
    const absl::string_view key(m.name.GetString(), m.name.GetStringLength());
    if (key != "label" && key != "pattern" && key != "id") {
      return Invalid(absl::StrCat("unknown key ", QuotedForError(Name(m.name)), " (label, pattern, id)"));
    }
  }
  SpacyPattern p;
  const auto label = doc.FindMember("label");
  if (label == doc.MemberEnd() || !label->value.IsString()) {
    return Invalid("\"label\" wants a string");
  }
  p.label = label->value.GetString();
  absl::StatusOr<EntityType> type = LabelType(p.label);
  if (!type.ok()) return type.status();
  p.type = *type;
  const auto pattern = doc.FindMember("pattern");
  if (pattern == doc.MemberEnd()) return Invalid("no \"pattern\"");
  absl::StatusOr<Alias> alias = ParsePatternValue(pattern->value);
  if (!alias.ok()) return alias.status();
  p.alias = *std::move(alias);
  if (const auto id = doc.FindMember("id"); id != doc.MemberEnd()) {
    if (!id->value.IsString() || id->value.GetStringLength() == 0) {
      return Invalid("\"id\" wants a non-empty string");
    }
    p.id = id->value.GetString();
  }
  return p;
}

// A pattern whose id is already an entry of this file is one more alias of it.
absl::Status MergeInto(const SpacyPattern& p, GazetteerEntry* entry) {
  if (entry->type != p.type) {
    return Invalid(absl::StrCat("id ", QuotedForError(entry->id), " is ", ToAbsl(EntityTypeName(entry->type)),
                                " at ", entry->where, ", here ", ToAbsl(EntityTypeName(p.type)),
                                ": an entry has one type"));
  }
  const bool listed = std::any_of(entry->aliases.begin(), entry->aliases.end(), [&](const Alias& a) {
    return a.text == p.alias.text && a.case_rule == p.alias.case_rule;
  });
  if (!listed) entry->aliases.push_back(p.alias);
  return absl::OkStatus();
}

}  // namespace

void LoadSpacyPatterns(const std::string& path, EntryCollector* entries,
                       std::vector<std::string>* errors) {
  const std::string source = absl::StrCat("spacy:", std::filesystem::path(path).filename().string());
  ForEachRuleLine(path, errors, [&](const RuleLine& line) -> absl::Status {
    absl::StatusOr<SpacyPattern> p = ParsePatternLine(absl::StrJoin(line.fields, "\t"));
    if (!p.ok()) return p.status();
    const std::string id =
        p->id.empty() ? absl::StrCat("spacy:", p->label, ":", p->alias.text) : p->id;
    if (GazetteerEntry* entry = entries->FindInFile(id)) return MergeInto(*p, entry);
    GazetteerEntry entry;
    entry.id = id;
    entry.type = p->type;
    entry.canonical = p->alias.text;
    entry.source = source;
    entry.aliases.push_back(std::move(p->alias));
    entry.where = line.where();
    entries->Add(std::move(entry));
    return absl::OkStatus();
  });
}

}  // namespace gazetteer_internal
}  // namespace newsmark

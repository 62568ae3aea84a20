#include "stages/gazetteer/gazetteer_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "stages/core/rule_file.h"
#include "stages/core/strings.h"
#include "stages/core/tokenizer.h"
#include "stages/gazetteer/gazetteer_collector.h"

namespace newsmark {
namespace gazetteer_internal {

EntryCollector::EntryCollector(GazetteerEntries* out) : out_(out) {
  for (size_t i = 0; i < out_->entries.size(); ++i) index_[out_->entries[i].id] = i;
}

GazetteerEntry* EntryCollector::FindInFile(const std::string& id) {
  if (!in_file_.contains(id)) return nullptr;
  return &out_->entries[index_.at(id)];
}

void EntryCollector::Add(GazetteerEntry entry) {
  in_file_.insert(entry.id);
  const auto [it, added] = index_.try_emplace(entry.id, out_->entries.size());
  if (added) {
    out_->entries.push_back(std::move(entry));
  } else {
    out_->entries[it->second] = std::move(entry);
  }
}

absl::Status CheckAliasLimits(std::string_view text, std::string_view what) {
  if (text.size() > static_cast<size_t>(kMaxAliasBytes)) {
    return absl::InvalidArgumentError(absl::StrCat(
        ToAbsl(what), " has ", text.size(), " bytes; the matcher takes at most ", kMaxAliasBytes));
  }
  int tokens = 0;
  uint32_t i = 0;
  TextToken token;
  while (NextToken(text, &i, static_cast<uint32_t>(text.size()), &token)) ++tokens;
  if (tokens > kMaxAliasTokens) {
    return absl::InvalidArgumentError(absl::StrCat(
        ToAbsl(what), " has ", tokens, " tokens; the matcher takes at most ", kMaxAliasTokens));
  }
  return absl::OkStatus();
}

}  // namespace gazetteer_internal

namespace {

namespace fs = std::filesystem;
using gazetteer_internal::CheckAliasLimits;
using gazetteer_internal::EntryCollector;

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

std::string TypeList() {
  std::vector<std::string> names;
  for (int t = 0; t < kEntityTypeCount; ++t) {
    names.emplace_back(EntityTypeName(static_cast<EntityType>(t)));
  }
  return absl::StrJoin(names, " ");
}

bool IsCaseMarker(char c) { return c == '=' || c == '~'; }

// One alias as written: [=|~]TEXT[!]; `number` counts from 1 in the field.
absl::StatusOr<Alias> ParseAlias(std::string_view spec, size_t number) {
  Alias alias;
  std::string_view text = spec;
  if (!text.empty() && IsCaseMarker(text[0])) {
    alias.case_rule = text[0] == '=' ? CaseRule::kExact : CaseRule::kAnyCase;
    text.remove_prefix(1);
    if (!text.empty() && IsCaseMarker(text[0])) {
      return Invalid(absl::StrCat("alias ", number, " \"", ToAbsl(spec),
                                  "\" has two case markers (one of = or ~)"));
    }
  }
  if (!text.empty() && text.back() == '!') {
    alias.common_word = true;
    text.remove_suffix(1);
  }
  if (IsAsciiBlank(text)) {
    if (IsAsciiBlank(spec)) return Invalid(absl::StrCat("alias ", number, " is empty"));
    return Invalid(absl::StrCat("alias ", number, " \"", ToAbsl(spec), "\" is only a marker"));
  }
  alias.text = std::string(text);
  if (absl::Status s = CheckAliasLimits(alias.text, absl::StrCat("alias ", number)); !s.ok()) {
    return s;
  }
  return alias;
}

// The aliases field, then the canonical name as the first alias when no
// alias has its text.
absl::Status ParseAliases(std::string_view field, GazetteerEntry* entry) {
  size_t number = 0;
  for (absl::string_view spec : absl::StrSplit(ToAbsl(field), '|')) {
    absl::StatusOr<Alias> alias = ParseAlias(FromAbsl(spec), ++number);
    if (!alias.ok()) return alias.status();
    entry->aliases.push_back(*std::move(alias));
  }
  const bool listed = std::any_of(entry->aliases.begin(), entry->aliases.end(),
                                  [&](const Alias& a) { return a.text == entry->canonical; });
  if (listed) return absl::OkStatus();
  if (absl::Status s = CheckAliasLimits(entry->canonical, "the canonical name"); !s.ok()) {
    return s;
  }
  entry->aliases.insert(entry->aliases.begin(), Alias{entry->canonical});
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> ParsePrior(const std::string& field) {
  uint64_t prior = 0;
  const bool digits = !field.empty() && std::all_of(field.begin(), field.end(), IsAsciiDigit);
  if (!digits || !absl::SimpleAtoi(field, &prior)) {
    return Invalid(absl::StrCat("prior \"", field, "\" is not a non-negative integer"));
  }
  return prior;
}

// id type canonical prior source aliases.
absl::StatusOr<GazetteerEntry> ParseTsvEntry(const RuleLine& line) {
  const std::vector<std::string>& f = line.fields;
  if (f.size() != 6) {
    return Invalid(absl::StrCat("expected 6 tab-separated fields (id, type, canonical, prior, "
                                "source, aliases), got ", f.size()));
  }
  GazetteerEntry entry;
  if (IsAsciiBlank(f[0])) return Invalid("empty id");
  entry.id = f[0];
  const std::optional<EntityType> type = ParseEntityType(f[1]);
  if (!type) return Invalid(absl::StrCat("unknown type \"", f[1], "\" (", TypeList(), ")"));
  entry.type = *type;
  if (IsAsciiBlank(f[2])) return Invalid("empty canonical name");
  entry.canonical = f[2];
  absl::StatusOr<uint64_t> prior = ParsePrior(f[3]);
  if (!prior.ok()) return prior.status();
  entry.prior = *prior;
  entry.source = f[4];
  entry.where = line.where();
  if (absl::Status s = ParseAliases(f[5], &entry); !s.ok()) return s;
  return entry;
}

void LoadTsvEntries(const std::string& path, EntryCollector* entries,
                    std::vector<std::string>* errors) {
  ForEachRuleLine(path, errors, [&](const RuleLine& line) -> absl::Status {
    absl::StatusOr<GazetteerEntry> entry = ParseTsvEntry(line);
    if (!entry.ok()) return entry.status();
    if (const GazetteerEntry* first = entries->FindInFile(entry->id)) {
      return Invalid(absl::StrCat("duplicate id \"", entry->id, "\", first at ", first->where));
    }
    entries->Add(*std::move(entry));
    return absl::OkStatus();
  });
}

void LoadFileInto(const std::string& path, EntryCollector* entries,
                  std::vector<std::string>* errors) {
  entries->StartFile();
  const std::string extension = fs::path(path).extension().string();
  if (extension == ".tsv") {
    LoadTsvEntries(path, entries, errors);
  } else if (extension == ".jsonl") {
    gazetteer_internal::LoadSpacyPatterns(path, entries, errors);
  } else {
    errors->push_back(absl::StrCat(path, ":1: not a gazetteer file: want .tsv (newsmark "
                                   "entries) or .jsonl (spaCy EntityRuler patterns)"));
  }
}

bool IsEntryFile(const fs::directory_entry& file) {
  const fs::path& p = file.path();
  std::error_code ec;
  return file.is_regular_file(ec) && (p.extension() == ".tsv" || p.extension() == ".jsonl") &&
         p.filename() != "name-parts.tsv";
}

// The entry files in `dir` (and below it when `recursive`), sorted by
// their path relative to `base`, named by it.
absl::Status AddEntryFiles(const fs::path& dir, const fs::path& base, bool recursive,
                           std::vector<GazetteerSource>* out) {
  std::vector<GazetteerSource> found;
  std::error_code ec;
  auto add = [&](const fs::directory_entry& file) {
    if (IsEntryFile(file)) {
      found.push_back({file.path().string(), file.path().lexically_relative(base).generic_string()});
    }
  };
  if (recursive) {
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      add(*it);
    }
  } else {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) add(*it);
  }
  if (ec) return absl::NotFoundError(absl::StrCat(dir.string(), ": cannot read the folder"));
  std::sort(found.begin(), found.end(),
            [](const GazetteerSource& a, const GazetteerSource& b) { return a.name < b.name; });
  out->insert(out->end(), found.begin(), found.end());
  return absl::OkStatus();
}

}  // namespace

void LoadGazetteerFile(const std::string& path, GazetteerEntries* out,
                       std::vector<std::string>* errors) {
  EntryCollector entries(out);
  LoadFileInto(path, &entries, errors);
}

absl::StatusOr<std::vector<GazetteerSource>> ListGazetteerSources(
    const std::string& dir, const std::vector<std::string>& extra_files) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat(dir, ": no such gazetteer folder"));
  }
  std::vector<GazetteerSource> sources;
  const fs::path generated = fs::path(dir) / "generated";
  if (fs::is_directory(generated, ec)) {
    if (absl::Status s = AddEntryFiles(generated, dir, true, &sources); !s.ok()) return s;
  }
  if (absl::Status s = AddEntryFiles(dir, dir, false, &sources); !s.ok()) return s;
  for (const std::string& file : extra_files) {
    sources.push_back({file, absl::StrCat("extra/", fs::path(file).filename().string())});
  }
  return sources;
}

absl::StatusOr<GazetteerEntries> LoadGazetteerSources(const std::vector<GazetteerSource>& sources) {
  GazetteerEntries out;
  EntryCollector entries(&out);
  std::vector<std::string> errors;
  for (const GazetteerSource& source : sources) LoadFileInto(source.path, &entries, &errors);
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "\n"));
  return out;
}

absl::StatusOr<GazetteerEntries> LoadGazetteerFolder(
    const std::string& dir, const std::vector<std::string>& extra_files) {
  absl::StatusOr<std::vector<GazetteerSource>> sources = ListGazetteerSources(dir, extra_files);
  if (!sources.ok()) return sources.status();
  return LoadGazetteerSources(*sources);
}

namespace {

constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

uint64_t Fnv1a(uint64_t hash, const char* bytes, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    hash = (hash ^ static_cast<unsigned char>(bytes[i])) * kFnvPrime;
  }
  return hash;
}

}  // namespace

absl::StatusOr<uint64_t> HashGazetteerSources(const std::vector<GazetteerSource>& sources) {
  uint64_t hash = kFnvOffsetBasis;
  std::vector<char> buffer(1 << 20);
  for (const GazetteerSource& source : sources) {
    std::error_code ec;
    const uint64_t size = fs::file_size(source.path, ec);
    std::ifstream in(source.path, std::ios::binary);
    if (ec || !in) return absl::NotFoundError(absl::StrCat(source.path, ": cannot read the file"));
    hash = Fnv1a(hash, source.name.data(), source.name.size() + 1);  // with its NUL
    char size_bytes[8];
    for (int i = 0; i < 8; ++i) size_bytes[i] = static_cast<char>(size >> (8 * i));
    hash = Fnv1a(hash, size_bytes, sizeof size_bytes);
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
      hash = Fnv1a(hash, buffer.data(), static_cast<size_t>(in.gcount()));
    }
  }
  return hash;
}

}  // namespace newsmark

// The record reader behind `newsmark diff` and `eval --system` (ReadGold
// with GoldFormat::kJsonl, pipeline/eval/gold.h) and `newsmark diff`
// itself, on arbitrary record files.
//
// Input: OLD.jsonl, then optionally a 0xFF byte (never part of UTF-8, so
// never needed inside a record) and NEW.jsonl; without one NEW is a copy of
// OLD.
//
// Checks:
//  - every error names the file and line ("PATH:N: ...");
//  - every record read has valid UTF-8 text and its spans inside it, on
//    code point boundaries;
//  - records round-trip: what the reader read, written again by the record
//    writer and read back, has the same text, date and layers;
//  - diff exits 0, 1 or 2; when both files read cleanly it exits 0 or 1,
//    and 0 on a file and its copy whose ids are all different.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/cli/commands.h"
#include "pipeline/eval/gold.h"
#include "pipeline/record_writer.h"
#include "stages/core/strings.h"
#include "tests/fuzz/fuzz_support.h"

namespace newsmark {
namespace {

bool SameSpan(const std::optional<Span>& a, const std::optional<Span>& b) {
  return a.has_value() == b.has_value() && (!a || *a == *b);
}

// The annotations of `a` and `b` are the same, field by field.
bool SameLayers(const Document& a, const Document& b) {
  auto same = [](const auto& x, const auto& y, auto eq) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!eq(x[i], y[i])) return false;
    }
    return true;
  };
  return same(a.blocks(), b.blocks(),
              [](const Block& x, const Block& y) {
                return x.span == y.span && x.kind == y.kind;
              }) &&
         same(a.sentences(), b.sentences(),
              [](const Sentence& x, const Sentence& y) { return x.span == y.span; }) &&
         same(a.timexes(), b.timexes(),
              [](const Timex& x, const Timex& y) {
                return x.span == y.span && x.type == y.type && x.value == y.value &&
                       x.mod == y.mod && x.anchor == y.anchor;
              }) &&
         same(a.entities(), b.entities(),
              [](const Entity& x, const Entity& y) {
                return x.span == y.span && x.type == y.type && x.id == y.id &&
                       x.name == y.name;
              }) &&
         same(a.attributions(), b.attributions(), [&](const Attribution& x,
                                                      const Attribution& y) {
           return SameSpan(x.source, y.source) && x.cue == y.cue &&
                  same(x.content, y.content, [](Span p, Span q) { return p == q; });
         });
}

// Reads `path` as records and checks them as the file comment says.
GoldSet ReadAndCheck(const std::string& path) {
  absl::StatusOr<GoldSet> set = ReadGold({path}, GoldFormat::kJsonl);
  FUZZ_CHECK(set.ok(), "ReadGold fails: %s", std::string(set.status().message()).c_str());
  for (const std::string& error : set->errors) {
    FUZZ_CHECK(StartsWith(error, path + ":") &&
                   error.find_first_not_of("0123456789", path.size() + 1) > path.size() + 1,
               "a record error names no file:line: \"%s\"", error.c_str());
  }
  std::string rewritten;
  for (const GoldDocument& g : set->documents) {
    fuzz::CheckDocumentSpans(*g.doc);
    AppendRecord(*g.doc, {"fuzz", 0, g.doc->id()}, "{}", &rewritten);
  }
  const std::string again_path = fuzz::WriteScratchFile(
      std::filesystem::path(path).filename().string() + ".again.jsonl", rewritten);
  absl::StatusOr<GoldSet> again = ReadGold({again_path}, GoldFormat::kJsonl);
  FUZZ_CHECK(again.ok() && again->errors.empty(), "records written again do not read: %s",
             again.ok() ? again->errors.front().c_str()
                        : std::string(again.status().message()).c_str());
  FUZZ_CHECK(again->documents.size() == set->documents.size(),
             "%zu records read, %zu read again", set->documents.size(),
             again->documents.size());
  for (size_t i = 0; i < set->documents.size(); ++i) {
    const Document& first = *set->documents[i].doc;
    const Document& second = *again->documents[i].doc;
    FUZZ_CHECK(first.text() == second.text() && first.date() == second.date() &&
                   SameLayers(first, second),
               "record %zu does not read back the same after writing", i);
  }
  return *std::move(set);
}

bool IdsAreDistinct(const GoldSet& set) {
  std::set<std::string> ids;
  for (const GoldDocument& g : set.documents) {
    if (!ids.insert(g.doc->id()).second) return false;
  }
  return true;
}

}  // namespace
}  // namespace newsmark

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // diff prints its report on stdout: not wanted a million times.
  if (std::freopen("/dev/null", "w", stdout) == nullptr) std::perror("freopen");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsmark;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t cut = input.find('\xFF');
  const bool copy = cut == std::string_view::npos;
  const std::string old_path = fuzz::WriteScratchFile("old.jsonl", input.substr(0, cut));
  const std::string new_path =
      fuzz::WriteScratchFile("new.jsonl", copy ? input : input.substr(cut + 1));

  const GoldSet old_set = ReadAndCheck(old_path);
  const GoldSet new_set = ReadAndCheck(new_path);
  // diff prints the readers' errors on stderr; with errors it only says so.
  if (!old_set.errors.empty() || !new_set.errors.empty()) return 0;
  const int exit_code = RunDiffCommand({old_path, new_path});
  FUZZ_CHECK(exit_code == kExitOk || exit_code == kExitInputErrors,
             "diff exits %d on records that read cleanly", exit_code);
  if (copy && IdsAreDistinct(old_set)) {
    FUZZ_CHECK(exit_code == kExitOk, "diff of a file and its copy finds a difference");
  }
  return 0;
}

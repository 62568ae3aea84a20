// The gazetteer loader (stages/gazetteer/gazetteer_loader.h) and the
// compiled matcher (gazetteer_matcher.h) on arbitrary gazetteer files.
//
// Input: one byte choosing the variant, then a gazetteer file's content.
//   byte % 2: the file is names.tsv (newsmark's format) or names.jsonl
//             (spaCy EntityRuler patterns);
//   byte / 2 % 2: 1 also corrupts one byte of the saved image, chosen from
//             the input.
//
// Checks:
// - the folder loads, or fails with INVALID_ARGUMENT whose every line is
//   "FILE:LINE: message" (tests/fuzz/rule_loader_check.h);
// - when it loads and compiles, the image saved and opened again has the
//   same entries and aliases and, saved again, the same bytes; opened
//   under another sources hash it is refused; with a byte of its contents
//   (past the header) changed it is refused;
// - each alias, alone as a text, is found: one match over all its tokens
//   whose candidates include its entry (a text is its own best name);
// - every match lies inside the text, on its tokens, in order, without
//   overlap, and names entries that exist.

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "stages/document.h"
#include "stages/gazetteer/gazetteer_image.h"
#include "stages/gazetteer/gazetteer_loader.h"
#include "stages/gazetteer/gazetteer_matcher.h"
#include "stages/tokens/tokens_stage.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/rule_loader_check.h"

namespace {

using namespace newsmark;

// The matches of `m` in `text`, each checked against the text and its tokens.
std::vector<GazetteerMatch> CheckedMatches(const GazetteerMatcher& m, Document& doc,
                                           std::vector<GazetteerCandidate>* candidates) {
  static const TokensStage* const tokens = TokensStage::Create().release();
  FUZZ_CHECK(tokens->Process(doc).ok(), "the tokens stage failed");
  const TokenLayer& layer = doc.tokens();
  std::vector<GazetteerMatch> matches;
  candidates->clear();
  m.Match(doc.text(), layer, 0, layer.tokens.size(), &matches, candidates);
  uint32_t after = 0;
  for (const GazetteerMatch& hit : matches) {
    FUZZ_CHECK(hit.first_token >= after && hit.first_token < hit.end_token &&
                   hit.end_token <= layer.tokens.size(),
               "match on tokens [%u, %u) of %zu, after token %u", hit.first_token,
               hit.end_token, layer.tokens.size(), after);
    after = hit.end_token;
    fuzz::CheckSpan(doc.text(), hit.span, "gazetteer match");
    FUZZ_CHECK(hit.span.begin == layer.tokens[hit.first_token].begin &&
                   hit.span.end == layer.tokens[hit.end_token - 1].end,
               "match span [%u, %u) is not its tokens'", hit.span.begin, hit.span.end);
    FUZZ_CHECK(hit.candidate_count > 0 &&
                   hit.first_candidate + hit.candidate_count <= candidates->size(),
               "match with candidates [%u, +%u) of %zu", hit.first_candidate,
               hit.candidate_count, candidates->size());
    for (uint32_t k = hit.first_candidate; k < hit.first_candidate + hit.candidate_count; ++k) {
      FUZZ_CHECK((*candidates)[k].entry < m.entry_count(), "candidate entry %u of %zu",
                 (*candidates)[k].entry, m.entry_count());
    }
  }
  return matches;
}

// Each alias of `entries`, alone as a text, is one match over all its tokens
// with its entry among the candidates.
void CheckAliasesFindThemselves(const GazetteerMatcher& m, const GazetteerEntries& entries) {
  std::vector<GazetteerCandidate> candidates;
  size_t tried = 0;
  for (const GazetteerEntry& entry : entries.entries) {
    for (const Alias& alias : entry.aliases) {
      if (++tried > 64) return;  // enough to check, few enough to stay fast
      Document doc("alias", alias.text);
      const std::vector<GazetteerMatch> matches = CheckedMatches(m, doc, &candidates);
      FUZZ_CHECK(matches.size() == 1 && matches[0].first_token == 0 &&
                     matches[0].end_token == doc.tokens().tokens.size(),
                 "alias \"%s\" of %s, alone, gives %zu matches, not one over its %zu tokens",
                 alias.text.c_str(), entry.id.c_str(), matches.size(),
                 doc.tokens().tokens.size());
      bool found = false;
      for (uint32_t k = matches[0].first_candidate;
           k < matches[0].first_candidate + matches[0].candidate_count; ++k) {
        found = found || m.entry(candidates[k].entry).id == entry.id;
      }
      FUZZ_CHECK(found, "alias \"%s\" alone does not name its entry %s", alias.text.c_str(),
                 entry.id.c_str());
    }
  }
}

// The bytes of the file at `path`.
std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Saves `m`, opens it again and checks what comes back (saved again, the
// same bytes); with `corrupt`, changes a byte of the contents, which Open
// must refuse.
void CheckImageRoundTrip(const GazetteerMatcher& m, uint64_t hash, bool corrupt,
                         uint64_t which) {
  const std::string path = (fuzz::ScratchDir() / "names.image").string();
  const std::string again_path = (fuzz::ScratchDir() / "names-again.image").string();
  FUZZ_CHECK(m.Save(path).ok(), "cannot save the image");
  {
    auto again = GazetteerMatcher::Open(path, hash);
    FUZZ_CHECK(again.ok(), "a saved image does not open: %s",
               std::string(again.status().message()).c_str());
    FUZZ_CHECK((*again)->entry_count() == m.entry_count() &&
                   (*again)->alias_count() == m.alias_count() &&
                   (*again)->Save(again_path).ok(),
               "the image opened again differs from the one saved");
  }  // unmapped before the file is rewritten below
  std::string bytes = FileBytes(path);
  FUZZ_CHECK(FileBytes(again_path) == bytes, "the image opened and saved again has other bytes");
  FUZZ_CHECK(!GazetteerMatcher::Open(path, hash + 1).ok(),
             "an image opens under another sources hash");
  if (!corrupt) return;
  // The checksum covers what follows the header; the header is checked
  // field by field (not fuzzed here).
  constexpr size_t kHeader = sizeof(gazetteer_internal::ImageHeader);
  if (bytes.size() <= kHeader) return;
  const size_t at = kHeader + which % (bytes.size() - kHeader);
  bytes[at] = static_cast<char>(bytes[at] ^ (1 + which % 255));
  fuzz::WriteScratchFile("names.image", bytes);
  FUZZ_CHECK(!GazetteerMatcher::Open(path, hash).ok(),
             "an image with byte %zu of %zu changed opens", at, bytes.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  fuzz::ClearScratchDir();
  const bool jsonl = data[0] % 2 == 1;
  const bool corrupt = data[0] / 2 % 2 == 1;
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string file = fuzz::WriteScratchFile(
      std::string("gazetteer/names.") + (jsonl ? "jsonl" : "tsv"), content);
  const std::string dir = (fuzz::ScratchDir() / "gazetteer").string();

  absl::StatusOr<std::vector<GazetteerSource>> sources = ListGazetteerSources(dir, {});
  FUZZ_CHECK(sources.ok() && sources->size() == 1, "the folder does not list its one file");
  absl::StatusOr<GazetteerEntries> entries = LoadGazetteerFolder(dir);
  fuzz::CheckRuleLoadStatus(entries.status(), {(*sources)[0].path});
  if (!entries.ok()) return 0;
  absl::StatusOr<uint64_t> hash = HashGazetteerSources(*sources);
  FUZZ_CHECK(hash.ok(), "cannot hash the sources");
  auto m = GazetteerMatcher::Compile(*entries, *hash);
  if (!m.ok()) return 0;  // nothing to match
  uint64_t which = 0;
  for (size_t i = 0; i < size; ++i) which = which * 131 + data[i];
  CheckImageRoundTrip(**m, *hash, corrupt, which);
  CheckAliasesFindThemselves(**m, *entries);
  Document doc("input", std::string(content));
  if (FindInvalidUtf8(doc.text()) == doc.text().size()) {
    std::vector<GazetteerCandidate> candidates;
    CheckedMatches(**m, doc, &candidates);
  }
  return 0;
}

// Inside the gazetteer loader: entries gathered file by file, and the checks
// both file formats share. Not for use outside stages/gazetteer/.

#ifndef NEWSMARK_STAGES_GAZETTEER_GAZETTEER_COLLECTOR_H_
#define NEWSMARK_STAGES_GAZETTEER_GAZETTEER_COLLECTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "stages/gazetteer/gazetteer_entries.h"

namespace newsmark {
namespace gazetteer_internal {

// GazetteerEntries with an index by id: an entry whose id came in an
// earlier file replaces that entry in its place; what the same id twice in
// one file means is the format's to say (an error in TSV, one entry in
// spaCy patterns), so each file asks FindInFile first.
class EntryCollector {
 public:
  explicit EntryCollector(GazetteerEntries* out);

  // A new file begins: the ids of earlier files may now be replaced.
  void StartFile() { in_file_.clear(); }

  // The entry with `id` added since StartFile, or null.
  GazetteerEntry* FindInFile(const std::string& id);

  void Add(GazetteerEntry entry);

 private:
  GazetteerEntries* out_;
  absl::flat_hash_map<std::string, size_t> index_;  // id -> position in out_
  absl::flat_hash_set<std::string> in_file_;
};

// OK when `text` is within the matcher's limits (kMaxAliasBytes,
// kMaxAliasTokens); otherwise an error naming `what` ("alias 3", "pattern").
absl::Status CheckAliasLimits(std::string_view text, std::string_view what);

// The `.jsonl` reader (spacy_patterns.cc): one spaCy EntityRuler pattern a line.
void LoadSpacyPatterns(const std::string& path, EntryCollector* entries,
                       std::vector<std::string>* errors);

}  // namespace gazetteer_internal
}  // namespace newsmark

#endif  // NEWSMARK_STAGES_GAZETTEER_GAZETTEER_COLLECTOR_H_

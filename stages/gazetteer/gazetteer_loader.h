// Loading gazetteer files into GazetteerEntries (gazetteer_entries.h), with
// every problem reported as "file:line: message" and nothing broken loaded.
// docs/gazetteer-format.md describes both formats with examples.
//
//   absl::StatusOr<GazetteerEntries> entries =
//       LoadGazetteerFolder("rules/gazetteer", {"my-names.tsv"});
//   if (!entries.ok()) ... one "file:line: message" a line ...
//
// Formats, chosen by the file's extension:
// - `.tsv`, newsmark's own: `id type canonical prior source aliases`, tab
//   separated, aliases `|`-separated with an optional leading case marker
//   (`=` exact, `~` any case, none: initial capitals) and an optional
//   trailing `!` (a common word). The canonical name is always an alias:
//   when no alias has its text, it is added as the first, with the default
//   case rule.
// - `.jsonl`, spaCy EntityRuler patterns: `{"label", "pattern", "id"}` a
//   line. Phrase patterns (a string) are exact-case aliases, as spaCy's
//   phrase matcher compares ORTH; token patterns whose every token is one
//   LOWER (any case) or ORTH/TEXT (exact) string, the tokens joined by
//   spaces. Patterns with the same id are one entry; without an id the id
//   is "spacy:LABEL:PATTERN". Label MISC has no newsmark type and is an
//   error, as is every other key (REGEX, OP, IN, IS_*, ...).
//
// Ids: within one file each id is one entry (a TSV id given twice is an
// error); a later file's entry with an id already loaded replaces the
// earlier entry in its place, which is how --gazetteer files override.
//
// Thread-safety: functions over their arguments; no shared state.

#ifndef NEWSMARK_STAGES_GAZETTEER_GAZETTEER_LOADER_H_
#define NEWSMARK_STAGES_GAZETTEER_GAZETTEER_LOADER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "stages/gazetteer/gazetteer_entries.h"

namespace newsmark {

// Appends the entries of one .tsv or .jsonl file to *out (replacing those
// with an id already in *out) and each problem to *errors as
// "file:line: message". After an error *out holds the file's good lines:
// do not use it.
void LoadGazetteerFile(const std::string& path, GazetteerEntries* out,
                       std::vector<std::string>* errors);

// One file LoadGazetteerFolder reads: its path, and the name it is hashed
// under, which does not depend on where the folder is ("core.tsv",
// "generated/cities.tsv"; "extra/NAME" for a user's file).
struct GazetteerSource {
  std::string path;
  std::string name;
};

// The files of a gazetteer folder in the order they are loaded, later
// replacing earlier by id: every .tsv and .jsonl under `dir`/generated/
// (recursively, by path), then those directly in `dir` (by name), so the
// hand-written files win over generated ones, then `extra_files` in the
// order given, which win over both. generated/name-parts.tsv is name
// evidence, not entries (docs/gazetteer.md), and is left out; other
// subfolders (build/, examples/) are not read. NotFoundError when `dir` is
// not a folder.
absl::StatusOr<std::vector<GazetteerSource>> ListGazetteerSources(
    const std::string& dir, const std::vector<std::string>& extra_files);

// Loads `sources` in order, later replacing earlier by id; the same errors
// as LoadGazetteerFolder. For a caller that listed (and hashed) them.
absl::StatusOr<GazetteerEntries> LoadGazetteerSources(const std::vector<GazetteerSource>& sources);

// Loads every file ListGazetteerSources names. InvalidArgumentError with
// all the problems of all the files, one "file:line: message" a line, when
// any line is bad: a gazetteer loads whole or not at all.
absl::StatusOr<GazetteerEntries> LoadGazetteerFolder(
    const std::string& dir, const std::vector<std::string>& extra_files = {});

// A checksum of the sources for the compiled gazetteer: 64-bit FNV-1a
// (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over, for each
// source in order, its name, a NUL byte, its size as 8 little-endian bytes
// and its bytes. The same files under the same names give the same value
// on every run and machine; one byte changed, added or removed, a file
// renamed or the order changed gives another. Reads every byte: about
// 2 ns a byte, 40 ms for the 22 MB of the default gazetteer, so compare
// sizes first when checking a compiled file at start-up. NotFoundError
// naming a file that cannot be read.
absl::StatusOr<uint64_t> HashGazetteerSources(const std::vector<GazetteerSource>& sources);

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_GAZETTEER_GAZETTEER_LOADER_H_

// The compiled gazetteer of a folder, kept on disk between runs: mapped
// from a cache folder when an image of the same sources is there, else
// loaded, compiled and saved there for the next run.
//
//   absl::StatusOr<CompiledGazetteer> g =
//       OpenGazetteer("rules/gazetteer", {"my-names.tsv"}, "/home/me/.cache/newsmark");
//   if (!g.ok()) ... a "file:line: message" a line, as LoadGazetteerFolder ...
//   if (!g->note.empty()) ... why it was compiled again or not saved ...
//   (*g).matcher->Match(...);
//
// An image is named by the hash of its sources (HashGazetteerSources: the
// files' names, sizes and bytes, in load order), `gazetteer-HASH.image`, so
// any change to a source, a file added or removed, or other --gazetteer
// files give another name and a new compile; images of other sources are
// left where they are (several rule folders may share a cache). An image
// that is there but will not open (corrupt, from another format version,
// truncated) is compiled again and replaced, and `note` says why. A cache
// that cannot be written costs only the next run's compile: the matcher is
// returned and `note` says so.
//
// Cost: every source byte is read once to hash it (about 2 ns a byte), and
// an image that opens is checked by its own checksum; a compile is what
// GazetteerMatcher::Compile costs.
//
// Thread-safety: a function over files. Two processes compiling the same
// sources at once each write their image through a temporary file and a
// rename (GazetteerMatcher::Save), so a reader never sees half an image.

#ifndef NEWSMARK_STAGES_GAZETTEER_GAZETTEER_CACHE_H_
#define NEWSMARK_STAGES_GAZETTEER_GAZETTEER_CACHE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "stages/gazetteer/gazetteer_matcher.h"

namespace newsmark {

struct CompiledGazetteer {
  std::unique_ptr<const GazetteerMatcher> matcher;
  std::string image_path;   // the image opened or written; empty when there is none
  bool from_cache = false;  // opened from the cache, not compiled
  std::string note;         // why an image there was not used, or why none was saved
};

// The gazetteer of `dir` (LoadGazetteerFolder's order) with `extra_files`
// after it, compiled, through `cache_dir` (created when missing; empty: no
// cache, compiled every time). Fails as LoadGazetteerFolder fails, or when
// the entries cannot be compiled.
absl::StatusOr<CompiledGazetteer> OpenGazetteer(const std::string& dir,
                                                const std::vector<std::string>& extra_files,
                                                const std::string& cache_dir);

// The image file for sources hashed to `sources_hash` in `cache_dir`.
std::string GazetteerImagePath(const std::string& cache_dir, uint64_t sources_hash);

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_GAZETTEER_GAZETTEER_CACHE_H_

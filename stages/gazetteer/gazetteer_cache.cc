#include "stages/gazetteer/gazetteer_cache.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "stages/gazetteer/gazetteer_loader.h"

namespace newsmark {

std::string GazetteerImagePath(const std::string& cache_dir, uint64_t sources_hash) {
  return (std::filesystem::path(cache_dir) / absl::StrFormat("gazetteer-%016x.image", sources_hash))
      .string();
}

absl::StatusOr<CompiledGazetteer> OpenGazetteer(const std::string& dir,
                                                const std::vector<std::string>& extra_files,
                                                const std::string& cache_dir) {
  absl::StatusOr<std::vector<GazetteerSource>> sources = ListGazetteerSources(dir, extra_files);
  if (!sources.ok()) return sources.status();
  absl::StatusOr<uint64_t> hash = HashGazetteerSources(*sources);
  if (!hash.ok()) return hash.status();
  CompiledGazetteer out;
  if (!cache_dir.empty()) {
    out.image_path = GazetteerImagePath(cache_dir, *hash);
    std::error_code ec;
    if (std::filesystem::exists(out.image_path, ec)) {
      absl::StatusOr<std::unique_ptr<const GazetteerMatcher>> opened =
          GazetteerMatcher::Open(out.image_path, *hash);
      if (opened.ok()) {
        out.matcher = *std::move(opened);
        out.from_cache = true;
        return out;
      }
      out.note = absl::StrCat(opened.status().message(), "; compiled again");
    }
  }
  // The files hashed, not a second listing of the folder.
  absl::StatusOr<GazetteerEntries> entries = LoadGazetteerSources(*sources);
  if (!entries.ok()) return entries.status();
  absl::StatusOr<std::unique_ptr<const GazetteerMatcher>> compiled =
      GazetteerMatcher::Compile(*entries, *hash);
  if (!compiled.ok()) return compiled.status();
  out.matcher = *std::move(compiled);
  if (cache_dir.empty()) return out;
  std::error_code ec;
  std::filesystem::create_directories(cache_dir, ec);
  if (absl::Status saved = out.matcher->Save(out.image_path); !saved.ok()) {
    out.note = absl::StrCat(out.note.empty() ? "" : absl::StrCat(out.note, "; "),
                            "not cached: ", saved.message());
    out.image_path.clear();
  }
  return out;
}

}  // namespace newsmark

// What the fuzz targets in tests/fuzz/ share: the check that turns a broken
// invariant into a crash libFuzzer reports, a per-process scratch folder for
// readers that only take paths, and checks of spans and JSON lines.
//
// A target must find more than crashes: each states what its code promises
// (records + errors = inputs, spans inside the text, error messages naming
// the file) and FUZZ_CHECK aborts when the promise is broken.

#ifndef NEWSMARK_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define NEWSMARK_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "stages/core/utf8.h"
#include "stages/document.h"

// Prints what broke, where, and aborts: libFuzzer saves the input.
#define FUZZ_CHECK(condition, ...)                                           \
  do {                                                                       \
    if (!(condition)) {                                                      \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n  ", __FILE__,      \
                   __LINE__, #condition);                                    \
      std::fprintf(stderr, __VA_ARGS__);                                     \
      std::fputc('\n', stderr);                                              \
      std::abort();                                                          \
    }                                                                        \
  } while (0)

namespace newsmark {
namespace fuzz {

// A folder of this process's own under $TMPDIR (or /tmp), made on first use
// and removed at exit: fuzzers run in parallel (-jobs, -fork) must not share
// files. A run that crashes leaves it behind, with the input that did it.
inline const std::filesystem::path& ScratchDir() {
  static const std::filesystem::path* dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp ? tmp : "/tmp") +
                          "/newsmark-fuzz-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("newsmark fuzz: mkdtemp");
      std::abort();
    }
    auto* path = new std::filesystem::path(pattern);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(ScratchDir(), ec);
    });
    return path;
  }();
  return *dir;
}

// Writes `content` to `name` inside ScratchDir(), creating folders on the
// way; returns the path.
inline std::string WriteScratchFile(const std::string& name, std::string_view content) {
  const std::filesystem::path path = ScratchDir() / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  FUZZ_CHECK(out.good(), "cannot write %s", path.c_str());
  return path.string();
}

// Empties ScratchDir() between inputs.
inline void ClearScratchDir() {
  for (const auto& entry : std::filesystem::directory_iterator(ScratchDir())) {
    std::filesystem::remove_all(entry.path());
  }
}

inline bool OnCodePointBoundary(std::string_view text, uint32_t offset) {
  return offset == text.size() ||
         (offset < text.size() && !IsUtf8Continuation(static_cast<unsigned char>(text[offset])));
}

// `span` lies inside `text`, begin <= end, both on code point boundaries.
inline void CheckSpan(std::string_view text, Span span, const char* what) {
  FUZZ_CHECK(span.begin <= span.end && span.end <= text.size(),
             "%s [%u, %u) outside the text of %zu bytes", what, span.begin, span.end,
             text.size());
  FUZZ_CHECK(OnCodePointBoundary(text, span.begin) && OnCodePointBoundary(text, span.end),
             "%s [%u, %u) cuts a UTF-8 sequence", what, span.begin, span.end);
}

// Every span of every layer of `doc` as CheckSpan wants, and the text valid
// UTF-8.
inline void CheckDocumentSpans(const Document& doc) {
  const std::string_view text = doc.text();
  FUZZ_CHECK(FindInvalidUtf8(text) == text.size(), "document text is not valid UTF-8");
  for (const Block& b : doc.blocks()) CheckSpan(text, b.span, "block");
  for (const Sentence& s : doc.sentences()) CheckSpan(text, s.span, "sentence");
  for (const Timex& t : doc.timexes()) CheckSpan(text, t.span, "timex");
  for (const Entity& e : doc.entities()) CheckSpan(text, e.span, "entity");
  for (const Attribution& a : doc.attributions()) {
    if (a.source) CheckSpan(text, *a.source, "attribution source");
    CheckSpan(text, a.cue, "attribution cue");
    for (Span c : a.content) CheckSpan(text, c, "attribution content");
  }
}

// `line` (a writer's output, '\n' included) is one line of valid UTF-8 that
// RapidJSON parses, strictly, into an object; returns it parsed.
inline void ParseJsonLine(std::string_view line, rapidjson::Document* parsed) {
  FUZZ_CHECK(!line.empty() && line.back() == '\n', "output line does not end in a newline");
  line.remove_suffix(1);
  FUZZ_CHECK(line.find('\n') == std::string_view::npos, "output line holds a newline");
  FUZZ_CHECK(FindInvalidUtf8(line) == line.size(), "output line is not valid UTF-8: %.*s",
             static_cast<int>(line.size()), line.data());
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
  parsed->Parse<kFlags>(line.data(), line.size());
  FUZZ_CHECK(!parsed->HasParseError(), "output line is not JSON (%s at %zu): %.*s",
             rapidjson::GetParseError_En(parsed->GetParseError()),
             parsed->GetErrorOffset(), static_cast<int>(line.size()), line.data());
  FUZZ_CHECK(parsed->IsObject(), "output line is not a JSON object");
}

}  // namespace fuzz
}  // namespace newsmark

#endif  // NEWSMARK_TESTS_FUZZ_FUZZ_SUPPORT_H_

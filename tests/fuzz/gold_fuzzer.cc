// Every gold reader of pipeline/eval/gold.h on arbitrary files.
//
// Input: one byte choosing the format (modulo 6: timeml, conll, brat,
// sentences, lines, jsonl), then the file. For brat the content is cut at
// NUL bytes into the article text, its annotator file and, when there is a
// second NUL, a second annotator's file; the article's name holds a date,
// as PolNeAR's do.
//
// Checks:
//  - ReadGold succeeds (every path exists) and every error message begins
//    with the path of the file it is about;
//  - every document read has valid UTF-8 text and every span of every layer
//    (brat: of every annotator) inside it, on code point boundaries.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/eval/gold.h"
#include "stages/core/strings.h"
#include "tests/fuzz/fuzz_support.h"

namespace newsmark {
namespace {

// Writes `content` as gold of `format`; returns the path to read and, in
// `files`, every file written.
std::string WriteGold(GoldFormat format, std::string_view content,
                      std::vector<std::string>* files) {
  auto write = [&](const std::string& name, std::string_view part) {
    files->push_back(fuzz::WriteScratchFile(name, part));
    return files->back();
  };
  switch (format) {
    case GoldFormat::kTimeml:
      return write("gold.tml", content);
    case GoldFormat::kConll:
      return write("gold.conll", content);
    case GoldFormat::kSentences:
      return write("gold.json", content);
    case GoldFormat::kLines:
      return write("gold.txt", content);
    case GoldFormat::kJsonl:
      return write("gold.jsonl", content);
    case GoldFormat::kBrat: {
      const size_t first = content.find('\0');
      const std::string_view text = content.substr(0, first);
      std::string_view rest =
          first == std::string_view::npos ? std::string_view() : content.substr(first + 1);
      const size_t second = rest.find('\0');
      write("brat/text/article_1987-02-26.txt", text);
      write("brat/attributions/article_1987-02-26_a.ann", rest.substr(0, second));
      if (second != std::string_view::npos) {
        write("brat/attributions/article_1987-02-26_b.ann", rest.substr(second + 1));
      }
      return (fuzz::ScratchDir() / "brat").string();
    }
  }
  return "";
}

bool NamesAFile(std::string_view message, const std::vector<std::string>& files) {
  for (const std::string& f : files) {
    if (StartsWith(message, f) && message.size() > f.size() && message[f.size()] == ':') {
      return true;
    }
  }
  return false;
}

}  // namespace
}  // namespace newsmark

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsmark;
  if (size == 0) return 0;
  static constexpr GoldFormat kFormats[] = {GoldFormat::kTimeml, GoldFormat::kConll,
                                            GoldFormat::kBrat,   GoldFormat::kSentences,
                                            GoldFormat::kLines,  GoldFormat::kJsonl};
  const GoldFormat format = kFormats[data[0] % 6];
  fuzz::ClearScratchDir();
  std::vector<std::string> files;
  const std::string path = WriteGold(
      format, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), &files);

  absl::StatusOr<GoldSet> gold = ReadGold({path}, format);
  FUZZ_CHECK(gold.ok(), "ReadGold fails: %s", std::string(gold.status().message()).c_str());
  for (const std::string& error : gold->errors) {
    FUZZ_CHECK(NamesAFile(error, files), "a %s error names no file: \"%s\"",
               std::string(GoldFormatName(format)).c_str(), error.c_str());
  }
  for (const GoldDocument& g : gold->documents) {
    FUZZ_CHECK(g.doc != nullptr, "a gold document without a document");
    fuzz::CheckDocumentSpans(*g.doc);
    for (const std::vector<Attribution>& annotator : g.annotators) {
      for (const Attribution& a : annotator) {
        if (a.source) fuzz::CheckSpan(g.doc->text(), *a.source, "annotator source");
        fuzz::CheckSpan(g.doc->text(), a.cue, "annotator cue");
        for (Span c : a.content) fuzz::CheckSpan(g.doc->text(), c, "annotator content");
      }
    }
  }
  return 0;
}

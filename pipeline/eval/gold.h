// Gold-standard readers for `newsmark eval`.
//
// Each reader turns one corpus format into GoldDocuments: the text, its date
// when the format has one, and the gold annotations as the layers of a
// Document (spans in UTF-8 bytes, like system output), so gold and system
// are compared in one unit.
//
// Formats (docs/eval.md has the details):
//   timeml     .tml files or folders: <DCT> date, <TEXT> with inline TIMEX3
//   conll      CoNLL-2003 IOB files: entities PER, ORG, LOC, MISC
//   brat       a folder with text/*.txt and attributions/*.ann (PolNeAR)
//   sentences  Golden Rules JSON: cases with "text" and "expected"
//   lines      plain text, one sentence a line, blank line = new paragraph
//   jsonl      newsmark's own records, every layer
//
// Malformed gold is reported as "file:line: message" errors; the documents
// that could be read are still returned.

#ifndef NEWSMARK_PIPELINE_EVAL_GOLD_H_
#define NEWSMARK_PIPELINE_EVAL_GOLD_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "stages/document.h"

namespace newsmark {

enum class GoldFormat { kTimeml, kConll, kBrat, kSentences, kLines, kJsonl };

absl::StatusOr<GoldFormat> ParseGoldFormat(std::string_view name);
std::string_view GoldFormatName(GoldFormat format);

struct GoldDocument {
  std::unique_ptr<Document> doc;  // text, date and gold layers
  std::string source;             // "file" or "file:line", for messages
  LayerSet layers;                // the layers this gold annotates
  // Golden Rules: the expected segments as written, and whether the case
  // belongs to pySBD's 48-case subset. Empty for other formats.
  std::vector<std::string> expected_segments;
  bool in_pysbd_48 = false;
  // brat: every annotator file's attributions, in file name order; the
  // first is also doc->attributions(). Empty for other formats.
  std::vector<std::vector<Attribution>> annotators;
};

struct GoldSet {
  std::vector<GoldDocument> documents;
  std::vector<std::string> errors;  // "file:line: message"
};

// Reads every path (a file, or a folder for timeml, brat and lines).
// Fails only when a path cannot be read at all.
absl::StatusOr<GoldSet> ReadGold(const std::vector<std::string>& paths,
                                 GoldFormat format);

// The whole content of a file; NotFoundError("PATH: cannot open") if none.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

// Finds `segment` in `text` at or after `from`, with every run of white space
// in either matching any run of white space in the other. Returns the span
// in `text`, or nullopt.
std::optional<Span> FindLoosely(std::string_view text, size_t from,
                                std::string_view segment);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_EVAL_GOLD_H_

// Readers: turn the command line's inputs into a stream of InputItems.
//
// An input is a `.txt` file (one article), a `.jsonl` file (one article a
// line: {"id", "text", "date", ...}), a folder (walked depth first, entries
// sorted by name in each folder, for *.txt, *.jsonl and *.ndjson; hidden
// entries and linked folders skipped), or
// "-" for standard input (JSONL when its first non-blank byte is '{', else
// one text article). Only regular files are read: a FIFO, socket or device,
// named or in a folder, is an error naming it and is never opened for a
// blocking read (a FIFO with no writer would wait for ever).
//
// Every item is either a document or an error that names its place (file,
// JSONL line, id when known), so the caller can keep the batch going and
// keep count: one item per document the input holds. Blank JSONL lines are
// not documents and yield nothing.
//
// Text rules, the same for every input kind:
//  - a UTF-8 byte order mark at the start of a file is dropped (it marks the
//    encoding; it is not text);
//  - CR LF line ends are kept as they are (offsets count the CR);
//  - invalid UTF-8, NUL bytes, empty or all-blank text, and text longer than
//    InputOptions::max_document_bytes are errors.
//
// Thread-safety: an InputReader is used by one thread.

#ifndef NEWSMARK_PIPELINE_INPUT_H_
#define NEWSMARK_PIPELINE_INPUT_H_

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "stages/core/iso_date.h"  // ParseIsoDate, for document dates

namespace newsmark {

struct InputOptions {
  // Document date for inputs that carry none (--date). Default: none.
  std::optional<absl::CivilDay> default_date;
  // Longest text accepted, in bytes (--max-doc-bytes). Default: 16 MiB.
  // A JSONL line may be twice as long, for escapes.
  size_t max_document_bytes = size_t{16} << 20;
  // Read standard input as this kind: "auto" (sniff), "txt" or "jsonl".
  // Default: "auto".
  std::string stdin_format = "auto";
};

// Where an item came from.
struct InputPlace {
  std::string source;  // path as given or found; "-" for standard input
  int64_t line = 0;    // 1-based JSONL line; 0 for a whole-file article
  std::string id;      // document id; empty when the input failed before one
};

struct InputItem {
  InputPlace place;
  absl::Status status;  // not OK: this input failed and holds no document
  std::string text;
  std::optional<absl::CivilDay> date;
  // The JSONL object's other fields, as a JSON object with their values
  // exactly as written (numbers keep their spelling); "{}" when none.
  std::string meta_json = "{}";
};

// Checks the text rules above; the message names the byte offset.
absl::Status CheckText(std::string_view text, size_t max_document_bytes);

class InputReader {
 public:
  // `standard_input` is read for "-" (std::stdin in the CLI; tests pass a
  // memory stream). Not owned.
  InputReader(std::vector<std::string> paths, InputOptions options,
              std::FILE* standard_input = stdin);
  ~InputReader();

  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  // Fills `item` with the next document or error; false at the end.
  bool Next(InputItem* item);

 private:
  class LineReader;
  struct Pending {
    std::string path;
    bool from_folder = false;
  };

  void ExpandFolder(const std::string& path);
  void ReadTextFile(const std::string& path, InputItem* item);
  void ReadTextStream(std::FILE* file, const std::string& name,
                      std::string prefix, InputItem* item);
  // Parses `line` in place: its bytes are overwritten.
  void ParseJsonLine(std::string& line, InputItem* item) const;
  void OpenJsonl(const std::string& path, std::FILE* file, bool owned,
                 std::string prefix);
  void CloseJsonl();

  InputOptions options_;
  std::FILE* standard_input_;
  std::deque<Pending> pending_;
  std::deque<InputItem> ready_;  // errors found while walking folders
  // The JSONL file being read, if any.
  std::unique_ptr<LineReader> jsonl_;
  std::string jsonl_path_;
};

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_INPUT_H_

// Writers: one JSON line per document record or per error.
//
// Records follow the schema "newsmark/1", described field by field in
// docs/schema.md and as JSON Schema in docs/newsmark-1.schema.json. Offsets in
// records are Unicode code points into the original text, half-open
// [start, end); every span also carries its text. Every layer is present,
// empty or not.
//
// Thread-safety: the functions are pure and may run on any thread.

#ifndef NEWSMARK_PIPELINE_RECORD_WRITER_H_
#define NEWSMARK_PIPELINE_RECORD_WRITER_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "stages/document.h"
#include "pipeline/input.h"

namespace newsmark {

inline constexpr std::string_view kRecordSchema = "newsmark/1";

// What a record holds beyond the layers of newsmark/1.
struct RecordOptions {
  // The internal token layer as "tokens" under "layers" (docs/schema.md):
  // for rule authors who want to see how the text was cut.
  bool tokens = false;
};

// Where a record's bytes go, piece by piece as they are written (at most
// kRecordPiece bytes at a time), so that a record need not be whole in
// memory before it goes out.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void Write(std::string_view bytes) = 0;
};
inline constexpr size_t kRecordPiece = 64 << 10;

// Writes the record of `doc` as one line, '\n' included, to `sink`.
// `meta_json` is a JSON object of the input's other fields, written as is.
void WriteRecord(const Document& doc, const InputPlace& place, std::string_view meta_json,
                 RecordSink& sink, const RecordOptions& options = {});

// The same, appended to `out`.
void AppendRecord(const Document& doc, const InputPlace& place,
                  std::string_view meta_json, std::string* out,
                  const RecordOptions& options = {});

// Appends an error line: {"error", "code", "source", "line", "id"}.
void AppendError(const InputPlace& place, const absl::Status& status,
                 std::string* out);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_RECORD_WRITER_H_

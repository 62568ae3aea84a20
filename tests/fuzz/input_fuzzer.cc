// The input reader (pipeline/input.h) on arbitrary bytes.
//
// Input: one control byte, then the content. The control byte chooses
//   bits 0-1  what the content is read as: a .jsonl file, standard input as
//             JSONL, standard input sniffed ("auto"), or a .txt file;
//   bits 2-4  --max-doc-bytes: 16 << k bytes (16 to 2048), so that the
//             too-long paths are reached with small inputs.
//
// Checks:
//  - records + errors = inputs: one item per non-blank JSONL line (a line
//    over twice --max-doc-bytes counts, blank or not), one per text input;
//  - every item read as a document passes CheckText;
//  - the line written for each item (a record with empty layers, or an error
//    line) is valid UTF-8 JSON that parses back, with the item's text.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "pipeline/input.h"
#include "pipeline/record_writer.h"
#include "stages/core/strings.h"
#include "tests/fuzz/fuzz_support.h"

namespace newsmark {
namespace {

enum class Source { kJsonlFile, kStdinJsonl, kStdinAuto, kTextFile };

// How many items the reader must yield for `content` read as JSONL.
int64_t ExpectedJsonlItems(std::string_view content, size_t max_line) {
  int64_t items = 0;
  for (size_t start = 0, n = 1; start < content.size(); ++n) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    start = end + 1;
    if (line.size() > max_line) {
      ++items;
      continue;
    }
    if (n == 1 && StartsWith(line, "\xEF\xBB\xBF")) line.remove_prefix(3);
    if (!IsAsciiBlank(line)) ++items;
  }
  return items;
}

// What "auto" decides: JSONL when the first byte that is no ASCII space,
// after a byte order mark, is '{'.
bool SniffsAsJsonl(std::string_view content) {
  if (StartsWith(content, "\xEF\xBB\xBF")) content.remove_prefix(3);
  for (char c : content) {
    if (!IsAsciiSpace(c)) return c == '{';
  }
  return false;
}

void CheckItemLine(const InputItem& item) {
  std::string line;
  if (item.status.ok()) {
    FUZZ_CHECK(CheckText(item.text, size_t{1} << 30).ok(),
               "a document was read whose text fails CheckText");
    const Document doc(item.place.id, item.text, item.date);
    AppendRecord(doc, item.place, item.meta_json, &line);
  } else {
    AppendError(item.place, item.status, &line);
  }
  rapidjson::Document parsed;
  fuzz::ParseJsonLine(line, &parsed);
  if (item.status.ok()) {
    FUZZ_CHECK(parsed.HasMember("text") && parsed["text"].IsString() &&
                   std::string_view(parsed["text"].GetString(),
                                    parsed["text"].GetStringLength()) == item.text,
               "the record's text is not the text read");
    FUZZ_CHECK(parsed.HasMember("meta") && parsed["meta"].IsObject(),
               "the record's meta is not an object");
  } else {
    FUZZ_CHECK(parsed.HasMember("error") && parsed["error"].IsString(),
               "the error line has no error message");
  }
}

}  // namespace
}  // namespace newsmark

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsmark;
  if (size == 0) return 0;
  const auto source = static_cast<Source>(data[0] & 3);
  InputOptions options;
  options.max_document_bytes = size_t{16} << ((data[0] >> 2) & 7);
  const std::string content(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::FILE* standard_input = nullptr;
  std::string path = "-";
  if (source == Source::kJsonlFile || source == Source::kTextFile) {
    path = fuzz::WriteScratchFile(source == Source::kJsonlFile ? "in.jsonl" : "in.txt",
                                  content);
    standard_input = std::fopen("/dev/null", "r");
  } else {
    // fmemopen cannot open an empty buffer on every libc; /dev/null is one.
    standard_input = content.empty()
                         ? std::fopen("/dev/null", "r")
                         : fmemopen(const_cast<char*>(content.data()), content.size(), "r");
    options.stdin_format = source == Source::kStdinJsonl ? "jsonl" : "auto";
  }
  FUZZ_CHECK(standard_input != nullptr, "cannot open the input stream");

  const bool as_jsonl = source == Source::kJsonlFile || source == Source::kStdinJsonl ||
                        (source == Source::kStdinAuto && SniffsAsJsonl(content));
  const int64_t expected =
      as_jsonl ? ExpectedJsonlItems(content, 2 * options.max_document_bytes) : 1;

  int64_t items = 0;
  {
    InputReader reader({path}, options, standard_input);
    InputItem item;
    while (reader.Next(&item)) {
      ++items;
      CheckItemLine(item);
    }
  }
  std::fclose(standard_input);
  FUZZ_CHECK(items == expected, "%lld items read, %lld expected (source %d)",
             static_cast<long long>(items), static_cast<long long>(expected),
             static_cast<int>(source));
  return 0;
}

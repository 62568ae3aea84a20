// The whole default pipeline (the source tree's rules/) on arbitrary text
// and document dates, and the record written for it.
//
// Input: one control byte, then the text. The control byte's low two bits
// choose the document date: none; 1970-01-01 plus the next two bytes in days
// (to 2149); 1000-01-01 plus the next three bytes in days, modulo the range
// of document dates (to 2999-12-31); or one end of that range. Texts that the
// readers would reject (CheckText: invalid UTF-8, NUL, blank) are skipped:
// the stages are promised well-formed text.
//
// Checks:
//  - every span of every layer inside the text, on code point boundaries;
//  - blocks, sentences and timexes non-empty, in text order, not
//    overlapping; sentences trimmed of white space (docs/schema.md);
//  - the record is one line of valid UTF-8 JSON that RapidJSON parses back,
//    with the text, the length in code points, and, for every span, offsets
//    in code points whose text is the span's text.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "pipeline/default_pipeline.h"
#include "pipeline/input.h"
#include "pipeline/record_writer.h"
#include "stages/core/iso_date.h"
#include "tests/fuzz/fuzz_support.h"

namespace newsmark {
namespace {

const Pipeline& DefaultPipeline() {
  static const Pipeline* pipeline = [] {
    absl::StatusOr<std::unique_ptr<Pipeline>> p = CreateDefaultPipeline({NEWSMARK_SOURCE_DIR "/rules"});
    FUZZ_CHECK(p.ok(), "the default pipeline does not build: %s",
               std::string(p.status().message()).c_str());
    return p->release();
  }();
  return *pipeline;
}

// Takes the document date from the front of `input`, as the file comment
// says.
std::optional<absl::CivilDay> TakeDate(std::string_view* input) {
  const absl::CivilDay first(1000, 1, 1), last(2999, 12, 31);
  auto take = [&](size_t n) {
    uint32_t v = 0;
    for (size_t i = 0; i < n && !input->empty(); ++i) {
      v = v << 8 | static_cast<uint8_t>(input->front());
      input->remove_prefix(1);
    }
    return v;
  };
  const uint32_t mode = take(1);
  switch (mode & 3) {
    case 0:
      return std::nullopt;
    case 1:
      return absl::CivilDay(1970, 1, 1) + take(2);
    case 2:
      return first + static_cast<int64_t>(take(3) % (last - first + 1));
    default:
      return mode & 4 ? last : first;
  }
}

// `spans` are non-empty, in text order and do not overlap.
template <typename T>
void CheckOrdered(const std::vector<T>& spans, const char* layer) {
  for (size_t i = 0; i < spans.size(); ++i) {
    FUZZ_CHECK(!spans[i].span.empty(), "%s %zu is empty", layer, i);
    if (i == 0) continue;
    FUZZ_CHECK(spans[i - 1].span.end <= spans[i].span.begin,
               "%s %zu [%u, %u) overlaps or precedes %s %zu [%u, %u)", layer, i,
               spans[i].span.begin, spans[i].span.end, layer, i - 1,
               spans[i - 1].span.begin, spans[i - 1].span.end);
  }
}

// The span object `v` of the parsed record: code point offsets whose text
// (through `bytes`, the byte offset of each code point) is its "text".
void CheckRecordSpan(const rapidjson::Value& v, std::string_view text,
                     const std::vector<uint32_t>& bytes) {
  FUZZ_CHECK(v.IsObject() && v.HasMember("start") && v["start"].IsUint() &&
                 v.HasMember("end") && v["end"].IsUint() && v.HasMember("text") &&
                 v["text"].IsString(),
             "a record span lacks start, end or text");
  const uint32_t start = v["start"].GetUint(), end = v["end"].GetUint();
  FUZZ_CHECK(start <= end && end < bytes.size(), "record span [%u, %u) outside %zu code points",
             start, end, bytes.size() - 1);
  FUZZ_CHECK(text.substr(bytes[start], bytes[end] - bytes[start]) ==
                 std::string_view(v["text"].GetString(), v["text"].GetStringLength()),
             "record span [%u, %u) does not hold its text", start, end);
}

void CheckRecord(const Document& doc, const std::string& line) {
  rapidjson::Document record;
  fuzz::ParseJsonLine(line, &record);
  const std::string_view text = doc.text();
  FUZZ_CHECK(record.HasMember("text") && record["text"].IsString() &&
                 std::string_view(record["text"].GetString(),
                                  record["text"].GetStringLength()) == text,
             "the record's text is not the document's");
  const std::vector<uint32_t> bytes = CodePointByteOffsets(text);
  FUZZ_CHECK(record.HasMember("length") && record["length"].IsUint64() &&
                 record["length"].GetUint64() == bytes.size() - 1,
             "the record's length is not the text's code points");
  FUZZ_CHECK(record.HasMember("layers") && record["layers"].IsObject(), "no layers");
  const rapidjson::Value& layers = record["layers"];
  for (const char* name : {"blocks", "sentences", "timexes", "entities"}) {
    FUZZ_CHECK(layers.HasMember(name) && layers[name].IsArray(), "no layer %s", name);
    for (const auto& span : layers[name].GetArray()) CheckRecordSpan(span, text, bytes);
  }
  FUZZ_CHECK(layers["blocks"].Size() == doc.blocks().size() &&
                 layers["sentences"].Size() == doc.sentences().size() &&
                 layers["timexes"].Size() == doc.timexes().size(),
             "the record does not hold every annotation");
}

}  // namespace
}  // namespace newsmark

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsmark;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::optional<absl::CivilDay> date = TakeDate(&input);
  if (date) {
    FUZZ_CHECK(IsDocumentDate(*date), "the target chose a date out of range");
  }
  if (!CheckText(input, size_t{16} << 20).ok()) return 0;

  Document doc("fuzz", std::string(input), date);
  const absl::Status status = DefaultPipeline().Process(doc);
  std::string line;
  if (!status.ok()) {
    AppendError({"fuzz", 0, "fuzz"}, status, &line);
    rapidjson::Document parsed;
    fuzz::ParseJsonLine(line, &parsed);
    return 0;
  }
  fuzz::CheckDocumentSpans(doc);
  CheckOrdered(doc.blocks(), "block");
  CheckOrdered(doc.sentences(), "sentence");
  CheckOrdered(doc.timexes(), "timex");
  const std::string_view text = doc.text();
  for (const Sentence& s : doc.sentences()) {
    FUZZ_CHECK(SkipWhiteSpace(text, s.span.begin) == s.span.begin &&
                   SkipWhiteSpaceBack(text, s.span.begin, s.span.end) == s.span.end,
               "sentence [%u, %u) is not trimmed of white space", s.span.begin, s.span.end);
  }
  AppendRecord(doc, {"fuzz", 0, "fuzz"}, "{}", &line);
  CheckRecord(doc, line);
  return 0;
}

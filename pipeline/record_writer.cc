#include "pipeline/record_writer.h"

#include <cstdio>
#include <memory>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "rapidjson/writer.h"
#include "stages/core/strings.h"
#include "stages/core/tokenizer.h"
#include "stages/core/utf8.h"

namespace newsmark {
namespace {

// A RapidJSON output stream that hands its bytes to a RecordSink in
// pieces of kRecordPiece.
class SinkStream {
 public:
  using Ch = char;
  explicit SinkStream(RecordSink& sink) : sink_(sink), buffer_(new char[kRecordPiece]) {}
  SinkStream(const SinkStream&) = delete;
  SinkStream& operator=(const SinkStream&) = delete;
  ~SinkStream() { Flush(); }

  void Put(char c) {
    if (size_ == kRecordPiece) Flush();
    buffer_[size_++] = c;
  }
  void Flush() {
    if (size_ > 0) sink_.Write(std::string_view(buffer_.get(), size_));
    size_ = 0;
  }

 private:
  RecordSink& sink_;
  std::unique_ptr<char[]> buffer_;
  size_t size_ = 0;
};

using JsonWriter = rapidjson::Writer<SinkStream>;

class StringSink : public RecordSink {
 public:
  explicit StringSink(std::string* out) : out_(out) {}
  void Write(std::string_view bytes) override { out_->append(bytes.data(), bytes.size()); }

 private:
  std::string* out_;
};

void WriteString(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

class RecordWriter {
 public:
  RecordWriter(const Document& doc, JsonWriter& w)
      : doc_(doc), w_(w), offsets_(doc.text()) {}

  // Writes "start", "end" and "text" of `span` into the open object.
  void SpanFields(Span span) {
    w_.Key("start");
    w_.Uint64(offsets_.ToCodePoint(span.begin));
    w_.Key("end");
    w_.Uint64(offsets_.ToCodePoint(span.end));
    w_.Key("text");
    WriteString(w_, doc_.Text(span));
  }

  void SpanObject(Span span) {
    w_.StartObject();
    SpanFields(span);
    w_.EndObject();
  }

  void Layers(const RecordOptions& options) {
    w_.StartObject();
    w_.Key("blocks");
    w_.StartArray();
    for (const Block& b : doc_.blocks()) {
      w_.StartObject();
      SpanFields(b.span);
      w_.Key("kind");
      WriteString(w_, BlockKindName(b.kind));
      w_.EndObject();
    }
    w_.EndArray();

    w_.Key("sentences");
    w_.StartArray();
    for (const Sentence& s : doc_.sentences()) SpanObject(s.span);
    w_.EndArray();

    w_.Key("timexes");
    w_.StartArray();
    for (const Timex& t : doc_.timexes()) {
      w_.StartObject();
      SpanFields(t.span);
      w_.Key("type");
      WriteString(w_, TimexTypeName(t.type));
      w_.Key("value");
      WriteString(w_, t.value);
      w_.Key("mod");
      if (t.mod.empty()) {
        w_.Null();
      } else {
        WriteString(w_, t.mod);
      }
      w_.Key("anchor");
      WriteString(w_, TimexAnchorName(t.anchor));
      w_.EndObject();
    }
    w_.EndArray();

    w_.Key("entities");
    w_.StartArray();
    for (const Entity& e : doc_.entities()) {
      w_.StartObject();
      SpanFields(e.span);
      w_.Key("type");
      WriteString(w_, e.type);
      w_.Key("id");
      if (e.id.empty()) {
        w_.Null();
      } else {
        WriteString(w_, e.id);
      }
      w_.Key("name");
      WriteString(w_, e.name);
      w_.EndObject();
    }
    w_.EndArray();

    w_.Key("attributions");
    w_.StartArray();
    for (const Attribution& a : doc_.attributions()) {
      w_.StartObject();
      w_.Key("source");
      if (a.source) {
        SpanObject(*a.source);
      } else {
        w_.Null();
      }
      w_.Key("cue");
      SpanObject(a.cue);
      w_.Key("content");
      w_.StartArray();
      for (Span c : a.content) SpanObject(c);
      w_.EndArray();
      w_.EndObject();
    }
    w_.EndArray();
    if (options.tokens) Tokens();
    w_.EndObject();
  }

  size_t code_points() const { return offsets_.code_points(); }

 private:
  void Tokens() {
    w_.Key("tokens");
    w_.StartArray();
    for (const TextToken& t : doc_.tokens().tokens) {
      w_.StartObject();
      SpanFields({t.begin, t.end});
      w_.Key("kind");
      WriteString(w_, t.kind == TokenKind::kWord     ? "word"
                      : t.kind == TokenKind::kNumber ? "number"
                                                     : "mark");
      w_.EndObject();
    }
    w_.EndArray();
  }

  const Document& doc_;
  JsonWriter& w_;
  const Utf8OffsetMap offsets_;
};

// File names need not be UTF-8; records must be.
void WriteExternalString(JsonWriter& w, std::string_view s) {
  if (FindInvalidUtf8(s) == s.size()) {
    WriteString(w, s);
  } else {
    WriteString(w, ToValidUtf8(s));
  }
}

void WritePlace(JsonWriter& w, const InputPlace& place) {
  w.Key("source");
  WriteExternalString(w, place.source);
  w.Key("line");
  if (place.line > 0) {
    w.Int64(place.line);
  } else {
    w.Null();
  }
}

}  // namespace

void AppendRecord(const Document& doc, const InputPlace& place,
                  std::string_view meta_json, std::string* out,
                  const RecordOptions& options) {
  StringSink sink(out);
  WriteRecord(doc, place, meta_json, sink, options);
}

void WriteRecord(const Document& doc, const InputPlace& place, std::string_view meta_json,
                 RecordSink& sink, const RecordOptions& options) {
  SinkStream stream(sink);
  JsonWriter w(stream);
  RecordWriter record(doc, w);
  w.StartObject();
  w.Key("schema");
  WriteString(w, kRecordSchema);
  w.Key("id");
  WriteExternalString(w, doc.id());
  WritePlace(w, place);
  w.Key("date");
  if (doc.date()) {
    // FormatCivilTime would write the year 99 as "99"; ISO 8601 wants 0099.
    const absl::CivilDay d = *doc.date();
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", static_cast<int>(d.year()),
                  d.month(), d.day());
    WriteString(w, date);
  } else {
    w.Null();
  }
  w.Key("meta");
  w.RawValue(meta_json.data(), meta_json.size(), rapidjson::kObjectType);
  w.Key("length");
  w.Uint64(record.code_points());
  w.Key("text");
  WriteString(w, doc.text());
  w.Key("layers");
  record.Layers(options);
  w.EndObject();
  stream.Put('\n');
}

void AppendError(const InputPlace& place, const absl::Status& status,
                 std::string* out) {
  StringSink sink(out);
  SinkStream stream(sink);
  JsonWriter w(stream);
  w.StartObject();
  w.Key("error");
  // Messages echo input (a field's value, a name): every error line goes out
  // through here, so this one place keeps them all valid UTF-8.
  WriteExternalString(w, FromAbsl(status.message()));
  w.Key("code");
  WriteString(w, absl::StatusCodeToString(status.code()));
  WritePlace(w, place);
  w.Key("id");
  if (place.id.empty()) {
    w.Null();
  } else {
    WriteExternalString(w, place.id);
  }
  w.EndObject();
  stream.Put('\n');
}

}  // namespace newsmark

// Which JSON library reads JSONL input and writes records fastest here?
// Side by side, in one run, on the Reuters corpus:
//   reading: pick id, text and date out of each line (what the reader needs);
//   writing: a record-shaped object, the text and 40 spans with their text.
// RapidJSON is always built; simdjson and nlohmann-json join when installed
// (apt-get install libsimdjson-dev nlohmann-json3-dev). docs/dependencies.md
// records the figures and the choice.

#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_data.h"
#include "rapidjson/document.h"
#include "rapidjson/reader.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#if NEWSMARK_HAVE_SIMDJSON
#include "simdjson.h"
#endif
#if NEWSMARK_HAVE_NLOHMANN
#include "nlohmann/json.hpp"
#endif

namespace newsmark {
namespace {

size_t CorpusBytes() {
  size_t n = 0;
  for (const auto& l : ReutersLines()) n += l.size() + 1;
  return n;
}

bool HaveCorpus(benchmark::State& state) {
  if (ReutersLines().empty()) {
    state.SkipWithError("no ../shared/data/news/reuters21578.jsonl");
    return false;
  }
  return true;
}

// The fields the reader keeps, as copies (all readers must copy the text).
struct Fields {
  std::string id, text, date;
};

// RapidJSON SAX, as pipeline/input.cc uses it.
struct SaxFields : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, SaxFields> {
  Fields* out;
  std::string* target = nullptr;
  int depth = 0;
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    const std::string_view k(s, n);
    target = depth != 1          ? nullptr
             : k == "id"   ? &out->id
             : k == "text" ? &out->text
             : k == "date" ? &out->date
                           : nullptr;
    return true;
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (target) target->assign(s, n);
    target = nullptr;
    return true;
  }
  bool StartObject() { ++depth; return true; }
  bool EndObject(rapidjson::SizeType) { --depth; return true; }
  bool Default() { target = nullptr; return true; }
};

void BM_Read_RapidJsonSax(benchmark::State& state) {
  if (!HaveCorpus(state)) return;
  rapidjson::Reader reader;
  for (auto _ : state) {
    for (const auto& line : ReutersLines()) {
      Fields f;
      SaxFields handler;
      handler.out = &f;
      rapidjson::StringStream ss(line.c_str());
      reader.Parse<rapidjson::kParseValidateEncodingFlag |
                   rapidjson::kParseNumbersAsStringsFlag>(ss, handler);
      benchmark::DoNotOptimize(f);
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_Read_RapidJsonSax);

// The same, parsing in place: strings are unescaped inside the line's own
// buffer instead of being copied to a stack first.
void BM_Read_RapidJsonSaxInsitu(benchmark::State& state) {
  if (!HaveCorpus(state)) return;
  rapidjson::Reader reader;
  std::string buffer;
  for (auto _ : state) {
    for (const auto& line : ReutersLines()) {
      buffer = line;
      Fields f;
      SaxFields handler;
      handler.out = &f;
      rapidjson::InsituStringStream ss(buffer.data());
      reader.Parse<rapidjson::kParseInsituFlag |
                   rapidjson::kParseValidateEncodingFlag |
                   rapidjson::kParseNumbersAsStringsFlag>(ss, handler);
      benchmark::DoNotOptimize(f);
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_Read_RapidJsonSaxInsitu);

void BM_Read_RapidJsonDom(benchmark::State& state) {
  if (!HaveCorpus(state)) return;
  for (auto _ : state) {
    for (const auto& line : ReutersLines()) {
      rapidjson::Document d;
      d.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str());
      Fields f{d["id"].GetString(), d["text"].GetString(),
               d["date"].GetString()};
      benchmark::DoNotOptimize(f);
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_Read_RapidJsonDom);

#if NEWSMARK_HAVE_SIMDJSON
void BM_Read_SimdjsonOnDemand(benchmark::State& state) {
  if (!HaveCorpus(state)) return;
  std::vector<simdjson::padded_string> padded;
  for (const auto& line : ReutersLines()) padded.emplace_back(line);
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    for (const auto& line : padded) {
      auto doc = parser.iterate(line);
      Fields f;
      for (auto field : doc.get_object()) {
        std::string_view key = field.unescaped_key();
        std::string_view value = field.value().get_string();
        if (key == "id") f.id = value;
        else if (key == "text") f.text = value;
        else if (key == "date") f.date = value;
      }
      benchmark::DoNotOptimize(f);
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_Read_SimdjsonOnDemand);
#endif

#if NEWSMARK_HAVE_NLOHMANN
void BM_Read_Nlohmann(benchmark::State& state) {
  if (!HaveCorpus(state)) return;
  for (auto _ : state) {
    for (const auto& line : ReutersLines()) {
      auto j = nlohmann::json::parse(line);
      Fields f{j["id"].get<std::string>(), j["text"].get<std::string>(),
               j["date"].get<std::string>()};
      benchmark::DoNotOptimize(f);
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_Read_Nlohmann);
#endif

// A record-like object per text: the text, then 40 spans carrying their text.
constexpr int kSpans = 40;

template <typename Fn>
void WriteBench(benchmark::State& state, Fn write_one) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no ../shared/data/news/reuters21578.jsonl");
    return;
  }
  size_t out_bytes = 0;
  for (auto _ : state) {
    out_bytes = 0;
    for (const auto& text : ReutersTexts()) out_bytes += write_one(text);
  }
  state.SetBytesProcessed(state.iterations() * out_bytes);
}

void BM_Write_RapidJson(benchmark::State& state) {
  WriteBench(state, [](const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("text");
    w.String(text.data(), text.size());
    w.Key("spans");
    w.StartArray();
    for (int i = 0; i < kSpans; ++i) {
      const size_t b = text.size() * i / kSpans, e = text.size() * (i + 1) / kSpans;
      w.StartObject();
      w.Key("start"); w.Uint64(b);
      w.Key("end"); w.Uint64(e);
      w.Key("text"); w.String(text.data() + b, e - b);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return buffer.GetSize();
  });
}
BENCHMARK(BM_Write_RapidJson);

#if NEWSMARK_HAVE_NLOHMANN
void BM_Write_Nlohmann(benchmark::State& state) {
  WriteBench(state, [](const std::string& text) {
    nlohmann::json j;
    j["text"] = text;
    auto& spans = j["spans"] = nlohmann::json::array();
    for (int i = 0; i < kSpans; ++i) {
      const size_t b = text.size() * i / kSpans, e = text.size() * (i + 1) / kSpans;
      spans.push_back({{"start", b}, {"end", e}, {"text", text.substr(b, e - b)}});
    }
    return j.dump().size();
  });
}
BENCHMARK(BM_Write_Nlohmann);
#endif

}  // namespace
}  // namespace newsmark

BENCHMARK_MAIN();

// The sentence stage beside raw ICU BreakIterator, on the Reuters texts, in
// one run: bytes/s for each. The stage should keep at least two thirds of
// raw ICU's speed (BM_RawIcuSentencesUtf16, the same iterator it builds on).

#include <memory>

#include "benchmark/benchmark.h"
#include "bench/bench_data.h"
#include "stages/sentences/sentence_stage.h"
#include "unicode/brkiter.h"
#include "unicode/unistr.h"
#include "unicode/utext.h"

namespace newsmark {
namespace {

size_t TextBytes() {
  size_t n = 0;
  for (const auto& t : ReutersTexts()) n += t.size();
  return n;
}

// ICU alone, counting boundaries: over UTF-8 through UText, or after
// converting each text to UTF-16.
void RawIcu(benchmark::State& state, const char* locale, bool utf16) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale(locale), status));
  size_t boundaries = 0;
  for (auto _ : state) {
    for (const auto& text : ReutersTexts()) {
      icu::UnicodeString u;
      UText* ut = nullptr;
      if (utf16) {
        u = icu::UnicodeString::fromUTF8(text);
        it->setText(u);
      } else {
        ut = utext_openUTF8(nullptr, text.data(), text.size(), &status);
        it->setText(ut, status);
      }
      for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next()) {
        ++boundaries;
      }
      if (ut != nullptr) utext_close(ut);
    }
  }
  benchmark::DoNotOptimize(boundaries);
  state.SetBytesProcessed(state.iterations() * TextBytes());
}

// The base the stage builds on: en@ss=standard (ICU's English abbreviations
// suppress breaks), on UTF-16, which is ICU's fastest input here.
void BM_RawIcuSentencesUtf16(benchmark::State& state) {
  RawIcu(state, "en@ss=standard", true);
}
BENCHMARK(BM_RawIcuSentencesUtf16);

void BM_RawIcuSentencesUtf8(benchmark::State& state) {
  RawIcu(state, "en@ss=standard", false);
}
BENCHMARK(BM_RawIcuSentencesUtf8);

// Without the abbreviation list ("en").
void BM_RawIcuSentencesUtf16Plain(benchmark::State& state) {
  RawIcu(state, "en", true);
}
BENCHMARK(BM_RawIcuSentencesUtf16Plain);

void BM_SentenceStage(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return;
  }
  auto stage = SentenceStage::Create({NEWSMARK_SOURCE_DIR "/rules/sentences"});
  if (!stage.ok()) {
    state.SkipWithError("stage failed to build");
    return;
  }
  for (auto _ : state) {
    for (const auto& text : ReutersTexts()) {
      Document doc("bench", text);
      benchmark::DoNotOptimize((*stage)->Process(doc));
    }
  }
  state.SetBytesProcessed(state.iterations() * TextBytes());
}
BENCHMARK(BM_SentenceStage);

}  // namespace
}  // namespace newsmark

BENCHMARK_MAIN();

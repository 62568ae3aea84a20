// The sentence stage beside raw ICU BreakIterator, on the Reuters texts, in
// one run: bytes/s for each. Issue #4 asks the stage to keep at least two
// thirds of raw ICU's speed.

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

// ICU alone: the same iterator and UTF-8 UText, counting boundaries.
void BM_RawIcuSentences(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(
      icu::Locale("en@ss=standard"), status));
  size_t boundaries = 0;
  for (auto _ : state) {
    for (const auto& text : ReutersTexts()) {
      UText* ut = utext_openUTF8(nullptr, text.data(), text.size(), &status);
      it->setText(ut, status);
      for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next()) {
        ++boundaries;
      }
      utext_close(ut);
    }
  }
  benchmark::DoNotOptimize(boundaries);
  state.SetBytesProcessed(state.iterations() * TextBytes());
}
BENCHMARK(BM_RawIcuSentences);

// ICU on UTF-16: convert each text, then iterate over the UnicodeString.
void BM_RawIcuSentencesUtf16(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(
      icu::Locale("en@ss=standard"), status));
  size_t boundaries = 0;
  for (auto _ : state) {
    for (const auto& text : ReutersTexts()) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
      it->setText(u);
      for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next()) {
        ++boundaries;
      }
    }
  }
  benchmark::DoNotOptimize(boundaries);
  state.SetBytesProcessed(state.iterations() * TextBytes());
}
BENCHMARK(BM_RawIcuSentencesUtf16);

// ICU without abbreviation suppression ("en"), on UTF-16.
void BM_RawIcuSentencesUtf16Plain(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(
      icu::Locale("en"), status));
  size_t boundaries = 0;
  for (auto _ : state) {
    for (const auto& text : ReutersTexts()) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
      it->setText(u);
      for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next()) {
        ++boundaries;
      }
    }
  }
  benchmark::DoNotOptimize(boundaries);
  state.SetBytesProcessed(state.iterations() * TextBytes());
}
BENCHMARK(BM_RawIcuSentencesUtf16Plain);

void BM_SentenceStage(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return;
  }
  auto stage = SentenceStage::Create({});
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

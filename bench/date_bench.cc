// The date stage alone on the Reuters texts (split into sentences before
// timing starts), in bytes/s. bench/chrono_compare.sh runs chrono-node, the
// peer, on the same texts.

#include <memory>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_data.h"
#include "stages/dates/date_stage.h"
#include "stages/tokens/tokens_stage.h"
#include "stages/sentences/sentence_stage.h"

namespace newsmark {
namespace {

void BM_DateStage(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return;
  }
  auto sentences = SentenceStage::Create({});
  auto dates = DateStage::Create({});
  if (!sentences.ok() || !dates.ok()) {
    state.SkipWithError("stages failed to build");
    return;
  }
  std::vector<std::unique_ptr<Document>> docs;
  size_t bytes = 0;
  for (const auto& text : ReutersTexts()) {
    docs.push_back(std::make_unique<Document>("bench", text, absl::CivilDay(1987, 3, 1)));
    (void)TokensStage().Process(*docs.back());
    (void)(*sentences)->Process(*docs.back());
    bytes += text.size();
  }
  size_t timexes = 0;
  for (auto _ : state) {
    for (auto& doc : docs) {
      doc->timexes().clear();
      benchmark::DoNotOptimize((*dates)->Process(*doc));
      timexes += doc->timexes().size();
    }
  }
  state.counters["timexes_per_doc"] =
      static_cast<double>(timexes) / (state.iterations() * docs.size());
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_DateStage);

// The tokens stage and the date stage together: what a document costs the
// date stage from its text, as the date stage alone cost before it read the
// token layer.
void BM_TokensAndDates(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return;
  }
  auto sentences = SentenceStage::Create({});
  auto dates = DateStage::Create({});
  if (!sentences.ok() || !dates.ok()) {
    state.SkipWithError("stages failed to build");
    return;
  }
  const TokensStage tokens;
  std::vector<std::unique_ptr<Document>> docs;
  size_t bytes = 0;
  for (const auto& text : ReutersTexts()) {
    docs.push_back(std::make_unique<Document>("bench", text, absl::CivilDay(1987, 3, 1)));
    (void)(*sentences)->Process(*docs.back());
    bytes += text.size();
  }
  for (auto _ : state) {
    for (auto& doc : docs) {
      doc->timexes().clear();
      benchmark::DoNotOptimize(tokens.Process(*doc));
      benchmark::DoNotOptimize((*dates)->Process(*doc));
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_TokensAndDates);

}  // namespace
}  // namespace newsmark

BENCHMARK_MAIN();

// The date stage alone on the Reuters texts (split into sentences before
// timing starts), in bytes/s. bench/chrono_compare.sh runs chrono-node, the
// peer, on the same texts.

#include <memory>
#include <optional>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_data.h"
#include "stages/dates/date_stage.h"
#include "stages/tokens/tokens_stage.h"
#include "stages/sentences/sentence_stage.h"

namespace newsmark {
namespace {

// Reuters as documents with their tokens and sentences, and the date stage;
// nullopt (and the benchmark skipped) without the corpus or the rules.
struct DateBenchInput {
  std::unique_ptr<DateStage> dates;
  std::vector<std::unique_ptr<Document>> docs;
  size_t bytes = 0;
};

std::optional<DateBenchInput> Prepare(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return std::nullopt;
  }
  auto sentences = SentenceStage::Create({NEWSMARK_SOURCE_DIR "/rules/sentences"});
  auto dates = DateStage::Create({NEWSMARK_SOURCE_DIR "/rules/dates"});
  if (!sentences.ok() || !dates.ok()) {
    state.SkipWithError("stages failed to build");
    return std::nullopt;
  }
  DateBenchInput in;
  in.dates = *std::move(dates);
  for (const auto& text : ReutersTexts()) {
    in.docs.push_back(std::make_unique<Document>("bench", text, absl::CivilDay(1987, 3, 1)));
    (void)TokensStage().Process(*in.docs.back());
    (void)(*sentences)->Process(*in.docs.back());
    in.bytes += text.size();
  }
  return in;
}

// The date stage alone, on documents already cut into tokens.
void BM_DateStage(benchmark::State& state) {
  std::optional<DateBenchInput> in = Prepare(state);
  if (!in) return;
  size_t timexes = 0;
  for (auto _ : state) {
    for (auto& doc : in->docs) {
      doc->timexes().clear();
      benchmark::DoNotOptimize(in->dates->Process(*doc));
      timexes += doc->timexes().size();
    }
  }
  state.counters["timexes_per_doc"] =
      static_cast<double>(timexes) / (state.iterations() * in->docs.size());
  state.SetBytesProcessed(state.iterations() * in->bytes);
}
BENCHMARK(BM_DateStage);

// The tokens stage and the date stage together: what a document costs the
// date stage from its text, as the date stage alone cost before it read the
// token layer.
void BM_TokensAndDates(benchmark::State& state) {
  std::optional<DateBenchInput> in = Prepare(state);
  if (!in) return;
  const TokensStage tokens;
  for (auto _ : state) {
    for (auto& doc : in->docs) {
      doc->timexes().clear();
      benchmark::DoNotOptimize(tokens.Process(*doc));
      benchmark::DoNotOptimize(in->dates->Process(*doc));
    }
  }
  state.SetBytesProcessed(state.iterations() * in->bytes);
}
BENCHMARK(BM_TokensAndDates);

// The tokens stage alone: what BM_TokensAndDates adds to BM_DateStage.
void BM_TokensStage(benchmark::State& state) {
  std::optional<DateBenchInput> in = Prepare(state);
  if (!in) return;
  const TokensStage tokens;
  for (auto _ : state) {
    for (auto& doc : in->docs) benchmark::DoNotOptimize(tokens.Process(*doc));
  }
  state.SetBytesProcessed(state.iterations() * in->bytes);
}
BENCHMARK(BM_TokensStage);

}  // namespace
}  // namespace newsmark

BENCHMARK_MAIN();

// `newsmark eval`: run a pipeline over gold documents and score it.
//
//   absl::StatusOr<GoldSet> gold = ReadGold(paths, GoldFormat::kTimeml);
//   EvalResult result = Evaluate(pipeline, *gold, GoldFormat::kTimeml, {});
//   std::cout << FormatTable(result);
//
// Scores are percentages. The JSON shape (FormatJson) is documented in
// docs/eval.md and kept stable: layer -> metric -> {precision, recall, f1,
// counts} or {accuracy, correct, total}.

#ifndef NEWSMARK_PIPELINE_EVAL_EVALUATE_H_
#define NEWSMARK_PIPELINE_EVAL_EVALUATE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "pipeline/eval/gold.h"
#include "pipeline/eval/score.h"
#include "pipeline/pipeline.h"

namespace newsmark {

struct EvalOptions {
  // When set, one file per document with errors: false positives, misses
  // and wrong values, each in context. Default: none.
  std::string dump_errors_dir;
};

struct EvalResult {
  GoldFormat format = GoldFormat::kJsonl;
  int64_t documents = 0;
  Scoreboard board;
  std::vector<std::string> errors;  // documents the pipeline failed on
};

absl::StatusOr<EvalResult> Evaluate(const Pipeline& pipeline, const GoldSet& gold,
                                    GoldFormat format, const EvalOptions& options);

// An aligned table, one row per (layer, metric).
std::string FormatTable(const EvalResult& result);

// The same figures as one JSON object (with a final newline).
std::string FormatJson(const EvalResult& result);

// Reads FormatJson's output back, for --baseline.
absl::StatusOr<Scoreboard> ParseScoresJson(std::string_view json);

// Every F1 (or, for accuracy-only rows, accuracy) of `baseline` that
// `current` lost more than `max_drop` points of, or lacks; one line each.
std::vector<std::string> Regressions(const Scoreboard& current,
                                     const Scoreboard& baseline, double max_drop);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_EVAL_EVALUATE_H_

// `newsmark eval`: run a pipeline over gold documents and score it, or
// score system output saved earlier.
//
//   absl::StatusOr<GoldSet> gold = ReadGold(paths, GoldFormat::kTimeml);
//   EvalResult result = Evaluate(pipeline, *gold, GoldFormat::kTimeml, {});
//   std::cout << FormatTable(result);
//
//   // Records written by `eval --save-records` (or `annotate`, or another
//   // tool in newsmark's format or a gold format), scored without a pipeline:
//   absl::StatusOr<GoldSet> saved = ReadGold({"run.jsonl"}, GoldFormat::kJsonl);
//   EvalResult again = EvaluateSaved(*gold, *saved, GoldFormat::kTimeml, {});
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
  // When set, Evaluate writes the system record of every gold document to
  // this file (JSONL, schema newsmark/1), for EvaluateSaved. Default: none.
  std::string save_records_path;
};

struct EvalResult {
  GoldFormat format = GoldFormat::kJsonl;
  int64_t documents = 0;
  Scoreboard board;
  std::vector<std::string> errors;  // documents the pipeline failed on
};

absl::StatusOr<EvalResult> Evaluate(const Pipeline& pipeline, const GoldSet& gold,
                                    GoldFormat format, const EvalOptions& options);

// Scores `system`'s documents against `gold`'s. Each gold document takes the
// system document with its id, or else the one at its own position when that
// one's text is the same (CoNLL files name documents by file and line). A
// gold document with no system document, or one whose text differs, is
// scored as if nothing was found and named in `errors`.
absl::StatusOr<EvalResult> EvaluateSaved(const GoldSet& gold, const GoldSet& system,
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

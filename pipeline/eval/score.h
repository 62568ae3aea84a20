// Scoring system layers against gold layers, for `newsmark eval`.
//
// Counts are summed over documents (micro-averaging) in a Scoreboard, one
// row per (layer, metric); rows keep the order they were first added in, so
// reports are stable. docs/eval.md defines every metric.

#ifndef NEWSMARK_PIPELINE_EVAL_SCORE_H_
#define NEWSMARK_PIPELINE_EVAL_SCORE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "stages/document.h"
#include "pipeline/eval/gold.h"

namespace newsmark {

struct MetricCounts {
  enum class Kind { kPrf, kAccuracy };
  Kind kind = Kind::kPrf;
  // kPrf: precision = system_matched / system, recall = gold_matched / gold.
  int64_t system = 0, gold = 0, system_matched = 0, gold_matched = 0;
  // kAccuracy: correct / total.
  int64_t correct = 0, total = 0;

  double precision() const;
  double recall() const;
  double f1() const;
  double accuracy() const;
};

struct ScoreRow {
  std::string layer;   // "timexes", "entities/PER", ...
  std::string metric;  // "relaxed", "strict", "value", "exact", ...
  MetricCounts counts;
};

class Scoreboard {
 public:
  MetricCounts& Prf(const std::string& layer, const std::string& metric);
  MetricCounts& Accuracy(const std::string& layer, const std::string& metric);
  // References stay valid as rows are added (a deque), so a scorer may hold
  // several rows at once.
  const std::deque<ScoreRow>& rows() const { return rows_; }
  // nullptr when absent.
  const MetricCounts* Find(const std::string& layer,
                           const std::string& metric) const;

 private:
  MetricCounts& Row(const std::string& layer, const std::string& metric,
                    MetricCounts::Kind kind);
  std::deque<ScoreRow> rows_;
};

// What went wrong in one document, for --dump-errors: one line each.
struct ErrorLog {
  std::vector<std::string> lines;
};

// Scores the layers `gold.layers` names; `log` may be null.
void ScoreDocument(const GoldDocument& gold, const Document& system,
                   GoldFormat format, Scoreboard* board, ErrorLog* log);

// The CoNLL type of a newsmark entity type: person -> PER,
// organization -> ORG, location/country/city/region -> LOC, else MISC; a
// CoNLL type (system output read from CoNLL) stays as it is.
std::string_view ConllType(std::string_view newsmark_type);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_EVAL_SCORE_H_

// The sentence stage: splits text into sentences and blocks.
//
// Today it is ICU's sentence BreakIterator (locale `en@ss=standard`, which
// suppresses breaks after ICU's list of English abbreviations) run directly
// on the UTF-8 text through UText, with whitespace trimmed from each
// sentence, and one paragraph block per non-blank line. Rules for what ICU
// gets wrong on news come in issue #4.
//
// Thread-safety: Process is safe to call concurrently; each call borrows a
// BreakIterator clone from an internal pool.

#ifndef NEWSMARK_STAGES_SENTENCES_SENTENCE_STAGE_H_
#define NEWSMARK_STAGES_SENTENCES_SENTENCE_STAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "pipeline/stage.h"
#include "unicode/brkiter.h"

namespace newsmark {

struct SentenceOptions {
  // ICU locale of the base BreakIterator. Default: "en@ss=standard".
  std::string locale = "en@ss=standard";
};

class SentenceStage : public Stage {
 public:
  static absl::StatusOr<std::unique_ptr<SentenceStage>> Create(
      const SentenceOptions& options);

  std::string_view name() const override { return "sentences"; }
  LayerSet Requires() const override { return LayerSet(); }
  LayerSet Provides() const override {
    return Layers({Layer::kBlocks, Layer::kSentences});
  }
  absl::Status Process(Document& doc) const override;

 private:
  explicit SentenceStage(std::unique_ptr<icu::BreakIterator> prototype)
      : prototype_(std::move(prototype)) {}

  std::unique_ptr<icu::BreakIterator> Borrow() const;
  void Return(std::unique_ptr<icu::BreakIterator> it) const;

  const std::unique_ptr<icu::BreakIterator> prototype_;
  mutable absl::Mutex pool_mutex_;
  mutable std::vector<std::unique_ptr<icu::BreakIterator>> pool_
      ABSL_GUARDED_BY(pool_mutex_);
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_SENTENCES_SENTENCE_STAGE_H_

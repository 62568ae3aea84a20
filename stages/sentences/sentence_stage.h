// The sentence stage: article structure (blocks) and sentence boundaries.
//
// Blocks. The text is cut into lines, and lines into blocks: a blank line,
// an indented line, a list item, a boilerplate line or a headline starts a
// new block; other line breaks are hard-wrapping inside a paragraph when the
// next line starts in lower case or the whole text is hard-wrapped (most of
// its lines end mid-sentence). A block is a headline (the first line, with
// no final punctuation, before more text), a dateline ("SALVADOR, Feb 26 -",
// rules/sentences/datelines.tsv, cut from the first paragraph), a list item,
// boilerplate (rules/sentences/boilerplate.tsv: kept, flagged, skipped by
// later stages) or a paragraph.
//
// Sentences. ICU's sentence BreakIterator (`en@ss=standard`) runs over the
// text with its soft line breaks read as spaces, and proposes boundaries.
// Rules then decide every period, question and exclamation mark: after an
// abbreviation by its class and the next word (rules/sentences/
// abbreviations.tsv, starters.txt), after initials ("W.", "J.C.", "U.S.")
// by the next word, "!" and "?" before lower case ("Yahoo! is"), ellipses,
// and a missing space after a period ("failed.Opponents"). Block edges are
// always boundaries. Sentences never cross blocks.
//
// Thread-safety: Process is safe to call concurrently; each call borrows a
// BreakIterator clone from an internal pool.

#ifndef NEWSMARK_STAGES_SENTENCES_SENTENCE_STAGE_H_
#define NEWSMARK_STAGES_SENTENCES_SENTENCE_STAGE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "stages/stage.h"
#include "stages/sentences/sentence_rules.h"
#include "unicode/brkiter.h"

namespace newsmark {

// What one Process call did, counted for tests that hold its cost in
// proportion to the text (the test suite times nothing).
struct SentenceWork {
  // Bytes read by the scans around terminal marks: back over the word
  // before a mark and across the run of non-space bytes around it.
  uint64_t bytes_scanned = 0;
  // Sentence ends written or shifted while the rules' decisions and the
  // block ends are applied to ICU's proposals.
  uint64_t ends_moved = 0;
  // Steps taken looking for inline list markers: bytes tried as a marker's
  // start and markers a list went on through.
  uint64_t list_steps = 0;
  // Bytes the split into lines read looking for line ends.
  uint64_t line_bytes_searched = 0;
};

struct SentenceOptions {
  // Folder of the rule files (sentence_rules.h); required. The binary
  // finds the rules folder (pipeline/cli/rules_location.h); a stage is told.
  std::string rules_dir;
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
  // The same, adding what it did to `work`.
  absl::Status Process(Document& doc, SentenceWork* work) const;

  const SentenceRules& rules() const { return *rules_; }

 private:
  SentenceStage(std::unique_ptr<SentenceRules> rules,
                std::unique_ptr<icu::BreakIterator> prototype)
      : rules_(std::move(rules)), prototype_(std::move(prototype)) {}

  std::unique_ptr<icu::BreakIterator> Borrow() const;
  void Return(std::unique_ptr<icu::BreakIterator> it) const;

  // Sentence ends ICU proposes inside the text, soft line breaks read as
  // spaces; byte offsets, each moved back over trailing white space.
  absl::Status IcuEnds(std::string_view text, const std::vector<uint32_t>& soft,
                       std::vector<uint32_t>* ends) const;

  const std::unique_ptr<SentenceRules> rules_;
  const std::unique_ptr<icu::BreakIterator> prototype_;
  mutable absl::Mutex pool_mutex_;
  mutable std::vector<std::unique_ptr<icu::BreakIterator>> pool_
      ABSL_GUARDED_BY(pool_mutex_);
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_SENTENCES_SENTENCE_STAGE_H_

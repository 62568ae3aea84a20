#include "stages/sentences/sentence_stage.h"

#include "absl/strings/str_cat.h"
#include "stages/core/strings.h"
#include "unicode/utext.h"

namespace newsmark {
namespace {

// Shrinks [begin, end) past ASCII whitespace at both ends.
Span Trim(std::string_view text, uint32_t begin, uint32_t end) {
  while (begin < end && IsAsciiSpace(text[begin])) ++begin;
  while (end > begin && IsAsciiSpace(text[end - 1])) --end;
  return {begin, end};
}

}  // namespace

absl::StatusOr<std::unique_ptr<SentenceStage>> SentenceStage::Create(
    const SentenceOptions& options) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(
      icu::Locale(options.locale.c_str()), status));
  if (U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat(
        "sentences: ICU sentence iterator for locale '", options.locale,
        "': ", u_errorName(status)));
  }
  return std::unique_ptr<SentenceStage>(new SentenceStage(std::move(it)));
}

std::unique_ptr<icu::BreakIterator> SentenceStage::Borrow() const {
  {
    absl::MutexLock lock(&pool_mutex_);
    if (!pool_.empty()) {
      auto it = std::move(pool_.back());
      pool_.pop_back();
      return it;
    }
  }
  return std::unique_ptr<icu::BreakIterator>(prototype_->clone());
}

void SentenceStage::Return(std::unique_ptr<icu::BreakIterator> it) const {
  absl::MutexLock lock(&pool_mutex_);
  pool_.push_back(std::move(it));
}

absl::Status SentenceStage::Process(Document& doc) const {
  const std::string_view text = doc.text();

  // Blocks: one paragraph per non-blank line.
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    const Span span = Trim(text, line_begin, line_end);
    if (!span.empty()) doc.blocks().push_back({span, BlockKind::kParagraph});
    line_begin = line_end + 1;
  }

  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), text.size(), &status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("utext_openUTF8: ", u_errorName(status)));
  }
  std::unique_ptr<icu::BreakIterator> it = Borrow();
  it->setText(utext, status);
  if (U_SUCCESS(status)) {
    // For UTF-8 UText, ICU's indexes are UTF-8 byte offsets.
    int32_t begin = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE;
         begin = end, end = it->next()) {
      const Span span = Trim(text, begin, end);
      if (!span.empty()) doc.sentences().push_back({span});
    }
  }
  // Detach the iterator from the text before the UText goes away.
  UText* empty = utext_openUTF8(nullptr, "", 0, &status);
  it->setText(empty, status);
  utext_close(empty);
  utext_close(utext);
  Return(std::move(it));
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("sentence iterator: ", u_errorName(status)));
  }
  return absl::OkStatus();
}

}  // namespace newsmark

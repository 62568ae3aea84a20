// The document model: one article's original text and the standoff layers
// that stages add to it.
//
// The text is UTF-8 and never changes once a Document is built. Every
// annotation refers to it by a Span: a half-open range [begin, end) of UTF-8
// byte offsets. (Records written by newsmark report Unicode code point
// offsets instead; see docs/schema.md. Bytes are the unit inside the process
// because RE2, ICU's UText and memchr all work on bytes.)
//
// A Document is filled by one thread at a time: the pipeline hands it from
// stage to stage. Stages only append to layers; none rewrites the text.

#ifndef NEWSMARK_STAGES_DOCUMENT_H_
#define NEWSMARK_STAGES_DOCUMENT_H_

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "stages/core/tokenizer.h"

namespace newsmark {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  friend bool operator==(const Span& a, const Span& b) {
    return a.begin == b.begin && a.end == b.end;
  }
};

// The annotation layers. Each stage declares which it requires and provides.
enum class Layer : uint8_t {
  kBlocks,        // article structure: headline, dateline, paragraphs, ...
  kSentences,
  kTimexes,       // TIMEX3 date and time expressions
  kEntities,      // gazetteer-linked names
  kAttributions,  // source, cue and content of reported speech
  kTokens,        // internal: the tokens of the text (records leave it out)
};
inline constexpr int kLayerCount = 6;
using LayerSet = std::bitset<kLayerCount>;

// "blocks", "sentences", ...: the layer's key in records and messages.
std::string_view LayerName(Layer layer);
LayerSet Layers(std::initializer_list<Layer> layers);

enum class BlockKind : uint8_t {
  kHeadline,
  kDateline,
  kParagraph,
  kListItem,
  kBoilerplate,  // "Comments", "Read more": kept, flagged, skipped by stages
};
std::string_view BlockKindName(BlockKind kind);
// The kind a name ("list_item") stands for; nullopt for none.
std::optional<BlockKind> ParseBlockKind(std::string_view name);

struct Block {
  Span span;
  BlockKind kind = BlockKind::kParagraph;
};

struct Sentence {
  Span span;
};

enum class TimexType : uint8_t { kDate, kTime, kDuration, kSet };
std::string_view TimexTypeName(TimexType type);
std::optional<TimexType> ParseTimexType(std::string_view name);  // "DATE"...

// How a timex value was fixed in time.
enum class TimexAnchor : uint8_t {
  kAbsolute,         // the expression names its own time ("January 3, 2026")
  kDocumentDate,     // relative to the document's date ("yesterday")
  kInferredDate,     // relative to a date inferred from the text
  kPreviousMention,  // relative to the previous date ("the same day")
  kUnresolved,       // relative, with nothing to anchor it: X placeholders
};
std::string_view TimexAnchorName(TimexAnchor anchor);
std::optional<TimexAnchor> ParseTimexAnchor(std::string_view name);

struct Timex {
  Span span;
  TimexType type = TimexType::kDate;
  TimexAnchor anchor = TimexAnchor::kAbsolute;  // beside `type`: 80 bytes, not 88
  std::string value;  // TIMEX3 value: "2026-01-05", "P3D", "PAST_REF", ...
  std::string mod;    // TIMEX3 mod ("START", "APPROX", ...) or empty
};

struct Entity {
  Span span;
  std::string type;  // "person", "organization", "location", ...
  std::string id;    // gazetteer id, e.g. "iso3166:VE"; empty when unlinked
  std::string name;  // the gazetteer's canonical name
};

struct Attribution {
  std::optional<Span> source;  // absent when no source is named
  Span cue;
  std::vector<Span> content;   // may be discontinuous
};

// The tokens of the whole text (stages/core/tokenizer.h), cut once by the
// tokens stage for every later stage, and the text with its ASCII letters
// lower-cased (same offsets), followed by kTokenLayerPadding NUL bytes so
// that a word can be looked up where it lies (WordTable reads 8 bytes from a
// word's start). Folded forms are FoldToken's, asked for when needed.
inline constexpr size_t kTokenLayerPadding = 16;
struct TokenLayer {
  std::vector<TextToken> tokens;
  std::string lower;
  bool cut() const { return !lower.empty(); }  // false until the tokens stage ran
};

class Document {
 public:
  // `text` must be valid UTF-8 (the readers check); it is moved in and
  // never changed afterwards.
  Document(std::string id, std::string text,
           std::optional<absl::CivilDay> date = std::nullopt);

  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;

  const std::string& id() const { return id_; }
  std::string_view text() const { return text_; }
  std::string_view Text(Span span) const {
    return std::string_view(text_).substr(span.begin, span.size());
  }
  // The document creation date, when the input gave one.
  const std::optional<absl::CivilDay>& date() const { return date_; }

  std::vector<Block>& blocks() { return blocks_; }
  const std::vector<Block>& blocks() const { return blocks_; }
  std::vector<Sentence>& sentences() { return sentences_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  std::vector<Timex>& timexes() { return timexes_; }
  const std::vector<Timex>& timexes() const { return timexes_; }
  std::vector<Entity>& entities() { return entities_; }
  const std::vector<Entity>& entities() const { return entities_; }
  std::vector<Attribution>& attributions() { return attributions_; }
  const std::vector<Attribution>& attributions() const {
    return attributions_;
  }
  TokenLayer& tokens() { return tokens_; }
  const TokenLayer& tokens() const { return tokens_; }

 private:
  std::string id_;
  std::string text_;
  std::optional<absl::CivilDay> date_;
  std::vector<Block> blocks_;
  std::vector<Sentence> sentences_;
  std::vector<Timex> timexes_;
  std::vector<Entity> entities_;
  std::vector<Attribution> attributions_;
  TokenLayer tokens_;
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DOCUMENT_H_

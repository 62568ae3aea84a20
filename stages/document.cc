#include "stages/document.h"

#include <utility>

namespace newsmark {

std::string_view LayerName(Layer layer) {
  switch (layer) {
    case Layer::kBlocks: return "blocks";
    case Layer::kSentences: return "sentences";
    case Layer::kTimexes: return "timexes";
    case Layer::kEntities: return "entities";
    case Layer::kAttributions: return "attributions";
    case Layer::kTokens: return "tokens";
  }
  return "unknown";
}

LayerSet Layers(std::initializer_list<Layer> layers) {
  LayerSet set;
  for (Layer layer : layers) set.set(static_cast<size_t>(layer));
  return set;
}

std::string_view BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeadline: return "headline";
    case BlockKind::kDateline: return "dateline";
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kBoilerplate: return "boilerplate";
  }
  return "unknown";
}

std::string_view TimexTypeName(TimexType type) {
  switch (type) {
    case TimexType::kDate: return "DATE";
    case TimexType::kTime: return "TIME";
    case TimexType::kDuration: return "DURATION";
    case TimexType::kSet: return "SET";
  }
  return "unknown";
}

std::string_view TimexAnchorName(TimexAnchor anchor) {
  switch (anchor) {
    case TimexAnchor::kAbsolute: return "absolute";
    case TimexAnchor::kDocumentDate: return "document_date";
    case TimexAnchor::kInferredDate: return "inferred_date";
    case TimexAnchor::kPreviousMention: return "previous_mention";
    case TimexAnchor::kUnresolved: return "unresolved";
  }
  return "unknown";
}

std::optional<BlockKind> ParseBlockKind(std::string_view name) {
  for (BlockKind k : {BlockKind::kHeadline, BlockKind::kDateline, BlockKind::kParagraph,
                      BlockKind::kListItem, BlockKind::kBoilerplate}) {
    if (BlockKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<TimexType> ParseTimexType(std::string_view name) {
  for (TimexType t : {TimexType::kDate, TimexType::kTime, TimexType::kDuration,
                      TimexType::kSet}) {
    if (TimexTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::optional<TimexAnchor> ParseTimexAnchor(std::string_view name) {
  for (TimexAnchor a : {TimexAnchor::kAbsolute, TimexAnchor::kDocumentDate,
                        TimexAnchor::kInferredDate, TimexAnchor::kPreviousMention,
                        TimexAnchor::kUnresolved}) {
    if (TimexAnchorName(a) == name) return a;
  }
  return std::nullopt;
}

Document::Document(std::string id, std::string text,
                   std::optional<absl::CivilDay> date)
    : id_(std::move(id)), text_(std::move(text)), date_(date) {}

}  // namespace newsmark

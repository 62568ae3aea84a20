#include "stages/gazetteer/gazetteer_entries.h"

#include <iterator>

namespace newsmark {
namespace {

// In the order of EntityType.
constexpr std::string_view kTypeNames[] = {"PERSON",  "ORG",     "GPE",  "LOC",
                                           "NORP",    "FAC",     "EVENT", "PRODUCT",
                                           "WORK",    "LAW",     "LANGUAGE"};
static_assert(std::size(kTypeNames) == kEntityTypeCount);

}  // namespace

std::string_view EntityTypeName(EntityType type) {
  return kTypeNames[static_cast<size_t>(type)];
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  for (size_t i = 0; i < std::size(kTypeNames); ++i) {
    if (kTypeNames[i] == name) return static_cast<EntityType>(i);
  }
  return std::nullopt;
}

}  // namespace newsmark

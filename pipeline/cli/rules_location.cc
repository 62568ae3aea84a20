#include "pipeline/cli/rules_location.h"

#include "pipeline/cli/args.h"

#include <cstdlib>
#include <filesystem>

namespace newsmark {
namespace {

namespace fs = std::filesystem;

bool IsRuleFolder(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "sentences", ec) && fs::is_directory(dir / "dates", ec);
}

// The folder of the running binary; empty when the system does not say.
fs::path BinaryFolder() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

}  // namespace

RulesLocation FindRules(const std::string& flag) {
  if (!flag.empty()) return {flag, "--rules"};
  if (const char* env = std::getenv("NEWSMARK_RULES"); env != nullptr && *env) {
    return {env, "NEWSMARK_RULES"};
  }
  if (const fs::path bin = BinaryFolder(); !bin.empty()) {
    const fs::path installed = bin.parent_path() / "share" / "newsmark" / "rules";
    if (IsRuleFolder(installed)) {
      return {installed.lexically_normal().string(), "installed beside the binary"};
    }
    if (IsRuleFolder(bin / "rules")) return {(bin / "rules").string(), "beside the binary"};
  }
  if (IsRuleFolder(NEWSMARK_SOURCE_RULES_DIR)) {
    return {NEWSMARK_SOURCE_RULES_DIR, "the source tree"};
  }
  return {"rules",
          "none found: no --rules, NEWSMARK_RULES, BIN/../share/newsmark/rules, "
          "BIN/rules or source tree; trying ./rules"};
}

OptionSpec RulesOption() {
  return {"rules", 0, true,
          "rule folder (default: $NEWSMARK_RULES, else the installed or source "
          "tree's; newsmark --version names it)",
          "DIR"};
}

}  // namespace newsmark

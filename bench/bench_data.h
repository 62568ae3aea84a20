// Benchmark inputs: the Reuters-21578 corpus from ../shared/data, which is
// for measuring only and never committed. Benchmarks skip when it is absent.

#ifndef NEWSMARK_BENCH_BENCH_DATA_H_
#define NEWSMARK_BENCH_BENCH_DATA_H_

#include <fstream>
#include <string>
#include <vector>

#include "rapidjson/document.h"

namespace newsmark {

inline std::string ReutersPath() {
  return std::string(NEWSMARK_SOURCE_DIR) +
         "/../shared/data/news/reuters21578.jsonl";
}

// The corpus's JSONL lines, each one article.
inline const std::vector<std::string>& ReutersLines() {
  static const auto* lines = [] {
    auto* out = new std::vector<std::string>;
    std::ifstream in(ReutersPath());
    std::string line;
    while (std::getline(in, line)) out->push_back(line);
    return out;
  }();
  return *lines;
}

// The articles' texts (non-empty ones).
inline const std::vector<std::string>& ReutersTexts() {
  static const auto* texts = [] {
    auto* out = new std::vector<std::string>;
    for (const std::string& line : ReutersLines()) {
      rapidjson::Document d;
      d.Parse(line.c_str());
      if (d.HasParseError() || !d.HasMember("text")) continue;
      std::string text = d["text"].GetString();
      if (!text.empty()) out->push_back(std::move(text));
    }
    return out;
  }();
  return *texts;
}

}  // namespace newsmark

#endif  // NEWSMARK_BENCH_BENCH_DATA_H_

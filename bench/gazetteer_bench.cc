// The gazetteer matcher on the Reuters texts with the default gazetteer
// (rules/gazetteer/, its generated/ part built by rules/gazetteer/build/
// build.sh), side by side with
//   - the scan-only ceiling: every token hashed, nothing looked up;
//   - a naive token trie on std::unordered_map<std::string, ...>, the floor;
//   - Hyperscan (when installed) compiled from the same names as caseless
//     literals, whole words and leftmost-longest checked in its callback.
// Sizes: BM_Matcher/N for the first N entries of a fixed shuffle (0 = all),
// so the cost against gazetteer size shows. BM_MatcherOnSeed runs the seed
// article repeated (entity-dense). BM_OpenImage maps the saved image and
// matches one sentence: what a starting process pays (the page cache warm);
// BM_OpenGazetteerFromCache the same through the cache, sources hashed.
//
//   build/bench/gazetteer_bench --benchmark_min_time=1

#include <algorithm>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_data.h"
#include "stages/gazetteer/gazetteer_cache.h"
#include "stages/gazetteer/gazetteer_image.h"
#include "stages/gazetteer/gazetteer_loader.h"
#include "stages/gazetteer/gazetteer_matcher.h"
#include "stages/tokens/tokens_stage.h"

#ifdef NEWSMARK_HAVE_HYPERSCAN
#include "hs/hs.h"
#endif

namespace newsmark {
namespace {

std::string GazetteerDir() { return std::string(NEWSMARK_SOURCE_DIR) + "/rules/gazetteer"; }

// The default gazetteer's entries, shuffled once with a fixed seed.
const GazetteerEntries* Entries() {
  static const GazetteerEntries* entries = [] {
    auto loaded = LoadGazetteerFolder(GazetteerDir(), {});
    if (!loaded.ok()) return static_cast<GazetteerEntries*>(nullptr);
    auto* out = new GazetteerEntries(*std::move(loaded));
    std::mt19937 random(1);
    std::shuffle(out->entries.begin(), out->entries.end(), random);
    return out;
  }();
  return entries;
}

GazetteerEntries FirstEntries(size_t n) {
  GazetteerEntries g;
  const auto& all = Entries()->entries;
  g.entries.assign(all.begin(), all.begin() + (n == 0 ? all.size() : std::min(n, all.size())));
  return g;
}

struct Texts {
  std::vector<std::unique_ptr<Document>> docs;
  size_t bytes = 0;
};

Texts Cut(const std::vector<std::string>& texts) {
  Texts t;
  for (const std::string& text : texts) {
    t.docs.push_back(std::make_unique<Document>("bench", text, std::nullopt));
    (void)TokensStage().Process(*t.docs.back());
    t.bytes += text.size();
  }
  return t;
}

const Texts& Reuters() {
  static const Texts* t = new Texts(Cut(ReutersTexts()));
  return *t;
}

// The seed article repeated to about 4 MB.
const Texts& Seed() {
  static const Texts* t = [] {
    std::ifstream in(std::string(NEWSMARK_SOURCE_DIR) + "/seeds/000_4fe12eead70a1acb.txt");
    const std::string seed((std::istreambuf_iterator<char>(in)), {});
    return new Texts(Cut(std::vector<std::string>(seed.empty() ? 0 : (4 << 20) / seed.size(), seed)));
  }();
  return *t;
}

bool Ready(benchmark::State& state) {
  if (ReutersTexts().empty()) {
    state.SkipWithError("no Reuters corpus");
    return false;
  }
  if (Entries() == nullptr) {
    state.SkipWithError("no gazetteer: run rules/gazetteer/build/build.sh");
    return false;
  }
  return true;
}

void RunMatcher(benchmark::State& state, const GazetteerMatcher& m, const Texts& texts) {
  std::vector<GazetteerMatch> matches;
  std::vector<GazetteerCandidate> candidates;
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const auto& doc : texts.docs) {
      matches.clear();
      candidates.clear();
      m.Match(doc->text(), doc->tokens(), 0, doc->tokens().tokens.size(), &matches, &candidates);
      found += matches.size();
    }
    benchmark::DoNotOptimize(found);
  }
  state.counters["matches"] = static_cast<double>(found);
  state.counters["entries"] = static_cast<double>(m.entry_count());
  state.counters["image_MB"] = m.image_bytes() / 1e6;
  state.SetBytesProcessed(state.iterations() * texts.bytes);
}

void BM_Matcher(benchmark::State& state) {
  if (!Ready(state)) return;
  auto m = GazetteerMatcher::Compile(FirstEntries(static_cast<size_t>(state.range(0))), 0);
  if (!m.ok()) return state.SkipWithError(std::string(m.status().message()).c_str());
  RunMatcher(state, **m, Reuters());
}
BENCHMARK(BM_Matcher)->Arg(10000)->Arg(100000)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_MatcherOnSeed(benchmark::State& state) {
  if (!Ready(state)) return;
  auto m = GazetteerMatcher::Compile(FirstEntries(0), 0);
  if (!m.ok()) return state.SkipWithError(std::string(m.status().message()).c_str());
  RunMatcher(state, **m, Seed());
}
BENCHMARK(BM_MatcherOnSeed)->Unit(benchmark::kMillisecond);

// Every token hashed as the matcher hashes it, nothing looked up.
void BM_ScanOnly(benchmark::State& state) {
  if (!Ready(state)) return;
  for (auto _ : state) {
    uint64_t sum = 0;
    for (const auto& doc : Reuters().docs) {
      const TokenLayer& layer = doc->tokens();
      for (const TextToken& t : layer.tokens) {
        sum += gazetteer_internal::HashForm(layer.lower.data() + t.begin, t.size());
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(state.iterations() * Reuters().bytes);
}
BENCHMARK(BM_ScanOnly)->Unit(benchmark::kMillisecond);

// The floor: a trie of match forms on std::unordered_map, no case rules.
struct NaiveNode {
  std::unordered_map<std::string, std::unique_ptr<NaiveNode>> children;
  bool accepts = false;
};

void BM_NaiveTrie(benchmark::State& state) {
  if (!Ready(state)) return;
  NaiveNode root;
  for (const GazetteerEntry& e : Entries()->entries) {
    for (const Alias& a : e.aliases) {
      std::vector<TextToken> tokens;
      Tokenize(a.text, 0, static_cast<uint32_t>(a.text.size()), &tokens);
      NaiveNode* node = &root;
      for (const TextToken& t : tokens) {
        auto& child = node->children[MatchForm(std::string_view(a.text).substr(t.begin, t.size()))];
        if (!child) child = std::make_unique<NaiveNode>();
        node = child.get();
      }
      node->accepts = true;
    }
  }
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const auto& doc : Reuters().docs) {
      const auto& tokens = doc->tokens().tokens;
      auto form = [&](size_t k) { return MatchForm(doc->Text({tokens[k].begin, tokens[k].end})); };
      for (size_t i = 0; i < tokens.size(); ++i) {
        const NaiveNode* node = &root;
        size_t best = 0;
        for (size_t j = i; j < tokens.size(); ++j) {
          auto it = node->children.find(form(j));
          if (it == node->children.end()) break;
          node = it->second.get();
          if (node->accepts) best = j + 1;
        }
        if (best > 0) {
          ++found;
          i = best - 1;
        }
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.counters["matches"] = static_cast<double>(found);
  state.SetBytesProcessed(state.iterations() * Reuters().bytes);
}
BENCHMARK(BM_NaiveTrie)->Unit(benchmark::kMillisecond);

// Maps the saved image of the full gazetteer and matches one sentence.
void BM_OpenImage(benchmark::State& state) {
  if (!Ready(state)) return;
  auto m = GazetteerMatcher::Compile(FirstEntries(0), 7);
  if (!m.ok()) return state.SkipWithError(std::string(m.status().message()).c_str());
  const std::string path = std::string(NEWSMARK_BINARY_DIR) + "/gazetteer_bench.nmgaz";
  if (!(*m)->Save(path).ok()) return state.SkipWithError("cannot save the image");
  Document doc("d", "Nicolás Maduro met officials in Caracas and Washington.", std::nullopt);
  (void)TokensStage().Process(doc);
  for (auto _ : state) {
    auto opened = GazetteerMatcher::Open(path, 7);
    std::vector<GazetteerMatch> matches;
    std::vector<GazetteerCandidate> candidates;
    (*opened)->Match(doc.text(), doc.tokens(), 0, doc.tokens().tokens.size(), &matches, &candidates);
    benchmark::DoNotOptimize(matches.size());
  }
  state.counters["image_MB"] = (*m)->image_bytes() / 1e6;
}
BENCHMARK(BM_OpenImage)->Unit(benchmark::kMillisecond);

// What a starting process pays for the default gazetteer through the cache
// (gazetteer_cache.h), its image already compiled: the sources hashed, the
// image mapped and checked, one sentence matched. The page cache is warm.
void BM_OpenGazetteerFromCache(benchmark::State& state) {
  if (!Ready(state)) return;
  const std::string cache = std::string(NEWSMARK_BINARY_DIR) + "/gazetteer_bench_cache";
  auto first = OpenGazetteer(GazetteerDir(), {}, cache);
  if (!first.ok()) return state.SkipWithError(std::string(first.status().message()).c_str());
  Document doc("d", "Nicolás Maduro met officials in Caracas and Washington.", std::nullopt);
  (void)TokensStage().Process(doc);
  bool all_from_cache = true;
  for (auto _ : state) {
    auto opened = OpenGazetteer(GazetteerDir(), {}, cache);
    all_from_cache = all_from_cache && opened.ok() && opened->from_cache;
    std::vector<GazetteerMatch> matches;
    std::vector<GazetteerCandidate> candidates;
    opened->matcher->Match(doc.text(), doc.tokens(), 0, doc.tokens().tokens.size(), &matches,
                           &candidates);
    benchmark::DoNotOptimize(matches.size());
  }
  if (!all_from_cache) state.SkipWithError("the image was compiled again");
  state.counters["image_MB"] = first->matcher->image_bytes() / 1e6;
}
BENCHMARK(BM_OpenGazetteerFromCache)->Unit(benchmark::kMillisecond);

#ifdef NEWSMARK_HAVE_HYPERSCAN
struct HsMatch {
  uint32_t begin, end;
};

struct HsScan {
  const std::string* text;
  const std::vector<uint32_t>* lengths;
  std::vector<HsMatch>* out;
};

bool IsWordByte(char c) { return token_internal::IsWordByte(c) || IsAsciiDigit(c); }

int OnHsMatch(unsigned id, unsigned long long, unsigned long long to, unsigned, void* ctx) {
  auto* scan = static_cast<HsScan*>(ctx);
  const uint32_t end = static_cast<uint32_t>(to);
  const uint32_t begin = end - (*scan->lengths)[id];
  const std::string& t = *scan->text;
  // Whole words only.
  if ((begin > 0 && IsWordByte(t[begin - 1])) || (end < t.size() && IsWordByte(t[end]))) return 0;
  scan->out->push_back({begin, end});
  return 0;
}

// Caseless literals, whole word and leftmost-longest checked on what it
// reports. Compiled once (its compile time is a counter).
void BM_Hyperscan(benchmark::State& state) {
  if (!Ready(state)) return;
  std::vector<std::string> names;
  for (const GazetteerEntry& e : Entries()->entries) {
    for (const Alias& a : e.aliases) names.push_back(a.text);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::vector<const char*> literals;
  std::vector<size_t> sizes;
  std::vector<unsigned> flags(names.size(), HS_FLAG_CASELESS), ids;
  std::vector<uint32_t> lengths;
  for (size_t k = 0; k < names.size(); ++k) {
    literals.push_back(names[k].data());
    sizes.push_back(names[k].size());
    ids.push_back(static_cast<unsigned>(k));
    lengths.push_back(static_cast<uint32_t>(names[k].size()));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  const auto start = std::chrono::steady_clock::now();
  if (hs_compile_lit_multi(literals.data(), flags.data(), ids.data(), sizes.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr, &db,
                           &error) != HS_SUCCESS) {
    state.SkipWithError(error != nullptr ? error->message : "hs_compile_lit_multi failed");
    hs_free_compile_error(error);
    return;
  }
  const double compile_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  std::vector<HsMatch> hits;
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const std::string& text : ReutersTexts()) {
      hits.clear();
      HsScan scan{&text, &lengths, &hits};
      hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnHsMatch, &scan);
      // Leftmost-longest, without overlaps.
      std::sort(hits.begin(), hits.end(), [](const HsMatch& a, const HsMatch& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
      });
      uint32_t taken = 0;
      for (const HsMatch& h : hits) {
        if (h.begin < taken) continue;
        ++found;
        taken = h.end;
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.counters["matches"] = static_cast<double>(found);
  state.counters["compile_s"] = compile_s;
  state.SetBytesProcessed(state.iterations() * Reuters().bytes);
  hs_free_scratch(scratch);
  hs_free_database(db);
}
BENCHMARK(BM_Hyperscan)->Unit(benchmark::kMillisecond);
#endif

}  // namespace
}  // namespace newsmark

BENCHMARK_MAIN();

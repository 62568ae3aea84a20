// The gazetteer matcher (stages/gazetteer/gazetteer_matcher.h): each rule of
// its header on examples worked out by hand, the saved image and every way
// Open refuses one, and the matcher against a brute-force reference on
// 100,000 generated texts.

#include "stages/gazetteer/gazetteer_matcher.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "stages/core/tokenizer.h"
#include "stages/gazetteer/gazetteer_image.h"
#include "stages/tokens/tokens_stage.h"
#include "tests/scratch_dir.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace newsmark {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Alias A(std::string text, CaseRule rule = CaseRule::kInitialCapital, bool common = false) {
  return {std::move(text), rule, common};
}

GazetteerEntry E(std::string id, EntityType type, std::vector<Alias> aliases, uint64_t prior = 0) {
  GazetteerEntry e;
  e.id = std::move(id);
  e.type = type;
  e.canonical = aliases.front().text;
  e.prior = prior;
  e.source = "test";
  e.aliases = std::move(aliases);
  return e;
}

GazetteerEntries Sample() {
  GazetteerEntries g;
  g.entries = {
      E("p:maduro", EntityType::kPerson, {A("Nicolás Maduro"), A("Maduro")}),
      E("c:us", EntityType::kGpe, {A("United States"), A("US", CaseRule::kExact)}),
      E("c:mobile", EntityType::kGpe, {A("Mobile", CaseRule::kInitialCapital, true)}),
      E("p:obrien", EntityType::kPerson, {A("O'Brien")}),
      E("o:coke", EntityType::kOrg, {A("Coca-Cola")}),
      E("c:ny", EntityType::kGpe, {A("New York")}),
      E("c:nyc", EntityType::kGpe, {A("New York City")}),
      E("c:georgia", EntityType::kGpe, {A("Georgia")}, 3700000),
      E("s:georgia", EntityType::kGpe, {A("Georgia")}, 10700000),
      E("o:ebay", EntityType::kOrg, {A("eBay", CaseRule::kExact)}),
      E("l:latin", EntityType::kLanguage, {A("lingua franca", CaseRule::kAnyCase)}),
  };
  return g;
}

// "text=id,id" for each match of `text`.
std::vector<std::string> Find(const GazetteerMatcher& m, const std::string& text) {
  Document doc("t", text, std::nullopt);
  EXPECT_TRUE(TokensStage().Process(doc).ok());
  std::vector<GazetteerMatch> matches;
  std::vector<GazetteerCandidate> candidates;
  m.Match(doc.text(), doc.tokens(), 0, doc.tokens().tokens.size(), &matches, &candidates);
  std::vector<std::string> out;
  for (const GazetteerMatch& hit : matches) {
    std::string s(doc.Text(hit.span));
    s += "=";
    for (uint32_t k = 0; k < hit.candidate_count; ++k) {
      const GazetteerCandidate& c = candidates[hit.first_candidate + k];
      if (k > 0) s += ",";
      s += m.entry(c.entry).id;
      if (c.common_word) s += "!";
    }
    out.push_back(s);
  }
  return out;
}

std::unique_ptr<const GazetteerMatcher> Compiled(const GazetteerEntries& g) {
  auto m = GazetteerMatcher::Compile(g, 42);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? *std::move(m) : nullptr;
}

TEST(GazetteerMatcher, CaseAndAccentsFoldButCaseRulesHold) {
  const auto m = Compiled(Sample());
  EXPECT_THAT(Find(*m, "Nicolas Maduro spoke."), ElementsAre("Nicolas Maduro=p:maduro"));
  EXPECT_THAT(Find(*m, "NICOLÁS MADURO SPOKE"), ElementsAre("NICOLÁS MADURO=p:maduro"));
  EXPECT_THAT(Find(*m, "nicolas maduro"), ElementsAre());  // needs its capitals
  EXPECT_THAT(Find(*m, "Later, Maduro left."), ElementsAre("Maduro=p:maduro"));
  EXPECT_THAT(Find(*m, "lingua franca and Lingua Franca"),
              ElementsAre("lingua franca=l:latin", "Lingua Franca=l:latin"));
}

TEST(GazetteerMatcher, ExactCaseAndInitials) {
  const auto m = Compiled(Sample());
  EXPECT_THAT(Find(*m, "The US and the U.S. and us."), ElementsAre("US=c:us", "U.S.=c:us"));
  EXPECT_THAT(Find(*m, "Us"), ElementsAre());
  EXPECT_THAT(Find(*m, "on eBay, not Ebay or EBAY"), ElementsAre("eBay=o:ebay"));
}

TEST(GazetteerMatcher, CommonWordsNeedTheirCapitalAndSaySo) {
  const auto m = Compiled(Sample());
  EXPECT_THAT(Find(*m, "In Mobile, a mobile phone."), ElementsAre("Mobile=c:mobile!"));
}

TEST(GazetteerMatcher, ApostrophesAndHyphens) {
  const auto m = Compiled(Sample());
  EXPECT_THAT(Find(*m, "O’Brien and O'Brien"), ElementsAre("O’Brien=p:obrien", "O'Brien=p:obrien"));
  EXPECT_THAT(Find(*m, "Coca-Cola, Coca–Cola, Coca Cola"),
              ElementsAre("Coca-Cola=o:coke", "Coca–Cola=o:coke", "Coca Cola=o:coke"));
}

TEST(GazetteerMatcher, LeftmostLongestAndEveryCandidate) {
  const auto m = Compiled(Sample());
  EXPECT_THAT(Find(*m, "New York City and New York and New Jersey"),
              ElementsAre("New York City=c:nyc", "New York=c:ny"));
  EXPECT_THAT(Find(*m, "Georgia"), ElementsAre("Georgia=c:georgia,s:georgia"));
  const GazetteerEntryView state = m->entry(8);
  EXPECT_EQ(state.id, "s:georgia");
  EXPECT_EQ(state.prior, 10700000u);
  EXPECT_EQ(state.type, EntityType::kGpe);
  EXPECT_EQ(state.canonical, "Georgia");
}

TEST(GazetteerMatcher, ALaterEntryReplacesOneWithTheSameId) {
  GazetteerEntries g = Sample();
  g.entries.push_back(E("p:maduro", EntityType::kPerson, {A("Nicolás Maduro Moros")}));
  const auto m = Compiled(g);
  EXPECT_THAT(Find(*m, "Maduro and Nicolás Maduro Moros"),
              ElementsAre("Nicolás Maduro Moros=p:maduro"));
}

TEST(GazetteerMatcher, NothingToMatchIsAnError) {
  EXPECT_FALSE(GazetteerMatcher::Compile({}, 0).ok());
}

class GazetteerImageTest : public ScratchDirTest {
 protected:
  std::string Saved() {
    const auto m = Compiled(Sample());
    const std::string path = (dir_ / "gazetteer.nmgaz").string();
    EXPECT_TRUE(m->Save(path).ok());
    return path;
  }
  static std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static void Spit(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }
  static std::string OpenError(const std::string& path, uint64_t sources = 42) {
    auto m = GazetteerMatcher::Open(path, sources);
    return m.ok() ? "opened" : std::string(m.status().message());
  }
};

TEST_F(GazetteerImageTest, SavedImageMatchesAsTheCompiledOne) {
  const std::string path = Saved();
  auto m = GazetteerMatcher::Open(path, 42);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_THAT(Find(**m, "Georgia, New York City, the U.S. and O’Brien"),
              ElementsAre("Georgia=c:georgia,s:georgia", "New York City=c:nyc", "U.S.=c:us",
                          "O’Brien=p:obrien"));
  EXPECT_EQ((*m)->entry_count(), Sample().entries.size());
  EXPECT_EQ((*m)->sources_hash(), 42u);
}

TEST_F(GazetteerImageTest, OpenRefusesWhatItCannotTrust) {
  const std::string path = Saved();
  const std::string good = Slurp(path);
  EXPECT_THAT(OpenError(path, 43), HasSubstr("compiled from other gazetteer files"));
  EXPECT_THAT(OpenError((dir_ / "missing").string()), HasSubstr("cannot open"));

  std::string bytes = good;
  bytes[bytes.size() / 2] ^= 0x20;
  Spit(path, bytes);
  EXPECT_THAT(OpenError(path), HasSubstr("corrupt"));

  Spit(path, good.substr(0, good.size() - 8));
  EXPECT_THAT(OpenError(path), HasSubstr("truncated"));

  bytes = good;
  const uint32_t other_version = gazetteer_internal::kImageVersion + 1;
  std::memcpy(&bytes[8], &other_version, 4);
  Spit(path, bytes);
  EXPECT_THAT(OpenError(path), HasSubstr("another version"));

  Spit(path, std::string(4096, 'x'));
  EXPECT_THAT(OpenError(path), HasSubstr("not a compiled gazetteer"));
  Spit(path, "NMGAZ");
  EXPECT_THAT(OpenError(path), HasSubstr("too short"));
  EXPECT_THAT(OpenError(dir_.string()), HasSubstr("not a regular file"));
}

// The reference: every alias tried at every token, by the rules of the
// header spelled out directly, leftmost-longest.
class Reference {
 public:
  explicit Reference(const GazetteerEntries& g) {
    for (uint32_t e = 0; e < g.entries.size(); ++e) {
      for (const Alias& a : g.entries[e].aliases) Add(e, a, a.text);
    }
  }

  std::vector<std::string> Find(const std::string& text) const {
    std::vector<TextToken> tokens;
    Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
    std::vector<std::string> forms;
    for (const TextToken& t : tokens) forms.push_back(MatchForm(text.substr(t.begin, t.size())));
    std::vector<std::string> out;
    for (size_t i = 0; i < tokens.size();) {
      size_t best = 0;
      std::set<uint32_t> entries;
      for (const Name& n : names_) {
        if (n.forms[0] != forms[i] || !Matches(n, text, tokens, forms, i)) continue;
        if (n.pieces.size() > best) {
          best = n.pieces.size();
          entries.clear();
        }
        if (n.pieces.size() == best) entries.insert(n.entry);
      }
      if (best == 0) {
        ++i;
        continue;
      }
      std::string s = text.substr(tokens[i].begin, tokens[i + best - 1].end - tokens[i].begin) + "=";
      for (uint32_t e : entries) s += std::to_string(e) + ",";
      out.push_back(s);
      i += best;
    }
    return out;
  }

 private:
  struct Name {
    uint32_t entry;
    CaseRule rule;
    std::vector<std::string> pieces, forms;
  };

  void Add(uint32_t entry, const Alias& a, const std::string& text) {
    std::vector<TextToken> tokens;
    Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
    Name n{entry, a.case_rule, {}, {}};
    for (const TextToken& t : tokens) {
      n.pieces.push_back(text.substr(t.begin, t.size()));
      n.forms.push_back(MatchForm(n.pieces.back()));
    }
    names_.push_back(n);
  }

  // Its first code point is an upper-case or title-case letter.
  static bool Capital(std::string_view s) {
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    return c >= 0 && (u_isupper(c) || u_istitle(c));
  }

  static bool Matches(const Name& n, const std::string& text, const std::vector<TextToken>& tokens,
                      const std::vector<std::string>& forms, size_t i) {
    if (i + n.pieces.size() > tokens.size()) return false;
    for (size_t k = 0; k < n.pieces.size(); ++k) {
      const std::string piece = text.substr(tokens[i + k].begin, tokens[i + k].size());
      if (forms[i + k] != n.forms[k]) return false;
      if (n.rule == CaseRule::kExact && tokens[i + k].kind != TokenKind::kMark &&
          piece != n.pieces[k]) {
        return false;
      }
      if (n.rule == CaseRule::kInitialCapital && Capital(n.pieces[k]) && !Capital(piece)) {
        return false;
      }
    }
    return true;
  }

  std::vector<Name> names_;
};

// Names from a small vocabulary with accents and apostrophes, and texts
// made of those names in every case and accent, their prefixes and
// near-misses, among filler words. No initials or hyphens (the
// variants are the compiler's own and tested above).
TEST(GazetteerMatcher, EqualsABruteForceReferenceOnGeneratedTexts) {
  const std::vector<std::string> words = {"san", "José", "jose", "new", "York", "Bank", "of",
                                          "Ávila", "O'Neil", "Zürich", "río", "North", "the",
                                          "Côte", "d'Ivoire", "Mobile", "ÉCOLE", "x"};
  std::mt19937 random(20261203);
  auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  GazetteerEntries g;
  for (int e = 0; e < 120; ++e) {
    GazetteerEntry entry;
    entry.id = "e" + std::to_string(e);
    for (int a = 0; a < 1 + static_cast<int>(pick(2)); ++a) {
      std::string name;
      for (size_t k = 0, n = 1 + pick(3); k < n; ++k) name += (k ? " " : "") + words[pick(words.size())];
      entry.aliases.push_back(A(name, static_cast<CaseRule>(pick(3))));
    }
    entry.canonical = entry.aliases[0].text;
    g.entries.push_back(entry);
  }
  const auto m = Compiled(g);
  const Reference reference(g);
  auto vary = [&](std::string s) {
    switch (pick(4)) {
      case 0: return FoldToken(s);  // lower, accents gone
      case 1: std::transform(s.begin(), s.end(), s.begin(), [](char c) { return IsAsciiLower(c) ? c - 32 : c; }); return s;
      default: return s;
    }
  };
  for (int n = 0; n < 100000; ++n) {
    std::string text;
    for (size_t k = 0, parts = 1 + pick(6); k < parts; ++k) {
      if (k) text += pick(5) == 0 ? ", " : " ";
      const GazetteerEntry& e = g.entries[pick(g.entries.size())];
      const std::string& alias = e.aliases[pick(e.aliases.size())].text;
      text += pick(3) == 0 ? words[pick(words.size())] : vary(alias);
    }
    std::vector<std::string> got;
    for (std::string s : Find(*m, text)) {
      // Entry ids "eN" as the reference's indexes "N,".
      std::string ids = s.substr(s.rfind('=') + 1), out = s.substr(0, s.rfind('=') + 1);
      std::vector<int> numbers;
      for (size_t at = 0; (at = ids.find('e', at)) != std::string::npos; ++at) {
        numbers.push_back(std::stoi(ids.substr(at + 1)));
      }
      std::sort(numbers.begin(), numbers.end());
      for (int x : numbers) out += std::to_string(x) + ",";
      got.push_back(out);
    }
    ASSERT_EQ(got, reference.Find(text)) << text;
  }
}

}  // namespace
}  // namespace newsmark

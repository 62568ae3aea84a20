#include "stages/dates/date_stage.h"

#include <optional>
#include <string>
#include <vector>

#include "stages/core/strings.h"
#include "stages/dates/date_matcher.h"
#include "stages/dates/date_token.h"
#include "stages/dates/date_values.h"

namespace newsmark {
namespace {

using date_internal::BuildValue;
using date_internal::Context;
using date_internal::DateMatcher;
using date_internal::Match;
using date_internal::TenseAround;
using date_internal::TimexValue;
using date_internal::Token;
using date_internal::Value;

// The first token of a clock time timex ("10 p.m.") that ends right
// before token `begin`, or before a comma or "on" there; -1 when none.
// `last_value` is the value of the document's last timex, when this stage
// made it.
int ClockTimeBefore(const Document& doc, const std::optional<TimexValue>& last_value,
                    const std::vector<Token>& tokens, int begin) {
  if (!last_value || begin == 0) return -1;
  const Timex& last = doc.timexes().back();
  if (last.type != TimexType::kTime || !last_value->ClockTimeOnADay()) return -1;
  int k = begin - 1;
  if (k > 0 && (tokens[k].lower() == "," || tokens[k].lower() == "on")) --k;
  if (tokens[k].end != last.span.end) return -1;
  while (k > 0 && tokens[k].begin > last.span.begin) --k;
  return tokens[k].begin == last.span.begin ? k : -1;
}

// rangeday(D): the second day of a range or pair, "March 18-19", "April
// 24 and 25": day D of the full date that ends one token (the connector)
// before the match, if D comes after it in the same month.
std::optional<Value> RangeDay(const Document& doc, const std::optional<TimexValue>& last_value,
                              const std::vector<Token>& tokens, const Match& m,
                              const DatePattern& p) {
  if (!last_value || m.begin < 2) return std::nullopt;
  // The date before ends in its day, written in digits: "March 18", not
  // "Tuesday" ("rose on Tuesday to 25").
  const Timex& last = doc.timexes().back();
  const Token& day_before = tokens[m.begin - 2];
  if (last.type != TimexType::kDate || !last_value->FullDay() ||
      last.span.end != day_before.end || day_before.word >= 0 ||
      !(day_before.Has(DateCategory::kDay) || day_before.Has(DateCategory::kDayOrd))) {
    return std::nullopt;
  }
  const int e = p.value.arg_elements[0];
  const int k = e >= 0 ? m.captures[e] : -1;
  int day;
  if (k < 0 || !ParseInt(tokens[k].lower(), &day)) return std::nullopt;
  // A literal shaped like a day that is none ("2001-09-31") has no start.
  const std::optional<absl::CivilDay> start = last_value->Start();
  if (!start) return std::nullopt;
  const absl::CivilDay first = *start;
  const absl::CivilDay second(first.year(), first.month(), day);
  if (day <= first.day() || second.month() != first.month()) return std::nullopt;
  return Value{TimexValue::Day(second), last.anchor};
}

}  // namespace

absl::StatusOr<std::unique_ptr<DateStage>> DateStage::Create(const DateOptions& options) {
  if (options.rules_dir.empty()) {
    return absl::InvalidArgumentError("date stage: no rules folder given (DateOptions.rules_dir)");
  }
  absl::StatusOr<std::unique_ptr<DateRules>> rules = DateRules::Load(options.rules_dir);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<std::unique_ptr<const DateMatcher>> matcher = DateMatcher::Compile(**rules);
  if (!matcher.ok()) return matcher.status();
  return std::unique_ptr<DateStage>(new DateStage(*std::move(rules), *std::move(matcher)));
}

DateStage::DateStage(std::unique_ptr<DateRules> rules,
                     std::unique_ptr<const DateMatcher> matcher)
    : rules_(std::move(rules)), matcher_(std::move(matcher)) {}

DateStage::~DateStage() = default;

// The latest explicit full date in `doc`: the anchor of a document without
// a date.
std::optional<absl::CivilDay> DateStage::InferAnchor(const Document& doc,
                                                     DateWork* work) const {
  const auto& patterns = rules_->patterns();
  const Context none;
  std::optional<absl::CivilDay> latest;
  matcher_->ForEachMatch(doc, [&](const std::vector<Token>& tokens, const Match& m) {
    const DatePattern& p = patterns[m.pattern];
    if (p.value.id != ValueFunction::kDate || p.value.args[0] == "_") return true;
    auto v = BuildValue(p, m, tokens, none);
    if (!v) return false;
    if (!v->value.FullDay() || !v->value.Start()) return true;
    const absl::CivilDay d = *v->value.Start();
    if (!latest || d > *latest) latest = d;
    return true;
  }, work);
  return latest;
}

absl::Status DateStage::Process(Document& doc) const { return Process(doc, nullptr); }

absl::Status DateStage::Process(Document& doc, DateWork* work) const {
  if (!doc.tokens().cut()) {
    return absl::FailedPreconditionError("dates: the document has no tokens (run the tokens stage first)");
  }
  const auto& patterns = rules_->patterns();

  // The anchor: the document date, or else the latest explicit full date.
  Context ctx;
  if (doc.date()) {
    ctx.anchor = doc.date();
    ctx.anchor_kind = TimexAnchor::kDocumentDate;
  } else {
    ctx.anchor = InferAnchor(doc, work);
    if (ctx.anchor) ctx.anchor_kind = TimexAnchor::kInferredDate;
  }

  // A quarter mentioned sets the grain of "a year ago" for a few matches.
  constexpr int kQuarterReach = 4;
  int since_quarter = kQuarterReach;
  // The value of the last timex added, as built: what the next match reads
  // of it (its day, its time), without parsing its string.
  std::optional<TimexValue> last_value;
  matcher_->ForEachMatch(doc, [&](const std::vector<Token>& tokens, const Match& m) {
    const DatePattern& p = patterns[m.pattern];
    if (p.none) return true;  // words that are no expression ("a quarter point")
    ctx.tense = m.tense;
    if (++since_quarter > kQuarterReach) ctx.previous_quarter.reset();
    // A day right after a clock time gives the time its day: "10 p.m.
    // Wednesday", "5 p.m. EST, March 6". The tense is the whole phrase's.
    const int time_begin =
        p.type == TimexType::kDate ? ClockTimeBefore(doc, last_value, tokens, m.begin) : -1;
    if (time_begin >= 0) ctx.tense = TenseAround(tokens, time_begin, m.end);
    std::optional<Value> v = p.value.id == ValueFunction::kRangeDay
                                 ? RangeDay(doc, last_value, tokens, m, p)
                                 : BuildValue(p, m, tokens, ctx);
    if (!v) return false;
    // The day may be unresolved ("XXXX-WXX-3" without a document date).
    if (time_begin >= 0 && v->value.DayWithoutTime()) {
      Timex& time = doc.timexes().back();
      v->value.time = last_value->TimeAfterDay();
      time.value = v->value.Render();
      time.anchor = v->anchor;
      time.span.end = tokens[m.end - 1].end;
      if (v->value.FullDay()) ctx.previous = ctx.previous_day = v->value.Start();
      last_value = std::move(v->value);
      return true;
    }
    Timex t;
    t.span = {tokens[m.begin].begin, tokens[m.end - 1].end};
    t.type = p.type;
    t.value = v->value.Render();
    t.anchor = v->anchor;
    // The mod: the first token matched as a MOD ("about a month") or
    // DAYMOD ("late Monday"), not a word that is one elsewhere ("two more
    // weeks", "some weeks"); a pattern's own MOD comes first ("no more
    // than sixty days").
    t.mod = p.mod;
    for (size_t e = 0; e < p.elements.size() && t.mod.empty(); ++e) {
      const int k = m.captures[e];
      if (k < 0 || !p.elements[e].is_category) continue;
      const DateCategory c = p.elements[e].category;
      if (c != DateCategory::kMod && c != DateCategory::kDayMod) continue;
      t.mod = std::string(*tokens[k].Value(c));
      break;
    }
    if (p.type == TimexType::kDate) {
      if (auto start = v->value.Start()) ctx.previous = start;
      ctx.previous_day.reset();
      if (v->value.FullDay()) ctx.previous_day = ctx.previous;
    }
    // Only a quarter named as such sets the grain; "a year ago" at a
    // quarter's grain is a comparison, not the quarter the text is about.
    const bool names_quarter = p.value.id == ValueFunction::kQuarter ||
                               p.value.id == ValueFunction::kRelQuarter ||
                               (p.value.id == ValueFunction::kShift && p.value.args[0] == "Q");
    if (names_quarter && v->value.QuarterStart()) {
      ctx.previous_quarter = v->value.QuarterStart();
      since_quarter = 0;
    }
    doc.timexes().push_back(std::move(t));
    last_value = std::move(v->value);
    return true;
  }, work);
  return absl::OkStatus();
}

}  // namespace newsmark

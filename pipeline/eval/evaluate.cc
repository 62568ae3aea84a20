#include "pipeline/eval/evaluate.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "pipeline/record_writer.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;

double Percent(double x) { return std::round(x * 10000.0) / 100.0; }

// TempEval-3's attribute F1: accuracy over relaxed matches times relaxed F1.
// Given for accuracy rows of layers that have a "relaxed" row.
const MetricCounts* RelaxedOf(const Scoreboard& board, const ScoreRow& row) {
  if (row.counts.kind != MetricCounts::Kind::kAccuracy) return nullptr;
  return board.Find(row.layer, "relaxed");
}

std::string SafeFileName(std::string_view id) {
  std::string out;
  for (char c : id) {
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                          c == '.' || c == '_'
                      ? c
                      : '_');
  }
  return out.empty() ? "document" : out;
}

absl::Status MakeDumpFolder(const EvalOptions& options) {
  if (options.dump_errors_dir.empty()) return absl::OkStatus();
  std::error_code ec;
  fs::create_directories(options.dump_errors_dir, ec);
  if (ec) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot create ", options.dump_errors_dir, ": ", ec.message()));
  }
  return absl::OkStatus();
}

// Scores one document into `result` and writes its error dump.
void ScoreInto(const GoldDocument& g, const Document& system, GoldFormat format,
               const EvalOptions& options, EvalResult* result) {
  ++result->documents;
  ErrorLog log;
  ScoreDocument(g, system, format, &result->board,
                options.dump_errors_dir.empty() ? nullptr : &log);
  if (log.lines.empty()) return;
  std::ofstream out(fs::path(options.dump_errors_dir) /
                    (SafeFileName(g.doc->id()) + ".txt"));
  out << "# " << g.source << "\n";
  for (const std::string& line : log.lines) out << line << "\n";
}

}  // namespace

absl::StatusOr<EvalResult> Evaluate(const Pipeline& pipeline, const GoldSet& gold,
                                    GoldFormat format, const EvalOptions& options) {
  EvalResult result;
  result.format = format;
  if (absl::Status s = MakeDumpFolder(options); !s.ok()) return s;
  std::ofstream records;
  if (!options.save_records_path.empty()) {
    records.open(options.save_records_path, std::ios::binary | std::ios::trunc);
    if (!records) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot write ", options.save_records_path));
    }
  }
  for (const GoldDocument& g : gold.documents) {
    Document system(g.doc->id(), std::string(g.doc->text()), g.doc->date());
    absl::Status status = pipeline.Process(system);
    if (!status.ok()) {
      result.errors.push_back(
          absl::StrCat(g.source, ": ", std::string(status.message())));
      continue;
    }
    if (records.is_open()) {
      std::string line;
      AppendRecord(system, InputPlace{g.source, 0, g.doc->id()}, "{}", &line);
      records << line;
    }
    ScoreInto(g, system, format, options, &result);
  }
  if (records.is_open() && !records.flush()) {
    return absl::DataLossError(absl::StrCat("cannot write ", options.save_records_path));
  }
  return result;
}

absl::StatusOr<EvalResult> EvaluateSaved(const GoldSet& gold, const GoldSet& system,
                                         GoldFormat format, const EvalOptions& options) {
  EvalResult result;
  result.format = format;
  if (absl::Status s = MakeDumpFolder(options); !s.ok()) return s;
  absl::flat_hash_map<std::string, const Document*> by_id;
  for (const GoldDocument& s : system.documents) by_id.emplace(s.doc->id(), s.doc.get());
  for (size_t i = 0; i < gold.documents.size(); ++i) {
    const GoldDocument& g = gold.documents[i];
    const Document* found = nullptr;
    if (auto it = by_id.find(g.doc->id()); it != by_id.end()) {
      found = it->second;
    } else if (i < system.documents.size() &&
               system.documents[i].doc->text() == g.doc->text()) {
      found = system.documents[i].doc.get();
    }
    std::string problem;
    if (found == nullptr) {
      problem = "no system document with this id";
    } else if (found->text() != g.doc->text()) {
      problem = "the system document's text is not the gold text";
      found = nullptr;
    }
    if (!problem.empty()) {
      result.errors.push_back(absl::StrCat(g.source, ": ", g.doc->id(), ": ", problem,
                                           "; scored as finding nothing"));
    }
    if (found != nullptr) {
      ScoreInto(g, *found, format, options, &result);
    } else {
      const Document nothing(g.doc->id(), std::string(g.doc->text()), g.doc->date());
      ScoreInto(g, nothing, format, options, &result);
    }
  }
  return result;
}

std::string FormatTable(const EvalResult& result) {
  const Scoreboard& board = result.board;
  size_t layer_width = 5;
  for (const ScoreRow& row : board.rows()) {
    layer_width = std::max(layer_width, row.layer.size());
  }
  std::string out = absl::StrFormat("%-*s  %-13s %7s %7s %7s %8s %8s\n",
                                    layer_width, "layer", "metric", "P", "R",
                                    "F1", "system", "gold");
  for (const ScoreRow& row : board.rows()) {
    const MetricCounts& c = row.counts;
    if (c.kind == MetricCounts::Kind::kPrf) {
      absl::StrAppendFormat(&out, "%-*s  %-13s %7.2f %7.2f %7.2f %8d %8d\n",
                            layer_width, row.layer, row.metric,
                            100 * c.precision(), 100 * c.recall(), 100 * c.f1(),
                            c.system, c.gold);
    } else if (const MetricCounts* relaxed = RelaxedOf(board, row)) {
      const double a = c.accuracy();
      absl::StrAppendFormat(
          &out, "%-*s  %-13s %7.2f %7.2f %7.2f   accuracy %.2f (%d/%d)\n",
          layer_width, row.layer, row.metric, 100 * a * relaxed->precision(),
          100 * a * relaxed->recall(), 100 * a * relaxed->f1(), 100 * a,
          c.correct, c.total);
    } else {
      absl::StrAppendFormat(&out, "%-*s  %-13s accuracy %.2f (%d/%d)\n",
                            layer_width, row.layer, row.metric,
                            100 * c.accuracy(), c.correct, c.total);
    }
  }
  absl::StrAppendFormat(&out, "%d documents (%s)", result.documents,
                        std::string(GoldFormatName(result.format)));
  if (!result.errors.empty()) {
    absl::StrAppendFormat(&out, ", %d failed", result.errors.size());
  }
  out += "\n";
  return out;
}

std::string FormatJson(const EvalResult& result) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("schema");
  w.String("newsmark-eval/1");
  w.Key("format");
  const std::string format(GoldFormatName(result.format));
  w.String(format.c_str());
  w.Key("documents");
  w.Int64(result.documents);
  w.Key("failed");
  w.Int64(result.errors.size());
  w.Key("layers");
  w.StartObject();
  const auto& rows = result.board.rows();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].layer == rows[i - 1].layer) continue;
    w.Key(rows[i].layer.c_str());
    w.StartObject();
    for (size_t j = i; j < rows.size() && rows[j].layer == rows[i].layer; ++j) {
      const MetricCounts& c = rows[j].counts;
      w.Key(rows[j].metric.c_str());
      w.StartObject();
      if (c.kind == MetricCounts::Kind::kPrf) {
        w.Key("precision"); w.Double(Percent(c.precision()));
        w.Key("recall"); w.Double(Percent(c.recall()));
        w.Key("f1"); w.Double(Percent(c.f1()));
        w.Key("system"); w.Int64(c.system);
        w.Key("gold"); w.Int64(c.gold);
        w.Key("system_matched"); w.Int64(c.system_matched);
        w.Key("gold_matched"); w.Int64(c.gold_matched);
      } else {
        w.Key("accuracy"); w.Double(Percent(c.accuracy()));
        w.Key("correct"); w.Int64(c.correct);
        w.Key("total"); w.Int64(c.total);
        if (const MetricCounts* relaxed = RelaxedOf(result.board, rows[j])) {
          const double a = c.accuracy();
          w.Key("precision"); w.Double(Percent(a * relaxed->precision()));
          w.Key("recall"); w.Double(Percent(a * relaxed->recall()));
          w.Key("f1"); w.Double(Percent(a * relaxed->f1()));
        }
      }
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

absl::StatusOr<Scoreboard> ParseScoresJson(std::string_view json) {
  rapidjson::Document d;
  // Iterative: a nested value in a baseline file cannot exhaust the stack.
  d.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
  if (d.HasParseError()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid JSON at byte ", d.GetErrorOffset(), ": ",
        rapidjson::GetParseError_En(d.GetParseError())));
  }
  if (!d.IsObject() || !d.HasMember("layers") || !d["layers"].IsObject()) {
    return absl::InvalidArgumentError("no \"layers\" object: not a newsmark eval --json file");
  }
  Scoreboard board;
  for (const auto& layer : d["layers"].GetObject()) {
    if (!layer.value.IsObject()) continue;
    const std::string name = layer.name.GetString();
    for (const auto& metric : layer.value.GetObject()) {
      const auto& v = metric.value;
      if (!v.IsObject()) continue;
      auto get = [&](const char* key) -> int64_t {
        return v.HasMember(key) && v[key].IsInt64() ? v[key].GetInt64() : 0;
      };
      MetricCounts* c;
      if (v.HasMember("accuracy")) {
        c = &board.Accuracy(name, metric.name.GetString());
        c->correct = get("correct");
        c->total = get("total");
      } else {
        c = &board.Prf(name, metric.name.GetString());
        c->system = get("system");
        c->gold = get("gold");
        c->system_matched = get("system_matched");
        c->gold_matched = get("gold_matched");
      }
    }
  }
  return board;
}

std::vector<std::string> Regressions(const Scoreboard& current,
                                     const Scoreboard& baseline, double max_drop) {
  std::vector<std::string> out;
  for (const ScoreRow& row : baseline.rows()) {
    const MetricCounts* now = current.Find(row.layer, row.metric);
    if (now == nullptr) {
      out.push_back(absl::StrCat(row.layer, " ", row.metric,
                                 ": in the baseline, not scored now"));
      continue;
    }
    const bool prf = row.counts.kind == MetricCounts::Kind::kPrf;
    const char* what = prf ? "F1" : "accuracy";
    const double before = Percent(prf ? row.counts.f1() : row.counts.accuracy());
    const double after = Percent(prf ? now->f1() : now->accuracy());
    if (before - after > max_drop + 1e-9) {
      out.push_back(absl::StrFormat("%s %s: %s fell from %.2f to %.2f (%.2f points)",
                                    row.layer, row.metric, what, before, after,
                                    before - after));
    }
  }
  return out;
}

}  // namespace newsmark

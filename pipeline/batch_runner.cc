#include "pipeline/batch_runner.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "pipeline/record_writer.h"

namespace newsmark {
namespace {

using Clock = std::chrono::steady_clock;

// One item's output: a record or an error line. A record longer than
// kSpoolAbove goes on into an unnamed temporary file until its turn to be
// written, so a document's record is never whole in memory (it may be 35
// times its text: a sentence and a block every three bytes). A news
// article's record is some tens of KB.
constexpr size_t kSpoolAbove = size_t{256} << 10;

class Output : public RecordSink {
 public:
  Output() = default;
  Output(Output&& o) noexcept { *this = std::move(o); }
  Output& operator=(Output&& o) noexcept {
    std::swap(line_, o.line_);
    std::swap(spool_, o.spool_);
    std::swap(spool_error_, o.spool_error_);
    is_error = o.is_error;
    text_bytes = o.text_bytes;
    return *this;
  }
  ~Output() override {
    if (spool_ != nullptr) std::fclose(spool_);
  }

  void Write(std::string_view bytes) override {
    if (spool_error_ != 0) return;
    if (spool_ == nullptr && line_.size() + bytes.size() <= kSpoolAbove) {
      line_.append(bytes.data(), bytes.size());
      return;
    }
    if (spool_ == nullptr) {
      spool_ = std::tmpfile();
      if (spool_ == nullptr || !Put(line_)) return Fail();
      std::string().swap(line_);
    }
    if (!Put(bytes)) Fail();
  }

  // Replaces what was written with an error line when the record could
  // not be spooled (no room for the temporary file).
  void CheckSpooled(const InputPlace& place) {
    if (spool_error_ == 0) return;
    const int error = spool_error_;
    *this = Output();
    AppendError(place,
                absl::ResourceExhaustedError(absl::StrCat(
                    "cannot keep the record in a temporary file: ", std::strerror(error))),
                &line_);
    is_error = true;
  }

  std::string* line() { return &line_; }
  // Bytes held in memory.
  size_t memory() const { return line_.capacity(); }

  // Writes the line to `f`; false with errno set when that failed.
  bool CopyTo(std::FILE* f) const {
    if (spool_ == nullptr) return std::fwrite(line_.data(), 1, line_.size(), f) == line_.size();
    if (std::fflush(spool_) != 0 || std::fseek(spool_, 0, SEEK_SET) != 0) return false;
    char buffer[kRecordPiece];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, spool_)) > 0;) {
      if (std::fwrite(buffer, 1, n, f) != n) return false;
    }
    return std::ferror(spool_) == 0;
  }

  bool is_error = false;
  size_t text_bytes = 0;

 private:
  bool Put(std::string_view bytes) {
    return std::fwrite(bytes.data(), 1, bytes.size(), spool_) == bytes.size();
  }
  void Fail() { spool_error_ = errno != 0 ? errno : EIO; }

  std::string line_;
  std::FILE* spool_ = nullptr;
  int spool_error_ = 0;
};

Output Annotate(const Pipeline& pipeline, InputItem item, const RecordOptions& record) {
  Output out;
  if (!item.status.ok()) {
    AppendError(item.place, item.status, out.line());
    out.is_error = true;
    return out;
  }
  out.text_bytes = item.text.size();
  Document doc(item.place.id, std::move(item.text), item.date);
  absl::Status status = pipeline.Process(doc);
  if (status.ok()) {
    errno = 0;
    WriteRecord(doc, item.place, item.meta_json, out, record);
    out.CheckSpooled(item.place);
  } else {
    AppendError(item.place, status, out.line());
    out.is_error = true;
  }
  return out;
}

class OrderedWriter {
 public:
  OrderedWriter(std::FILE* records, std::FILE* errors, const RunOptions& options)
      : records_(records), errors_(errors), options_(options),
        start_(Clock::now()), last_progress_(start_) {}

  absl::Status Write(const Output& out) {
    std::FILE* f = out.is_error ? errors_ : records_;
    if (!out.CopyTo(f)) {
      return absl::DataLossError(absl::StrCat(
          "cannot write ", out.is_error ? "errors" : "records", ": ",
          std::strerror(errno)));
    }
    ++stats_.documents;
    ++(out.is_error ? stats_.errors : stats_.records);
    stats_.bytes += out.text_bytes;
    if (options_.progress) {
      const Clock::time_point now = Clock::now();
      if (now - last_progress_ >=
          std::chrono::duration<double>(options_.progress_seconds)) {
        last_progress_ = now;
        options_.progress(Finish());
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<RunStats> Close() {
    if (std::fflush(records_) != 0 || std::fflush(errors_) != 0) {
      return absl::DataLossError(
          absl::StrCat("cannot write output: ", std::strerror(errno)));
    }
    const RunStats stats = Finish();
    if (options_.progress) options_.progress(stats);
    return stats;
  }

 private:
  RunStats Finish() {
    stats_.seconds =
        std::chrono::duration<double>(Clock::now() - start_).count();
    return stats_;
  }

  std::FILE* records_;
  std::FILE* errors_;
  const RunOptions& options_;
  RunStats stats_;
  Clock::time_point start_, last_progress_;
};

// What an item is counted for while it is in flight (batch_runner.h).
size_t WorkingMemory(const InputItem& item) {
  return kWorkPerTextByte * item.text.size() + kRecordPiece;
}

absl::StatusOr<RunStats> RunSerial(const Pipeline& pipeline, InputReader& reader,
                                   OrderedWriter& writer, const RecordOptions& record) {
  InputItem item;
  uint64_t most = 0;
  while (reader.Next(&item)) {
    const size_t cost = WorkingMemory(item);
    const Output out = Annotate(pipeline, std::move(item), record);
    most = std::max<uint64_t>(most, std::max(cost, out.memory()));
    absl::Status status = writer.Write(out);
    if (!status.ok()) return status;
  }
  absl::StatusOr<RunStats> stats = writer.Close();
  if (stats.ok()) stats->most_memory_counted = most;
  return stats;
}

// Reader thread -> work queue -> worker threads -> results by sequence number
// -> this thread, which writes them in order.
class ParallelRun {
 public:
  ParallelRun(const Pipeline& pipeline, InputReader& reader,
              const RunOptions& options)
      : pipeline_(pipeline), reader_(reader), options_(options),
        window_(options.window ? options.window
                               : 16 * static_cast<size_t>(options.jobs)) {}

  absl::StatusOr<RunStats> Run(OrderedWriter& writer) {
    std::thread reader_thread([this] { ReadAll(); });
    std::vector<std::thread> workers;
    for (int i = 0; i < options_.jobs; ++i) {
      workers.emplace_back([this] { Work(); });
    }
    absl::Status status = WriteAll(writer);
    {
      std::lock_guard<std::mutex> lock(mu_);
      cancelled_ = true;  // stops the others early when writing failed
    }
    space_cv_.notify_all();
    work_cv_.notify_all();
    reader_thread.join();
    for (auto& t : workers) t.join();
    if (!status.ok()) return status;
    absl::StatusOr<RunStats> stats = writer.Close();
    if (stats.ok()) stats->most_memory_counted = most_memory_in_flight_;
    return stats;
  }

 private:
  void ReadAll() {
    for (uint64_t seq = 0;; ++seq) {
      InputItem item;
      const bool more = reader_.Next(&item);
      std::unique_lock<std::mutex> lock(mu_);
      if (!more) {
        total_ = seq;
        reading_done_ = true;
        work_cv_.notify_all();
        result_cv_.notify_all();
        return;
      }
      const size_t cost = WorkingMemory(item);
      space_cv_.wait(lock, [&] {
        return cancelled_ || in_flight_ == 0 ||
               (in_flight_ < window_ && memory_in_flight_ + cost <= options_.memory_bytes);
      });
      if (cancelled_) return;
      ++in_flight_;
      memory_in_flight_ += cost;
      most_memory_in_flight_ = std::max(most_memory_in_flight_, memory_in_flight_);
      work_.emplace_back(seq, std::move(item));
      work_cv_.notify_one();
    }
  }

  void Work() {
    for (;;) {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock,
                    [&] { return cancelled_ || reading_done_ || !work_.empty(); });
      if (cancelled_ || work_.empty()) return;  // all read and taken
      auto [seq, item] = std::move(work_.front());
      work_.pop_front();
      lock.unlock();
      const size_t cost = WorkingMemory(item);
      Output out = Annotate(pipeline_, std::move(item), options_.record);
      lock.lock();
      // A waiting record counts for what it holds, when that is more.
      const size_t held = std::max(cost, out.memory());
      memory_in_flight_ += held - cost;
      most_memory_in_flight_ = std::max(most_memory_in_flight_, memory_in_flight_);
      results_.emplace(seq, std::make_pair(std::move(out), held));
      result_cv_.notify_all();
    }
  }

  absl::Status WriteAll(OrderedWriter& writer) {
    for (uint64_t next = 0;; ++next) {
      std::pair<Output, size_t> result;
      {
        std::unique_lock<std::mutex> lock(mu_);
        result_cv_.wait(lock, [&] {
          return results_.count(next) > 0 || (reading_done_ && next == total_);
        });
        auto it = results_.find(next);
        if (it == results_.end()) return absl::OkStatus();  // all written
        result = std::move(it->second);
        results_.erase(it);
        --in_flight_;
        memory_in_flight_ -= result.second;
      }
      space_cv_.notify_one();
      absl::Status status = writer.Write(result.first);
      if (!status.ok()) return status;
    }
  }

  const Pipeline& pipeline_;
  InputReader& reader_;
  const RunOptions& options_;
  const size_t window_;

  std::mutex mu_;
  std::condition_variable space_cv_, work_cv_, result_cv_;
  std::deque<std::pair<uint64_t, InputItem>> work_;
  std::map<uint64_t, std::pair<Output, size_t>> results_;
  size_t in_flight_ = 0;
  size_t memory_in_flight_ = 0;  // as counted in batch_runner.h
  size_t most_memory_in_flight_ = 0;
  bool reading_done_ = false;
  bool cancelled_ = false;
  uint64_t total_ = 0;
};

}  // namespace

absl::StatusOr<RunStats> RunBatch(const Pipeline& pipeline, InputReader& reader,
                                  std::FILE* records, std::FILE* errors,
                                  const RunOptions& options) {
  OrderedWriter writer(records, errors, options);
  if (options.jobs <= 1) return RunSerial(pipeline, reader, writer, options.record);
  ParallelRun run(pipeline, reader, options);
  return run.Run(writer);
}

}  // namespace newsmark

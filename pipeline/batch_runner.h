// The batch runner: reads inputs, runs the pipeline over them on N threads
// and writes records and errors in input order.
//
// Output is byte-identical whatever the number of threads: each item's line
// is made by the same function, and lines are written in input order. Memory
// stays flat however long the stream: at most RunOptions::window items (and
// about window_bytes of text) are between the reader and the writer at once.
//
// Every input item yields exactly one line: a record on `records`, or an
// error on `errors`. So records + errors = documents read.

#ifndef NEWSMARK_PIPELINE_BATCH_RUNNER_H_
#define NEWSMARK_PIPELINE_BATCH_RUNNER_H_

#include <cstdint>
#include <cstdio>
#include <functional>

#include "absl/status/statusor.h"
#include "pipeline/input.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_writer.h"

namespace newsmark {

struct RunStats {
  int64_t documents = 0;  // items read: records + errors
  int64_t records = 0;
  int64_t errors = 0;
  uint64_t bytes = 0;     // text bytes of the documents annotated
  double seconds = 0;
};

struct RunOptions {
  // Worker threads; 1 runs everything on the calling thread. Default: 1.
  int jobs = 1;
  // Most items in flight between reader and writer. Default (0): 16 per job.
  size_t window = 0;
  // Most text bytes in flight; one item is always let through, however
  // large. Default: 256 MiB.
  size_t window_bytes = size_t{256} << 20;
  // Called from the writing thread about every `progress_seconds` with the
  // running totals, and once at the end. Default: none.
  std::function<void(const RunStats&)> progress;
  double progress_seconds = 0.5;
  // What records hold beyond newsmark/1's layers. Default: nothing.
  RecordOptions record;
};

// Fails only when output cannot be written; bad inputs are error lines.
absl::StatusOr<RunStats> RunBatch(const Pipeline& pipeline, InputReader& reader,
                                  std::FILE* records, std::FILE* errors,
                                  const RunOptions& options);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_BATCH_RUNNER_H_

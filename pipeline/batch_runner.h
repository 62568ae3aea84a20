// The batch runner: reads inputs, runs the pipeline over them on N threads
// and writes records and errors in input order.
//
// Output is byte-identical whatever the number of threads: each item's line
// is made by the same function, and lines are written in input order. Memory
// stays flat however long the stream: at most RunOptions::window items are
// between the reader and the writer at once, and their working memory,
// counted as kWorkPerTextByte times their text (the bound bench/floods.py
// measures) or their record's when that is more, stays within
// RunOptions::memory_bytes. A record over 256 KiB waits for its turn in an
// unnamed temporary file (tmpfile(3)), not in memory.
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

// What a document costs in memory while it is annotated, per byte of its
// text, at most: its layers, the stages' scratch and its record's pieces.
inline constexpr size_t kWorkPerTextByte = 20;

struct RunStats {
  int64_t documents = 0;  // items read: records + errors
  int64_t records = 0;
  int64_t errors = 0;
  uint64_t bytes = 0;     // text bytes of the documents annotated
  double seconds = 0;
  // The most working memory counted in flight at once (see above).
  uint64_t most_memory_counted = 0;
};

struct RunOptions {
  // Worker threads; 1 runs everything on the calling thread. Default: 1.
  int jobs = 1;
  // Most items in flight between reader and writer. Default (0): 16 per job.
  size_t window = 0;
  // Most working memory in flight, as counted above; one item is always
  // let through, however large. Default: 1 GiB.
  size_t memory_bytes = size_t{1} << 30;
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

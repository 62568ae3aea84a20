// Scratch buffers kept per thread from one document to the next (so that
// most documents allocate nothing) would otherwise keep, for the thread's
// life, the capacity the largest document gave them. ReleaseLarge gives
// such a buffer back after a document when it holds more than
// kScratchKeepBytes.

#ifndef NEWSMARK_STAGES_CORE_SCRATCH_H_
#define NEWSMARK_STAGES_CORE_SCRATCH_H_

#include <cstddef>

namespace newsmark {

inline constexpr size_t kScratchKeepBytes = size_t{1} << 20;

template <typename Vector>
void ReleaseLarge(Vector& v) {
  if (v.capacity() * sizeof(typename Vector::value_type) > kScratchKeepBytes) Vector().swap(v);
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_SCRATCH_H_

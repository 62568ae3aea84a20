#include "stages/gazetteer/gazetteer_matcher.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "stages/core/tokenizer.h"
#include "stages/gazetteer/gazetteer_image.h"
#include "stages/gazetteer/gazetteer_matcher_internal.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace newsmark {

using namespace gazetteer_internal;  // NOLINT: the layout's names, in this file only

namespace gazetteer_internal {

uint64_t HashBytes(const char* p, size_t size) {
  // Four lanes side by side, so the checksum of a large image costs about
  // what reading it does.
  uint64_t lanes[4] = {1, 2, 3, 4};
  size_t k = 0;
  for (; k + 32 <= size; k += 32) {
    for (int l = 0; l < 4; ++l) {
      uint64_t w;
      std::memcpy(&w, p + k + 8 * l, 8);
      lanes[l] = (lanes[l] ^ w) * 0x9E3779B97F4A7C15ULL;
      lanes[l] ^= lanes[l] >> 31;
    }
  }
  uint64_t h = size;
  for (uint64_t lane : lanes) h = (h ^ lane) * 0xC2B2AE3D27D4EB4FULL;
  for (; k < size; ++k) h = (h ^ static_cast<unsigned char>(p[k])) * 0x100000001B3ULL;
  return h ^ (h >> 32);
}

bool StartsWithCapital(std::string_view token) {
  if (token.empty()) return false;
  const unsigned char c = token[0];
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  int32_t i = 0;
  UChar32 cp;
  U8_NEXT(reinterpret_cast<const uint8_t*>(token.data()), i, static_cast<int32_t>(token.size()), cp);
  return cp >= 0 && (u_isupper(cp) || u_istitle(cp));
}

}  // namespace gazetteer_internal

std::string MatchForm(std::string_view token) {
  // Curly single quotes and the dashes of General Punctuation are marks of
  // their own (tokenizer.h); they match their ASCII forms.
  if (token.size() == 3 && token[0] == '\xE2' && token[1] == '\x80') {
    const unsigned char c = token[2];
    if (c == 0x98 || c == 0x99) return "'";
    if (c >= 0x90 && c <= 0x95) return "-";
  }
  return FoldToken(token);
}

GazetteerMatcher::GazetteerMatcher() : image_(std::make_unique<Image>()) {}
GazetteerMatcher::~GazetteerMatcher() = default;

absl::StatusOr<std::unique_ptr<const GazetteerMatcher>> GazetteerMatcher::Compile(
    const GazetteerEntries& entries, uint64_t sources_hash) {
  absl::StatusOr<std::string> image = CompileImage(entries, sources_hash);
  if (!image.ok()) return image.status();
  std::unique_ptr<GazetteerMatcher> m(new GazetteerMatcher());
  m->image_->owned = *std::move(image);
  m->image_->base = m->image_->owned.data();
  std::memcpy(&m->image_->header, m->image_->base, sizeof(ImageHeader));
  m->image_->Bind();
  return std::unique_ptr<const GazetteerMatcher>(std::move(m));
}

namespace {

// What Open checks beyond magic, version and sources: that every section
// lies inside the image and the tables have the sizes the header says.
absl::Status CheckLayout(const ImageHeader& h, size_t file_bytes) {
  if (h.header_bytes != sizeof(ImageHeader) || h.image_bytes != file_bytes) {
    return absl::DataLossError("its size is not the size its header gives (truncated?)");
  }
  for (int s = 0; s < kSectionCount; ++s) {
    const SectionRef& r = h.sections[s];
    if (r.offset % 8 != 0 || r.offset < sizeof(ImageHeader) || r.offset > file_bytes ||
        r.size > file_bytes - r.offset) {
      return absl::DataLossError(absl::StrCat("section ", s, " lies outside the file"));
    }
  }
  if (h.token_slot_bits > 40 || h.edge_slot_bits > 40 || h.filter_bits < 6 || h.filter_bits > 40 ||
      h.sections[kTokenSlots].size != (sizeof(TokenSlot) << h.token_slot_bits) ||
      h.sections[kEdgeSlots].size != (sizeof(EdgeSlot) << h.edge_slot_bits) ||
      h.sections[kFirstAny].size != (size_t{1} << h.filter_bits) / 8 ||
      h.sections[kFirstLower].size != (size_t{1} << h.filter_bits) / 8 ||
      h.sections[kLater].size != (size_t{1} << h.filter_bits) / 8) {
    return absl::DataLossError("its tables do not have the sizes its header gives");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<const GazetteerMatcher>> GazetteerMatcher::Open(
    const std::string& path, uint64_t sources_hash) {
  auto fail = [&](absl::string_view why) {
    return absl::FailedPreconditionError(absl::StrCat(path, ": ", why));
  };
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(absl::StrCat("cannot open: ", std::strerror(errno)));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return fail("not a regular file");
  }
  const size_t bytes = static_cast<size_t>(st.st_size);
  if (bytes < sizeof(ImageHeader)) {
    close(fd);
    return fail("not a compiled gazetteer (too short)");
  }
  void* mapped = mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (mapped == MAP_FAILED) return fail(absl::StrCat("cannot map: ", std::strerror(errno)));
  std::unique_ptr<GazetteerMatcher> m(new GazetteerMatcher());
  Image& image = *m->image_;
  image.mapped = mapped;
  image.mapped_bytes = bytes;
  image.base = static_cast<const char*>(mapped);
  std::memcpy(&image.header, image.base, sizeof(ImageHeader));
  const ImageHeader& h = image.header;
  if (std::memcmp(h.magic, kImageMagic, sizeof(kImageMagic)) != 0) {
    return fail("not a compiled gazetteer");
  }
  if (h.version != kImageVersion) {
    return fail(absl::StrCat("compiled by another version of newsmark (format ", h.version,
                             ", this one reads ", kImageVersion, ")"));
  }
  if (h.sources_hash != sources_hash) return fail("compiled from other gazetteer files");
  if (absl::Status s = CheckLayout(h, bytes); !s.ok()) return fail(s.message());
  if (HashBytes(image.base + sizeof(ImageHeader), bytes - sizeof(ImageHeader)) != h.content_hash) {
    return fail("corrupt (its checksum does not match)");
  }
  image.Bind();
  return std::unique_ptr<const GazetteerMatcher>(std::move(m));
}

absl::Status GazetteerMatcher::Save(const std::string& path) const {
  const std::string temporary = absl::StrCat(path, ".tmp.", getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(image_->base, static_cast<std::streamsize>(image_->header.image_bytes));
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      return absl::UnavailableError(absl::StrCat(temporary, ": cannot write"));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return absl::UnavailableError(absl::StrCat(path, ": cannot write: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

size_t GazetteerMatcher::entry_count() const { return image_->entry_count; }
size_t GazetteerMatcher::alias_count() const { return image_->alias_count; }
size_t GazetteerMatcher::image_bytes() const { return image_->header.image_bytes; }
uint64_t GazetteerMatcher::sources_hash() const { return image_->header.sources_hash; }

GazetteerEntryView GazetteerMatcher::entry(uint32_t index) const {
  const EntryRecord& r = image_->entries[index];
  return {image_->String(image_->string_pool, r.id),
          image_->String(image_->string_pool, r.canonical),
          image_->String(image_->string_pool, r.source), static_cast<EntityType>(r.type), r.prior};
}

}  // namespace newsmark

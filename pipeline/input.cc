#include "pipeline/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "rapidjson/error/en.h"
#include "rapidjson/reader.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "stages/core/strings.h"
#include "stages/core/utf8.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr size_t kReadChunk = size_t{1} << 20;

std::string ErrnoText(int err) { return std::strerror(err); }

// Reads what is available, up to `size` bytes: read(2) on a descriptor, so a
// pipe's lines are processed as they arrive rather than per full buffer;
// fread on a stream without one (tests' memory streams). 0 at the end;
// -1 with errno on failure.
ssize_t ReadSome(std::FILE* file, char* buffer, size_t size) {
  const int fd = fileno(file);
  if (fd < 0) {
    const size_t n = std::fread(buffer, 1, size, file);
    return n == 0 && std::ferror(file) ? -1 : static_cast<ssize_t>(n);
  }
  for (;;) {
    const ssize_t n = read(fd, buffer, size);
    if (n >= 0 || errno != EINTR) return n;
  }
}

// What a file that is not an article is, for its error line.
const char* SpecialFileKind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a file or folder";
}

absl::Status NotRegular(mode_t mode) {
  return absl::InvalidArgumentError(absl::StrCat(
      "not a regular file (", SpecialFileKind(mode), "): skipped"));
}

// Opens `path` for reading if it is a regular file, and sets `*size`. Only
// regular files are articles: a FIFO with no writer would block open(2) and
// read(2) for ever, and a device may never end. The caller has already
// checked the type by name; the descriptor is opened non-blocking and checked
// again, so a file replaced by a FIFO in between cannot block either.
absl::StatusOr<std::FILE*> OpenRegularFile(const std::string& path,
                                           uint64_t* size) {
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat("cannot open: ", ErrnoText(errno)));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    return absl::NotFoundError(absl::StrCat("cannot open: ", ErrnoText(err)));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return NotRegular(st.st_mode);
  }
  const int flags = fcntl(fd, F_GETFL);
  std::FILE* f = nullptr;
  if (flags == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1 ||
      (f = fdopen(fd, "rb")) == nullptr) {
    const int err = errno;
    close(fd);
    return absl::NotFoundError(absl::StrCat("cannot open: ", ErrnoText(err)));
  }
  *size = static_cast<uint64_t>(st.st_size);
  return f;
}

bool IsJsonlPath(std::string_view path) {
  return EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson");
}

bool IsInputFileName(std::string_view name) {
  return EndsWith(name, ".txt") || IsJsonlPath(name);
}

// SAX handler for one JSONL line: picks out id, text and date and copies
// every other top-level member, exactly as written, into a JSON object.
class JsonlLineHandler {
 public:
  using Ch = char;

  JsonlLineHandler() : meta_(meta_buffer_) {}

  bool Null() { return Scalar("null", [&] { return meta_.Null(); }); }
  bool Bool(bool b) {
    return Scalar("a boolean", [&] { return meta_.Bool(b); });
  }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1 && field_ == Field::kId) {
      const std::string_view number(s, n);
      if (number.find_first_not_of("-0123456789") != std::string_view::npos) {
        return Mistyped("a non-integer number");
      }
      id_.assign(s, n);
      field_ = Field::kNone;
      return true;
    }
    return Scalar("a number", [&] {
      // Writer::RawNumber would quote it; RawValue keeps it a number.
      return meta_.RawValue(s, n, rapidjson::kNumberType);
    });
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1 && field_ != Field::kMeta && field_ != Field::kNone) {
      std::string* target = field_ == Field::kId     ? &id_
                            : field_ == Field::kText ? &text_
                                                     : &date_;
      target->assign(s, n);
      field_ = Field::kNone;
      return true;
    }
    return Scalar("a string", [&] { return meta_.String(s, n); });
  }
  bool StartObject() {
    if (depth_ == 0) {
      depth_ = 1;
      return meta_.StartObject();
    }
    return Open("an object", [&] { return meta_.StartObject(); });
  }
  bool EndObject(rapidjson::SizeType) {
    Close();
    return meta_.EndObject();
  }
  bool StartArray() {
    if (depth_ == 0) return Fail("the line is a JSON array, not an object");
    return Open("an array", [&] { return meta_.StartArray(); });
  }
  bool EndArray(rapidjson::SizeType) {
    Close();
    return meta_.EndArray();
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ > 1) return meta_.Key(s, n);
    const std::string_view key(s, n);
    field_ = key == "id"     ? Field::kId
             : key == "text" ? Field::kText
             : key == "date" ? Field::kDate
                             : Field::kMeta;
    if (field_ == Field::kMeta) return meta_.Key(s, n);
    const int bit = static_cast<int>(field_);
    if (seen_ & (1 << bit)) {
      return Fail(absl::StrCat("field '", std::string(key), "' appears twice"));
    }
    seen_ |= 1 << bit;
    return true;
  }
  // Unused with kParseNumbersAsStringsFlag, but required by the interface.
  bool Int(int) { return true; }
  bool Uint(unsigned) { return true; }
  bool Int64(int64_t) { return true; }
  bool Uint64(uint64_t) { return true; }
  bool Double(double) { return true; }

  bool has_id() const { return seen_ & (1 << static_cast<int>(Field::kId)); }
  bool has_text() const {
    return seen_ & (1 << static_cast<int>(Field::kText));
  }
  bool has_date() const {
    return seen_ & (1 << static_cast<int>(Field::kDate)) && !date_null_;
  }
  std::string& id() { return id_; }
  std::string& text() { return text_; }
  const std::string& date() const { return date_; }
  const std::string& error() const { return error_; }
  std::string meta() const { return meta_buffer_.GetString(); }

 private:
  enum class Field { kNone, kId, kText, kDate, kMeta };

  std::string_view FieldName() const {
    return field_ == Field::kId ? "id" : field_ == Field::kText ? "text" : "date";
  }

  bool Fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // A value for one of our own fields has the wrong JSON type.
  bool Mistyped(std::string_view what) {
    const std::string_view want =
        field_ == Field::kId ? "a string or an integer" : "a string";
    return Fail(absl::StrCat("field '", std::string(FieldName()), "' must be ",
                             std::string(want), ", not ", std::string(what)));
  }

  template <typename WriteFn>
  bool Scalar(std::string_view what, WriteFn write) {
    if (depth_ == 0) return Fail("the line is not a JSON object");
    if (depth_ == 1 && field_ != Field::kMeta) {
      if (field_ == Field::kDate && what == "null") {
        date_null_ = true;
        field_ = Field::kNone;
        return true;
      }
      return Mistyped(what);
    }
    if (depth_ == 1) field_ = Field::kNone;
    return write();
  }

  template <typename WriteFn>
  bool Open(std::string_view what, WriteFn write) {
    if (depth_ == 1 && field_ != Field::kMeta) return Mistyped(what);
    ++depth_;
    return write();
  }

  void Close() {
    --depth_;
    if (depth_ == 1) field_ = Field::kNone;
  }

  int depth_ = 0;
  Field field_ = Field::kNone;
  int seen_ = 0;
  bool date_null_ = false;
  std::string id_, text_, date_, error_;
  rapidjson::StringBuffer meta_buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> meta_;
};

}  // namespace

absl::Status CheckText(std::string_view text, size_t max_document_bytes) {
  if (text.size() > max_document_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("text is ", text.size(), " bytes, over the limit of ",
                     max_document_bytes, " (--max-doc-bytes)"));
  }
  const size_t bad = FindInvalidUtf8(text);
  if (bad != text.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid UTF-8 at byte ", bad));
  }
  const void* nul = std::memchr(text.data(), '\0', text.size());
  if (nul != nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "NUL byte at byte ", static_cast<const char*>(nul) - text.data()));
  }
  if (SkipWhiteSpace(text, 0) == text.size()) {  // ASCII or Unicode spaces only
    return absl::InvalidArgumentError(text.empty() ? "empty text"
                                                   : "text is all blank");
  }
  return absl::OkStatus();
}

// Reads lines of at most `max_line` bytes from a FILE, in 1 MiB chunks.
class InputReader::LineReader {
 public:
  enum class Result { kLine, kTooLong, kReadError, kEnd };

  // `prefix`: bytes already taken from `file`, read before it.
  LineReader(std::FILE* file, bool owned, size_t max_line, std::string prefix)
      : file_(file), owned_(owned), max_line_(max_line),
        buffer_(std::max(kReadChunk, prefix.size())) {
    std::copy(prefix.begin(), prefix.end(), buffer_.begin());
    len_ = prefix.size();
  }
  ~LineReader() {
    if (owned_) std::fclose(file_);
  }

  // The 1-based number of the line Next returned last.
  int64_t line_number() const { return line_number_; }
  int read_errno() const { return read_errno_; }

  Result Next(std::string* line) {
    line->clear();
    bool started = false, too_long = false;
    for (;;) {
      if (pos_ == len_ && !Fill()) {
        if (read_errno_ != 0) return Result::kReadError;
        if (!started) return Result::kEnd;
        ++line_number_;  // a last line without '\n'
        return too_long ? Result::kTooLong : Result::kLine;
      }
      started = true;
      const char* begin = buffer_.data() + pos_;
      const char* nl = static_cast<const char*>(
          std::memchr(begin, '\n', len_ - pos_));
      const size_t n = (nl ? nl : buffer_.data() + len_) - begin;
      if (!too_long && line->size() + n > max_line_) {
        too_long = true;
        std::string().swap(*line);
      }
      if (!too_long) line->append(begin, n);
      pos_ += n;
      if (nl != nullptr) {
        ++pos_;
        ++line_number_;
        return too_long ? Result::kTooLong : Result::kLine;
      }
    }
  }

 private:
  bool Fill() {
    if (eof_) return false;
    const ssize_t n = ReadSome(file_, buffer_.data(), buffer_.size());
    pos_ = 0;
    len_ = n > 0 ? n : 0;
    if (n <= 0) {
      eof_ = true;
      if (n < 0) read_errno_ = errno != 0 ? errno : EIO;
      return false;
    }
    return true;
  }

  std::FILE* file_;
  bool owned_;
  size_t max_line_;
  std::vector<char> buffer_;
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
  int read_errno_ = 0;
  int64_t line_number_ = 0;
};

InputReader::InputReader(std::vector<std::string> paths, InputOptions options,
                         std::FILE* standard_input)
    : options_(std::move(options)), standard_input_(standard_input) {
  for (auto& path : paths) pending_.push_back({std::move(path), false});
}

InputReader::~InputReader() = default;

void InputReader::OpenJsonl(const std::string& path, std::FILE* file,
                            bool owned, std::string prefix) {
  jsonl_ = std::make_unique<LineReader>(
      file, owned, 2 * options_.max_document_bytes, std::move(prefix));
  jsonl_path_ = path;
}

void InputReader::CloseJsonl() {
  jsonl_.reset();
  jsonl_path_.clear();
}

bool InputReader::Next(InputItem* item) {
  for (;;) {
    *item = InputItem();
    if (!ready_.empty()) {
      *item = std::move(ready_.front());
      ready_.pop_front();
      return true;
    }
    if (jsonl_ != nullptr) {
      std::string line;
      const LineReader::Result r = jsonl_->Next(&line);
      item->place.source = jsonl_path_;
      item->place.line = jsonl_->line_number();
      switch (r) {
        case LineReader::Result::kEnd:
          CloseJsonl();
          continue;
        case LineReader::Result::kReadError:
          item->status = absl::DataLossError(
              absl::StrCat("read failed: ", ErrnoText(jsonl_->read_errno())));
          ++item->place.line;
          CloseJsonl();
          return true;
        case LineReader::Result::kTooLong:
          item->status = absl::InvalidArgumentError(absl::StrCat(
              "line is longer than ", 2 * options_.max_document_bytes,
              " bytes (twice --max-doc-bytes)"));
          return true;
        case LineReader::Result::kLine: {
          if (item->place.line == 1 && StartsWith(line, kBom)) {
            line.erase(0, kBom.size());
          }
          if (IsAsciiBlank(line)) continue;
          ParseJsonLine(line, item);
          return true;
        }
      }
    }
    if (pending_.empty()) return false;
    Pending next = std::move(pending_.front());
    pending_.pop_front();
    const std::string& path = next.path;

    if (path == "-" && !next.from_folder) {
      // Sniff without losing a byte: what is read to decide is handed on.
      std::string prefix;
      std::string format = options_.stdin_format;
      if (format == "auto") {
        char chunk[4096];
        size_t i = 0;
        for (;;) {
          if (i == prefix.size()) {
            const ssize_t n = ReadSome(standard_input_, chunk, sizeof chunk);
            if (n <= 0) break;
            prefix.append(chunk, n);
          }
          if (i == 0 && StartsWith(prefix, kBom)) {
            i = kBom.size();
            continue;
          }
          if (i < prefix.size() && !IsAsciiSpace(prefix[i])) break;
          if (i < prefix.size()) ++i;
        }
        format = i < prefix.size() && prefix[i] == '{' ? "jsonl" : "txt";
      }
      if (format == "jsonl") {
        OpenJsonl("-", standard_input_, /*owned=*/false, std::move(prefix));
        continue;
      }
      ReadTextStream(standard_input_, "-", std::move(prefix), item);
      return true;
    }

    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      item->place.source = path;
      item->status = absl::NotFoundError(absl::StrCat(
          "cannot read: ", ec ? ec.message() : "No such file or directory"));
      return true;
    }
    if (fs::is_directory(st)) {
      ExpandFolder(path);
      continue;
    }
    if (!fs::is_regular_file(st)) {
      // Not opened at all: a device's open(2) may act, a socket's fails.
      struct stat mode;
      item->place.source = path;
      item->status = NotRegular(stat(path.c_str(), &mode) == 0 ? mode.st_mode : 0);
      return true;
    }
    if (IsJsonlPath(path)) {
      uint64_t size = 0;
      absl::StatusOr<std::FILE*> f = OpenRegularFile(path, &size);
      if (!f.ok()) {
        item->place.source = path;
        item->status = f.status();
        return true;
      }
      OpenJsonl(path, *f, /*owned=*/true, "");
      continue;
    }
    ReadTextFile(path, item);
    return true;
  }
}

void InputReader::ExpandFolder(const std::string& path) {
  std::error_code ec;
  fs::directory_iterator it(path, ec);
  std::vector<std::pair<std::string, bool>> children;  // path, is folder
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code type_ec;
    const bool is_folder = it->is_directory(type_ec);  // follows links
    // Folders reached through links are not walked, whatever their name:
    // a link back up would repeat documents without end.
    if (is_folder && it->is_symlink(type_ec)) continue;
    if (!is_folder && !IsInputFileName(name)) continue;
    children.emplace_back(it->path().string(), is_folder);
  }
  if (ec) {
    InputItem error;
    error.place.source = path;
    error.status = absl::PermissionDeniedError(
        absl::StrCat("cannot read folder: ", ec.message()));
    ready_.push_back(std::move(error));
    return;
  }
  std::sort(children.begin(), children.end());
  for (auto child = children.rbegin(); child != children.rend(); ++child) {
    pending_.push_front({child->first, true});
  }
}

void InputReader::ReadTextFile(const std::string& path, InputItem* item) {
  item->place.source = path;
  item->place.id = path;
  uint64_t size = 0;
  absl::StatusOr<std::FILE*> f = OpenRegularFile(path, &size);
  if (!f.ok()) {
    item->status = f.status();
    return;
  }
  if (size > options_.max_document_bytes + kBom.size()) {
    std::fclose(*f);
    item->status = absl::InvalidArgumentError(absl::StrCat(
        "file is ", size, " bytes, over the limit of ",
        options_.max_document_bytes, " (--max-doc-bytes)"));
    return;
  }
  ReadTextStream(*f, path, "", item);
  std::fclose(*f);
}

void InputReader::ReadTextStream(std::FILE* file, const std::string& name,
                                 std::string prefix, InputItem* item) {
  item->place.source = name;
  item->place.id = name;
  item->date = options_.default_date;
  std::string text = std::move(prefix);
  std::vector<char> chunk(kReadChunk);
  const size_t limit = options_.max_document_bytes + kBom.size();
  // A file's size, when it has one, is the text's: no doubling past it.
  struct stat st;
  const int fd = fileno(file);
  if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<uint64_t>(st.st_size) <= limit) {
    text.reserve(static_cast<size_t>(st.st_size));
  }
  for (;;) {
    const ssize_t n = ReadSome(file, chunk.data(), chunk.size());
    if (n < 0) {
      item->status =
          absl::DataLossError(absl::StrCat("read failed: ", ErrnoText(errno)));
      return;
    }
    if (n == 0) break;
    if (text.size() + n > limit) {
      item->status = absl::InvalidArgumentError(absl::StrCat(
          "text is over the limit of ", options_.max_document_bytes,
          " bytes (--max-doc-bytes)"));
      return;
    }
    text.append(chunk.data(), n);
  }
  if (StartsWith(text, kBom)) text.erase(0, kBom.size());
  // A stream read to its end may have doubled past its text; the text
  // lives as long as the document.
  if (text.capacity() > text.size() + text.size() / 8 + kReadChunk) text.shrink_to_fit();
  item->status = CheckText(text, options_.max_document_bytes);
  if (item->status.ok()) item->text = std::move(text);
}

void InputReader::ParseJsonLine(std::string& line, InputItem* item) const {
  if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
    item->status = absl::InvalidArgumentError(absl::StrCat(
        "NUL byte in the line at column ",
        static_cast<const char*>(nul) - line.data() + 1));
    return;
  }
  // RapidJSON's UTF-8 check takes all the continuation bytes a lead byte
  // announces before it looks at them: a line ending in a four-byte lead is
  // read three bytes past its end, the terminating NUL and two more. Three
  // NULs keep that inside `line`; the first of them ends the JSON text.
  line.append(3, '\0');
  // Parsed in place: strings are unescaped inside `line` itself, which is
  // three times faster here than copying them out (bench/json_bench.cc).
  rapidjson::InsituStringStream stream(line.data());
  rapidjson::Reader reader;
  JsonlLineHandler handler;
  // Iterative: deep nesting in a carried field cannot exhaust the stack.
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag |
                              rapidjson::kParseIterativeFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  const rapidjson::ParseResult result = reader.Parse<kFlags>(stream, handler);
  if (handler.has_id() && !handler.id().empty()) {
    item->place.id = handler.id();
  }
  if (!handler.error().empty()) {
    item->status = absl::InvalidArgumentError(handler.error());
    return;
  }
  if (result.IsError()) {
    item->status = absl::InvalidArgumentError(absl::StrCat(
        "invalid JSON at column ", result.Offset() + 1, ": ",
        rapidjson::GetParseError_En(result.Code())));
    return;
  }
  if (handler.has_id() && handler.id().empty()) {
    item->status = absl::InvalidArgumentError("field 'id' is empty");
    return;
  }
  // RapidJSON lets a lone low surrogate escape ("\udc00") through as
  // ill-formed UTF-8; nothing ill-formed may reach a record.
  if (FindInvalidUtf8(handler.id()) != handler.id().size()) {
    item->place.id.clear();
    item->status = absl::InvalidArgumentError(
        "field 'id' is not valid UTF-8 (a lone surrogate escape?)");
    return;
  }
  const std::string meta = handler.meta();
  if (const size_t bad = FindInvalidUtf8(meta); bad != meta.size()) {
    item->status = absl::InvalidArgumentError(
        "a carried field is not valid UTF-8 (a lone surrogate escape?)");
    return;
  }
  if (!handler.has_id()) {
    item->place.id = absl::StrCat(item->place.source, ":", item->place.line);
  }
  if (!handler.has_text()) {
    item->status = absl::InvalidArgumentError("missing field 'text'");
    return;
  }
  if (handler.has_date()) {
    item->date = ParseIsoDate(handler.date());
    if (!item->date) {
      item->status = absl::InvalidArgumentError(
          absl::StrCat("field 'date' is not an ISO 8601 date (YYYY-MM-DD): \"",
                       handler.date(), "\""));
      return;
    }
    if (!IsDocumentDate(*item->date)) {
      item->status = absl::InvalidArgumentError(absl::StrCat(
          "field 'date' is out of range: \"", handler.date(),
          "\" (document dates are ", kDocumentDateRange, ")"));
      return;
    }
  } else {
    item->date = options_.default_date;
  }
  item->status = CheckText(handler.text(), options_.max_document_bytes);
  if (!item->status.ok()) return;
  item->text = std::move(handler.text());
  item->meta_json = meta;
}

}  // namespace newsmark

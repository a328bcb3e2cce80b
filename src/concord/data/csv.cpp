#include "concord/data/csv.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <system_error>

namespace concord::data {

std::optional<int> to_int(std::string_view text) noexcept {
  int value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (!text.empty() && *first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || first == last) return std::nullopt;
  return value;
}

std::optional<double> to_double(std::string_view text) noexcept {
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (!text.empty() && *first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || first == last || !std::isfinite(value)) return std::nullopt;
  return value;
}

int parse_int_field(std::string_view text, const Location& where) {
  int value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (!text.empty() && *first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range) {
    throw InputError(where, fmt::format("expected an integer, got '{}' (out of range)", text));
  }
  if (ec != std::errc() || ptr != last || first == last) {
    throw InputError(where, fmt::format("expected an integer, got '{}'", text));
  }
  return value;
}

double parse_double_field(std::string_view text, const Location& where) {
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (!text.empty() && *first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || first == last || !std::isfinite(value)) {
    throw InputError(where, fmt::format("expected a number, got '{}'", text));
  }
  return value;
}

Date parse_iso_date_field(std::string_view text, const Location& where) {
  auto bad = [&] { return InputError(where, fmt::format("expected a date YYYY-MM-DD, got '{}'", text)); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad();
  auto part = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, v);
    if (ec != std::errc() || ptr != text.data() + pos + len) throw bad();
    return v;
  };
  Date d{part(0, 4), part(5, 2), part(8, 2)};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) throw bad();
  return d;
}

std::string LineEndings::describe() const {
  const std::size_t n_lf = lf.load();
  const std::size_t n_crlf = crlf.load();
  const std::size_t n_cr = cr.load();
  const int kinds = (n_lf > 0 ? 1 : 0) + (n_crlf > 0 ? 1 : 0) + (n_cr > 0 ? 1 : 0);
  if (kinds == 0) return "none";
  if (kinds == 1) return n_lf > 0 ? "LF" : n_crlf > 0 ? "CRLF" : "CR-only (classic Mac OS)";
  std::string parts;
  auto add = [&](std::size_t n, const char* name) {
    if (n == 0) return;
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} {}", n, name);
  };
  add(n_lf, "LF");
  add(n_crlf, "CRLF");
  add(n_cr, "CR-only");
  return fmt::format("mixed ({})", parts);
}

std::string LineEndings::suffix() const {
  return unusual() ? fmt::format(" (line endings: {})", describe()) : std::string();
}

namespace {

[[noreturn]] void throw_cannot_open(const std::filesystem::path& file, int err) {
  throw InputError(Location{file.string(), 0, 0, ""},
                   err != 0 ? fmt::format("cannot open the file ({})", std::generic_category().message(err))
                            : std::string("cannot open the file (does it exist and is it readable?)"));
}

// Reads a FILE* and hands on every line break as '\n'. A "\r" at the end of one chunk and a
// "\n" at the start of the next are one CRLF (after_cr_ carries over).
class LineBreakSource final : public io::ByteSourceBase {
 public:
  LineBreakSource(std::FILE* file, std::shared_ptr<LineEndings> seen) : file_(file), seen_(std::move(seen)) {
    std::setvbuf(file_, nullptr, _IONBF, 0);
  }
  LineBreakSource(const LineBreakSource&) = delete;
  LineBreakSource& operator=(const LineBreakSource&) = delete;
  ~LineBreakSource() override { std::fclose(file_); }

  // libfccp takes a short read for the end of the file: fill `size` bytes unless the file ends.
  int read(char* buffer, int size) override {
    int out = 0;
    std::size_t n_lf = 0;
    std::size_t n_crlf = 0;
    std::size_t n_cr = 0;
    while (out < size) {
      if (pos_ == len_) {
        len_ = std::fread(raw_, 1, sizeof raw_, file_);
        pos_ = 0;
        if (len_ == 0) {
          if (after_cr_) ++n_cr;
          after_cr_ = false;
          break;
        }
      }
      const char c = raw_[pos_++];
      if (after_cr_) {
        after_cr_ = false;
        if (c == '\n') {
          ++n_crlf;
          continue;  // the '\n' of "\r\n" was handed on with the '\r'
        }
        ++n_cr;
      }
      if (c == '\r') {
        after_cr_ = true;
        buffer[out++] = '\n';
      } else {
        if (c == '\n') ++n_lf;
        buffer[out++] = c;
      }
    }
    seen_->lf += n_lf;
    seen_->crlf += n_crlf;
    seen_->cr += n_cr;
    return out;
  }

 private:
  std::FILE* file_;
  std::shared_ptr<LineEndings> seen_;
  char raw_[1 << 16] = {};
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
  bool after_cr_ = false;
};

}  // namespace

std::unique_ptr<io::ByteSourceBase> open_csv_source(const std::filesystem::path& file,
                                                    std::shared_ptr<LineEndings> seen) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) throw_cannot_open(file, errno);
  if (!seen) seen = std::make_shared<LineEndings>();
  return std::make_unique<LineBreakSource>(f, std::move(seen));
}

std::vector<std::string> read_text_lines(const std::filesystem::path& file, LineEndings* seen) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) throw_cannot_open(file, errno);
  std::string text;
  char chunk[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, got);
  std::fclose(f);
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // UTF-8 BOM
  std::vector<std::string> lines;
  std::string cur;
  bool open_line = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (seen != nullptr) {
        if (c == '\n') ++seen->lf;
        else if (i + 1 < text.size() && text[i + 1] == '\n') ++seen->crlf;
        else ++seen->cr;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      lines.push_back(std::move(cur));
      cur.clear();
      open_line = false;
    } else {
      cur += c;
      open_line = true;
    }
  }
  if (open_line) lines.push_back(std::move(cur));
  return lines;
}

std::vector<std::string> read_header_names(const std::filesystem::path& file) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) throw_cannot_open(file, errno);
  std::string line;  // up to the first line break of any kind
  for (int c = std::fgetc(f); c != EOF && c != '\n' && c != '\r'; c = std::fgetc(f)) line += static_cast<char>(c);
  std::fclose(f);
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // UTF-8 BOM
  std::vector<std::string> names;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      names.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  names.push_back(cur);
  for (auto& n : names) {
    while (!n.empty() && (n.back() == ' ' || n.back() == '\t')) n.pop_back();
    while (!n.empty() && (n.front() == ' ' || n.front() == '\t')) n.erase(n.begin());
  }
  return names;
}

namespace detail {

[[noreturn]] void rethrow_csv_error(const io::error::base& e, const std::string& file, long line,
                                    const std::vector<std::string>& header, const LineEndings* seen) {
  const std::string endings = seen != nullptr ? seen->suffix() : std::string();
  auto header_list = [&] {
    std::string s;
    for (std::size_t i = 0; i < header.size(); ++i) s += (i ? "," : "") + header[i];
    return s;
  };
  if (const auto* m = dynamic_cast<const io::error::missing_column_in_header*>(&e)) {
    throw InputError(
        Location{file, 1, 0, m->column_name},
        fmt::format("missing column '{}' in the header (header is: {})", m->column_name, header_list()));
  }
  if (const auto* d = dynamic_cast<const io::error::duplicated_column_in_header*>(&e)) {
    throw InputError(Location{file, 1, 0, d->column_name},
                     fmt::format("column '{}' appears twice in the header", d->column_name));
  }
  if (dynamic_cast<const io::error::header_missing*>(&e) != nullptr) {
    throw InputError(Location{file, 1, 0, ""}, "the file is empty: expected a header line");
  }
  if (dynamic_cast<const io::error::too_few_columns*>(&e) != nullptr) {
    throw InputError(Location{file, line, 0, ""},
                     fmt::format("too few fields: expected {} as in the header{}", header.size(), endings));
  }
  if (dynamic_cast<const io::error::too_many_columns*>(&e) != nullptr) {
    throw InputError(
        Location{file, line, 0, ""},
        fmt::format("too many fields: expected {} as in the header (an unquoted comma?){}", header.size(), endings));
  }
  if (dynamic_cast<const io::error::escaped_string_not_closed*>(&e) != nullptr) {
    throw InputError(Location{file, line, 0, ""}, "a quoted field is not closed" + endings);
  }
  if (dynamic_cast<const io::error::can_not_open_file*>(&e) != nullptr) {
    throw InputError(Location{file, 0, 0, ""}, "cannot open the file");
  }
  if (dynamic_cast<const io::error::line_length_limit_exceeded*>(&e) != nullptr) {
    throw InputError(Location{file, line, 0, ""}, "a line is longer than 16 MiB" + endings);
  }
  throw InputError(Location{file, line, 0, ""}, fmt::format("malformed CSV: {}{}", e.what(), endings));
}

}  // namespace detail
}  // namespace concord::data

// Reading one CSV file with the Fast C++ CSV Parser (<libfccp/csv.h>) and converting its
// fields with checked conversions. Used by every reader in src/concord/data/.
//
// Parsing (splitting lines, quotes, header matching) is libfccp's io::CSVReader; this layer
// adds what the field needs: every error becomes a concord::InputError that names the file, the
// line, the column number and field name and what was expected, and every missing value is
// counted per field in the ReadReport.
#pragma once

#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

// libfccp copies file names with strncpy into fixed buffers; GCC's -Wstringop-truncation flags
// that inside the library when optimising. The truncation is the library's documented intent.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include "concord/common/error.hpp"
#include "concord/data/table.hpp"

namespace concord::data {

/// Which cell contents mean "missing" for a field. COW raw files code missing as -9 (and -8 "not
/// applicable", -7 "ongoing" in the war files); peacesciencer and other R exports leave the cell
/// empty. Flags combine with |.
enum Missing : unsigned {
  kNotMissing = 0,   ///< the field must always hold a value
  kEmpty = 1U << 0,  ///< empty cell
  kMinus9 = 1U << 1,
  kMinus8 = 1U << 2,
  kMinus7 = 1U << 3,
  kEmptyOrMinus9 = kEmpty | kMinus9,
};

/// Whole-string conversions without a location (nullopt if `text` is not entirely a value of
/// the type; a leading '+' is accepted). Used on the hot path; the *_field forms below throw.
std::optional<int> to_int(std::string_view text) noexcept;
std::optional<double> to_double(std::string_view text) noexcept;

/// Checked conversions of one cell. Each throws InputError at `where` (file, line, column, field)
/// with "expected <type>, got '<text>'" when the text is not entirely a value of that type.
int parse_int_field(std::string_view text, const Location& where);
double parse_double_field(std::string_view text, const Location& where);
/// ISO date "YYYY-MM-DD".
Date parse_iso_date_field(std::string_view text, const Location& where);

/// The line breaks of one file, counted as it is read. Every CSV reader of concord accepts LF
/// (Unix), CRLF (Windows) and CR-only (classic Mac OS, as Excel for Mac still writes "CSV
/// (Macintosh)") line endings, and a missing final newline; an error in the structure of a row
/// (too few or too many fields, an unclosed quote) names the endings seen when they are not all
/// LF, since a stray or unusual line break is then a likely cause. The counters are atomic: the
/// CSV library reads large files on a second thread.
struct LineEndings {
  std::atomic<std::size_t> lf{0};    ///< "\n" not preceded by "\r"
  std::atomic<std::size_t> crlf{0};  ///< "\r\n"
  std::atomic<std::size_t> cr{0};    ///< "\r" not followed by "\n"
  /// "LF", "CRLF", "CR-only (classic Mac OS)", "mixed (12 LF, 1 CR-only)", or "none" (one line).
  [[nodiscard]] std::string describe() const;
  /// True unless every line break seen is LF (or there is none).
  [[nodiscard]] bool unusual() const noexcept { return crlf.load() + cr.load() > 0; }
  /// " (line endings: CR-only (classic Mac OS))" when unusual(), else "": appended to messages.
  [[nodiscard]] std::string suffix() const;
};

/// A byte source for the CSV library (libfccp's io::ByteSourceBase) over `file` that hands on
/// every line break as "\n" (LF, CRLF and CR-only alike) and counts them in `seen`. Throws
/// InputError (file, reason) if the file cannot be opened.
[[nodiscard]] std::unique_ptr<io::ByteSourceBase> open_csv_source(const std::filesystem::path& file,
                                                                 std::shared_ptr<LineEndings> seen);

/// The lines of a small text file, split at LF, CRLF or CR-only breaks (a missing final newline
/// is accepted; a final line break does not add an empty line). Throws InputError if the file
/// cannot be opened. For readers that split fields by hand.
[[nodiscard]] std::vector<std::string> read_text_lines(const std::filesystem::path& file,
                                                       LineEndings* seen = nullptr);

/// Column names of the first line of `file` (quotes removed, surrounding blanks trimmed), to
/// give column numbers in messages. Throws InputError if the file cannot be opened.
std::vector<std::string> read_header_names(const std::filesystem::path& file);

namespace detail {
// Turns a libfccp error into an InputError naming file and line (and the line endings seen
// when they are unusual and the error is one of a row's structure).
[[noreturn]] void rethrow_csv_error(const io::error::base& e, const std::string& file, long line,
                                    const std::vector<std::string>& header, const LineEndings* seen = nullptr);
}  // namespace detail

/// One CSV file being read row by row. `N` is the number of columns the reader needs; the file
/// may have more (they are ignored: io::ignore_extra_column), in any order. A missing column
/// is an InputError naming it.
///
///   CsvFile<3> csv(path, "COW NMC 7.0", {"ccode", "year", "milex"});
///   while (csv.next()) { int c = csv.integer(0); double m = csv.real(2, kEmpty); ... }
///   ReadReport r = csv.finish();
template <unsigned N>
class CsvFile {
 public:
  using Reader = io::CSVReader<N, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>>;

  CsvFile(const std::filesystem::path& file, std::string dataset, std::array<const char*, N> columns)
      : file_(file.string()), header_(read_header_names(file)) {
    report_.dataset = std::move(dataset);
    report_.file = file_;
    for (unsigned i = 0; i < N; ++i) {
      names_[i] = columns[i];
      column_number_[i] = 0;
      for (std::size_t c = 0; c < header_.size(); ++c) {
        if (header_[c] == columns[i]) column_number_[i] = static_cast<long>(c) + 1;
      }
      report_.missing.push_back(FieldMissing{columns[i], 0});
    }
    try {
      reader_.emplace(file_, open_csv_source(file, endings_));
      std::apply([this](auto... names) { reader_->read_header(io::ignore_extra_column, names...); }, columns);
    } catch (const io::error::base& e) {
      detail::rethrow_csv_error(e, file_, 1, header_, endings_.get());
    }
  }

  /// Reads the next data row; false at the end of the file.
  bool next() {
    try {
      bool ok = std::apply([this](auto&... cells) { return reader_->read_row(cells...); }, cells_);
      line_ = static_cast<long>(reader_->get_file_line());
      if (ok) ++report_.rows_read;
      return ok;
    } catch (const io::error::base& e) {
      detail::rethrow_csv_error(e, file_, static_cast<long>(reader_->get_file_line()), header_, endings_.get());
    }
  }

  /// The line breaks seen so far.
  [[nodiscard]] const LineEndings& line_endings() const noexcept { return *endings_; }
  /// 1-based line of the current row (the header is line 1).
  [[nodiscard]] long line() const noexcept { return line_; }
  [[nodiscard]] std::uint32_t line32() const noexcept { return static_cast<std::uint32_t>(line_); }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  /// Location of field `i` of the current row.
  [[nodiscard]] Location where(unsigned i) const {
    return Location{file_, line_, column_number_[i], names_[i]};
  }

  /// Raw text of field `i` (valid until the next call to next()).
  [[nodiscard]] std::string_view text(unsigned i) const noexcept {
    const char* p = cells_[i];
    return p == nullptr ? std::string_view{} : std::string_view{p};
  }
  [[nodiscard]] std::string str(unsigned i) const { return std::string(text(i)); }
  /// Text, counting an empty cell as missing.
  [[nodiscard]] std::string str_or_missing(unsigned i) {
    if (text(i).empty()) ++report_.missing[i].count;
    return str(i);
  }

  /// A required integer.
  [[nodiscard]] int integer(unsigned i) const {
    std::string_view t = text(i);
    if (t.empty()) throw InputError(where(i), "expected an integer, got an empty cell");
    if (auto v = to_int(t)) return *v;
    return parse_int_field(t, where(i));  // throws with the reason
  }
  /// An integer that may be missing: empty cells (if kEmpty is set) become `code`; COW codes
  /// matching `missing` are kept as they are. Both are counted as missing.
  [[nodiscard]] int coded(unsigned i, unsigned missing, int code = -9) {
    std::string_view t = text(i);
    if (t.empty()) {
      if ((missing & kEmpty) == 0U) throw InputError(where(i), "expected an integer, got an empty cell");
      ++report_.missing[i].count;
      return code;
    }
    auto parsed = to_int(t);
    int v = parsed ? *parsed : parse_int_field(t, where(i));
    if (is_code(v, missing)) ++report_.missing[i].count;
    return v;
  }
  /// A real number; missing (per `missing`) becomes NaN and is counted.
  [[nodiscard]] double real(unsigned i, unsigned missing) {
    std::string_view t = text(i);
    if (t.empty()) {
      if ((missing & kEmpty) == 0U) throw InputError(where(i), "expected a number, got an empty cell");
      ++report_.missing[i].count;
      return std::nan("");
    }
    auto parsed = to_double(t);
    double v = parsed ? *parsed : parse_double_field(t, where(i));
    if (v == std::floor(v) && v >= -9.0 && v <= -7.0 && is_code(static_cast<int>(v), missing)) {
      ++report_.missing[i].count;
      return std::nan("");
    }
    return v;
  }
  /// An ISO date; an empty cell (if allowed) gives Date{-9,-9,-9} and is counted.
  [[nodiscard]] Date date(unsigned i, unsigned missing) {
    std::string_view t = text(i);
    if (t.empty()) {
      if ((missing & kEmpty) == 0U)
        throw InputError(where(i), "expected a date YYYY-MM-DD, got an empty cell");
      ++report_.missing[i].count;
      return Date{-9, -9, -9};
    }
    return parse_iso_date_field(t, where(i));
  }

  /// Throws InputError at field `i` of the current row with `message`.
  [[noreturn]] void fail(unsigned i, const std::string& message) const {
    throw InputError(where(i), message);
  }

  ReadReport& report() noexcept { return report_; }
  /// The report, with rows_kept = rows_read - skipped.
  ReadReport finish() {
    report_.rows_kept = report_.rows_read - report_.rows_skipped();
    return std::move(report_);
  }

 private:
  static bool is_code(int v, unsigned missing) {
    return (v == -9 && (missing & kMinus9)) || (v == -8 && (missing & kMinus8)) ||
           (v == -7 && (missing & kMinus7));
  }
  std::string file_;
  std::vector<std::string> header_;
  std::shared_ptr<LineEndings> endings_ = std::make_shared<LineEndings>();
  std::array<std::string, N> names_{};
  std::array<long, N> column_number_{};
  std::optional<Reader> reader_;
  std::array<char*, N> cells_{};
  long line_ = 1;
  ReadReport report_;
};

}  // namespace concord::data

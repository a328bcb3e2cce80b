#include "concord/data/csv.hpp"

#include "concord/common/input_file.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>

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

std::vector<std::string> read_header_names(const std::filesystem::path& file) {
  check_input_file(file, "a CSV file");
  std::ifstream in(file);
  if (!in) {
    throw InputError(Location{file.string(), 0, 0, ""},
                     "cannot open the file (does it exist and is it readable?)");
  }
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
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
                                    const std::vector<std::string>& header) {
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
                     fmt::format("too few fields: expected {} as in the header", header.size()));
  }
  if (dynamic_cast<const io::error::too_many_columns*>(&e) != nullptr) {
    throw InputError(
        Location{file, line, 0, ""},
        fmt::format("too many fields: expected {} as in the header (an unquoted comma?)", header.size()));
  }
  if (dynamic_cast<const io::error::escaped_string_not_closed*>(&e) != nullptr) {
    throw InputError(Location{file, line, 0, ""}, "a quoted field is not closed");
  }
  if (dynamic_cast<const io::error::can_not_open_file*>(&e) != nullptr) {
    throw InputError(Location{file, 0, 0, ""}, "cannot open the file");
  }
  throw InputError(Location{file, line, 0, ""}, fmt::format("malformed CSV: {}", e.what()));
}

}  // namespace detail
}  // namespace concord::data

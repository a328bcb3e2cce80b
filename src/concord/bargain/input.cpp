#include "concord/bargain/input.hpp"

#include <fmt/format.h>
#include <libfccp/csv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "concord/common/error.hpp"

namespace concord::bargain {

namespace {

using Quote = io::double_quote_escape<',', '"'>;
using Trim = io::trim_chars<' ', '\t'>;

struct Row {
  long line = 0;
  std::vector<std::string> cells;
};

// Every non-blank line of a CSV file, split into trimmed, unquoted cells.
std::vector<Row> read_rows(const std::filesystem::path& file) {
  std::vector<Row> rows;
  try {
    io::LineReader reader(file.string());
    while (char* line = reader.next_line()) {
      Row row;
      row.line = static_cast<long>(reader.get_file_line());
      std::string_view whole(line);
      if (whole.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      char* rest = line;
      while (rest != nullptr) {
        char* begin = nullptr;
        char* end = nullptr;
        io::detail::chop_next_column<Quote>(rest, begin, end);
        Trim::trim(begin, end);
        Quote::unescape(begin, end);
        row.cells.emplace_back(begin, end);
      }
      rows.push_back(std::move(row));
    }
  } catch (const io::error::can_not_open_file&) {
    throw InputError(Location{file.string(), 0, 0, ""}, "cannot open the file");
  } catch (const io::error::base& e) {
    throw InputError(Location{file.string(), 0, 0, ""}, std::string("cannot read CSV: ") + e.what());
  }
  return rows;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Drops trailing empty cells (KTAB writes a comma at the end of every line).
void drop_trailing_empty(std::vector<std::string>& cells) {
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
}

class Collector {
 public:
  explicit Collector(std::string file) : file_(std::move(file)) {}

  void add(long line, long column, std::string field, std::string message) {
    problems_.push_back(Problem{Location{file_, line, column, std::move(field)}, std::move(message)});
  }

  std::optional<double> number(const Row& row, std::size_t col, const std::string& field) {
    const std::string& text = row.cells[col];
    if (text.empty()) {
      add(row.line, static_cast<long>(col + 1), field, "expected a number, the cell is empty");
      return std::nullopt;
    }
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v)) {
      add(row.line, static_cast<long>(col + 1), field, fmt::format("expected a finite number, got '{}'", text));
      return std::nullopt;
    }
    return v;
  }

  void throw_if_any() const {
    if (!problems_.empty()) throw InputError(problems_);
  }

  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Problem> problems_;
};

bool looks_like_ktab(const std::vector<Row>& rows) {
  if (rows.size() < 2 || rows[0].cells.empty()) return false;
  if (lower(rows[0].cells[0]) == "actor") return false;
  const auto& h = rows[1].cells;
  return h.size() >= 3 && lower(h[0]) == "actor" && lower(h[2]) == "power";
}

void check_actor_name(Collector& c, const Row& row, std::set<std::string>& seen) {
  const std::string& name = row.cells[0];
  if (name.empty()) c.add(row.line, 1, "actor", "expected an actor name, the cell is empty");
  else if (!seen.insert(name).second) c.add(row.line, 1, "actor", fmt::format("actor '{}' appears twice", name));
}

BargainScenario read_ktab(const std::vector<Row>& rows, Collector& c) {
  BargainScenario out;
  out.format = BargainFormat::ktab;
  std::vector<std::string> title = rows[0].cells;
  drop_trailing_empty(title);
  std::vector<std::string> header = rows[1].cells;
  drop_trailing_empty(header);
  if (header.size() < 5 || (header.size() - 3) % 2 != 0) {
    c.add(rows[1].line, 0, "", "expected the KTAB header Actor,Description,Power,Pstn1,Sal1,...,PstnK,SalK");
    c.throw_if_any();
  }
  const std::size_t k = (header.size() - 3) / 2;
  for (std::size_t d = 0; d < k; ++d) {
    const std::string want_p = fmt::format("pstn{}", d + 1);
    const std::string want_s = fmt::format("sal{}", d + 1);
    if (lower(header[3 + 2 * d]) != want_p) {
      c.add(rows[1].line, static_cast<long>(4 + 2 * d), header[3 + 2 * d], fmt::format("expected column 'Pstn{}'", d + 1));
    }
    if (lower(header[4 + 2 * d]) != want_s) {
      c.add(rows[1].line, static_cast<long>(5 + 2 * d), header[4 + 2 * d], fmt::format("expected column 'Sal{}'", d + 1));
    }
  }
  // Title line: name, description, number of actors, number of dimensions.
  std::optional<long> declared_actors;
  std::optional<long> declared_dims;
  if (title.size() >= 4) {
    Row t{rows[0].line, title};
    if (auto v = c.number(t, 2, "actors")) declared_actors = std::lround(*v);
    if (auto v = c.number(t, 3, "dimensions")) declared_dims = std::lround(*v);
  } else {
    c.add(rows[0].line, 0, "", "expected the KTAB title line: scenario name, description, number of actors, number of dimensions");
  }
  if (declared_dims && *declared_dims != static_cast<long>(k)) {
    c.add(rows[0].line, 4, "dimensions", fmt::format("declares {} dimensions but the header has {}", *declared_dims, k));
  }
  c.throw_if_any();
  const std::size_t n = rows.size() - 2;
  if (declared_actors && *declared_actors != static_cast<long>(n)) {
    c.add(rows[0].line, 3, "actors", fmt::format("declares {} actors but the file has {}", *declared_actors, n));
  }
  out.issues = k;
  out.position.assign(k * n, 0.0);
  out.salience.assign(k * n, 0.0);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < n; ++i) {
    Row row = rows[i + 2];
    drop_trailing_empty(row.cells);
    if (row.cells.size() != header.size()) {
      c.add(row.line, 0, "", fmt::format("expected {} cells, found {}", header.size(), row.cells.size()));
      continue;
    }
    check_actor_name(c, row, seen);
    out.actor.push_back(row.cells[0]);
    const auto power = c.number(row, 2, header[2]);
    if (power && *power < 0.0) c.add(row.line, 3, header[2], "expected a capability >= 0");
    out.capability.push_back(power.value_or(0.0));
    for (std::size_t d = 0; d < k; ++d) {
      if (auto p = c.number(row, 3 + 2 * d, header[3 + 2 * d])) out.position[d * n + i] = *p;
      if (auto s = c.number(row, 4 + 2 * d, header[4 + 2 * d])) {
        if (*s < 0.0 || *s > 100.0) c.add(row.line, static_cast<long>(5 + 2 * d), header[4 + 2 * d], "expected a KTAB salience in [0, 100]");
        out.salience[d * n + i] = *s / 100.0;
      }
    }
  }
  c.throw_if_any();
  return out;
}

BargainScenario read_concord(const std::vector<Row>& rows, Collector& c) {
  BargainScenario out;
  out.format = BargainFormat::concord;
  const Row& head = rows[0];
  std::unordered_map<std::string, std::size_t> col;
  for (std::size_t j = 0; j < head.cells.size(); ++j) {
    const std::string name = lower(head.cells[j]);
    if (!col.emplace(name, j).second) c.add(head.line, static_cast<long>(j + 1), head.cells[j], "column appears twice");
  }
  for (const char* need : {"actor", "capability"}) {
    if (!col.contains(need)) c.add(head.line, 0, need, "missing column");
  }
  std::size_t k = 0;
  std::vector<std::size_t> pos_col;
  std::vector<std::size_t> sal_col;
  if (col.contains("position") || col.contains("salience")) {
    k = 1;
    if (!col.contains("position")) c.add(head.line, 0, "position", "missing column");
    if (!col.contains("salience")) c.add(head.line, 0, "salience", "missing column");
    pos_col.push_back(col.contains("position") ? col["position"] : 0);
    sal_col.push_back(col.contains("salience") ? col["salience"] : 0);
  } else {
    while (col.contains(fmt::format("position_{}", k + 1))) ++k;
    if (k == 0) c.add(head.line, 0, "position", "missing column: expected 'position' or 'position_1'..'position_k'");
    for (std::size_t d = 0; d < k; ++d) {
      const std::string s = fmt::format("salience_{}", d + 1);
      pos_col.push_back(col[fmt::format("position_{}", d + 1)]);
      if (!col.contains(s)) c.add(head.line, 0, s, "missing column");
      sal_col.push_back(col.contains(s) ? col[s] : 0);
    }
  }
  const std::size_t known = 2 + 2 * k;
  if (head.cells.size() > known) {
    for (std::size_t j = 0; j < head.cells.size(); ++j) {
      const std::string name = lower(head.cells[j]);
      const bool used = name == "actor" || name == "capability" ||
                        std::find_if(pos_col.begin(), pos_col.end(), [j](std::size_t p) { return p == j; }) != pos_col.end() ||
                        std::find_if(sal_col.begin(), sal_col.end(), [j](std::size_t p) { return p == j; }) != sal_col.end();
      if (!used) c.add(head.line, static_cast<long>(j + 1), head.cells[j], "unknown column");
    }
  }
  c.throw_if_any();
  const std::size_t n = rows.size() - 1;
  if (n == 0) c.add(head.line, 0, "", "no actors after the header");
  out.issues = k;
  out.position.assign(k * n, 0.0);
  out.salience.assign(k * n, 0.0);
  std::set<std::string> seen;
  const std::size_t a_col = col["actor"];
  const std::size_t c_col = col["capability"];
  for (std::size_t i = 0; i < n; ++i) {
    const Row& row = rows[i + 1];
    if (row.cells.size() != head.cells.size()) {
      c.add(row.line, 0, "", fmt::format("expected {} cells, found {}", head.cells.size(), row.cells.size()));
      out.actor.emplace_back();
      out.capability.push_back(0.0);
      continue;
    }
    Row named{row.line, {row.cells[a_col]}};
    check_actor_name(c, named, seen);
    out.actor.push_back(row.cells[a_col]);
    const auto cap = c.number(row, c_col, head.cells[c_col]);
    if (cap && *cap < 0.0) c.add(row.line, static_cast<long>(c_col + 1), head.cells[c_col], "expected a capability >= 0");
    out.capability.push_back(cap.value_or(0.0));
    for (std::size_t d = 0; d < k; ++d) {
      if (auto p = c.number(row, pos_col[d], head.cells[pos_col[d]])) out.position[d * n + i] = *p;
      if (auto s = c.number(row, sal_col[d], head.cells[sal_col[d]])) {
        if (*s < 0.0 || *s > 1.0) c.add(row.line, static_cast<long>(sal_col[d] + 1), head.cells[sal_col[d]], "expected a salience in [0, 1]");
        out.salience[d * n + i] = *s;
      }
    }
  }
  c.throw_if_any();
  return out;
}

// Column indices by (lower-case) name, with problems for duplicates and unknown columns.
std::unordered_map<std::string, std::size_t> header_columns(const Row& head, Collector& c,
                                                            std::initializer_list<const char*> required,
                                                            std::initializer_list<const char*> optional) {
  std::unordered_map<std::string, std::size_t> col;
  for (std::size_t j = 0; j < head.cells.size(); ++j) {
    const std::string name = lower(head.cells[j]);
    const bool known = std::any_of(required.begin(), required.end(), [&](const char* r) { return name == r; }) ||
                       std::any_of(optional.begin(), optional.end(), [&](const char* r) { return name == r; });
    if (!known) c.add(head.line, static_cast<long>(j + 1), head.cells[j], "unknown column");
    else if (!col.emplace(name, j).second) c.add(head.line, static_cast<long>(j + 1), head.cells[j], "column appears twice");
  }
  for (const char* r : required) {
    if (!col.contains(r)) c.add(head.line, 0, r, "missing column");
  }
  return col;
}

}  // namespace

BargainScenario read_bargain_csv(const std::filesystem::path& file, BargainFormat format) {
  Collector c(file.string());
  const std::vector<Row> rows = read_rows(file);
  if (rows.empty()) throw InputError(Location{file.string(), 0, 0, ""}, "the file is empty");
  if (format == BargainFormat::automatic) format = looks_like_ktab(rows) ? BargainFormat::ktab : BargainFormat::concord;
  if (format == BargainFormat::ktab) {
    if (rows.size() < 3) throw InputError(Location{file.string(), 0, 0, ""}, "a KTAB file needs a title line, a header and actors");
    return read_ktab(rows, c);
  }
  return read_concord(rows, c);
}

VotingBody read_voting_body_csv(const std::filesystem::path& file) {
  Collector c(file.string());
  const std::vector<Row> rows = read_rows(file);
  if (rows.empty()) throw InputError(Location{file.string(), 0, 0, ""}, "the file is empty");
  auto col = header_columns(rows[0], c, {"member", "weight"}, {});
  c.throw_if_any();
  VotingBody body;
  std::set<std::string> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.cells.size() != rows[0].cells.size()) {
      c.add(row.line, 0, "", fmt::format("expected {} cells, found {}", rows[0].cells.size(), row.cells.size()));
      continue;
    }
    const std::string& name = row.cells[col["member"]];
    if (name.empty()) c.add(row.line, static_cast<long>(col["member"] + 1), "member", "expected a member name");
    else if (!seen.insert(name).second) c.add(row.line, static_cast<long>(col["member"] + 1), "member", fmt::format("member '{}' appears twice", name));
    const auto w = c.number(row, col["weight"], "weight");
    if (w && *w < 0.0) c.add(row.line, static_cast<long>(col["weight"] + 1), "weight", "expected a weight >= 0");
    body.member.push_back(name);
    body.weight.push_back(w.value_or(0.0));
  }
  if (body.member.empty()) c.add(rows[0].line, 0, "", "no members after the header");
  c.throw_if_any();
  return body;
}

DecisionBody read_decision_csv(const std::filesystem::path& file) {
  Collector c(file.string());
  const std::vector<Row> rows = read_rows(file);
  if (rows.empty()) throw InputError(Location{file.string(), 0, 0, ""}, "the file is empty");
  auto col = header_columns(rows[0], c, {"member", "position", "salience"}, {"weight", "directorate"});
  c.throw_if_any();
  DecisionBody body;
  std::set<std::string> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.cells.size() != rows[0].cells.size()) {
      c.add(row.line, 0, "", fmt::format("expected {} cells, found {}", rows[0].cells.size(), row.cells.size()));
      continue;
    }
    const std::string& name = row.cells[col["member"]];
    if (name.empty()) c.add(row.line, static_cast<long>(col["member"] + 1), "member", "expected a member name");
    else if (!seen.insert(name).second) c.add(row.line, static_cast<long>(col["member"] + 1), "member", fmt::format("member '{}' appears twice", name));
    body.member.push_back(name);
    body.position.push_back(c.number(row, col["position"], "position").value_or(0.0));
    const auto s = c.number(row, col["salience"], "salience");
    if (s && (*s < 0.0 || *s > 1.0)) c.add(row.line, static_cast<long>(col["salience"] + 1), "salience", "expected a salience in [0, 1]");
    body.salience.push_back(s.value_or(0.0));
    double w = 1.0;
    if (col.contains("weight")) {
      const auto v = c.number(row, col["weight"], "weight");
      if (v && *v < 0.0) c.add(row.line, static_cast<long>(col["weight"] + 1), "weight", "expected a weight >= 0");
      w = v.value_or(0.0);
    }
    body.weight.push_back(w);
    std::uint8_t in = 0;
    if (col.contains("directorate")) {
      const std::string v = lower(row.cells[col["directorate"]]);
      if (v == "1" || v == "yes" || v == "true") in = 1;
      else if (!(v == "0" || v == "no" || v == "false" || v.empty())) {
        c.add(row.line, static_cast<long>(col["directorate"] + 1), "directorate", fmt::format("expected 0/1 or yes/no, got '{}'", v));
      }
    }
    body.directorate.push_back(in);
  }
  if (body.member.empty()) c.add(rows[0].line, 0, "", "no members after the header");
  c.throw_if_any();
  return body;
}

}  // namespace concord::bargain

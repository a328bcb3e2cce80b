#include "concord/bargain/input.hpp"

#include <fmt/format.h>
// csv.h copies file names with strncpy; GCC's -O2 truncation analysis flags it when inlined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "concord/common/error.hpp"
#include "concord/data/csv.hpp"

namespace concord::bargain {

namespace {

using Quote = io::double_quote_escape<',', '"'>;
using Trim = io::trim_chars<' ', '\t'>;

struct Row {
  long line = 0;
  std::vector<std::string> cells;
};

// Every non-blank line of a CSV file, split into trimmed, unquoted cells. Line breaks may be
// LF, CRLF or CR-only (counted in `endings`).
std::vector<Row> read_rows(const std::filesystem::path& file, data::LineEndings& endings) {
  std::vector<Row> rows;
  auto seen = std::make_shared<data::LineEndings>();
  try {
    io::LineReader reader(file.string(), data::open_csv_source(file, seen));
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
    throw InputError(Location{file.string(), 0, 0, ""}, std::string("cannot read CSV: ") + e.what() + seen->suffix());
  }
  endings.lf = seen->lf.load();
  endings.crlf = seen->crlf.load();
  endings.cr = seen->cr.load();
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

  /// The line endings of the file, named in messages about a row's number of cells.
  data::LineEndings endings;
  [[nodiscard]] std::string cells_message(std::size_t expected, std::size_t found) const {
    return fmt::format("expected {} cells, found {}{}", expected, found, endings.suffix());
  }

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

// Rounding slack when KTAB saliences are summed (six values rounded to 0.01 are off by <= 0.03).
constexpr double kKtabSalienceSumTolerance = 0.05;

std::string salience_range_message(const std::string& actor, std::size_t dimension, const std::string& column,
                                   double value, const char* range) {
  return fmt::format("actor '{}', dimension {} ('{}'): salience {:g} is outside the allowed range {}", actor,
                     dimension + 1, column, value, range);
}

bool is_count(const std::string& cell) {
  return !cell.empty() && cell.size() < 10 && std::all_of(cell.begin(), cell.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; });
}

// KTAB's SMP layout: a title line whose third and fourth cells are the numbers of actors and
// dimensions, then a header of 3 + 2 * dimensions cells starting with "Actor". The title line
// may carry further cells, empty or not: KTAB's own examples/smp/doc/dummyData_6Dim.csv has
// "Combined,All six dimensions of CDMP,27,6,0,,,,,,,,,," (a fifth cell "0" and empty ones to
// the header's width); KTAB reads only the first four, and so does concord.
bool looks_like_ktab(const std::vector<Row>& rows) {
  if (rows.size() < 2) return false;
  std::vector<std::string> title = rows[0].cells;
  drop_trailing_empty(title);
  std::vector<std::string> header = rows[1].cells;
  drop_trailing_empty(header);
  if (title.size() < 4 || !is_count(title[2]) || !is_count(title[3])) return false;
  if (header.empty() || lower(header[0]) != "actor") return false;
  return header.size() == 3 + 2 * std::stoul(title[3]);
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
  // Columns are positional (KTAB names them freely: "Power" or "Influence", "Pstn1" or
  // "Policy Position"): actor, description, power, then a position and a salience per issue.
  if (header.size() < 5 || (header.size() - 3) % 2 != 0) {
    c.add(rows[1].line, 0, "", "expected the KTAB header: actor, description, power, then a position and a salience per dimension");
    c.throw_if_any();
  }
  const std::size_t k = (header.size() - 3) / 2;
  // Title line: name, description, number of actors, number of dimensions.
  std::optional<long> declared_actors;
  std::optional<long> declared_dims;
  if (title.size() >= 4) {  // cells after the fourth are ignored, as KTAB does
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
      c.add(row.line, 0, "", c.cells_message(header.size(), row.cells.size()));
      continue;
    }
    check_actor_name(c, row, seen);
    out.actor.push_back(row.cells[0]);
    const auto power = c.number(row, 2, header[2]);
    if (power && *power < 0.0) c.add(row.line, 3, header[2], "expected a capability >= 0");
    out.capability.push_back(power.value_or(0.0));
    double total = 0.0;
    for (std::size_t d = 0; d < k; ++d) {
      if (auto p = c.number(row, 3 + 2 * d, header[3 + 2 * d])) out.position[d * n + i] = *p;
      if (auto s = c.number(row, 4 + 2 * d, header[4 + 2 * d])) {
        if (*s < 0.0 || *s > 100.0) {
          c.add(row.line, static_cast<long>(5 + 2 * d), header[4 + 2 * d],
                salience_range_message(row.cells[0], d, header[4 + 2 * d], *s, "[0, 100] (KTAB's scale)"));
        }
        out.salience[d * n + i] = *s / 100.0;
        total += *s;
      }
    }
    // KTAB saliences are an actor's attention shared over the dimensions: they sum to 100 (to the
    // rounding of the published figures, e.g. 99.98 in dummyData_6Dim.csv).
    if (total > 100.0 + kKtabSalienceSumTolerance) {
      out.warnings.push_back(fmt::format("{}:{}: actor '{}': saliences sum to {:g}, above 100 (KTAB shares an actor's "
                                         "salience over the dimensions, summing to 100)",
                                         c.file(), row.line, row.cells[0], total));
    }
  }
  c.throw_if_any();
  return out;
}

// The header names of the public expected-utility replications, accepted beside concord's own
// (case-insensitive): "Stakeholder, Resources, Position, Salience" (the spreadsheet layout of
// Bueno de Mesquita's forecasting model as replicated in teaching material), "Actor, Power" or
// "Influence" (KTAB), "Capabilities", "Clout", "Importance". Each maps to concord's name.
struct ColumnAliases {
  const char* name;
  std::array<const char*, 6> accepted;  // "" = unused slot
};
constexpr std::array<ColumnAliases, 4> kBargainColumns{{
    {"actor", {"actor", "stakeholder", "player", "name", "country", ""}},
    {"capability", {"capability", "capabilities", "resources", "power", "influence", "clout"}},
    {"position", {"position", "stance", "policy", "", "", ""}},
    {"salience", {"salience", "importance", "priority", "", "", ""}},
}};

// "actor, stakeholder, player, name, country" for concord's column `name`.
std::string accepted_names(std::string_view name) {
  std::string out;
  for (const auto& a : kBargainColumns) {
    if (name != a.name) continue;
    for (const char* n : a.accepted) {
      if (*n == '\0') continue;
      out += out.empty() ? n : std::string(", ") + n;
    }
  }
  return out;
}

// concord's name for a (lower-case) header cell: "stakeholder" -> "actor", "importance_2" ->
// "salience_2"; the cell itself if it is no accepted name.
std::string canonical_column(const std::string& cell) {
  std::string base = cell;
  std::string suffix;
  if (const auto us = cell.rfind('_'); us != std::string::npos && us + 1 < cell.size() &&
                                       std::all_of(cell.begin() + static_cast<long>(us) + 1, cell.end(),
                                                   [](unsigned char ch) { return std::isdigit(ch) != 0; })) {
    base = cell.substr(0, us);
    suffix = cell.substr(us);
  }
  for (const auto& a : kBargainColumns) {
    for (const char* n : a.accepted) {
      if (*n != '\0' && base == n) return a.name + suffix;
    }
  }
  return cell;
}

BargainScenario read_concord(const std::vector<Row>& rows, Collector& c, double salience_scale) {
  BargainScenario out;
  out.format = BargainFormat::concord;
  const Row& head = rows[0];
  std::unordered_map<std::string, std::size_t> col;
  for (std::size_t j = 0; j < head.cells.size(); ++j) {
    const std::string name = canonical_column(lower(head.cells[j]));
    if (const auto [it, fresh] = col.emplace(name, j); !fresh) {
      c.add(head.line, static_cast<long>(j + 1), head.cells[j],
            lower(head.cells[it->second]) == lower(head.cells[j])
                ? std::string("column appears twice")
                : fmt::format("columns '{}' and '{}' both name the {} column", head.cells[it->second], head.cells[j],
                              name));
    }
  }
  auto missing = [&](const std::string& need) {
    const auto us = need.find('_');
    const std::string base = need.substr(0, us);
    const std::string suffix = us == std::string::npos ? "" : need.substr(us);
    std::string names;
    for (const auto& a : kBargainColumns) {
      if (base != a.name) continue;
      for (const char* n : a.accepted) {
        if (*n != '\0') names += (names.empty() ? "" : ", ") + std::string(n) + suffix;
      }
    }
    c.add(head.line, 0, need, fmt::format("missing column (accepted names: {})", names.empty() ? need : names));
  };
  for (const char* need : {"actor", "capability"}) {
    if (!col.contains(need)) missing(need);
  }
  std::size_t k = 0;
  std::vector<std::size_t> pos_col;
  std::vector<std::size_t> sal_col;
  if (col.contains("position") || col.contains("salience")) {
    k = 1;
    if (!col.contains("position")) missing("position");
    if (!col.contains("salience")) missing("salience");
    pos_col.push_back(col.contains("position") ? col["position"] : 0);
    sal_col.push_back(col.contains("salience") ? col["salience"] : 0);
  } else {
    while (col.contains(fmt::format("position_{}", k + 1))) ++k;
    if (k == 0) {
      c.add(head.line, 0, "position",
            fmt::format("missing column: expected 'position' or 'position_1'..'position_k' (accepted names: {}, "
                        "each with _1.._k for several issues)",
                        accepted_names("position")));
    }
    for (std::size_t d = 0; d < k; ++d) {
      const std::string s = fmt::format("salience_{}", d + 1);
      pos_col.push_back(col[fmt::format("position_{}", d + 1)]);
      if (!col.contains(s)) missing(s);
      sal_col.push_back(col.contains(s) ? col[s] : 0);
    }
  }
  const std::size_t known = 2 + 2 * k;
  if (head.cells.size() >= known || col.size() < known) {  // an unknown name may stand for a missing one
    for (std::size_t j = 0; j < head.cells.size(); ++j) {
      const std::string name = canonical_column(lower(head.cells[j]));
      const bool used = name == "actor" || name == "capability" ||
                        std::find_if(pos_col.begin(), pos_col.end(), [j](std::size_t p) { return p == j; }) != pos_col.end() ||
                        std::find_if(sal_col.begin(), sal_col.end(), [j](std::size_t p) { return p == j; }) != sal_col.end();
      if (!used) {
        c.add(head.line, static_cast<long>(j + 1), head.cells[j],
              fmt::format("unknown column (accepted: {}; {}; {} or {}_1.._k; {} or {}_1.._k)", accepted_names("actor"),
                          accepted_names("capability"), "position", "position", "salience", "salience"));
      }
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
      c.add(row.line, 0, "", c.cells_message(head.cells.size(), row.cells.size()));
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
        if (*s < 0.0 || *s > salience_scale) {
          std::string message = salience_range_message(row.cells[a_col], d, head.cells[sal_col[d]], *s,
                                                       salience_scale == 1.0 ? "[0, 1]" : "[0, 100] (--salience-scale 100)");
          if (salience_scale == 1.0 && *s > 1.0 && *s <= 100.0) {
            message += "; a salience on a 0-100 scale needs --salience-scale 100 (it is never read as a probability)";
          }
          c.add(row.line, static_cast<long>(sal_col[d] + 1), head.cells[sal_col[d]], message);
        }
        out.salience[d * n + i] = *s / salience_scale;
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

BargainScenario read_bargain_csv(const std::filesystem::path& file, BargainFormat format, double salience_scale) {
  if (salience_scale != 1.0 && salience_scale != 100.0) {
    throw InputError(Location{"--salience-scale", 0, 0, ""},
                     fmt::format("expected 1 or 100, got {:g}", salience_scale));
  }
  Collector c(file.string());
  const std::vector<Row> rows = read_rows(file, c.endings);
  if (rows.empty()) throw InputError(Location{file.string(), 0, 0, ""}, "the file is empty");
  if (format == BargainFormat::automatic) format = looks_like_ktab(rows) ? BargainFormat::ktab : BargainFormat::concord;
  if (format == BargainFormat::ktab) {
    if (rows.size() < 3) throw InputError(Location{file.string(), 0, 0, ""}, "a KTAB file needs a title line, a header and actors");
    return read_ktab(rows, c);
  }
  return read_concord(rows, c, salience_scale);
}

VotingBody read_voting_body_csv(const std::filesystem::path& file) {
  Collector c(file.string());
  const std::vector<Row> rows = read_rows(file, c.endings);
  if (rows.empty()) throw InputError(Location{file.string(), 0, 0, ""}, "the file is empty");
  auto col = header_columns(rows[0], c, {"member", "weight"}, {});
  c.throw_if_any();
  VotingBody body;
  std::set<std::string> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.cells.size() != rows[0].cells.size()) {
      c.add(row.line, 0, "", c.cells_message(rows[0].cells.size(), row.cells.size()));
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
  const std::vector<Row> rows = read_rows(file, c.endings);
  if (rows.empty()) throw InputError(Location{file.string(), 0, 0, ""}, "the file is empty");
  auto col = header_columns(rows[0], c, {"member", "position", "salience"}, {"weight", "directorate"});
  c.throw_if_any();
  DecisionBody body;
  std::set<std::string> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.cells.size() != rows[0].cells.size()) {
      c.add(row.line, 0, "", c.cells_message(rows[0].cells.size(), row.cells.size()));
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

// `concord measure sscore|taub|concentration FILE`: the measures of src/concord/measures on a
// small CSV, so that a researcher can check a value by hand against the published ones.
#include <fmt/format.h>

// The CSV library's own error type copies file names with strncpy, which GCC 12 flags at -O2.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include <charconv>
#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "cli/commands.hpp"
#include "concord/common/error.hpp"
#include "concord/data/csv.hpp"
#include "concord/measures/concentration.hpp"
#include "concord/measures/similarity.hpp"

namespace concord::cli {

namespace {

using Reader = io::CSVReader<4, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>>;
using ShareReader = io::CSVReader<2, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>>;

// Turns an error of the CSV library into an InputError naming the file, the line and the field.
template <class Fn>
void with_csv_errors(const std::string& path, const std::string& expected_header, const data::LineEndings& seen,
                     Fn&& read) {
  const auto header_problem = [&](const char* what, const char* column) {
    return InputError(
        Location{path, 1, 0, column},
        fmt::format("{} column '{}' in the header; expected the header {}", what, column, expected_header));
  };
  try {
    read();
  } catch (const io::error::can_not_open_file& e) {
    throw InputError(
        Location{path, 0, 0, ""},
        fmt::format("cannot open the file{}",
                    e.errno_value != 0 ? fmt::format(" ({})", std::generic_category().message(e.errno_value))
                                       : std::string()));
  } catch (const io::error::header_missing&) {
    throw InputError(Location{path, 1, 0, ""},
                     fmt::format("the file is empty; expected the header {}", expected_header));
  } catch (const io::error::missing_column_in_header& e) {
    throw header_problem("missing", e.column_name);
  } catch (const io::error::extra_column_in_header& e) {
    throw header_problem("unexpected", e.column_name);
  } catch (const io::error::duplicated_column_in_header& e) {
    throw header_problem("duplicated", e.column_name);
  } catch (const io::error::too_few_columns& e) {
    throw InputError(Location{path, e.file_line, 0, ""},
                     fmt::format("too few fields; expected {}{}", expected_header, seen.suffix()));
  } catch (const io::error::too_many_columns& e) {
    throw InputError(Location{path, e.file_line, 0, ""},
                     fmt::format("too many fields; expected {}{}", expected_header, seen.suffix()));
  } catch (const io::error::base& e) {
    const auto* at_line = dynamic_cast<const io::error::with_file_line*>(&e);
    throw InputError(
        Location{path, at_line != nullptr && at_line->file_line > 0 ? at_line->file_line : 0, 0, ""},
        e.what() + seen.suffix());
  }
}

// A finite number, the whole field: from_chars is exact (round to nearest) and rejects trailing
// text; an empty field is "missing", not zero.
double parse_number(const std::string& text, const Location& where) {
  if (text.empty()) throw InputError(where, "missing value; expected a number");
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value))
    throw InputError(where, fmt::format("expected a finite number, got '{}'", text));
  return value;
}

void check_state(const std::string& state, std::set<std::string>& seen, const Location& where) {
  if (state.empty()) throw InputError(where, "missing state name");
  if (!seen.insert(state).second) throw InputError(where, fmt::format("state '{}' appears twice", state));
}

// The two portfolios of `concord measure sscore|taub`, structure of arrays.
struct Portfolios {
  std::vector<double> a;
  std::vector<double> b;
  std::vector<double> weight;  // empty when the file has no weight column
  std::vector<long> line;      // source line of each row, for messages
};

constexpr const char* kPortfolioHeader = "state,a,b[,weight]";

Portfolios read_portfolios(const std::string& path) {
  Portfolios p;
  auto endings = std::make_shared<data::LineEndings>();
  with_csv_errors(path, kPortfolioHeader, *endings, [&] {
    Reader in(path, data::open_csv_source(path, endings));
    in.read_header(io::ignore_missing_column, "state", "a", "b", "weight");
    for (const char* required : {"state", "a", "b"})
      if (!in.has_column(required))
        throw InputError(Location{path, 1, 0, required},
                         fmt::format("missing column '{}' in the header; expected the header {}", required,
                                     kPortfolioHeader));
    const bool has_weight = in.has_column("weight");
    std::string state;
    std::string a;
    std::string b;
    std::string weight;
    std::set<std::string> seen;
    while (in.read_row(state, a, b, weight)) {
      const auto line = static_cast<long>(in.get_file_line());
      check_state(state, seen, Location{path, line, 0, "state"});
      p.a.push_back(parse_number(a, Location{path, line, 0, "a"}));
      p.b.push_back(parse_number(b, Location{path, line, 0, "b"}));
      if (has_weight) {
        const double w = parse_number(weight, Location{path, line, 0, "weight"});
        if (w < 0.0)
          throw InputError(Location{path, line, 0, "weight"},
                           fmt::format("expected a weight >= 0, got {}", weight));
        p.weight.push_back(w);
      }
      p.line.push_back(line);
    }
  });
  if (p.a.empty())
    throw InputError(Location{path, 0, 0, ""}, "no rows after the header; expected one row per state");
  return p;
}

void register_sscore(CLI::App& measure) {
  struct Args {
    std::string file;
    bool weighted = false;
    std::string distance = "absolute";
    double range = 3.0;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = measure.add_subcommand(
      "sscore", "Signorino-Ritter S of two portfolios (CSV header state,a,b[,weight]); prints S in [-1, 1]");
  cmd->add_option("FILE", args->file,
                  "CSV, one row per state: its value in portfolio a and in b (and a weight)")
      ->required();
  cmd->add_flag("--weighted", args->weighted,
                "Weight each state by the 'weight' column (e.g. capability share)");
  cmd->add_option("--distance", args->distance, "Distance metric: absolute |a-b|/R or squared (|a-b|/R)^2")
      ->check(CLI::IsMember({"absolute", "squared"}))
      ->capture_default_str();
  cmd->add_option("--range", args->range,
                  "Range R of the valuation scale (max - min); 3 for alliance levels 0..3")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->callback([args] {
    const Portfolios p = read_portfolios(args->file);
    if (args->weighted && p.weight.empty())
      throw InputError(Location{args->file, 1, 0, "weight"},
                       "--weighted needs a 'weight' column in the header");
    for (std::size_t k = 0; k < p.a.size(); ++k) {
      if (std::fabs(p.a[k] - p.b[k]) > args->range)
        throw InputError(
            Location{args->file, p.line[k], 0, "b"},
            fmt::format("a = {} and b = {} are further apart than the range {} of the scale (--range)",
                        p.a[k], p.b[k], args->range));
    }
    if (args->weighted) {
      double total = 0.0;
      for (const double w : p.weight) total += w;
      if (!(total > 0.0)) throw InputError(Location{args->file, 0, 0, "weight"}, "the weights sum to zero");
    }
    const measures::SScoreOptions options{
        args->distance == "squared" ? measures::SDistance::squared : measures::SDistance::absolute,
        args->range};
    const double s = measures::s_score(
        p.a, p.b, args->weighted ? std::span<const double>(p.weight) : std::span<const double>(), options);
    fmt::print("{:.6f}\n", s);
  });
}

void register_taub(CLI::App& measure) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = measure.add_subcommand(
      "taub", "Kendall tau-b of two portfolios (CSV header state,a,b[,weight]); prints tau-b or 'undefined'");
  cmd->add_option("FILE", *file, "CSV, one row per state: its value in portfolio a and in b (weight ignored)")
      ->required();
  cmd->callback([file] {
    const Portfolios p = read_portfolios(*file);
    const auto tau = measures::kendall_tau_b(p.a, p.b);
    if (tau) {
      fmt::print("{:.6f}\n", *tau);
    } else {
      fmt::print("undefined\n");
    }
  });
}

void register_concentration(CLI::App& measure) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = measure.add_subcommand(
      "concentration",
      "Ray-Singer concentration CON and effective number of poles (CSV header state,share; shares are "
      "normalised by their sum)");
  cmd->add_option("FILE", *file, "CSV, one row per state: its capability share (or CINC)")->required();
  cmd->callback([file] {
    const std::string& path = *file;
    std::vector<double> shares;
    auto endings = std::make_shared<data::LineEndings>();
    with_csv_errors(path, "state,share", *endings, [&] {
      ShareReader in(path, data::open_csv_source(path, endings));
      in.read_header(io::ignore_no_column, "state", "share");
      std::string state;
      std::string share;
      std::set<std::string> seen;
      while (in.read_row(state, share)) {
        const auto line = static_cast<long>(in.get_file_line());
        check_state(state, seen, Location{path, line, 0, "state"});
        const double s = parse_number(share, Location{path, line, 0, "share"});
        if (s < 0.0)
          throw InputError(Location{path, line, 0, "share"},
                           fmt::format("expected a share >= 0, got {}", share));
        shares.push_back(s);
      }
    });
    if (shares.size() < 2)
      throw InputError(Location{path, 0, 0, ""}, "Ray-Singer concentration needs at least two states (rows)");
    double total = 0.0;
    for (const double s : shares) total += s;
    if (!(total > 0.0)) throw InputError(Location{path, 0, 0, "share"}, "the shares sum to zero");
    const measures::Concentration c = measures::concentration(shares);
    fmt::print("CON {:.6f}\npoles {:.6f}\n", c.con, c.effective_poles);
  });
}

}  // namespace

void register_measure_commands(CLI::App& measure) {
  register_sscore(measure);
  register_taub(measure);
  register_concentration(measure);
}

}  // namespace concord::cli

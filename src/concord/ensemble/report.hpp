// The report of `run` and `compare`: one row per order, one column per metric of the dictionary
// (metrics.hpp) plus derived columns (the paired difference from the baseline), rendered as a text
// table that fits a terminal, as CSV and JSON with every column, or as one headline line per order.
//
// Printing rules (the project's, README "Standards"):
// - no probability is printed as 0 or 1: a share the ensemble resolves to 0 (no run had the event)
//   is printed as its Wilson upper bound, "< 0.004" for 1000 runs; a share of 1 as "> 0.996"; a
//   bound that would round to 0 is printed with the digits it needs ("0.0002");
// - orders whose P(GP war) cannot be told apart are tied: each order's rank is 1 + the number of
//   orders that are lower with a 95% paired-difference interval (common random numbers) that
//   excludes 0, and equal ranks print as "3=" (Distinguishable below; the probability of
//   superiority of a later issue plugs in there).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "concord/ensemble/metrics.hpp"
#include "concord/ensemble/stats.hpp"
#include "concord/ensemble/summary.hpp"

namespace concord::ensemble {

/// A number rounded to `digits` decimals, never "-0"; a nonzero value that would round to 0 keeps
/// one significant digit ("0.0002"); large values are shortened with k/M/G above 10^4 when
/// `compact` ("45.2k").
[[nodiscard]] std::string format_number(double value, int digits, bool compact = false);

/// A share by the no-zero rule: successes == 0 gives "< hi" (hi rounded up to `digits`),
/// successes == trials gives "> lo" (rounded down); otherwise "p [lo, hi]" (or "p" without
/// `with_interval`). NaN value: "-".
[[nodiscard]] std::string format_share(const Estimate& wilson, std::uint64_t successes, int digits = 3,
                                       bool with_interval = true);

/// Ranks with ties. `value` (lower is better) per item; `distinguishable(i, j)` says whether item i's
/// value differs from item j's beyond chance. rank_i = 1 + #{j : value_j < value_i and
/// distinguishable(i, j)}; NaN values rank last.
struct Rank {
  std::size_t item = 0;
  int rank = 0;
  bool tied = false;  ///< another item has the same rank
};
/// Items sorted by (rank, value, input order).
[[nodiscard]] std::vector<Rank> rank_with_ties(const std::vector<double>& value,
                                               const std::function<bool(std::size_t, std::size_t)>& distinguishable);
/// "3" or "3=".
[[nodiscard]] std::string rank_label(const Rank& r);

/// One column of the report.
struct ReportColumn {
  std::string key;         ///< csv/json name ("gp_war", "gp_war_minus_multiplex")
  std::string heading;     ///< table heading
  std::string unit;
  std::string definition;
  IntervalKind interval = IntervalKind::predictive;
  int digits = 2;
  bool probability = false;
  bool difference = false;  ///< a paired difference (signed, Student interval over replicates)
  int priority = 0;         ///< default table order (0: only on request)
};

/// One cell: the estimate (a share or a mean), the interval shown in the table (Wilson for a
/// share, the predictive 2.5-97.5% quantiles otherwise, the paired-difference interval for a
/// difference) and the Monte Carlo interval of the mean.
struct ReportCell {
  double value = 0.0;
  double lo = 0.0, hi = 0.0;        ///< the interval the column's kind names
  double mc_lo = 0.0, mc_hi = 0.0;  ///< Monte Carlo interval of the mean (Wilson for shares)
  std::uint64_t n = 0;              ///< runs (pairs) with a value
  std::uint64_t successes = 0;      ///< shares: runs with the event
  bool missing = true;              ///< no value (e.g. voice where nothing was adopted)
};

struct Report {
  std::vector<ReportColumn> columns;
  std::vector<std::string> orders;      ///< in ranked order
  std::vector<std::string> rank_labels;  ///< "1", "3=", ... (empty strings without ranking)
  std::vector<int> ranks;
  std::vector<std::vector<ReportCell>> cells;  ///< [row][column]
  std::string baseline;                  ///< empty without one
  std::string rank_metric;               ///< "gp_war"
};

/// Builds the report from the statistics of an ensemble. `groups` in first-appearance order;
/// ranked by `rank_metric` (a share) when `rank` is true, with ties by the pairwise paired
/// difference of that metric (the statistics must have been built with it in SummarySpec::pairwise;
/// without it every order is tied unless the Wilson intervals do not overlap).
/// `distinguishable(a, b)`, when given, decides whether orders a and b differ on the rank metric (the
/// probability of superiority of a later issue plugs in here); by default the pairwise paired
/// difference's 95% interval excludes 0.
using Distinguishable = std::function<bool(const std::string& a, const std::string& b)>;
[[nodiscard]] Report build_report(GroupedStatistics& stats, const std::vector<std::string>& groups,
                                  const std::string& baseline, bool rank, const std::string& rank_metric = "gp_war",
                                  const Distinguishable& distinguishable = {});

/// Options of the text table.
struct TableOptions {
  std::size_t width = 100;             ///< the table fits in this many columns (--wide: no limit)
  bool wide = false;                   ///< every column
  std::vector<std::string> columns;    ///< these keys, in this order (--columns); overrides the default
};

/// The text table with a legend below it naming each shown column's unit and interval, and how many
/// columns were left out. Throws std::invalid_argument for an unknown key in options.columns (the
/// message lists the keys).
[[nodiscard]] std::string render_table(const Report& report, const TableOptions& options = {});
/// Every column: rank,order, then for each column KEY: KEY, KEY_lo, KEY_hi (the interval the
/// dictionary names: Wilson, predictive or paired), KEY_mc_lo, KEY_mc_hi (Monte Carlo interval of the
/// mean), KEY_n. Missing values are empty fields.
[[nodiscard]] std::string render_csv(const Report& report);
/// {"columns": [{key, unit, definition, interval}], "orders": [{rank, rank_label, order, KEY: {...}}]}
[[nodiscard]] nlohmann::ordered_json render_json(const Report& report);
/// One line per order: rank or tie, order, the rank metric with its interval.
[[nodiscard]] std::string render_headline(const Report& report);

}  // namespace concord::ensemble

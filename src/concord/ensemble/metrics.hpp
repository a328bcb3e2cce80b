// The dictionary of every metric the engine stores: name, unit, definition, range and how its
// uncertainty is reported. One place that the statistics (ranges of means), the reports of `run`
// and `compare` (headings, digits, intervals) and docs/results.md (the dictionary, checked by a
// test) all read, so a column means the same thing everywhere.
//
// Intervals (IntervalKind), named as such in every output:
// - wilson: a 0/1 outcome per run; the share of runs with its Wilson interval. A Monte Carlo
//   interval: it narrows as runs are added.
// - predictive: the central 95% of the values over runs (2.5% and 97.5% quantiles, Quantiles in
//   stats.hpp), shown with the mean. It measures the spread of outcomes and does not narrow with
//   more runs; it never leaves the metric's range (a count is never below 0). The Monte Carlo
//   interval of the mean (Student, cut to the range) is stored and written beside it.
// - none: a property of the order and scenario, the same in every run (a-priori voting power).
// Later issues add parameter draws (the predictive interval then spans runs and draws) and
// columns of their own (a conditional Monte Carlo P(GP war), probabilities of superiority): they
// are added here with their own kind and appear in every output without further wiring.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "concord/ensemble/stats.hpp"

namespace concord::ensemble {

enum class IntervalKind : unsigned char { wilson, predictive, none };

/// "Wilson 95% (Monte Carlo)", "95% of runs (predictive)", "none (same in every run)".
[[nodiscard]] std::string_view describe(IntervalKind kind) noexcept;

/// What a stored metric is. `scope` is "summary" (one value per run, table `summaries`) or
/// "yearly" (one per run and year, table `yearly`).
struct MetricInfo {
  std::string name;
  std::string scope;
  std::string unit;
  std::string definition;
  Support support;
  IntervalKind interval = IntervalKind::predictive;
  bool probability = false;  ///< a probability: printed by the no-zero rule (format.hpp)
  int digits = 2;            ///< decimals in the text table
  std::string heading;       ///< short table heading (summary metrics)
  int priority = 0;          ///< order in the default table (1 first; 0: only with --wide / --columns)
};

/// Every summary and yearly metric of the engine (engine/simulate.hpp), in the engine's order,
/// summaries first.
[[nodiscard]] const std::vector<MetricInfo>& engine_metric_dictionary();

/// The entry of a metric by name and scope; nullptr if unknown.
[[nodiscard]] const MetricInfo* find_metric(std::string_view name, std::string_view scope = "summary");

/// The dictionary as a markdown table (docs/results.md, "Metric dictionary", is this text; a test
/// keeps them equal): | metric | stored in | unit | interval | definition |.
[[nodiscard]] std::string dictionary_markdown();

/// Natural ranges of the engine's summary metrics, from the dictionary (counts in [0, inf), shares
/// and 0/1 outcomes in [0, 1]); metrics whose range is the whole real line are left out.
[[nodiscard]] std::map<std::string, Support> engine_summary_supports();

}  // namespace concord::ensemble

// Ensemble statistics by group (order or design point), streamed from RunRecords in run-id
// order: the pieces of `concord compare`'s table and of the `statistics` table of the store.
//
// For every group and every summary metric: the mean with its Student interval; for metrics
// declared as proportions (0/1 per run): the Wilson interval; optionally the Kaplan-Meier curve
// of the time to the first event of a kind (e.g. "great_power_war") with Greenwood intervals;
// and, when a baseline group is named, the paired difference (group - baseline) of every
// metric over replicates (common random numbers); the quantiles of every metric (the predictive
// interval); for the `pairwise` metrics the paired difference of every pair of groups.
//
// Memory: O(groups x metrics + groups x horizon + groups^2 x pairwise metrics), plus the quantiles'
// values (at most 20,000 doubles per group and metric: Quantiles switches to P2 beyond), so bounded
// whatever the number of runs. Paired differences need the runs of one replicate to arrive together (the plans of crossed_plan are
// replicate-major); a replicate is paired when the next one starts, and at rows().
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "concord/ensemble/metrics.hpp"
#include "concord/ensemble/stats.hpp"
#include "concord/store/records.hpp"
#include "concord/store/store.hpp"

namespace concord::ensemble {

struct SummarySpec {
  /// Summary metrics that are 0/1 outcomes per run (e.g. "great_power_war").
  std::vector<std::string> proportions;
  /// Event kind whose first occurrence defines the time-to-event curve; empty for none.
  std::string survival_event_kind;
  /// Group of a run; default: its order name.
  std::function<std::string(const RunKey&)> group_of;
  /// Group the others are compared with (paired differences); empty for none.
  std::string baseline;
  /// Metrics whose paired difference is kept for every pair of groups (e.g. "gp_war", for tied
  /// ranks): O(groups^2) accumulators each.
  std::vector<std::string> pairwise;
  /// Range of each metric: Student intervals of means (and of paired differences) are
  /// intersected with it (see Mean), so a mean count never shows a negative bound.
  std::map<std::string, Support> supports = engine_summary_supports();
  double level = 0.95;
};

class GroupedStatistics {
 public:
  explicit GroupedStatistics(SummarySpec spec);

  /// Adds one run (call in run-id order; an OnRun callback can forward to it).
  void add(const RunRecord& run);

  /// Groups in order of first appearance.
  [[nodiscard]] const std::vector<std::string>& groups() const noexcept { return group_names_; }
  /// Summary metric names in order of first appearance.
  [[nodiscard]] const std::vector<std::string>& metrics() const noexcept { return metric_names_; }

  /// Mean of a summary metric in a group (Student interval). Throws std::out_of_range.
  [[nodiscard]] const Mean& mean(const std::string& group, const std::string& metric) const;
  /// Proportion of a declared 0/1 metric (Wilson interval). Throws std::out_of_range.
  [[nodiscard]] const Proportion& proportion(const std::string& group,
                                            const std::string& metric) const;
  /// Quantiles 2.5%, 50%, 97.5% of a metric's values over a group's runs (the predictive interval).
  /// Throws std::out_of_range.
  [[nodiscard]] const Quantiles& quantiles(const std::string& group, const std::string& metric) const;
  /// Paired difference a - b of a pairwise metric over replicates (common random numbers), once every
  /// run was added; nullopt if the metric is not pairwise or a group is unknown.
  [[nodiscard]] std::optional<Estimate> pairwise(const std::string& a, const std::string& b,
                                                 const std::string& metric);
  /// Time-to-first-event curve of a group; null without a survival event kind.
  [[nodiscard]] const KaplanMeier* survival(const std::string& group) const;
  /// group - baseline for a metric, once every run was added (pairs the pending replicate).
  /// Throws std::out_of_range (unknown group or metric, no baseline, or the baseline itself).
  [[nodiscard]] const PairedDifference& paired(const std::string& group,
                                               const std::string& metric);

  /// Every statistic as store rows, groups and metrics in first-appearance order:
  /// statistic "mean", "proportion", "predictive" (estimate = median, [lo, hi] = 2.5% and 97.5%
  /// quantiles over runs), "survival" (metric = event kind, at = t), "paired_difference" (group
  /// "G - BASELINE") and "pairwise_difference" (group "A - B", each pair of groups once, for the
  /// pairwise metrics).
  [[nodiscard]] std::vector<store::StatisticRow> rows();

 private:
  struct Group {
    std::vector<Mean> means;              // by metric index
    std::vector<Proportion> proportions;  // by metric index (used for declared ones)
    std::optional<KaplanMeier> survival;
    std::vector<PairedDifference> paired;  // by metric index
    std::vector<Quantiles> quantiles;      // by metric index
  };
  Group& group(const std::string& name);
  std::size_t metric_index(const std::string& name);
  Support support_of(std::size_t metric) const;
  void grow(Group& g) const;  // one Mean/Proportion per known metric, with its support
  void flush_replicate();

  SummarySpec spec_;
  std::vector<std::string> group_names_;
  std::map<std::string, std::size_t> group_index_;
  std::vector<Group> groups_;
  std::vector<std::string> metric_names_;
  std::map<std::string, std::size_t> metric_index_;
  // Current replicate's values per group (NaN where missing), for paired differences.
  std::optional<std::uint64_t> replicate_;
  std::map<std::string, std::vector<double>> pending_;
  // pairwise[(metric, a, b)] for group indices a < b: a - b
  std::map<std::tuple<std::string, std::size_t, std::size_t>, PairedDifference> pairwise_;
};

}  // namespace concord::ensemble

// Backtest: the engine run from a historical starting year, compared with what the MID 5.0 and
// COW inter-state war data record for the same years and states (docs/validation.md, "Backtest").
//
// The scenario is built by the scenario builder (scenario/build.hpp) for the year before the
// first compared year, so that the engine's first simulated year (start_year + 1) is the first
// compared year. It is run `runs` times under one order on independent random streams
// (replicates 0..runs-1) and compared with the record on:
//   * yearly counts of MIDs and of wars among the scenario's states: the share of years whose
//     observed count lies inside the simulated central `level` interval (empirical quantiles);
//   * dyad-level dispute rates: Spearman's rank correlation, over every unordered pair of the
//     scenario's states, of the simulated mean MID rate and the observed MID onset rate.
// Observed counts: a MID (MIDB 5.0) counts in the year it began (the earliest participant start
// year) when it has at least one scenario state on each side; its dyads are the pairs (a on side
// A, b on side B) of scenario states. A war (COW Inter-State War 4.0) counts likewise, in the
// year of its earliest participant start.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace concord::validate {

/// Spearman's rank correlation: Pearson's correlation of the ranks, ties given their average
/// rank (Spearman 1904; Kendall & Gibbons 1990, ch. 3). NaN when fewer than 2 pairs or when
/// either variable is constant. @throws std::invalid_argument if the sizes differ.
[[nodiscard]] double spearman_correlation(std::span<const double> x, std::span<const double> y);

/// Average ranks (1-based) of `x`, ties sharing the mean of the ranks they occupy.
[[nodiscard]] std::vector<double> average_ranks(std::span<const double> x);

/// Empirical quantile of `sorted` (ascending), Hyndman & Fan (1996) type 7 (linear
/// interpolation between order statistics; R's default). q in [0, 1]; NaN if empty.
[[nodiscard]] double empirical_quantile(std::span<const double> sorted, double q);

/// Share of i with lo[i] <= observed[i] <= hi[i]; NaN if empty. @throws std::invalid_argument
/// if the sizes differ.
[[nodiscard]] double interval_coverage(std::span<const double> observed, std::span<const double> lo,
                                       std::span<const double> hi);

/// The European states of the 1890 backtest (COW codes): the great powers UK 200, France 220,
/// Germany 255, Austria-Hungary 300, Italy 325, Russia 365, and their neighbours Netherlands 210,
/// Belgium 211, Switzerland 225, Spain 230, Portugal 235, Montenegro 341, Serbia 345,
/// Greece 350, Bulgaria 355, Romania 360, Sweden 380, Norway 385, Denmark 390, Ottoman Empire
/// 640. Those that are not COW system members in the start year are dropped (with a note).
[[nodiscard]] const std::vector<int>& europe_candidate_states();

struct BacktestOptions {
  int start = 1995;   ///< first compared (and simulated) calendar year
  int years = 20;     ///< compared years: start .. start + years - 1
  /// "asia-pacific" (data/regions.toml), "europe" (europe_candidate_states()) or "world" (every
  /// COW system member of the scenario year).
  std::string region = "asia-pacific";
  std::string order;  ///< preset name or file; empty: multiplex (asia-pacific), balance-of-power (europe)
  std::uint64_t runs = 200;
  std::uint64_t seed = 1;
  double level = 0.90;  ///< central interval of the simulated yearly counts
  std::filesystem::path data_dir;
  std::filesystem::path catalog_dir;  ///< the project's data/ (regions, flashpoints, institutions)
  /// The engine's hazards file. Empty: backtest_hazards_file(region) (a file fitted on years
  /// before the start where one is shipped). The report says which file and window were used
  /// and whether the window ends before the first compared year.
  std::filesystem::path hazards_file;
  /// Flashpoint catalogue (a file name under catalog_dir). Empty: "flashpoints-1890.toml" for
  /// europe, "flashpoints.toml" otherwise.
  std::string flashpoint_catalog;
  /// Years of MID onsets ending with the scenario year from which flashpoint base rates are
  /// fitted. 0: 20 for europe (1870-1889 for the 1890 start), the builder's 22 otherwise.
  int incident_window_years = 0;
};

/// The hazards file a backtest of `region` uses by default, each fitted on years before the
/// backtest's default start: data/hazards-europe.toml (European dyad-years 1816-1889) for
/// "europe" (start 1890), data/hazards-world.toml (all dyads 1946-1999) for "world" (start 2000),
/// data/hazards-asia-1946-1994.toml (Asia-Pacific 1946-1994) for "asia-pacific" (start 1995).
/// The engine's own rule for scenarios (engine::project_hazards_file) is separate.
[[nodiscard]] std::filesystem::path backtest_hazards_file(const std::string& region);

/// One flashpoint of the backtest's scenario with its fitted base rate.
struct BacktestFlashpoint {
  std::string name;
  std::vector<int> parties;  ///< ccodes
  int window_start = 0, window_end = 0, onsets = 0;
  double rate = 0, lower = 0, upper = 0;  ///< per year, exact Poisson 95% interval
};

struct BacktestYear {
  int year = 0;
  double observed_mids = 0, observed_wars = 0;
  double mids_mean = 0, mids_lo = 0, mids_hi = 0;
  double wars_mean = 0, wars_lo = 0, wars_hi = 0;
};

struct BacktestDyad {
  int ccode_a = 0, ccode_b = 0;  ///< ccode_a < ccode_b
  double observed_rate = 0;      ///< observed MID onsets per year
  double simulated_rate = 0;     ///< mean simulated MIDs per year
  int observed_onsets = 0;       ///< observed MID onsets in the compared years (dyadic units)
  /// Exact Poisson (Garwood) interval at the backtest's level of the observed rate, per year.
  double observed_lower = 0, observed_upper = 0;
};

/// Where disputes land (issue 11): the record's most dispute-prone dyads against the simulated
/// ones, in dyadic units on both sides (a MID with several dyads counts once per dyad).
struct DyadAcceptance {
  std::size_t k = 10;
  /// Indices into BacktestResult::dyads: the k highest observed counts, ranked by count (then by
  /// simulated rate); `record_tied` adds every dyad tied with the k-th.
  std::vector<std::size_t> record_top, record_tied;
  std::vector<std::size_t> simulated_top;  ///< the k highest simulated rates
  int record_top_in_simulated = 0;  ///< of record_top, how many are in simulated_top
  int record_tied_in_simulated = 0; ///< of record_tied, how many are in simulated_top
  int simulated_without_record = 0; ///< of simulated_top, how many had no observed onset
};

/// The figures above for the top `k` dyads (k <= dyads.size()).
[[nodiscard]] DyadAcceptance dyad_acceptance(const std::vector<BacktestDyad>& dyads, std::size_t k = 10);

struct BacktestResult {
  BacktestOptions options;
  std::string order;
  int scenario_year = 0;         ///< the scenario's start_year (options.start - 1)
  std::vector<int> states;       ///< ccodes of the scenario's actors
  std::vector<int> great_powers;
  std::size_t flashpoints = 0;
  std::vector<BacktestFlashpoint> flashpoint_rates;
  std::string flashpoint_catalog;  ///< the catalogue file read
  std::string hazards_file;        ///< the hazards file read
  std::string hazards_window;      ///< its [meta] window, e.g. "1816-1889"
  std::string hazards_region;      ///< its [meta] region
  bool hazards_before_start = false;  ///< the window's last year is before options.start
  std::vector<std::string> notes;  ///< builder notes and dropped states / order references
  std::vector<BacktestYear> rows;
  double mid_coverage = 0, war_coverage = 0;
  double observed_mids_total = 0, observed_wars_total = 0;
  double simulated_mids_mean = 0, simulated_wars_mean = 0;
  std::vector<BacktestDyad> dyads;  ///< every unordered pair of scenario states
  double dyad_spearman = 0;         ///< NaN if a side is constant
  double gp_war_share = 0;          ///< share of runs with a great-power war
  std::vector<int> first_gp_war_counts;  ///< [years]: runs whose first great-power war is in start + k
  std::vector<double> gp_war_share_by_year;  ///< [years]: share of runs with a great-power war by the end of start + k
  /// Runs whose first great-power war (great powers on both sides, allies included) began over
  /// this flashpoint ("(background dispute)": a dispute outside the flashpoints).
  std::map<std::string, int> first_gp_war_subjects;
  int observed_first_gp_war = 0;    ///< first observed war between great powers in the window (0: none)
  /// Last year of the war data (COW inter-state wars 4.0: 2007). Later rows have observed_wars NaN
  /// (missing), and the war totals and coverage count only the years up to it.
  int war_last_year = 0;
};

/// Runs the backtest. @throws InputError for unreadable data, an unknown region or order, or a
/// window outside the MID 5.0 years (1816-2014).
[[nodiscard]] BacktestResult run_backtest(const BacktestOptions& options);

/// A plain-text report (the table printed by `concord validate backtest`).
[[nodiscard]] std::string format_backtest_report(const BacktestResult& result);

}  // namespace concord::validate

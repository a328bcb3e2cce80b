// The scenario builder: a Scenario for a region and a year, filled from the datasets of the data
// layer (concord::data readers) and the curated files in the project's data/ folder. Every figure
// carries its provenance (dataset, year used). The rules are documented in docs/scenario.md
// ("The builder"); they are summarised on each function below.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "concord/scenario/scenario.hpp"

namespace concord {

struct BuildOptions {
  /// A region of data/regions.toml ("asia-pacific"), or "world" (every COW system member of
  /// `year`). Ignored when `states` is not empty (the region is then "custom").
  std::string region = "asia-pacific";
  int year = 2015;
  std::vector<int> states;            ///< explicit COW codes; each must be a system member in year
  std::filesystem::path data_dir;     ///< the datasets (concord::resolve_data_dir())
  std::filesystem::path catalog_dir;  ///< regions.toml, institutions.toml, flashpoints.toml
  int horizon = 30;
  /// A figure is taken from `year`, else from the latest year before it, at most this many years
  /// back; older observations are treated as missing.
  int max_lookback = 10;
  /// Window of MID onsets for flashpoint incident rates: the `incident_window_years` years ending
  /// at min(year, last year of MID 5.0).
  int incident_window_years = 22;
  /// The flashpoint catalogue, a file name under catalog_dir: "flashpoints.toml" (the curated
  /// Asia-Pacific catalogue of the shipped scenarios) or another catalogue of the same format,
  /// e.g. "flashpoints-1890.toml" for the European backtest of 1890.
  std::string flashpoint_catalog = "flashpoints.toml";
  /// Past a dataset's last year its values are missing (ATOP 5.1 ends in 2018, COW contiguity
  /// 3.2 in 2016, Thompson & Dreyer rivalries in 2010, COW IGO 3.0 in 2014). true: the last
  /// year's values are carried forward, each recorded in the provenance with the note "carried
  /// forward from Y, the last year of D, to YEAR", listed by the notes and by `scenario check`.
  /// false: a year past a dataset's coverage is refused (InputError naming it and its last year).
  bool carry_forward = true;
};

/// Builds the scenario. `notes` (if given) receives one line per decision a reader should know
/// about: states left out (not system members, or no GDP from any source; in a year of state
/// succession, a state never a member on the same day as another selected state: the one whose
/// membership ends earlier in the year, the predecessor, is left out), members of institutions
/// that are not actors, flashpoints dropped for lack of parties, values carried forward.
/// National series (Maddison, SDP, SIPRI) are used only for years in which the state was a COW
/// system member.
/// @throws InputError if a dataset or curated file is malformed or missing, the region is
///         unknown, or an explicit state is not a system member in `year`.
[[nodiscard]] Scenario build_scenario(const BuildOptions& options, std::vector<std::string>* notes = nullptr);

/// Exact (Garwood 1936) confidence interval of a Poisson rate: `count` events in `exposure`
/// years. lower = chi2_quantile((1 - level) / 2, 2 count) / (2 exposure) (0 when count is 0),
/// upper = chi2_quantile((1 + level) / 2, 2 count + 2) / (2 exposure). Per year.
struct RateInterval {
  double rate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};
[[nodiscard]] RateInterval poisson_rate_interval(int count, double exposure_years, double level = 0.95);

/// Gravity model of dyadic trade (Tinbergen 1962; Anderson 1979) in its multiplicative form
///   F_ij = exp(b0 + b1 ln GDP_i + b2 ln GDP_j + b3 ln D_ij) * e
/// with F_ij the imports of i from j, fitted by Poisson pseudo-maximum likelihood (Santos Silva &
/// Tenreyro 2006, "The log of gravity", REStat 88(4)): consistent under heteroskedasticity and
/// keeps zero flows, unlike OLS on logs. Prediction is the fitted mean (no retransformation).
struct GravityModel {
  double b0 = 0.0, b_gdp_importer = 0.0, b_gdp_exporter = 0.0, b_distance = 0.0;
  double smearing = 1.0;   ///< multiplier on predictions; 1 for PPML
  double r_squared = 0.0;  ///< pseudo R^2: squared correlation of observed and fitted flows
  std::size_t observations = 0;
  /// Predicted imports (same units as the flows fitted) for the given GDPs and distance (km).
  [[nodiscard]] double predict(double gdp_importer, double gdp_exporter, double distance_km) const;
};
/// Fits the model; inputs are parallel arrays of one row per directed flow. Rows with a negative
/// or non-finite flow, or a non-finite or non-positive regressor, are left out; zero flows stay.
/// @throws InputError if fewer than 5 rows remain, all flows are 0, or the design is singular.
[[nodiscard]] GravityModel fit_gravity(std::span<const double> flow, std::span<const double> gdp_importer,
                                       std::span<const double> gdp_exporter,
                                       std::span<const double> distance_km);

}  // namespace concord

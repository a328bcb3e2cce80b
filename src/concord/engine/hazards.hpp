// The fitted dyad-year hazards the incident and crisis phases use: the contract with the
// `validate` concern, which fits them and commits data/hazards.toml.
//
// [mid_onset]: a dyad-year logit of MID onset, P(onset) = 1 / (1 + exp(-(intercept + beta . x))),
// with x = (contiguity, log_distance, parity, power_shift, alliance, joint_democracy,
// trade_dependence, major_power, peace-years cubic, rivalry, nuclear_both, nuclear_one,
// igo_shared, igo_security_shared) as defined in hazards.toml's header; each key is a table
// { coef = ..., se = ... } (or a bare number: coefficient without standard error). A covariate
// the file does not name has coefficient 0.
// [mid_onset_covariance]: `terms` (intercept first, the order of [mid_onset] then
// [mid_onset_nuisance]) and `matrix`, the symmetric estimated covariance, row-major: what a
// run draws its coefficients from (a later issue).
// [war_given_mid]: `rate` (share of MIDs that escalate to war) and/or a logit with `intercept`.
// [meta]: window, region, n, events (kept for the record).
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord::engine {

/// The dyad-year covariates of the MID-onset logit, in this fixed order.
enum class Covariate : int {
  contiguity,        ///< 1 if COW direct contiguity type 1-5
  log_distance,      ///< ln(1 + capital-to-capital distance in km)
  parity,            ///< ln(weaker CINC / stronger CINC), <= 0
  power_shift,       ///< |r_t - r_{t-1}|, r = cinc_a / (cinc_a + cinc_b)
  alliance,          ///< 1 if an ATOP defense pledge links the two
  joint_democracy,   ///< min V-Dem polyarchy of the two
  trade_dependence,  ///< min over the two of dyadic trade / GDP
  major_power,       ///< 1 if either is a COW great power
  peace_years_s,     ///< s = t / 10, t = years since the dyad's last MID onset (Carter & Signorino 2010)
  peace_years_s2,    ///< s^2
  peace_years_s3,    ///< s^3
  rivalry,           ///< 1 if a Thompson & Dreyer strategic rivalry is ongoing
  nuclear_both,      ///< 1 if both possess nuclear weapons (Bleek 2017 status 3)
  nuclear_one,       ///< 1 if exactly one does
  igo_shared,        ///< shared full memberships among the listed COW IGOs (data/igo_dyads.hpp)
  igo_security_shared,  ///< the same among those with a security mandate
  count_
};
inline constexpr std::size_t kCovariateCount = static_cast<std::size_t>(Covariate::count_);

/// The key of each covariate in hazards.toml, in enum order.
const std::array<const char*, kCovariateCount>& covariate_keys();

struct Hazards {
  double intercept = 0.0;
  std::array<double, kCovariateCount> beta{};  ///< logit coefficients (per unit of each covariate)
  std::array<double, kCovariateCount> se{};    ///< standard errors (0 when not given)
  /// Share of MIDs that escalate to war (from [war_given_mid] rate, or the logistic of its
  /// intercept); empty when the file has none.
  std::optional<double> war_given_mid;
  /// [mid_onset_covariance]: the terms in matrix order (intercept first; may end with the
  /// nuisance term trade_missing) and the k x k covariance, row-major (k = terms.size()).
  /// Empty when the file has no covariance table.
  std::vector<std::string> terms;
  std::vector<double> covariance;
  /// [meta] peace_years_max: the largest peace-years count of the fit; the engine evaluates the
  /// cubic at min(t, peace_years_max). 0 when the file does not say (no peace-years terms).
  int peace_years_max = 0;
  std::string window;  ///< [meta] window, e.g. "1946-1999"
  std::string region;
  long n = 0;
  long events = 0;
  std::string source;  ///< the file read, or a note that no file was found
  bool fitted = false; ///< false when no file was found (all coefficients 0)

  [[nodiscard]] double coef(Covariate c) const noexcept { return beta[static_cast<std::size_t>(c)]; }
};

/// Reads a hazards file. Throws InputError (with the file and the key) if it cannot be parsed or
/// a coefficient is not a number; unknown covariate keys in [mid_onset] are errors too.
Hazards read_hazards(const std::filesystem::path& file);

/// data/hazards.toml under the project directory if it exists, else an unfitted Hazards whose
/// coefficients are all 0 (the incident rate then stays at the flashpoint's base rate apart from
/// the modelling-assumption terms; background MIDs are off). `source` says which.
Hazards load_project_hazards();

/// The hazards file that matches a scenario's region (docs/validation.md, "Which hazards file"):
/// data/hazards-<region>.toml under the project directory when that file exists (region "world":
/// data/hazards-world.toml, fitted on every system member), else data/hazards.toml (fitted on
/// the Asia-Pacific; every asia-pacific scenario uses it). `region` is the scenario's
/// [meta] region; a region that is empty or not a plain name ([a-z0-9-]) maps to data/hazards.toml.
std::filesystem::path project_hazards_file(std::string_view region);

/// read_hazards(project_hazards_file(region)) if that file exists, else as load_project_hazards().
Hazards load_project_hazards(std::string_view region);

}  // namespace concord::engine

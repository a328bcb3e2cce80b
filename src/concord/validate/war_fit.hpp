// How long inter-state wars last and how many soldiers they kill, fitted by maximum likelihood
// from COW Inter-State War 4.0 (Sarkees & Wayman 2010) and COW NMC 7.0 military personnel, for
// the engine's war phase (`concord validate wars`, written to data/wars.toml; read by
// engine/wars.hpp).
//
// Duration. A war's duration D in years is (last end year - first start year + 1) over all of
// its participants' spells, so D >= 1. D is taken as geometric on {1, 2, ...}:
//   P(D = d) = (1 - q)^(d - 1) q,
// q being the yearly probability that a war going on ends that year. With n wars of total
// duration S = sum d_i the log-likelihood is n ln q + (S - n) ln(1 - q), maximised by
//   q_hat = n / S   (1 / mean duration),
// with standard error from the observed Fisher information n / (q^2 (1 - q)):
//   se(q_hat) = q_hat sqrt((1 - q_hat) / n).
// Wars with a COW major power (majors2024) on each side in the war's first year are fitted apart
// from the others as well; a likelihood-ratio test of one q against two (chi-square, 1 df) says
// whether the data support separate rates.
//
// Severity. For each participant (a state in a war; its rows merged if COW lists it twice) with
// known battle deaths B > 0 (-9 unknown and -8 not applicable are left out) and NMC military
// personnel P > 0 (persons: NMC milper is in thousands) in the year it entered the war, and T its
// years at war (sum over its spells of end - start + 1), the log-log regression
//   ln(B / T) = a + b ln P + e,   e ~ normal(0, s^2),
// is fitted by ordinary least squares (the maximum-likelihood estimate for normal errors):
// b is the elasticity of yearly battle deaths to the size of the army (b < 1: small armies lose a
// larger share than large ones). s_hat = sqrt(RSS / n) (MLE, divisor n); the standard errors of
// a and b are the square roots of the diagonal of s_hat^2 (X'X)^-1 (the inverse observed Fisher
// information), se(s_hat) = s_hat / sqrt(2 n). With b = 1 the model is the pooled ratio
// ln(B / (P T)) ~ normal(a, s^2).
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace concord::validate {

/// A geometric fit of durations in whole years (>= 1).
struct GeometricFit {
  double q = 0.0;               ///< yearly termination probability, n / S
  double q_se = 0.0;            ///< q sqrt((1 - q) / n); 0 when q = 1
  long n = 0;                   ///< durations (wars)
  long years = 0;               ///< S, the sum of the durations
  double mean_duration = 0.0;   ///< S / n = 1 / q, years
  double log_likelihood = 0.0;  ///< at q_hat
};

/// MLE of q from durations d_i >= 1 (years). Throws std::invalid_argument if `durations` is
/// empty or holds a value < 1.
[[nodiscard]] GeometricFit fit_geometric(std::span<const int> durations);

/// A normal fit (by maximum likelihood) of log values.
struct LognormalFit {
  double mu = 0.0;
  double mu_se = 0.0;           ///< sd / sqrt(n)
  double sd = 0.0;              ///< MLE (divisor n)
  double sd_se = 0.0;           ///< sd / sqrt(2 n)
  long n = 0;
  double log_likelihood = 0.0;  ///< of the logs under normal(mu, sd)
};

/// MLE of mu and sd from values already on the log scale. Throws std::invalid_argument if fewer
/// than 2 values are given or one is not finite.
[[nodiscard]] LognormalFit fit_lognormal(std::span<const double> log_values);

/// An OLS (= normal maximum-likelihood) fit of y = a + b x + e, e ~ normal(0, s^2).
struct LogLogFit {
  double a = 0.0;               ///< intercept
  double a_se = 0.0;
  double b = 0.0;               ///< slope (elasticity of y to x on the log scale)
  double b_se = 0.0;
  double s = 0.0;               ///< residual standard deviation, MLE (divisor n)
  double s_se = 0.0;            ///< s / sqrt(2 n)
  long n = 0;
  double log_likelihood = 0.0;  ///< of y under the fit
};

/// OLS of y on (1, x) with Eigen. Throws std::invalid_argument if the spans differ in size, hold
/// fewer than 3 points or a value that is not finite, or x has no spread.
[[nodiscard]] LogLogFit fit_loglog(std::span<const double> x, std::span<const double> y);

/// One COW inter-state war with its duration.
struct WarDuration {
  int warnum = 0;
  std::string name;
  int first_year = 0;        ///< earliest start year over the participants
  int last_year = 0;         ///< latest end year over the participants' spells
  int years = 0;             ///< last_year - first_year + 1
  bool great_powers = false; ///< a COW major on each side in first_year
  int participants = 0;      ///< distinct states
};

/// One participant's severity observation.
struct ParticipantSeverity {
  int warnum = 0;
  int ccode = 0;
  int entry_year = 0;           ///< the participant's first start year (NMC year)
  int years = 0;                ///< T, its years at war
  double battle_deaths = 0.0;   ///< B
  double milper = 0.0;          ///< P, persons
  double log_rate = 0.0;        ///< ln(B / (P T))
  double log_yearly_deaths = 0.0;  ///< ln(B / T), the regression's y
  double log_milper = 0.0;         ///< ln P, its x
};

struct WarFitOptions {
  int first_year = 1816;  ///< wars whose first year lies in [first_year, last_year]
  int last_year = 2007;   ///< COW inter-state war 4.0 ends in 2007
};

struct WarFitResult {
  WarFitOptions options;
  std::vector<WarDuration> wars;  ///< every war in the window with known years, by warnum
  GeometricFit duration;          ///< all wars
  GeometricFit duration_gp;       ///< wars with a major on each side
  GeometricFit duration_other;    ///< the rest
  double lr_statistic = 0.0;      ///< 2 (ll_gp + ll_other - ll_all)
  double lr_p_value = 1.0;        ///< chi-square(1) upper tail
  long wars_unknown_years = 0;    ///< wars left out: a start or end year unknown (-9)

  std::vector<ParticipantSeverity> participants;  ///< the severity sample
  LogLogFit severity;             ///< ln(B / T) on ln P
  long participants_total = 0;    ///< participants (state, war) in the window
  long deaths_missing = 0;        ///< left out: battle deaths -9/-8, or 0
  long milper_missing = 0;        ///< left out: no NMC milper > 0 in the entry year
};

/// Inputs read from the data directory: COW inter-state wars 4.0, majors2024, NMC 7.0.
struct WarFitSources;
/// Reads the three files under `data_dir` (paths in data/paths.hpp). Throws InputError (from the
/// readers) on a malformed file.
std::shared_ptr<const WarFitSources> read_war_fit_sources(const std::filesystem::path& data_dir);

/// The fits. Throws std::invalid_argument on a reversed window or if the window leaves fewer
/// than two wars or three severity observations; a group (great-power or other) with no war gets
/// an empty GeometricFit (n = 0) and the test is not made (p = 1).
[[nodiscard]] WarFitResult fit_wars(const WarFitSources& sources, const WarFitOptions& options = {});

/// Plain-text report: estimates with standard errors and n, the test, what was left out.
[[nodiscard]] std::string format_wars_report(const WarFitResult& result);

/// Writes the engine's file (data/wars.toml): [meta] with dataset, version, window, fitted_on,
/// command; [duration] (q, se, n, years, mean) and its great_power / other subtables with the
/// test; [severity] (intercept, intercept_se, elasticity, elasticity_se, sd, sd_se, n). Throws std::runtime_error if it cannot write.
void write_wars_toml(const WarFitResult& result, const std::filesystem::path& file, const std::string& command,
                     const std::string& fitted_on);

}  // namespace concord::validate

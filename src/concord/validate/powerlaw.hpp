// Power-law tails fitted as Clauset, Shalizi & Newman (2009) prescribe: maximum likelihood for
// the exponent, the lower bound x_min chosen by minimising the Kolmogorov-Smirnov distance, and
// a goodness-of-fit p-value by semi-parametric bootstrap. Never least squares on a log-log plot.
// Used by `validate` on COW inter-state war battle deaths and on the wars the engine generates
// (Cederman 2003 asked whether simulated war sizes follow the same law).
//
// Model (continuous): p(x) = (alpha - 1) / x_min * (x / x_min)^(-alpha) for x >= x_min, so
//   P(X >= x) = (x / x_min)^(1 - alpha).
// MLE (Clauset et al. eq. 3.1):  alpha = 1 + n / sum_{i: x_i >= x_min} ln(x_i / x_min),
// standard error (eq. 3.2):     sigma = (alpha - 1) / sqrt(n), n = size of the tail.
// Discrete data (integers >= 1) may use the approximation of eq. 3.7,
//   alpha = 1 + n / sum ln(x_i / (x_min - 1/2)),
// with the matching approximate tail P(X >= x) = ((x - 1/2) / (x_min - 1/2))^(1 - alpha); it is
// accurate for x_min >~ 6 (their section 3.1). The exact discrete MLE (Hurwitz zeta) is not
// implemented; battle deaths (>= 1000 per war by the COW definition) are far inside the range
// where the continuous and discrete fits agree.
// x_min (section 3.3): every distinct value of the sample is tried as x_min, except the largest
// (whose tail could not be fitted), subject to a minimum tail size; the one whose fitted law has
// the smallest KS distance D = max_x |S(x) - P(x)| to the empirical CDF S of the tail is kept
// (the smallest x_min on ties). D is the exact supremum over x (both sides of every step).
//
// Source: Clauset, A., Shalizi, C. R. & Newman, M. E. J. (2009). Power-law distributions in
// empirical data. SIAM Review 51(4), 661-703.
#pragma once

#include <atomic>
#include <functional>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace concord::validate {

enum class PowerLawKind {
  continuous,  ///< real-valued data, eq. 3.1
  discrete,    ///< integer data >= 1, approximation of eq. 3.7
};

/// Options of fit_power_law. Plain struct with defaults.
struct PowerLawOptions {
  PowerLawKind kind = PowerLawKind::continuous;
  /// Smallest tail (number of observations >= x_min) a candidate x_min may leave. At least 2.
  std::size_t min_tail = 2;
  /// If set, x_min is fixed to this value (no KS scan); it must leave min_tail observations.
  std::optional<double> x_min;
};

/// A fitted power-law tail.
struct PowerLawFit {
  double alpha = 0;         ///< exponent of the density
  double alpha_se = 0;      ///< (alpha - 1) / sqrt(n_tail)
  double x_min = 0;         ///< lower bound of the power-law behaviour, in the units of the data
  double ks_distance = 0;   ///< D of the fitted tail, in [0, 1]
  std::size_t n_tail = 0;   ///< observations >= x_min
  std::size_t n_total = 0;  ///< observations in the sample
  PowerLawKind kind = PowerLawKind::continuous;
};

/// Fits a power-law tail to the sample x (any order; copied and sorted internally).
///
/// @param x       positive, finite observations (battle deaths, war sizes...); for the discrete
///                kind, integers >= 1. At least min_tail + 1 distinct values are needed for a
///                KS scan, and the tail at a fixed x_min must hold a value above x_min.
/// @throws std::invalid_argument on a value that is not positive and finite (or not an integer
///         >= 1 for the discrete kind), on min_tail < 2, or when no candidate x_min is possible.
/// Cost: O(n log n + n * u) for n observations with u distinct values, in practice far less
/// because a candidate's KS scan stops as soon as it cannot beat the best one found.
[[nodiscard]] PowerLawFit fit_power_law(std::span<const double> x, const PowerLawOptions& options = {});

/// Goodness of fit (Clauset et al. section 4.1): the share of `replicates` synthetic samples
/// whose refitted KS distance (full procedure, x_min scanned again unless fixed) is at least the
/// observed fit.ks_distance. Each synthetic sample has x.size() values: with probability
/// n_tail / n a draw from the fitted power law, otherwise a value drawn uniformly from the
/// observations below x_min. p <= 0.1 rules the power law out (their rule of thumb). With
/// 2,500 replicates p is accurate to about 0.01.
///
/// Random numbers come from std::mt19937_64 seeded with `seed`, turned into uniforms by taking
/// 53 bits (not through std::uniform_real_distribution, whose algorithm the standard leaves to
/// each library), so the p-value is the same on every platform.
/// @param fit  the result of fit_power_law(x, options).
/// @throws std::invalid_argument as fit_power_law, or if replicates == 0.
[[nodiscard]] double power_law_p_value(std::span<const double> x, const PowerLawFit& fit,
                                       const PowerLawOptions& options, std::size_t replicates,
                                       std::uint64_t seed);

/// Progress and stop for power_law_p_value: `progress(done, total)` after every replicate;
/// when `*stop` becomes true the bootstrap ends after the replicate in flight, and the p-value
/// is that of the replicates done (`*done` tells how many; 0 replicates give NaN).
struct BootstrapControl {
  std::function<void(std::size_t done, std::size_t total)> progress;
  const std::atomic<bool>* stop = nullptr;
  std::size_t* done = nullptr;
};
[[nodiscard]] double power_law_p_value(std::span<const double> x, const PowerLawFit& fit,
                                       const PowerLawOptions& options, std::size_t replicates,
                                       std::uint64_t seed, const BootstrapControl& control);

/// One draw from a power law by inverse CDF, given u uniform in [0, 1):
/// continuous x = x_min (1 - u)^(-1 / (alpha - 1)); discrete (Clauset et al. appendix D
/// approximation) x = floor((x_min - 1/2) (1 - u)^(-1 / (alpha - 1)) + 1/2).
[[nodiscard]] double power_law_quantile(double u, double alpha, double x_min, PowerLawKind kind);

}  // namespace concord::validate

// Global sensitivity analysis: Morris elementary effects and Sobol' variance-based indices.
//
// Both work in the unit cube [0, 1)^d: build the design with morris_unit or saltelli_unit,
// scale it to the parameters' ranges (design.hpp: scale_design), evaluate the model at every
// point (for a stochastic model: the mean of the metric over the point's replicates), then
// pass the outputs, in design order, to morris_indices or sobol_indices.
//
// Morris (1991), "Factorial sampling plans for preliminary computational experiments",
// Technometrics 33:161-174: r trajectories of d + 1 points on a p-level grid, each step moving
// one factor by delta = p / (2 (p - 1)); the elementary effect of factor i is
// EE_i = (f(x + delta e_i) - f(x)) / delta (per unit of the normalised range). mu and sigma are
// the mean and standard deviation of EE_i over trajectories; mu* is the mean of |EE_i|
// (Campolongo, Cariboni & Saltelli 2007, Env. Modelling & Software 22), the screening measure.
//
// Sobol' (1993/2001) indices by the Saltelli (2002) design: matrices A and B (N x d, from a
// 2d-dimensional Sobol' sequence), and AB_i = A with column i taken from B; N (d + 2)
// evaluations. Jansen (1999) estimators, as recommended by Saltelli et al. (2010), "Variance
// based sensitivity analysis of model output", Comput. Phys. Commun. 181:259-270, Table 2:
//   V      = variance of f over the 2N points of A and B
//   S_i    = (V - 1/(2N) sum_j (f(B)_j - f(AB_i)_j)^2) / V     (first order)
//   ST_i   = 1/(2N) sum_j (f(A)_j - f(AB_i)_j)^2 / V           (total)
// Intervals: percentile bootstrap over the N rows (Archer, Saltelli & Sobol' 1997), Philox
// stream keyed by the seed.
#pragma once

#include <cstdint>
#include <vector>

namespace concord::ensemble {

/// r * (d + 1) points: trajectory t occupies rows t*(d+1) .. t*(d+1)+d; consecutive rows of a
/// trajectory differ in exactly one coordinate, by +-delta. levels p must be even and >= 2.
[[nodiscard]] std::vector<std::vector<double>> morris_unit(std::uint64_t trajectories,
                                                           std::size_t d, int levels,
                                                           std::uint64_t seed);

struct MorrisIndices {
  std::vector<double> mu;          ///< mean elementary effect, per factor
  std::vector<double> mu_star;     ///< mean |elementary effect|
  std::vector<double> sigma;       ///< standard deviation of the effects (n - 1 divisor)
  std::vector<double> mu_star_lo;  ///< bootstrap interval of mu* (NaN without bootstrap)
  std::vector<double> mu_star_hi;
};

/// Elementary effects from a Morris design (`unit` as made by morris_unit) and the outputs
/// `y` (one per row). Throws std::invalid_argument on inconsistent sizes.
[[nodiscard]] MorrisIndices morris_indices(const std::vector<std::vector<double>>& unit,
                                           const std::vector<double>& y, std::size_t d,
                                           std::uint64_t bootstrap, std::uint64_t seed,
                                           double level = 0.95);

/// The Saltelli design in rows of d + 2 per base sample j: A_j, B_j, AB_j^1, ..., AB_j^d.
[[nodiscard]] std::vector<std::vector<double>> saltelli_unit(std::uint64_t n, std::size_t d);

struct SobolIndices {
  std::vector<double> first, first_lo, first_hi;  ///< S_i with bootstrap interval
  std::vector<double> total, total_lo, total_hi;  ///< ST_i with bootstrap interval
  double variance = 0.0;                          ///< V
};

/// Jansen estimators from outputs `y` in saltelli_unit order (n * (d + 2) values).
/// Throws std::invalid_argument on a size mismatch or zero output variance.
[[nodiscard]] SobolIndices sobol_indices(const std::vector<double>& y, std::size_t d,
                                         std::uint64_t n, std::uint64_t bootstrap,
                                         std::uint64_t seed, double level = 0.95);

}  // namespace concord::ensemble

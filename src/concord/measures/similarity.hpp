// Similarity of two states' foreign-policy portfolios: Signorino & Ritter's S and Kendall's tau-b.
//
// A portfolio is one value per "other state" (or per dimension): for alliance portfolios the
// ATOP-based alliance level 0..3 that the state has with each other state of the system
// (MODEL.md section 1). Both functions are pure, allocate nothing and may be called from the
// engine's hot loop.
//
// Sources:
//   Signorino, C. S. & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the similarity of
//     foreign policy positions. International Studies Quarterly 43(1), 115-144.
//   Kendall, M. G. (1945). The treatment of ties in ranking problems. Biometrika 33(3), 239-251.
//   Bueno de Mesquita, B. (1975), who introduced tau-b for alliance portfolios.
#pragma once

#include <optional>
#include <span>

namespace concord::measures {

/// How the distance between two positions on one dimension enters S.
enum class SDistance {
  absolute,  ///< d = |x - y| / m      (Signorino & Ritter's "absolute" metric)
  squared,   ///< d = (|x - y| / m)^2  (their "squared" metric: D^2 in place of D)
};

/// Options of the single-range S-score. Plain struct; defaults are the alliance-portfolio case.
struct SScoreOptions {
  SDistance distance = SDistance::absolute;
  /// Range D of the valuation scale (max - min): 3 for alliance levels 0..3. Must be > 0.
  double range = 3.0;
};

/// Signorino-Ritter S of two portfolios a and b valued on one scale of range D.
///
///   S = 1 - 2 * sum_k w_k d_k / sum_k w_k,   d_k = |a_k - b_k| / D  or  (|a_k - b_k| / D)^2
///
/// which for the absolute metric is the paper's `1 - 2 * sum w |a - b| / (D * sum w)`.
/// S lies in [-1, 1]: 1 for identical portfolios, -1 when every position is as far apart as the
/// scale allows.
///
/// @param a, b     positions of the two states, one per other state (same length n >= 1),
///                 in the units of the valuation scale (alliance level 0..3 by default).
/// @param weights  w_k >= 0, one per entry (for example each state's capability share, the
///                 "weighted S" of the paper); empty means unweighted (all w_k = 1).
/// @param options  distance metric and range D.
/// @throws std::invalid_argument if the lengths differ, n = 0, D <= 0, a weight is negative,
///         the weights sum to 0, or |a_k - b_k| > D (a position outside the declared range).
/// Example: a = (0,1,2,3), b = (3,2,1,0), unweighted, D = 3 -> S = -1/3 (Signorino & Ritter
/// 1999, Table 5 case a).
[[nodiscard]] double s_score(std::span<const double> a, std::span<const double> b,
                             std::span<const double> weights, const SScoreOptions& options);

/// Signorino-Ritter S over several dimensions, each with its own range m_k:
///
///   S = 1 - (2 / sum_k w_k) * sum_k w_k * d_k,   d_k = |a_k - b_k| / m_k  or  (|a_k - b_k| / m_k)^2
///
/// @param a, b     positions on each dimension (same length n >= 1).
/// @param weights  w_k >= 0 per dimension; empty = unweighted.
/// @param ranges   m_k > 0 per dimension (same length as a).
/// @throws std::invalid_argument as s_score above, per dimension.
/// Example (Signorino & Ritter 1999): a = (3,2,3,0,3,3,1,2), b = (2,3,0,3,3,3,1,3),
/// w = (.5,.4,.05,.05,.25,.25,.25,.25), m = (3,3,3,3,2,2,2,2) -> S = 0.475.
[[nodiscard]] double s_score_multi(std::span<const double> a, std::span<const double> b,
                                   std::span<const double> weights, std::span<const double> ranges,
                                   SDistance distance = SDistance::absolute);

/// Kendall's tau-b between two portfolios (rank correlation corrected for ties):
///
///   tau_b = (n_c - n_d) / sqrt((n_0 - n_1) (n_0 - n_2))
///
/// with n_0 = n(n-1)/2 pairs, n_c / n_d the concordant / discordant pairs, n_1 / n_2 the pairs
/// tied in a / in b. O(n^2) pair count, no allocation (n is a number of states, a few hundred).
///
/// @returns tau-b in [-1, 1], or std::nullopt when it is undefined: n < 2, or a or b is
///          constant (every pair tied, a zero denominator), as in Signorino & Ritter's Table 5
///          case d.
/// @throws std::invalid_argument if the lengths differ or a position is NaN.
[[nodiscard]] std::optional<double> kendall_tau_b(std::span<const double> a, std::span<const double> b);

}  // namespace concord::measures

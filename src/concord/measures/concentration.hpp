// Concentration of capability in a system of states: Ray-Singer CON and the effective number
// of poles (MODEL.md section 2, phase 4 "power structure").
//
// Input convention (decided for the whole project): a span of non-negative capabilities, one
// per state of the system or region (for example CINC scores, or any other capability index).
// They are NORMALISED here, s_i = c_i / sum_j c_j, so the caller may pass raw CINC scores of a
// regional subset (which sum to less than 1) or shares that already sum to 1: both give the
// same result. N is the number of entries, zeros included (a state with no capability is still
// a member of the system).
//
// Pure, no allocation: safe in the engine's hot loop.
//
// Sources:
//   Ray, J. L. & Singer, J. D. (1973). Measuring the concentration of power in the
//     international system. Sociological Methods & Research 1(4), 403-437.
//   Laakso, M. & Taagepera, R. (1979). "Effective" number of parties. Comparative Political
//     Studies 12(1), 3-27 (the inverse Herfindahl index, read here as the number of poles).
#pragma once

#include <cstddef>
#include <span>

namespace concord::measures {

/// Both summaries of one capability distribution.
struct Concentration {
  std::size_t n = 0;            ///< number of states N
  double sum_squared_shares = 0;  ///< Herfindahl index H = sum s_i^2, in [1/N, 1]
  double con = 0;               ///< Ray-Singer CON in [0, 1]
  double effective_poles = 0;   ///< 1 / H, in [1, N]
};

/// Ray-Singer concentration and effective number of poles of the capabilities c:
///
///   s_i = c_i / sum c,   H = sum s_i^2,
///   CON = sqrt((H - 1/N) / (1 - 1/N)),   poles = 1 / H.
///
/// CON is 0 when all shares are equal and 1 when one state holds everything. H - 1/N is
/// computed as sum (s_i - 1/N)^2 (equal since sum s_i = 1), so equal shares give exactly 0.
///
/// @param capabilities  c_i >= 0 (finite), N >= 2, with a positive sum. Dimensionless.
/// @throws std::invalid_argument if N < 2, a value is negative or not finite, or the sum is 0.
/// Example: (.5, .3, .2) -> CON = 0.26458, poles = 2.6316 (REFERENCES.md).
[[nodiscard]] Concentration concentration(std::span<const double> capabilities);

/// Ray-Singer CON alone; same contract as concentration().
[[nodiscard]] double ray_singer_con(std::span<const double> capabilities);

/// Effective number of poles 1 / sum s_i^2 alone; same contract as concentration() except that
/// N = 1 is allowed (one pole).
[[nodiscard]] double effective_poles(std::span<const double> capabilities);

}  // namespace concord::measures

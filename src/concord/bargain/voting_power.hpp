// A priori voting power in weighted voting games [quota; w_1, ..., w_n]: a coalition wins iff
// the sum of its members' weights is at least the quota.
//
// - Shapley-Shubik index (Shapley & Shubik 1954, APSR 48(3)): the share of the n! orderings in
//   which member i is pivotal, phi_i = sum over losing coalitions S without i that i turns into
//   winners of |S|! (n - |S| - 1)! / n!.
// - Banzhaf (1965, Rutgers Law Review 19): swings eta_i = number of coalitions S without i with
//   w(S) < quota <= w(S) + w_i; normalised beta_i = eta_i / sum_j eta_j; absolute (Penrose)
//   beta'_i = eta_i / 2^(n-1).
// - Coleman (1971) power of the collectivity to act: A = (number of winning coalitions) / 2^n.
//   Unanimity among n members gives 1/2^n.
// Reference values (REFERENCES.md): EEC of six, weights (4,4,4,2,2,1), quota 12:
// Shapley-Shubik (7/30, 7/30, 7/30, 3/20, 3/20, 0), swings (10, 10, 10, 6, 6, 0).
//
// Methods:
// - enumeration of the 2^n coalitions, for any real weights, n <= 22 (O(n 2^n) time, 2^n
//   doubles of memory);
// - generating functions for non-negative integer weights (Brams & Affuso 1976; Bilbao et al.
//   2000): counts c[k][w] of coalitions of size k and weight w < quota, then each member's
//   counts without it by exact deconvolution. Counts are held in unsigned 128-bit integers, so
//   they are exact for n <= 127 (2^127 coalitions); this is the limit of the method. Time
//   O(n^2 q), memory O(n q) for quota q: 100 members with quota ~ 10^4 take milliseconds.
// Swing and coalition counts are returned as long double: exact up to 2^64, and with relative
// error below 2^-64 beyond (100 members have up to ~2^99 swings, more than 64 bits hold).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "concord/bargain/game.hpp"

namespace concord::bargain {

enum class VotingPowerMethod : unsigned char {
  automatic,            ///< generating functions if every weight is an integer, else enumeration
  enumeration,          ///< all 2^n coalitions (n <= 22)
  generating_function,  ///< integer weights (n <= 127)
};

struct VotingPowerOptions {
  VotingPowerMethod method = VotingPowerMethod::automatic;
  /// Largest quota the generating-function tables may use (memory (n + 1) * quota * 16 bytes).
  long long max_quota = 50'000'000;
};

struct VotingPower {
  std::vector<double> shapley_shubik;          ///< n, sums to 1 unless nobody can win
  std::vector<long double> banzhaf_swings;     ///< n raw swing counts eta_i
  std::vector<double> banzhaf_normalised;      ///< n, eta_i / sum eta
  std::vector<double> banzhaf_absolute;        ///< n, eta_i / 2^(n-1)
  long double winning_coalitions = 0;          ///< number of winning coalitions
  double power_to_act = 0.0;                   ///< Coleman: winning / 2^n
  VotingPowerMethod method = VotingPowerMethod::enumeration;  ///< the method used
};

/// Voting power of each member of the weighted game [quota; weights].
/// Throws std::invalid_argument if weights is empty, a weight is negative or not finite,
/// quota is not positive, the requested method cannot handle the input (non-integer weights
/// for generating functions, n > 22 for enumeration, n > 127, quota above max_quota).
[[nodiscard]] VotingPower voting_power(std::span<const double> weights, double quota,
                                       const VotingPowerOptions& options = {});

/// Voting power in the game of game.hpp: a weight quota with a count rule (min_members) and a
/// blocking-minority clause. Under a count rule a member of weight 0 is not a dummy. Both
/// methods handle every game (generating functions count coalitions by size and weight).
/// Validate the game first with check_game (this function does not reject a quota above the
/// total weight: nothing then wins).
[[nodiscard]] VotingPower voting_power(std::span<const double> weights, const VotingGame& game,
                                       const VotingPowerOptions& options = {});

/// "enumeration" / "generating-function" / "automatic".
[[nodiscard]] std::string_view to_string(VotingPowerMethod method) noexcept;

}  // namespace concord::bargain

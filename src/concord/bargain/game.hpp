// The voting games institutions use, defined once for `measure voting-power` (a priori power),
// `decide --rule qmv` and the engine's qualified-majority decisions (bargain::decide).
//
// A coalition S of a body of n members with weights w wins iff
//   |S| >= min_members  and  ( w(S) >= quota  or  n - |S| < blocking_min_members ).
// - quota: the weight quota of a weighted game [q; w_1..w_n] (Shapley & Shubik 1954).
// - min_members: a count rule beside the quota ("at least 55% of the members, comprising at
//   least fifteen of them": TEU Art. 16(4), the EU Council's double majority since 2014 with
//   population weights and a 65% population quota). Under a count rule a member of weight 0 is
//   not a dummy: it can be the member that makes the count.
// - blocking_min_members: the blocking-minority clause of TEU Art. 16(4), "a blocking minority
//   must include at least four Council members, failing which the qualified majority shall be
//   deemed attained": a coalition with the members it needs wins when fewer than this many
//   members are outside it. 0: no clause.
// A game is proper when no two disjoint coalitions can both win; a weighted game with a quota
// at or below half the total weight (and no count rule above half the members) is improper, and
// check_game warns. A quota above the total weight (nothing can win) or a count above n is an
// error.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace concord::bargain {

struct VotingGame {
  double quota = 0.0;               ///< weight a coalition needs (same units as the weights)
  std::size_t min_members = 0;      ///< members a coalition needs; 0: no count rule
  std::size_t blocking_min_members = 0;  ///< members a blocking minority needs; 0: no clause

  /// True if a coalition of `members` members holding `weight` wins in a body of `n` members.
  [[nodiscard]] bool wins(std::size_t members, double weight, std::size_t n) const noexcept {
    if (members < min_members) return false;
    return weight >= quota || (blocking_min_members > 0 && n - members < blocking_min_members);
  }
};

/// Checks `game` against the members' weights. Throws std::invalid_argument naming the
/// problem if the quota is not a positive finite number or exceeds the total weight, or a member
/// count exceeds the number of members. Returns warnings, e.g. "improper game: the quota 50 is at
/// or below half the total weight 100, so two disjoint coalitions can both win".
[[nodiscard]] std::vector<std::string> check_game(const VotingGame& game, std::span<const double> weights);

}  // namespace concord::bargain

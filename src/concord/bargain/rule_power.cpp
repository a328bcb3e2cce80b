#include "concord/bargain/rule_power.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace concord::bargain {

namespace {

VotingPower equal_game(std::size_t n, std::size_t quota) {
  const std::vector<double> w(n, 1.0);
  return voting_power(w, static_cast<double>(std::max<std::size_t>(quota, 1)));
}

}  // namespace

VotingPower rule_voting_power(DecisionRule rule, std::size_t n, std::span<const double> weight, double quota_share,
                              std::span<const std::uint8_t> directorate, std::int32_t hegemon) {
  if (n == 0) throw std::invalid_argument("rule_voting_power: no members");
  switch (rule) {
    case DecisionRule::unanimity:
    case DecisionRule::minority_veto:
      return equal_game(n, n);
    case DecisionRule::consensus_minus_one:
      return equal_game(n, n > 1 ? n - 1 : 1);
    case DecisionRule::qualified_majority: {
      if (weight.size() != n) throw std::invalid_argument("rule_voting_power: qmv needs one weight per member");
      double total = 0.0;
      for (double w : weight) {
        if (!(w >= 0.0) || !std::isfinite(w)) throw std::invalid_argument("rule_voting_power: weights must be >= 0");
        total += w;
      }
      if (!(total > 0.0)) throw std::invalid_argument("rule_voting_power: qmv weights are all zero");
      // integer weights (seats, equal votes): the game as given; up to 20 members: enumeration with the
      // real weights; beyond: weights rounded to 1/10000 of their total (generating functions)
      bool integral = total <= 1e5;
      for (double w : weight) integral = integral && w == std::round(w);
      if (integral || n <= 20) {
        // real weights: a coalition at the quota wins whatever the rounding of its sum (1e-9 of the total)
        const double quota = integral ? std::max(1.0, std::ceil(quota_share * total - 1e-9))
                                      : quota_share * total * (1.0 - 1e-9);
        VotingPowerOptions o;
        o.method = integral ? VotingPowerMethod::automatic : VotingPowerMethod::enumeration;
        return voting_power(weight, std::max(quota, 1e-12), o);
      }
      std::vector<double> w(n);
      double sum = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        w[i] = std::round(weight[i] / total * 10000.0);
        sum += w[i];
      }
      const double quota = std::max(1.0, std::ceil(std::clamp(quota_share, 0.0, 1.0) * sum - 1e-9));
      return voting_power(w, quota);
    }
    case DecisionRule::directorate: {
      if (directorate.size() != n) throw std::invalid_argument("rule_voting_power: one directorate flag per member");
      std::vector<double> w(n, 0.0);
      std::size_t d = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (directorate[i] != 0) {
          w[i] = 1.0;
          ++d;
        }
      }
      if (d == 0) return equal_game(n, n);  // the engine falls back to consensus
      return voting_power(w, static_cast<double>(d));
    }
    case DecisionRule::hegemon: {
      if (hegemon < 0 || static_cast<std::size_t>(hegemon) >= n) return equal_game(n, n);
      std::vector<double> w(n, 0.0);
      w[static_cast<std::size_t>(hegemon)] = 1.0;
      return voting_power(w, 1.0);
    }
  }
  throw std::invalid_argument("rule_voting_power: unknown rule");
}

}  // namespace concord::bargain

#include "concord/bargain/game.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace concord::bargain {

std::vector<std::string> check_game(const VotingGame& game, std::span<const double> weights) {
  const std::size_t n = weights.size();
  double total = 0.0;
  for (const double w : weights) total += w;
  if (!(game.quota > 0.0) || !std::isfinite(game.quota)) {
    throw std::invalid_argument(fmt::format("the quota must be a positive number, got {:g}", game.quota));
  }
  if (game.quota > total) {
    throw std::invalid_argument(fmt::format(
        "the quota {:g} is above the total weight {:g} of the {} members: no coalition can win", game.quota, total, n));
  }
  if (game.min_members > n) {
    throw std::invalid_argument(fmt::format("the minimum number of members {} is above the {} members: no coalition "
                                            "can win",
                                            game.min_members, n));
  }
  if (game.blocking_min_members > n) {
    throw std::invalid_argument(fmt::format("the blocking minority of {} members is above the {} members",
                                            game.blocking_min_members, n));
  }
  std::vector<std::string> warnings;
  if (game.quota <= total / 2.0 && 2 * game.min_members <= n) {
    warnings.push_back(fmt::format(
        "improper game: the quota {:g} is at or below half the total weight {:g}{}, so two disjoint coalitions can "
        "both win",
        game.quota, total,
        game.min_members > 0 ? fmt::format(" and {} members are at most half of {}", game.min_members, n)
                             : std::string()));
  }
  return warnings;
}

}  // namespace concord::bargain

#include "concord/measures/balance.hpp"

#include <algorithm>
#include <stdexcept>

#include "concord/measures/concentration.hpp"

namespace concord::measures {

PowerBalance assess_power_balance(std::span<const double> capabilities, std::span<const int> coalition,
                                  std::span<double> coalition_share, const BalancedDisparityOptions& options) {
  if (coalition.size() != capabilities.size())
    throw std::invalid_argument("assess_power_balance: one coalition label per state is required");
  const Concentration conc = concentration(capabilities);  // validates the capabilities
  double total = 0.0;
  for (const double c : capabilities) total += c;

  std::fill(coalition_share.begin(), coalition_share.end(), 0.0);
  const auto labels = static_cast<long long>(coalition_share.size());
  for (std::size_t i = 0; i < capabilities.size(); ++i) {
    const int k = coalition[i];
    if (k < -1 || k >= labels) throw std::invalid_argument("assess_power_balance: coalition label out of range");
    if (k >= 0) coalition_share[static_cast<std::size_t>(k)] += capabilities[i] / total;
  }

  PowerBalance out;
  out.con = conc.con;
  out.effective_poles = conc.effective_poles;
  out.strongest_coalition_share = -1.0;
  for (std::size_t k = 0; k < coalition_share.size(); ++k) {
    if (coalition_share[k] > out.strongest_coalition_share) {
      out.strongest_coalition_share = coalition_share[k];
      out.strongest_coalition = static_cast<int>(k);
    }
  }
  for (std::size_t i = 0; i < capabilities.size(); ++i) {
    const double share = capabilities[i] / total;
    if (coalition[i] == -1 && share > out.strongest_coalition_share) {
      out.strongest_coalition_share = share;
      out.strongest_coalition = -1;
      out.strongest_unaligned_state = i;
    }
  }
  if (out.strongest_coalition != -1) out.strongest_unaligned_state = 0;
  out.unequal = out.con > options.min_concentration;
  out.no_majority = out.strongest_coalition_share <= options.majority;
  out.balanced_disparity = out.unequal && out.no_majority;
  return out;
}

}  // namespace concord::measures

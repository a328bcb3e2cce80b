#include "concord/data/igo_dyads.hpp"

#include <bit>
#include <string_view>

namespace concord::data {

IgoDyads::IgoDyads(const IgoMemberships& m) {
  for (int k = 0; k < kListedIgoCount; ++k) {
    if (kListedIgos[k].security) security_mask_ |= 1U << static_cast<unsigned>(k);
  }
  for (std::size_t i = 0; i < m.size(); ++i) {
    auto& by_state = masks_[m.year[i]];  // every covered year, whatever the IGO
    if (m.status[i] != 1) continue;
    for (int k = 0; k < kListedIgoCount; ++k) {
      if (std::string_view(kListedIgos[k].ioname) == m.ioname[i]) {
        by_state[m.ccode[i]] |= 1U << static_cast<unsigned>(k);
        break;
      }
    }
  }
}

int IgoDyads::year_used(int year) const noexcept {
  auto it = masks_.upper_bound(year);
  if (it == masks_.begin()) return 0;
  return std::prev(it)->first;
}

std::pair<int, int> IgoDyads::shared(int a, int b, int year) const noexcept {
  auto it = masks_.upper_bound(year);
  if (it == masks_.begin()) return {0, 0};
  const auto& by_state = std::prev(it)->second;
  const auto ia = by_state.find(a);
  const auto ib = by_state.find(b);
  if (ia == by_state.end() || ib == by_state.end()) return {0, 0};
  const std::uint32_t both = ia->second & ib->second;
  return {std::popcount(both), std::popcount(both & security_mask_)};
}

}  // namespace concord::data

#include "concord/measures/transition.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>

namespace concord::measures {

double capability_ratio(double a, double b) noexcept {
  if (std::isnan(a) || std::isnan(b)) return std::nan("");
  const double hi = std::max(a, b);
  if (hi == 0.0) return std::nan("");
  return std::min(a, b) / hi;
}

bool at_parity(double a, double b, double threshold) noexcept {
  return capability_ratio(a, b) >= threshold;  // false for NaN
}

namespace {

void check_series(const CapabilitySeries& s, const char* who) {
  if (s.capability.size() != s.ids.size() * s.years.size())
    throw std::invalid_argument(std::string(who) + ": capability must hold ids.size() * years.size() values");
  for (std::size_t t = 1; t < s.years.size(); ++t)
    if (s.years[t] <= s.years[t - 1]) throw std::invalid_argument(std::string(who) + ": years must be strictly increasing");
}

int order_of(double x, double y) { return x > y ? 1 : (x < y ? -1 : 0); }

}  // namespace

std::size_t find_overtakings(const CapabilitySeries& series, std::span<OvertakingEvent> out) {
  check_series(series, "find_overtakings");
  const std::size_t n = series.ids.size();
  const std::size_t t_count = series.years.size();
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double* ci = series.capability.data() + i * t_count;
    for (std::size_t j = i + 1; j < n; ++j) {
      const double* cj = series.capability.data() + j * t_count;
      int last = 0;  // sign of c_i - c_j in the most recent observed year where they differed
      for (std::size_t t = 0; t < t_count; ++t) {
        if (std::isnan(ci[t]) || std::isnan(cj[t])) {
          last = 0;
          continue;
        }
        const int now = order_of(ci[t], cj[t]);
        if (now == 0) continue;
        if (last != 0 && now != last) {
          if (total < out.size()) {
            out[total] = now > 0 ? OvertakingEvent{series.years[t], series.ids[i], series.ids[j]}
                                 : OvertakingEvent{series.years[t], series.ids[j], series.ids[i]};
          }
          ++total;
        }
        last = now;
      }
    }
  }
  if (total <= out.size()) {
    std::sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(total), [](const auto& x, const auto& y) {
      return std::tie(x.year, x.overtaker, x.overtaken) < std::tie(y.year, y.overtaker, y.overtaken);
    });
  }
  return total;
}

std::size_t find_parity_spells(const CapabilitySeries& series, std::span<ParitySpell> out, double threshold) {
  check_series(series, "find_parity_spells");
  if (!(threshold > 0.0 && threshold <= 1.0))
    throw std::invalid_argument("find_parity_spells: threshold must be in (0, 1]");
  const std::size_t n = series.ids.size();
  const std::size_t t_count = series.years.size();
  std::size_t total = 0;
  auto emit = [&](std::size_t i, std::size_t j, std::size_t first, std::size_t last) {
    if (total < out.size()) out[total] = ParitySpell{series.ids[i], series.ids[j], series.years[first], series.years[last]};
    ++total;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double* ci = series.capability.data() + i * t_count;
    for (std::size_t j = i + 1; j < n; ++j) {
      const double* cj = series.capability.data() + j * t_count;
      bool open = false;
      std::size_t first = 0;
      for (std::size_t t = 0; t < t_count; ++t) {
        const bool parity = at_parity(ci[t], cj[t], threshold);
        if (parity && !open) {
          open = true;
          first = t;
        } else if (!parity && open) {
          open = false;
          emit(i, j, first, t - 1);
        }
      }
      if (open) emit(i, j, first, t_count - 1);
    }
  }
  if (total <= out.size()) {
    std::sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(total), [](const auto& x, const auto& y) {
      return std::tie(x.first_year, x.a, x.b) < std::tie(y.first_year, y.a, y.b);
    });
  }
  return total;
}

std::size_t overtakings_in_step(int year, std::span<const double> previous, std::span<const double> current,
                                std::span<const int> ids, std::span<OvertakingEvent> out) {
  if (previous.size() != current.size() || ids.size() != current.size())
    throw std::invalid_argument("overtakings_in_step: previous, current and ids must have the same length");
  const std::size_t n = ids.size();
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const int before = order_of(previous[i], previous[j]);  // 0 for ties and NaN
      const int after = order_of(current[i], current[j]);
      if (before != 0 && after != 0 && before != after) {
        if (total < out.size())
          out[total] = after > 0 ? OvertakingEvent{year, ids[i], ids[j]} : OvertakingEvent{year, ids[j], ids[i]};
        ++total;
      }
    }
  }
  return total;
}

}  // namespace concord::measures

#include "concord/bargain/voting_power.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace concord::bargain {

namespace {

__extension__ typedef unsigned __int128 Count;  // exact coalition counts up to 2^128 - 1

constexpr std::size_t kMaxEnumeration = 22;
constexpr std::size_t kMaxGenerating = 127;

long double to_long_double(Count c) {
  const auto hi = static_cast<std::uint64_t>(c >> 64);
  const auto lo = static_cast<std::uint64_t>(c);
  return std::ldexp(static_cast<long double>(hi), 64) + static_cast<long double>(lo);
}

void finish(VotingPower& out, std::size_t n) {
  long double total = 0;
  for (long double s : out.banzhaf_swings) total += s;
  out.banzhaf_normalised.assign(n, 0.0);
  out.banzhaf_absolute.assign(n, 0.0);
  const long double half = std::ldexp(1.0L, static_cast<int>(n) - 1);
  for (std::size_t i = 0; i < n; ++i) {
    out.banzhaf_normalised[i] = total > 0 ? static_cast<double>(out.banzhaf_swings[i] / total) : 0.0;
    out.banzhaf_absolute[i] = static_cast<double>(out.banzhaf_swings[i] / half);
  }
  out.power_to_act = static_cast<double>(out.winning_coalitions / std::ldexp(1.0L, static_cast<int>(n)));
}

VotingPower by_enumeration(std::span<const double> w, const VotingGame& game) {
  const std::size_t n = w.size();
  const std::size_t subsets = std::size_t{1} << n;
  std::vector<double> weight(subsets, 0.0);
  for (std::size_t m = 1; m < subsets; ++m) {
    const auto low = static_cast<std::size_t>(std::countr_zero(m));
    weight[m] = weight[m & (m - 1)] + w[low];
  }
  // factor[k] = k! (n - k - 1)! / n!: the share of orderings in which i comes right after a
  // given coalition of k others.
  std::vector<long double> factor(n);
  for (std::size_t k = 0; k < n; ++k) {
    long double f = 1.0L / static_cast<long double>(n);
    // 1 / (n * C(n-1, k))
    long double binom = 1.0L;
    for (std::size_t j = 1; j <= k; ++j) binom = binom * static_cast<long double>(n - j) / static_cast<long double>(j);
    factor[k] = f / binom;
  }
  VotingPower out;
  out.method = VotingPowerMethod::enumeration;
  out.banzhaf_swings.assign(n, 0);
  std::vector<long double> ss(n, 0);
  long double winning = 0;
  for (std::size_t m = 0; m < subsets; ++m) {
    const auto size = static_cast<std::size_t>(std::popcount(m));
    if (!game.wins(size, weight[m], n)) continue;
    winning += 1;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t bit = std::size_t{1} << i;
      if ((m & bit) != 0 && !game.wins(size - 1, weight[m & ~bit], n)) {
        out.banzhaf_swings[i] += 1;
        ss[i] += factor[size - 1];
      }
    }
  }
  out.winning_coalitions = winning;
  out.shapley_shubik.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) out.shapley_shubik[i] = static_cast<double>(ss[i]);
  finish(out, n);
  return out;
}

// Generating functions for the game of game.hpp. A coalition of size k and weight v loses iff
// k < m, or v < q and k <= n - b (b = blocking_min_members; no clause: k <= n always). The
// table counts coalitions by size and weight below q; those below the member count are all of
// their size (binomials), so every count a swing needs is a table entry or a binomial.
VotingPower by_generating_function(std::span<const double> wd, double quota, const VotingGame& game) {
  const std::size_t n = wd.size();
  std::vector<std::size_t> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = static_cast<std::size_t>(wd[i]);
  const auto q = static_cast<std::size_t>(std::ceil(quota));
  const std::size_t m = game.min_members;
  // Sizes k that a weight below the quota can still lose with: k <= n - b (every size without a
  // clause; none if b > n, when no minority can block).
  const auto open = static_cast<long long>(n) - static_cast<long long>(game.blocking_min_members);
  auto can_lose = [&](std::size_t k) {
    return game.blocking_min_members == 0 || static_cast<long long>(k) <= open;
  };
  const std::size_t cols = q;  // weights 0 .. q-1 (losing coalitions)
  // c[k * cols + v]: coalitions of size k and weight v < q among all members.
  std::vector<Count> c((n + 1) * cols, 0);
  c[0] = 1;
  std::size_t max_size = 0;
  for (std::size_t j = 0; j < n; ++j) {
    ++max_size;
    for (std::size_t k = max_size; k >= 1; --k) {
      Count* dst = c.data() + k * cols;
      const Count* src = c.data() + (k - 1) * cols;
      for (std::size_t v = cols; v-- > w[j];) dst[v] += src[v - w[j]];
    }
  }
  // C(n - 1, k) and C(n, k) by Pascal's rule (sums only: exact in 128 bits for n <= 127).
  std::vector<Count> binom_n1(n + 1, 0), binom_n(n + 1, 0);
  binom_n1[0] = 1;
  for (std::size_t a = 1; a < n; ++a) {
    for (std::size_t k = a; k >= 1; --k) binom_n1[k] += binom_n1[k - 1];
  }
  binom_n[0] = 1;
  for (std::size_t k = 1; k <= n; ++k) binom_n[k] = binom_n1[k] + binom_n1[k - 1];
  VotingPower out;
  out.method = VotingPowerMethod::generating_function;
  Count losing = 0;
  for (std::size_t k = 0; k <= n; ++k) {
    if (k < m) {
      losing += binom_n[k];
    } else if (can_lose(k)) {
      for (std::size_t v = 0; v < cols; ++v) losing += c[k * cols + v];
    }
  }
  const Count all = n == 128 ? Count(0) : (Count(1) << n);
  out.winning_coalitions = to_long_double(all - losing);

  // 1 / (n C(n-1, k)), k = 0 .. n-1
  std::vector<long double> factor(n);
  for (std::size_t k = 0; k < n; ++k) {
    long double binom = 1.0L;
    for (std::size_t j = 1; j <= k; ++j) binom = binom * static_cast<long double>(n - j) / static_cast<long double>(j);
    factor[k] = 1.0L / (static_cast<long double>(n) * binom);
  }
  out.banzhaf_swings.assign(n, 0);
  out.shapley_shubik.assign(n, 0.0);
  std::vector<Count> without(n * cols, 0);  // sizes 0 .. n-1
  for (std::size_t i = 0; i < n; ++i) {
    // Remove member i: c = without * (1 + z x^{w_i})  =>  without[k][v] = c[k][v] - without[k-1][v - w_i].
    for (std::size_t k = 0; k < n; ++k) {
      Count* dst = without.data() + k * cols;
      const Count* total = c.data() + k * cols;
      for (std::size_t v = 0; v < cols; ++v) {
        Count x = total[v];
        if (k > 0 && v >= w[i]) x -= without[(k - 1) * cols + v - w[i]];
        dst[v] = x;
      }
    }
    // Coalitions S without i, of size k, that lose, minus those for which S + i still loses.
    auto losing_without = [&](std::size_t k, std::size_t below) -> Count {  // size k, weight < below
      Count x = 0;
      for (std::size_t v = 0; v < std::min(below, cols); ++v) x += without[k * cols + v];
      return x;
    };
    const std::size_t lo = q > w[i] ? q - w[i] : 0;
    Count swings = 0;
    long double ss = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const Count lose = k < m ? binom_n1[k] : can_lose(k) ? losing_without(k, q) : Count(0);
      const Count still = k + 1 < m ? binom_n1[k] : can_lose(k + 1) ? losing_without(k, lo) : Count(0);
      const Count at_k = lose - still;
      swings += at_k;
      ss += to_long_double(at_k) * factor[k];
    }
    out.banzhaf_swings[i] = to_long_double(swings);
    out.shapley_shubik[i] = static_cast<double>(ss);
  }
  finish(out, n);
  return out;
}

}  // namespace

std::string_view to_string(VotingPowerMethod method) noexcept {
  switch (method) {
    case VotingPowerMethod::automatic: return "automatic";
    case VotingPowerMethod::enumeration: return "enumeration";
    case VotingPowerMethod::generating_function: return "generating-function";
  }
  return "unknown";
}

VotingPower voting_power(std::span<const double> weights, double quota, const VotingPowerOptions& options) {
  return voting_power(weights, VotingGame{quota, 0, 0}, options);
}

VotingPower voting_power(std::span<const double> weights, const VotingGame& game, const VotingPowerOptions& options) {
  const double quota = game.quota;
  const std::size_t n = weights.size();
  if (n == 0) throw std::invalid_argument("voting_power: no members");
  bool integral = true;
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weights[i];
    if (!std::isfinite(w) || w < 0.0) throw std::invalid_argument(fmt::format("voting_power: weight {} is not a finite value >= 0", i));
    if (w != std::floor(w) || w > 1e15) integral = false;
    total += w;
  }
  if (!(quota > 0.0) || !std::isfinite(quota)) throw std::invalid_argument("voting_power: the quota must be a positive number");
  VotingPowerMethod method = options.method;
  if (method == VotingPowerMethod::automatic) {
    const bool small_quota = std::ceil(std::min(quota, total + 1.0)) <= static_cast<double>(options.max_quota);
    method = (integral && small_quota && n <= kMaxGenerating) ? VotingPowerMethod::generating_function
                                                               : VotingPowerMethod::enumeration;
  }
  if (method == VotingPowerMethod::enumeration) {
    if (n > kMaxEnumeration) {
      throw std::invalid_argument(fmt::format(
          "voting_power: {} members are too many to enumerate (at most {}); give integer weights", n, kMaxEnumeration));
    }
    return by_enumeration(weights, game);
  }
  if (!integral) throw std::invalid_argument("voting_power: generating functions need integer weights");
  if (n > kMaxGenerating) {
    throw std::invalid_argument(fmt::format("voting_power: at most {} members (128-bit coalition counts)", kMaxGenerating));
  }
  // A quota above the total weight means nothing wins; cap the table at total + 1.
  const double effective = std::min(quota, total + 1.0);
  if (std::ceil(effective) > static_cast<double>(options.max_quota)) {
    throw std::invalid_argument(fmt::format("voting_power: quota {} exceeds the table limit {}", quota, options.max_quota));
  }
  return by_generating_function(weights, effective, game);
}

}  // namespace concord::bargain

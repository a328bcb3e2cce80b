#include "concord/measures/concentration.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace concord::measures {

namespace {

struct Moments {
  double total = 0.0;         // C = sum c_i
  double h = 0.0;             // H = sum s_i^2
  double excess = 0.0;        // H - 1/N = sum (s_i - 1/N)^2
};

// Two passes over the capabilities, no buffer of shares. The excess H - 1/N is computed as
// sum (c_i - mean)^2 / C^2, an identity (sum s_i = 1) that is exactly 0 for equal values and
// avoids the cancellation of H - 1/N, which the square root of CON would magnify.
Moments moments(std::span<const double> capabilities) {
  Moments m;
  for (const double c : capabilities) {
    if (!std::isfinite(c) || c < 0.0)
      throw std::invalid_argument("concentration: capabilities must be finite and non-negative");
    m.total += c;
  }
  if (!(m.total > 0.0)) throw std::invalid_argument("concentration: capabilities sum to zero");
  const double mean = m.total / static_cast<double>(capabilities.size());
  double sum_squares = 0.0;
  double sum_deviations = 0.0;
  for (const double c : capabilities) {
    sum_squares += c * c;
    sum_deviations += (c - mean) * (c - mean);
  }
  const double c2 = m.total * m.total;
  m.h = sum_squares / c2;
  m.excess = sum_deviations / c2;
  return m;
}

}  // namespace

Concentration concentration(std::span<const double> capabilities) {
  if (capabilities.size() < 2)
    throw std::invalid_argument("concentration: Ray-Singer CON needs at least two states");
  const Moments m = moments(capabilities);
  Concentration out;
  out.n = capabilities.size();
  out.sum_squared_shares = m.h;
  const double n = static_cast<double>(out.n);
  // (H - 1/N) / (1 - 1/N) = excess * N / (N - 1)
  out.con = std::sqrt(std::min(1.0, m.excess * n / (n - 1.0)));
  out.effective_poles = 1.0 / m.h;
  return out;
}

double ray_singer_con(std::span<const double> capabilities) { return concentration(capabilities).con; }

double effective_poles(std::span<const double> capabilities) {
  if (capabilities.empty()) throw std::invalid_argument("effective_poles: no states");
  return 1.0 / moments(capabilities).h;
}

}  // namespace concord::measures

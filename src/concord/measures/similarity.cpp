#include "concord/measures/similarity.hpp"

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace concord::measures {

namespace {

// Relative slack when checking that a distance lies inside the declared range, so that values
// computed in floating point (for example 0.1 + 0.2 on a 0..0.3 scale) are not rejected.
constexpr double kRangeSlack = 1e-12;

void check_lengths(std::span<const double> a, std::span<const double> b, std::span<const double> weights,
                   const char* who) {
  if (a.size() != b.size())
    throw std::invalid_argument(std::string(who) + ": portfolios a and b have different lengths");
  if (a.empty()) throw std::invalid_argument(std::string(who) + ": empty portfolios");
  if (!weights.empty() && weights.size() != a.size())
    throw std::invalid_argument(std::string(who) + ": weights must be empty or one per entry");
}

// Accumulates sum w_k d_k and sum w_k for one entry; throws on a bad weight or range.
inline void accumulate(double x, double y, double w, double range, SDistance distance, double& num,
                       double& den, const char* who) {
  if (!(range > 0.0)) throw std::invalid_argument(std::string(who) + ": a range is not positive");
  if (!(w >= 0.0)) throw std::invalid_argument(std::string(who) + ": a weight is negative or NaN");
  const double diff = std::fabs(x - y);
  if (!(diff <= range * (1.0 + kRangeSlack)))
    throw std::invalid_argument(std::string(who) + ": |a - b| exceeds the range of the scale (or is NaN)");
  const double u = diff / range;
  num += w * (distance == SDistance::squared ? u * u : u);
  den += w;
}

double finish(double num, double den, const char* who) {
  if (!(den > 0.0)) throw std::invalid_argument(std::string(who) + ": weights sum to zero");
  return 1.0 - 2.0 * num / den;
}

}  // namespace

double s_score(std::span<const double> a, std::span<const double> b, std::span<const double> weights,
               const SScoreOptions& options) {
  constexpr const char* who = "s_score";
  check_lengths(a, b, weights, who);
  double num = 0.0;
  double den = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k)
    accumulate(a[k], b[k], weights.empty() ? 1.0 : weights[k], options.range, options.distance, num, den, who);
  return finish(num, den, who);
}

double s_score_multi(std::span<const double> a, std::span<const double> b, std::span<const double> weights,
                     std::span<const double> ranges, SDistance distance) {
  constexpr const char* who = "s_score_multi";
  check_lengths(a, b, weights, who);
  if (ranges.size() != a.size()) throw std::invalid_argument("s_score_multi: ranges must have one entry per dimension");
  double num = 0.0;
  double den = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k)
    accumulate(a[k], b[k], weights.empty() ? 1.0 : weights[k], ranges[k], distance, num, den, who);
  return finish(num, den, who);
}

std::optional<double> kendall_tau_b(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) throw std::invalid_argument("kendall_tau_b: portfolios a and b have different lengths");
  const std::size_t n = a.size();
  if (n < 2) return std::nullopt;
  // Counts fit exactly in doubles up to 2^53 pairs; use 64-bit integers for clarity.
  long long concordant_minus_discordant = 0;
  long long tied_a = 0;
  long long tied_b = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (std::isnan(a[j]) || std::isnan(b[j]) || std::isnan(a[i]) || std::isnan(b[i]))
        throw std::invalid_argument("kendall_tau_b: a position is NaN");
      const double da = a[j] - a[i];
      const double db = b[j] - b[i];
      if (da == 0.0) ++tied_a;
      if (db == 0.0) ++tied_b;
      if (da != 0.0 && db != 0.0) concordant_minus_discordant += ((da > 0.0) == (db > 0.0)) ? 1 : -1;
    }
  }
  const auto pairs = static_cast<long long>(n) * static_cast<long long>(n - 1) / 2;
  const long long untied_a = pairs - tied_a;
  const long long untied_b = pairs - tied_b;
  if (untied_a == 0 || untied_b == 0) return std::nullopt;
  return static_cast<double>(concordant_minus_discordant) /
         std::sqrt(static_cast<double>(untied_a) * static_cast<double>(untied_b));
}

}  // namespace concord::measures

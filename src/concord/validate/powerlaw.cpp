#include "concord/validate/powerlaw.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace concord::validate {

namespace {

// Offset of the tail's reference point: x_min (continuous) or x_min - 1/2 (discrete, eq. 3.7).
double shift_of(PowerLawKind kind) { return kind == PowerLawKind::discrete ? 0.5 : 0.0; }

void check_values(std::span<const double> x, PowerLawKind kind) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    if (!std::isfinite(v) || v <= 0.0)
      throw std::invalid_argument("fit_power_law: observation " + std::to_string(i) +
                                  " is not positive and finite");
    if (kind == PowerLawKind::discrete && (v < 1.0 || v != std::floor(v)))
      throw std::invalid_argument("fit_power_law: observation " + std::to_string(i) +
                                  " is not an integer >= 1 (discrete kind)");
  }
}

// A sorted sample with the suffix sums of ln x, shared by the scan and the bootstrap.
class SortedSample {
 public:
  explicit SortedSample(std::vector<double> values) : v_(std::move(values)) {
    std::sort(v_.begin(), v_.end());
    suffix_log_.assign(v_.size() + 1, 0.0);
    for (std::size_t i = v_.size(); i-- > 0;) suffix_log_[i] = suffix_log_[i + 1] + std::log(v_[i]);
  }
  [[nodiscard]] std::size_t size() const { return v_.size(); }
  [[nodiscard]] double operator[](std::size_t i) const { return v_[i]; }
  [[nodiscard]] double suffix_log(std::size_t k) const { return suffix_log_[k]; }

 private:
  std::vector<double> v_;
  std::vector<double> suffix_log_;
};

// CDF of the fitted tail just below y (P(X < y)) and at y (P(X <= y)).
struct ModelCdf {
  double x_min;
  double alpha;
  PowerLawKind kind;
  [[nodiscard]] double survival(double y) const {  // P(X >= y) in the continuous approximation
    const double s = shift_of(kind);
    return std::pow((y - s) / (x_min - s), 1.0 - alpha);
  }
  [[nodiscard]] double before(double y) const { return 1.0 - survival(y); }
  [[nodiscard]] double at(double y) const {
    return kind == PowerLawKind::discrete ? 1.0 - survival(y + 1.0) : before(y);
  }
};

// KS distance between the tail v[k..n) and the fitted law; stops early (returning a value
// >= bound) as soon as the distance reaches `bound`.
double ks_distance(const SortedSample& v, std::size_t k, const ModelCdf& model, double bound) {
  const std::size_t n = v.size();
  const double m = static_cast<double>(n - k);
  double d = 0.0;
  std::size_t i = k;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && v[j] == v[i]) ++j;
    const double lower = static_cast<double>(i - k) / m;
    const double upper = static_cast<double>(j - k) / m;
    d = std::max({d, std::fabs(lower - model.before(v[i])), std::fabs(upper - model.at(v[i]))});
    if (d >= bound) return d;
    i = j;
  }
  return d;
}

// MLE of alpha on the tail v[k..n) with lower bound x_min; +inf denominator guard by caller.
double mle_alpha(const SortedSample& v, std::size_t k, double x_min, PowerLawKind kind) {
  const double m = static_cast<double>(v.size() - k);
  const double sum_log = v.suffix_log(k) - m * std::log(x_min - shift_of(kind));
  return 1.0 + m / sum_log;
}

PowerLawFit fit_sorted(const SortedSample& v, const PowerLawOptions& options) {
  const std::size_t n = v.size();
  if (options.min_tail < 2) throw std::invalid_argument("fit_power_law: min_tail must be at least 2");
  PowerLawFit best;
  best.kind = options.kind;
  best.n_total = n;
  if (options.x_min) {
    const double x_min = *options.x_min;
    if (!(x_min > shift_of(options.kind)) || !std::isfinite(x_min))
      throw std::invalid_argument(
          "fit_power_law: fixed x_min must be positive (above 1/2 for the discrete kind)");
    std::size_t k = 0;
    while (k < n && v[k] < x_min) ++k;
    if (n - k < options.min_tail)
      throw std::invalid_argument("fit_power_law: fixed x_min leaves too small a tail");
    if (options.kind == PowerLawKind::continuous && !(v[n - 1] > x_min))
      throw std::invalid_argument("fit_power_law: no observation above the fixed x_min");
    best.x_min = x_min;
    best.alpha = mle_alpha(v, k, x_min, options.kind);
    best.n_tail = n - k;
    best.ks_distance =
        ks_distance(v, k, ModelCdf{x_min, best.alpha, options.kind}, std::numeric_limits<double>::infinity());
  } else {
    double best_d = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < n && n - k >= options.min_tail; ++k) {
      if (k > 0 && v[k] == v[k - 1]) continue;  // first index of each distinct value
      if (v[k] == v[n - 1]) break;              // the largest value: nothing above it
      const double x_min = v[k];
      const double alpha = mle_alpha(v, k, x_min, options.kind);
      const double d = ks_distance(v, k, ModelCdf{x_min, alpha, options.kind}, best_d);
      if (d < best_d) {
        best_d = d;
        best.x_min = x_min;
        best.alpha = alpha;
        best.n_tail = n - k;
        best.ks_distance = d;
      }
    }
    if (best.n_tail == 0)
      throw std::invalid_argument(
          "fit_power_law: no candidate x_min leaves a tail of min_tail values with one above x_min");
  }
  best.alpha_se = (best.alpha - 1.0) / std::sqrt(static_cast<double>(best.n_tail));
  return best;
}

// Uniform in [0, 1) from the top 53 bits of one mt19937_64 draw: the same on every platform.
double uniform01(std::mt19937_64& gen) { return static_cast<double>(gen() >> 11) * 0x1.0p-53; }

}  // namespace

double power_law_quantile(double u, double alpha, double x_min, PowerLawKind kind) {
  const double tail = std::pow(1.0 - u, -1.0 / (alpha - 1.0));
  if (kind == PowerLawKind::discrete) return std::floor((x_min - 0.5) * tail + 0.5);
  return x_min * tail;
}

PowerLawFit fit_power_law(std::span<const double> x, const PowerLawOptions& options) {
  check_values(x, options.kind);
  return fit_sorted(SortedSample(std::vector<double>(x.begin(), x.end())), options);
}

double power_law_p_value(std::span<const double> x, const PowerLawFit& fit, const PowerLawOptions& options,
                         std::size_t replicates, std::uint64_t seed) {
  return power_law_p_value(x, fit, options, replicates, seed, BootstrapControl{});
}

double power_law_p_value(std::span<const double> x, const PowerLawFit& fit, const PowerLawOptions& options,
                         std::size_t replicates, std::uint64_t seed, const BootstrapControl& control) {
  if (replicates == 0) throw std::invalid_argument("power_law_p_value: replicates must be positive");
  check_values(x, options.kind);
  const SortedSample observed(std::vector<double>(x.begin(), x.end()));
  const std::size_t n = observed.size();
  std::size_t below = 0;
  while (below < n && observed[below] < fit.x_min) ++below;
  const double p_tail = static_cast<double>(n - below) / static_cast<double>(n);

  std::mt19937_64 gen(seed);
  std::vector<double> synthetic(n);
  std::size_t at_least_as_far = 0;
  std::size_t done = 0;
  for (std::size_t r = 0; r < replicates; ++r) {
    if (control.stop != nullptr && control.stop->load()) break;
    for (double& s : synthetic) {
      if (below == 0 || uniform01(gen) < p_tail) {
        s = power_law_quantile(uniform01(gen), fit.alpha, fit.x_min, fit.kind);
      } else {
        const auto idx = static_cast<std::size_t>(uniform01(gen) * static_cast<double>(below));
        s = observed[std::min(idx, below - 1)];
      }
    }
    double d = 1.0;  // a synthetic sample that admits no fit counts as at least as far
    try {
      d = fit_sorted(SortedSample(synthetic), options).ks_distance;
    } catch (const std::invalid_argument&) {
    }
    if (d >= fit.ks_distance) ++at_least_as_far;
    ++done;
    if (control.progress) control.progress(done, replicates);
  }
  if (control.done != nullptr) *control.done = done;
  if (done == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(at_least_as_far) / static_cast<double>(done);
}

}  // namespace concord::validate

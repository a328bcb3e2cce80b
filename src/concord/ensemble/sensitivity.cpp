#include "concord/ensemble/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <Random123/philox.h>

#include "concord/ensemble/design.hpp"
#include "concord/ensemble/reference_model.hpp"

namespace concord::ensemble {

namespace {

using Rng = r123::Philox4x64;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double draw(const Rng& rng, const Rng::key_type& key, std::uint64_t a, std::uint64_t b,
            std::uint64_t c) {
  const Rng::ctr_type ctr = {{a, b, c, 0}};
  return u01(rng(ctr, key).v[0]);
}

// Percentile of sorted values, linear interpolation between order statistics.
double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::pair<double, double> interval(std::vector<double> values, double level) {
  std::sort(values.begin(), values.end());
  return {percentile(values, (1.0 - level) / 2.0), percentile(values, 1.0 - (1.0 - level) / 2.0)};
}

}  // namespace

std::vector<std::vector<double>> morris_unit(std::uint64_t trajectories, std::size_t d,
                                             int levels, std::uint64_t seed) {
  if (levels < 2 || levels % 2 != 0) throw std::invalid_argument("Morris levels must be even");
  const double step = 1.0 / (levels - 1);
  const double delta = levels / (2.0 * (levels - 1));
  Rng rng;
  const Rng::key_type key = {{seed, 0x4d4f52ULL /* "MOR" */}};
  std::vector<std::vector<double>> out;
  out.reserve(trajectories * (d + 1));
  std::vector<std::size_t> order(d);
  for (std::uint64_t t = 0; t < trajectories; ++t) {
    std::vector<double> x(d);
    for (std::size_t i = 0; i < d; ++i) {
      const auto level = static_cast<int>(draw(rng, key, t, i, 0) * levels);
      x[i] = std::min(level, levels - 1) * step;
    }
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = d; i > 1; --i) {
      const auto k = static_cast<std::size_t>(draw(rng, key, t, i, 1) * static_cast<double>(i));
      std::swap(order[i - 1], order[std::min(k, i - 1)]);
    }
    out.push_back(x);
    for (std::size_t s = 0; s < d; ++s) {
      const std::size_t i = order[s];
      const bool up_ok = x[i] + delta <= 1.0 + 1e-12;
      const bool down_ok = x[i] - delta >= -1e-12;
      const bool up = up_ok && (!down_ok || draw(rng, key, t, s, 2) < 0.5);
      x[i] = std::clamp(x[i] + (up ? delta : -delta), 0.0, 1.0);
      out.push_back(x);
    }
  }
  return out;
}

MorrisIndices morris_indices(const std::vector<std::vector<double>>& unit,
                             const std::vector<double>& y, std::size_t d,
                             std::uint64_t bootstrap, std::uint64_t seed, double level) {
  if (d == 0 || unit.size() != y.size() || unit.size() % (d + 1) != 0) {
    throw std::invalid_argument("Morris: outputs do not match a design of (d + 1)-point trajectories");
  }
  const std::size_t r = unit.size() / (d + 1);
  // effects[t * d + i]: elementary effect of factor i in trajectory t.
  std::vector<double> effects(r * d, kNaN);
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t s = 0; s < d; ++s) {
      const auto& a = unit[t * (d + 1) + s];
      const auto& b = unit[t * (d + 1) + s + 1];
      std::size_t changed = d;
      for (std::size_t i = 0; i < d; ++i) {
        if (a[i] != b[i]) changed = i;
      }
      if (changed == d) throw std::invalid_argument("Morris: a trajectory step changes nothing");
      effects[t * d + changed] =
          (y[t * (d + 1) + s + 1] - y[t * (d + 1) + s]) / (b[changed] - a[changed]);
    }
  }
  auto summarise = [&](const std::vector<std::size_t>& rows, std::size_t i, double& mu,
                       double& mu_star, double& sigma) {
    double sum = 0, sum_abs = 0;
    for (auto t : rows) {
      sum += effects[t * d + i];
      sum_abs += std::abs(effects[t * d + i]);
    }
    const auto n = static_cast<double>(rows.size());
    mu = sum / n;
    mu_star = sum_abs / n;
    double ss = 0;
    for (auto t : rows) ss += (effects[t * d + i] - mu) * (effects[t * d + i] - mu);
    sigma = rows.size() > 1 ? std::sqrt(ss / (n - 1)) : kNaN;
  };
  MorrisIndices out;
  out.mu.resize(d);
  out.mu_star.resize(d);
  out.sigma.resize(d);
  out.mu_star_lo.assign(d, kNaN);
  out.mu_star_hi.assign(d, kNaN);
  std::vector<std::size_t> all(r);
  std::iota(all.begin(), all.end(), 0);
  for (std::size_t i = 0; i < d; ++i) summarise(all, i, out.mu[i], out.mu_star[i], out.sigma[i]);
  if (bootstrap > 0) {
    Rng rng;
    const Rng::key_type key = {{seed, 0x424f4f54ULL /* "BOOT" */}};
    std::vector<std::vector<double>> samples(d);
    std::vector<std::size_t> rows(r);
    for (std::uint64_t b = 0; b < bootstrap; ++b) {
      for (std::size_t k = 0; k < r; ++k) {
        rows[k] = std::min(r - 1, static_cast<std::size_t>(draw(rng, key, b, k, 0) *
                                                           static_cast<double>(r)));
      }
      for (std::size_t i = 0; i < d; ++i) {
        double mu = 0, mu_star = 0, sigma = 0;
        summarise(rows, i, mu, mu_star, sigma);
        samples[i].push_back(mu_star);
      }
    }
    for (std::size_t i = 0; i < d; ++i) {
      std::tie(out.mu_star_lo[i], out.mu_star_hi[i]) = interval(samples[i], level);
    }
  }
  return out;
}

std::vector<std::vector<double>> saltelli_unit(std::uint64_t n, std::size_t d) {
  const auto base = sobol_unit(n, 2 * d);
  std::vector<std::vector<double>> out;
  out.reserve(n * (d + 2));
  for (const auto& row : base) {
    const std::vector<double> a(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(d));
    const std::vector<double> b(row.begin() + static_cast<std::ptrdiff_t>(d), row.end());
    out.push_back(a);
    out.push_back(b);
    for (std::size_t i = 0; i < d; ++i) {
      auto ab = a;
      ab[i] = b[i];
      out.push_back(std::move(ab));
    }
  }
  return out;
}

SobolIndices sobol_indices(const std::vector<double>& y, std::size_t d, std::uint64_t n,
                           std::uint64_t bootstrap, std::uint64_t seed, double level) {
  const std::size_t stride = d + 2;
  if (d == 0 || n < 2 || y.size() != n * stride) {
    throw std::invalid_argument("Sobol indices: outputs do not match an N x (d + 2) Saltelli design");
  }
  // Indices of one resample (or of the original rows) -> (first, total, V).
  auto estimate = [&](const std::vector<std::size_t>& rows, std::vector<double>& first,
                      std::vector<double>& total) {
    const auto m = static_cast<double>(rows.size());
    double mean = 0.0;
    for (auto j : rows) mean += y[j * stride] + y[j * stride + 1];
    mean /= 2.0 * m;
    double var = 0.0;
    for (auto j : rows) {
      var += (y[j * stride] - mean) * (y[j * stride] - mean) +
             (y[j * stride + 1] - mean) * (y[j * stride + 1] - mean);
    }
    var /= 2.0 * m - 1.0;
    first.assign(d, kNaN);
    total.assign(d, kNaN);
    if (!(var > 0.0)) return var;
    for (std::size_t i = 0; i < d; ++i) {
      double sb = 0.0, sa = 0.0;
      for (auto j : rows) {
        const double fa = y[j * stride], fb = y[j * stride + 1], fab = y[j * stride + 2 + i];
        sb += (fb - fab) * (fb - fab);
        sa += (fa - fab) * (fa - fab);
      }
      first[i] = (var - sb / (2.0 * m)) / var;
      total[i] = sa / (2.0 * m) / var;
    }
    return var;
  };
  SobolIndices out;
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  out.variance = estimate(rows, out.first, out.total);
  if (!(out.variance > 0.0)) {
    throw std::invalid_argument("Sobol indices: the output does not vary over the design");
  }
  out.first_lo.assign(d, kNaN);
  out.first_hi.assign(d, kNaN);
  out.total_lo.assign(d, kNaN);
  out.total_hi.assign(d, kNaN);
  if (bootstrap > 0) {
    Rng rng;
    const Rng::key_type key = {{seed, 0x534f424fULL /* "SOBO" */}};
    std::vector<std::vector<double>> s1(d), st(d);
    std::vector<double> first, total;
    for (std::uint64_t b = 0; b < bootstrap; ++b) {
      for (std::size_t k = 0; k < n; ++k) {
        rows[k] = std::min<std::size_t>(
            n - 1, static_cast<std::size_t>(draw(rng, key, b, k, 0) * static_cast<double>(n)));
      }
      estimate(rows, first, total);
      for (std::size_t i = 0; i < d; ++i) {
        s1[i].push_back(first[i]);
        st[i].push_back(total[i]);
      }
    }
    for (std::size_t i = 0; i < d; ++i) {
      std::tie(out.first_lo[i], out.first_hi[i]) = interval(s1[i], level);
      std::tie(out.total_lo[i], out.total_hi[i]) = interval(st[i], level);
    }
  }
  return out;
}

}  // namespace concord::ensemble

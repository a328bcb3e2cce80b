#include "concord/ensemble/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

namespace concord::ensemble {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_level(double level) {
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument("confidence level must lie in (0, 1)");
  }
}
}  // namespace

double normal_quantile_two_sided(double level) {
  check_level(level);
  const boost::math::normal_distribution<double> normal;
  return boost::math::quantile(normal, 1.0 - (1.0 - level) / 2.0);
}

double student_quantile_two_sided(double level, double dof) {
  check_level(level);
  const boost::math::students_t_distribution<double> t(dof);
  return boost::math::quantile(t, 1.0 - (1.0 - level) / 2.0);
}

double Proportion::proportion() const noexcept {
  return n_ == 0 ? kNaN : static_cast<double>(k_) / static_cast<double>(n_);
}

Estimate Proportion::wilson(double level) const {
  if (n_ == 0) return {kNaN, 0.0, 1.0, 0};
  const double z = normal_quantile_two_sided(level);
  const double n = static_cast<double>(n_);
  const double p = static_cast<double>(k_) / n;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half), n_};
}

Mean::Mean(Support support) : support_(support) {
  if (!(support.lower <= support.upper)) {
    throw std::invalid_argument("a mean's support needs lower <= upper");
  }
}

void Mean::out_of_support(double x) const {
  throw std::domain_error(fmt::format("value {} outside the declared range [{}, {}] of a mean", x,
                                      support_.lower, support_.upper));
}

double Mean::mean() const noexcept { return n_ == 0 ? kNaN : mean_; }

double Mean::variance() const noexcept {
  return n_ < 2 ? kNaN : m2_ / static_cast<double>(n_ - 1);
}

double Mean::sd() const noexcept { return std::sqrt(variance()); }

Estimate Mean::student(double level) const {
  if (n_ < 2) return {mean(), kNaN, kNaN, n_};
  const double t = student_quantile_two_sided(level, static_cast<double>(n_ - 1));
  const double half = t * sd() / std::sqrt(static_cast<double>(n_));
  return {mean_, std::max(support_.lower, mean_ - half), std::min(support_.upper, mean_ + half),
          n_};
}

Quantiles::Quantiles(std::vector<double> probabilities, std::size_t exact_limit)
    : p_(std::move(probabilities)), limit_(std::max<std::size_t>(exact_limit, 5)) {
  for (double p : p_) {
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("a quantile's probability must lie in [0, 1]");
  }
}

void Quantiles::add(double x) {
  ++n_;
  if (markers_.empty()) {
    values_.push_back(x);
    sorted_ = false;
    if (values_.size() > limit_) switch_to_p2();
    return;
  }
  for (P2& m : markers_) {
    // Jain & Chlamtac (1985), box 1: find the cell, shift the positions, adjust the middle markers
    int k = 0;
    if (x < m.q[0]) {
      m.q[0] = x;
      k = 0;
    } else if (x >= m.q[4]) {
      m.q[4] = std::max(m.q[4], x);
      k = 3;
    } else {
      k = 0;
      while (k < 3 && x >= m.q[k + 1]) ++k;
    }
    for (int i = k + 1; i < 5; ++i) m.n[i] += 1.0;
    for (int i = 0; i < 5; ++i) m.np[i] += m.dn[i];
    for (int i = 1; i <= 3; ++i) {
      const double d = m.np[i] - m.n[i];
      if ((d >= 1.0 && m.n[i + 1] - m.n[i] > 1.0) || (d <= -1.0 && m.n[i - 1] - m.n[i] < -1.0)) {
        const double s = d >= 0.0 ? 1.0 : -1.0;
        // piecewise-parabolic prediction, else linear
        const double qp = m.q[i] + s / (m.n[i + 1] - m.n[i - 1]) *
                                       ((m.n[i] - m.n[i - 1] + s) * (m.q[i + 1] - m.q[i]) / (m.n[i + 1] - m.n[i]) +
                                        (m.n[i + 1] - m.n[i] - s) * (m.q[i] - m.q[i - 1]) / (m.n[i] - m.n[i - 1]));
        if (m.q[i - 1] < qp && qp < m.q[i + 1]) {
          m.q[i] = qp;
        } else {
          const int j = i + static_cast<int>(s);
          m.q[i] = m.q[i] + s * (m.q[j] - m.q[i]) / (m.n[j] - m.n[i]);
        }
        m.n[i] += s;
      }
    }
  }
}

void Quantiles::switch_to_p2() {
  std::sort(values_.begin(), values_.end());
  const double count = static_cast<double>(values_.size());
  markers_.clear();
  for (double p : p_) {
    P2 m{};
    const double want[5] = {1.0, 1.0 + (count - 1.0) * p / 2.0, 1.0 + (count - 1.0) * p,
                            1.0 + (count - 1.0) * (1.0 + p) / 2.0, count};
    const double inc[5] = {0.0, p / 2.0, p, (1.0 + p) / 2.0, 1.0};
    double last = 0.0;
    for (int i = 0; i < 5; ++i) {
      // integer positions, strictly increasing, inside 1..count
      double pos = std::clamp(std::round(want[i]), last + 1.0, count - static_cast<double>(4 - i));
      m.n[i] = pos;
      m.np[i] = want[i];
      m.dn[i] = inc[i];
      m.q[i] = values_[static_cast<std::size_t>(pos) - 1];
      last = pos;
    }
    markers_.push_back(m);
  }
  values_.clear();
  values_.shrink_to_fit();
}

double Quantiles::at(std::size_t i) const {
  if (n_ == 0) return kNaN;
  const double p = p_.at(i);
  if (!markers_.empty()) {
    const P2& m = markers_[i];
    if (p <= 0.0) return m.q[0];
    if (p >= 1.0) return m.q[4];
    return m.q[2];
  }
  if (!sorted_) {
    std::sort(values_.begin(), values_.end());
    sorted_ = true;
  }
  // Hyndman & Fan type 7: h = (n - 1) p, interpolate between x_floor(h) and x_floor(h)+1 (0-based)
  const double h = (static_cast<double>(values_.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values_.size() - 1);
  return values_[lo] + (h - static_cast<double>(lo)) * (values_[hi] - values_[lo]);
}

KaplanMeier::KaplanMeier(int horizon)
    : horizon_(horizon),
      events_(static_cast<std::size_t>(std::max(horizon, 0)), 0),
      censored_(static_cast<std::size_t>(std::max(horizon, 0)), 0) {
  if (horizon < 1) throw std::invalid_argument("Kaplan-Meier horizon must be at least 1 year");
}

void KaplanMeier::add_counts(int t, std::uint64_t events, std::uint64_t censored) {
  if (t < 1 || t > horizon_) {
    throw std::out_of_range("Kaplan-Meier time outside 1..horizon");
  }
  events_[static_cast<std::size_t>(t - 1)] += events;
  censored_[static_cast<std::size_t>(t - 1)] += censored;
  total_ += events + censored;
}

void KaplanMeier::add_event(int t) { add_counts(t, 1, 0); }
void KaplanMeier::add_censored(int t) { add_counts(t, 0, 1); }

std::vector<KaplanMeier::Point> KaplanMeier::curve(double level, SurvivalInterval kind) const {
  const double z = normal_quantile_two_sided(level);
  std::vector<Point> out;
  out.reserve(events_.size());
  std::uint64_t at_risk = total_;
  double survival = 1.0;
  double greenwood_sum = 0.0;  // sum d/(n(n-d))
  for (int t = 1; t <= horizon_; ++t) {
    const auto i = static_cast<std::size_t>(t - 1);
    Point p;
    p.t = t;
    p.at_risk = at_risk;
    p.events = events_[i];
    if (total_ == 0) {
      p.survival = 1.0;
      p.se = p.lo = p.hi = kNaN;
      out.push_back(p);
      continue;
    }
    if (at_risk > 0 && events_[i] > 0) {
      const double n = static_cast<double>(at_risk);
      const double d = static_cast<double>(events_[i]);
      survival *= 1.0 - d / n;
      if (at_risk > events_[i]) greenwood_sum += d / (n * (n - d));
    }
    p.survival = survival;
    if (survival <= 0.0) {
      p.se = 0.0;
      p.lo = p.hi = 0.0;
    } else {
      p.se = survival * std::sqrt(greenwood_sum);
      if (kind == SurvivalInterval::linear || greenwood_sum == 0.0 || survival >= 1.0) {
        p.lo = std::max(0.0, survival - z * p.se);
        p.hi = std::min(1.0, survival + z * p.se);
      } else {
        // log(-log S) has se sqrt(sum)/|log S|; S^exp(+-z*se') maps back.
        const double log_s = std::log(survival);
        const double w = z * std::sqrt(greenwood_sum) / std::abs(log_s);
        p.lo = std::pow(survival, std::exp(w));
        p.hi = std::pow(survival, std::exp(-w));
      }
    }
    out.push_back(p);
    at_risk -= events_[i] + censored_[i];
  }
  return out;
}

}  // namespace concord::ensemble

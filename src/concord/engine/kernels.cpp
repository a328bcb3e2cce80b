#include "concord/engine/kernels.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace concord::engine {

double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double normal_quantile(double prob) {
  if (!(prob > 0.0 && prob < 1.0)) throw std::domain_error("normal_quantile: probability outside (0, 1)");
  return -std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * prob);
}

BargainingRange fearon_range(double p, double cost_a, double cost_d) noexcept {
  return {p - cost_a, p + cost_d};
}

bool powell_commitment_war(double p_now, double p_next, double cost_a, double cost_d, double delta) noexcept {
  return delta * p_next - p_now > cost_d + delta * cost_a;
}

double p_war_information(double cost_a, double cost_d, double sigma_info) noexcept {
  const double c = cost_a + cost_d;
  if (sigma_info <= 0.0) return c > 0.0 ? 0.0 : 1.0;
  return 1.0 - normal_cdf(c / (sigma_info * std::numbers::sqrt2));
}

double sigma_info_for(double prob, double cost_a, double cost_d) {
  const double c = cost_a + cost_d;
  if (!(prob > 0.0 && prob < 0.5) || !(c > 0.0)) {
    throw std::domain_error("sigma_info_for: needs 0 < prob < 0.5 and positive costs");
  }
  return c / (std::numbers::sqrt2 * normal_quantile(1.0 - prob));
}

double p_war_information_logistic(double cost_a, double cost_d, double sigma_info) noexcept {
  const double c = cost_a + cost_d;
  if (sigma_info <= 0.0) return c > 0.0 ? 0.0 : 1.0;
  const double s = sigma_info * std::sqrt(6.0) / std::numbers::pi;
  return 1.0 / (1.0 + std::exp(c / s));
}

double sigma_info_for_logistic(double prob, double cost_a, double cost_d) {
  const double c = cost_a + cost_d;
  if (!(prob > 0.0 && prob < 0.5) || !(c > 0.0)) {
    throw std::domain_error("sigma_info_for_logistic: needs 0 < prob < 0.5 and positive costs");
  }
  return std::numbers::pi * c / (std::sqrt(6.0) * std::log(1.0 / prob - 1.0));
}

double p_war_commitment(double p_now, double p_next, double cost_a, double cost_d, double delta,
                        double sigma_c) noexcept {
  const double margin = delta * p_next - p_now - cost_d - delta * cost_a;
  if (sigma_c <= 0.0) return margin > 0.0 ? 1.0 : 0.0;
  return normal_cdf(margin / sigma_c);
}

double p_war_given_crisis(double p_info, double p_commit) noexcept {
  return 1.0 - (1.0 - p_info) * (1.0 - p_commit);
}

double nash_share(double p, double cost_a, double cost_d) noexcept { return p + 0.5 * (cost_d - cost_a); }

RichardsonEquilibrium richardson_equilibrium(double k, double a, double g, double l, double b,
                                             double h) noexcept {
  const double det = a * b - k * l;
  return {(b * g + k * h) / det, (a * h + l * g) / det, det > 0.0};
}

void richardson_step(std::span<const double> x, std::span<const double> threat,
                     std::span<const double> reaction, std::span<const double> fatigue,
                     std::span<const double> grievance, double dt, std::span<double> out) noexcept {
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = threat.data() + i * n;
    double perceived = 0.0;
    for (std::size_t j = 0; j < n; ++j) perceived += row[j] * x[j];
    out[i] = x[i] + dt * (reaction[i] * perceived - fatigue[i] * x[i] + grievance[i]);
  }
}

}  // namespace concord::engine

// The war fits against closed forms: a hand-computed geometric MLE, and recovery of a known
// termination probability and lognormal parameters from synthetic samples generated with them.
#include "concord/validate/war_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

namespace concord::validate {
namespace {

// 53-bit uniform on (0, 1) from mt19937_64 (platform-independent, unlike the std distributions).
double uniform(std::mt19937_64& g) { return (static_cast<double>(g() >> 11U) + 0.5) * 0x1.0p-53; }

TEST(WarFit, GeometricByHand) {
  // durations 1, 1, 2, 4: n = 4, S = 8, q = 1/2, se = q sqrt((1 - q)/n) = 0.5 sqrt(0.125)
  const std::vector<int> d{1, 1, 2, 4};
  const GeometricFit f = fit_geometric(d);
  EXPECT_EQ(f.n, 4);
  EXPECT_EQ(f.years, 8);
  EXPECT_DOUBLE_EQ(f.q, 0.5);
  EXPECT_DOUBLE_EQ(f.mean_duration, 2.0);
  EXPECT_NEAR(f.q_se, 0.5 * std::sqrt(0.125), 1e-15);
  EXPECT_NEAR(f.log_likelihood, 8.0 * std::log(0.5), 1e-12);
  // every war one year: q = 1, se 0, likelihood 1
  const std::vector<int> ones{1, 1, 1};
  const GeometricFit g = fit_geometric(ones);
  EXPECT_EQ(g.q, 1.0);
  EXPECT_EQ(g.q_se, 0.0);
  EXPECT_EQ(g.log_likelihood, 0.0);
  EXPECT_THROW((void)fit_geometric(std::vector<int>{}), std::invalid_argument);
  EXPECT_THROW((void)fit_geometric(std::vector<int>{1, 0}), std::invalid_argument);
}

TEST(WarFit, LognormalByHand) {
  // logs 1, 3: mu = 2, MLE sd = 1, se(mu) = 1/sqrt 2, se(sd) = 1/2
  const std::vector<double> x{1.0, 3.0};
  const LognormalFit f = fit_lognormal(x);
  EXPECT_DOUBLE_EQ(f.mu, 2.0);
  EXPECT_DOUBLE_EQ(f.sd, 1.0);
  EXPECT_NEAR(f.mu_se, 1.0 / std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(f.sd_se, 0.5, 1e-15);
  EXPECT_NEAR(f.log_likelihood, -(std::log(2.0 * std::numbers::pi) + 1.0), 1e-12);
  EXPECT_THROW((void)fit_lognormal(std::vector<double>{1.0}), std::invalid_argument);
  EXPECT_THROW((void)fit_lognormal(std::vector<double>{1.0, std::nan("")}), std::invalid_argument);
}

TEST(WarFit, RecoversAKnownTerminationProbability) {
  // D = 1 + floor(ln U / ln(1 - q)) is geometric on {1, 2, ...} with P(D = d) = (1-q)^(d-1) q
  for (const double q : {0.2, 0.45, 0.8}) {
    std::mt19937_64 g(20261129);
    std::vector<int> d(4000);
    for (int& v : d) v = 1 + static_cast<int>(std::floor(std::log(uniform(g)) / std::log(1.0 - q)));
    const GeometricFit f = fit_geometric(d);
    // the standard error is the closed form at the true q; the estimate lies within 4 of them
    const double se = q * std::sqrt((1.0 - q) / 4000.0);
    EXPECT_NEAR(f.q_se, se, 0.1 * se) << q;
    EXPECT_NEAR(f.q, q, 4.0 * se) << q;
    EXPECT_NEAR(f.mean_duration, 1.0 / q, 4.0 * std::sqrt(1.0 - q) / q / std::sqrt(4000.0)) << q;
  }
}

TEST(WarFit, RecoversKnownLognormalParameters) {
  const double mu = -4.2;
  const double sd = 1.7;
  const int n = 5000;
  std::mt19937_64 g(7);
  std::vector<double> x(n);
  for (double& v : x) {  // Box-Muller
    const double z = std::sqrt(-2.0 * std::log(uniform(g))) * std::cos(2.0 * std::numbers::pi * uniform(g));
    v = std::log(std::exp(mu + sd * z));  // the fit takes logs of lognormal values
  }
  const LognormalFit f = fit_lognormal(x);
  EXPECT_EQ(f.n, n);
  EXPECT_NEAR(f.mu_se, sd / std::sqrt(n), 0.05 * sd / std::sqrt(n));
  EXPECT_NEAR(f.sd_se, sd / std::sqrt(2.0 * n), 0.05 * sd / std::sqrt(2.0 * n));
  EXPECT_NEAR(f.mu, mu, 4.0 * sd / std::sqrt(n));
  EXPECT_NEAR(f.sd, sd, 4.0 * sd / std::sqrt(2.0 * n));
}

}  // namespace
}  // namespace concord::validate

// The war fits against closed forms: a hand-computed geometric MLE, and recovery of a known
// termination probability, lognormal parameters and a log-log regression from synthetic samples generated with them.
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

TEST(WarFit, LogLogByHand) {
  // (0, 1), (1, 2), (2, 5): x mean 1, Sxx = 2, Sxy = 4, b = 2, a = 8/3 - 2 = 2/3; residuals 1/3,
  // -2/3, 1/3, RSS = 2/3, s^2 = 2/9; (X'X)^-1 = [[5/6, -1/2], [-1/2, 1/2]]
  const std::vector<double> x{0.0, 1.0, 2.0};
  const std::vector<double> y{1.0, 2.0, 5.0};
  const LogLogFit f = fit_loglog(x, y);
  EXPECT_EQ(f.n, 3);
  EXPECT_NEAR(f.a, 2.0 / 3.0, 1e-14);
  EXPECT_NEAR(f.b, 2.0, 1e-14);
  EXPECT_NEAR(f.s, std::sqrt(2.0 / 9.0), 1e-14);
  EXPECT_NEAR(f.a_se, std::sqrt(2.0 / 9.0 * 5.0 / 6.0), 1e-14);
  EXPECT_NEAR(f.b_se, std::sqrt(2.0 / 9.0 * 0.5), 1e-14);
  EXPECT_NEAR(f.s_se, std::sqrt(2.0 / 9.0) / std::sqrt(6.0), 1e-14);
  // an exact line: s = 0 and the coefficients exactly
  const LogLogFit line = fit_loglog(x, std::vector<double>{-4.0, -3.0, -2.0});
  EXPECT_NEAR(line.a, -4.0, 1e-13);
  EXPECT_NEAR(line.b, 1.0, 1e-13);
  EXPECT_NEAR(line.s, 0.0, 1e-7);
  EXPECT_THROW((void)fit_loglog(x, std::vector<double>{1.0, 2.0}), std::invalid_argument);
  EXPECT_THROW((void)fit_loglog(std::vector<double>{1.0, 1.0, 1.0}, y), std::invalid_argument);
  EXPECT_THROW((void)fit_loglog(std::vector<double>{0.0, 1.0, std::nan("")}, y), std::invalid_argument);
}

TEST(WarFit, RecoversAKnownLogLogRegression) {
  // ln(B / T) = a + b ln P + s z with ln P uniform on [ln 1e3, ln 1e7] (armies of a thousand to ten
  // million). Closed-form standard errors at the truth: se(b) = s / sqrt(n var x),
  // se(a) = s sqrt(1/n + mean(x)^2 / (n var x)), se(s) = s / sqrt(2 n); estimates within 4 of them.
  const double a = 1.3;
  const double b = 0.62;
  const double sd = 1.9;
  const int n = 5000;
  std::mt19937_64 g(11);
  std::vector<double> x(n);
  std::vector<double> y(n);
  double sx = 0.0;
  double sxx = 0.0;
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    x[k] = std::log(1e3) + (std::log(1e7) - std::log(1e3)) * uniform(g);
    const double z = std::sqrt(-2.0 * std::log(uniform(g))) * std::cos(2.0 * std::numbers::pi * uniform(g));
    y[k] = a + b * x[k] + sd * z;
    sx += x[k];
    sxx += x[k] * x[k];
  }
  const double mean = sx / n;
  const double var = sxx / n - mean * mean;
  const double se_b = sd / std::sqrt(n * var);
  const double se_a = sd * std::sqrt(1.0 / n + mean * mean / (n * var));
  const double se_s = sd / std::sqrt(2.0 * n);
  const LogLogFit f = fit_loglog(x, y);
  EXPECT_EQ(f.n, n);
  EXPECT_NEAR(f.b_se, se_b, 0.05 * se_b);
  EXPECT_NEAR(f.a_se, se_a, 0.05 * se_a);
  EXPECT_NEAR(f.s_se, se_s, 0.05 * se_s);
  EXPECT_NEAR(f.b, b, 4.0 * se_b);
  EXPECT_NEAR(f.a, a, 4.0 * se_a);
  EXPECT_NEAR(f.s, sd, 4.0 * se_s);
}

}  // namespace
}  // namespace concord::validate

// Power-law fits (Clauset, Shalizi & Newman 2009) against closed forms and synthetic samples
// drawn by inverse CDF from a seeded std::mt19937_64.
#include "concord/validate/powerlaw.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

namespace concord::validate {
namespace {

double uniform01(std::mt19937_64& gen) { return static_cast<double>(gen() >> 11) * 0x1.0p-53; }

std::vector<double> pareto_sample(std::size_t n, double alpha, double x_min, std::uint64_t seed,
                                  PowerLawKind kind = PowerLawKind::continuous) {
  std::mt19937_64 gen(seed);
  std::vector<double> x(n);
  for (double& v : x) v = power_law_quantile(uniform01(gen), alpha, x_min, kind);
  return x;
}

TEST(PowerLaw, MleAndKsDistanceClosedForm) {
  // x = 1, e, e^2 at x_min = 1: sum ln(x/x_min) = 3, alpha = 1 + 3/3 = 2, se = 1/sqrt(3).
  // Model CDF 1 - 1/x; the largest gap is at x = 1, where the empirical CDF jumps to 1/3.
  const double e = std::numbers::e;
  const std::vector<double> x{e * e, 1.0, e};
  PowerLawOptions options;
  options.x_min = 1.0;
  const PowerLawFit fit = fit_power_law(x, options);
  EXPECT_NEAR(fit.alpha, 2.0, 1e-14);
  EXPECT_NEAR(fit.alpha_se, 1.0 / std::sqrt(3.0), 1e-14);
  EXPECT_NEAR(fit.ks_distance, 1.0 / 3.0, 1e-14);
  EXPECT_EQ(fit.n_tail, 3U);
  EXPECT_EQ(fit.n_total, 3U);
}

TEST(PowerLaw, DiscreteApproximationClosedForm) {
  // Eq. 3.7 at x_min = 1: alpha = 1 + n / sum ln(x / 0.5). x = 1, 2: sum = ln 2 + ln 4 = 3 ln 2.
  const std::vector<double> x{1.0, 2.0};
  PowerLawOptions options;
  options.kind = PowerLawKind::discrete;
  options.x_min = 1.0;
  EXPECT_NEAR(fit_power_law(x, options).alpha, 1.0 + 2.0 / (3.0 * std::log(2.0)), 1e-14);
}

TEST(PowerLaw, QuantileInvertsTheSurvivalFunction) {
  // P(X >= x) = (x / x_min)^(1 - alpha): the quantile at u has survival 1 - u.
  const double x = power_law_quantile(0.75, 2.5, 3.0, PowerLawKind::continuous);
  EXPECT_NEAR(std::pow(x / 3.0, 1.0 - 2.5), 0.25, 1e-14);
  EXPECT_EQ(power_law_quantile(0.0, 2.5, 10.0, PowerLawKind::discrete), 10.0);
}

// The requirement of issue 7: alpha recovered within 0.05 on samples of 2,000. A single
// sample's error has standard deviation (alpha - 1) / sqrt(n_tail), which is 0.05 / 2 only for
// alpha <= 2, so per-sample recovery is asserted where it is a statistical near-certainty
// (alpha = 1.5, at least 3.5 standard errors), and for every alpha the mean over 10
// independent samples, which also catches any bias of the estimator or of the x_min scan;
// each single estimate must sit within 4 of its own reported standard errors.
TEST(PowerLaw, RecoversAlphaOnSyntheticParetoSamplesOfTwoThousand) {
  for (const double alpha : {1.5, 2.0, 2.5, 3.0}) {
    double sum = 0.0;
    constexpr int kSamples = 10;
    for (int s = 0; s < kSamples; ++s) {
      const auto x = pareto_sample(2000, alpha, 1.0, 1000U * static_cast<std::uint64_t>(alpha * 10) + s);
      const PowerLawFit fit = fit_power_law(x);
      SCOPED_TRACE(testing::Message() << "alpha " << alpha << " sample " << s);
      EXPECT_LT(std::fabs(fit.alpha - alpha), 4.0 * fit.alpha_se);
      if (alpha == 1.5) {
        EXPECT_LT(std::fabs(fit.alpha - alpha), 0.05);
      }
      EXPECT_GE(fit.x_min, 1.0);
      sum += fit.alpha;
    }
    EXPECT_NEAR(sum / kSamples, alpha, 0.05) << "alpha " << alpha;
  }
}

TEST(PowerLaw, FixedXminRecoversAlphaOnSamplesOfTwoThousand) {
  for (const double alpha : {1.5, 2.0, 2.5, 3.0}) {
    PowerLawOptions options;
    options.x_min = 1.0;
    double sum = 0.0;
    for (int s = 0; s < 20; ++s) sum += fit_power_law(pareto_sample(2000, alpha, 1.0, 77 + s), options).alpha;
    EXPECT_NEAR(sum / 20, alpha, 0.05) << "alpha " << alpha;
  }
}

TEST(PowerLaw, FindsTheStartOfATailAboveANonPowerLawBody) {
  // 1,000 values uniform on [1, 10) below a Pareto tail (alpha 2.5) of 1,000 from x_min = 10.
  std::mt19937_64 gen(2009);
  std::vector<double> x;
  for (int i = 0; i < 1000; ++i) x.push_back(1.0 + 9.0 * uniform01(gen));
  for (int i = 0; i < 1000; ++i)
    x.push_back(power_law_quantile(uniform01(gen), 2.5, 10.0, PowerLawKind::continuous));
  const PowerLawFit fit = fit_power_law(x);
  EXPECT_GT(fit.x_min, 8.0);
  EXPECT_LT(fit.x_min, 25.0);
  EXPECT_NEAR(fit.alpha, 2.5, 0.2);
  // Fitting from the smallest value instead (x_min = 1) is badly wrong: the body is not a power law.
  PowerLawOptions from_one;
  from_one.x_min = 1.0;
  EXPECT_GT(fit_power_law(x, from_one).ks_distance, 2 * fit.ks_distance);
}

TEST(PowerLaw, DiscreteKindOnIntegerSamples) {
  PowerLawOptions options;
  options.kind = PowerLawKind::discrete;
  double sum = 0.0;
  for (int s = 0; s < 20; ++s) {
    const auto x = pareto_sample(2000, 2.5, 10.0, 500 + s, PowerLawKind::discrete);
    const PowerLawFit fit = fit_power_law(x, options);
    EXPECT_LT(std::fabs(fit.alpha - 2.5), 4.0 * fit.alpha_se);
    sum += fit.alpha;
  }
  EXPECT_NEAR(sum / 20, 2.5, 0.05);
}

TEST(PowerLaw, PValueKeepsPowerLawsAndRejectsAUniformSample) {
  // Under the null the p-value is about uniform: the mean over five samples is far above 0.1.
  double mean_p = 0.0;
  for (int s = 0; s < 5; ++s) {
    const auto x = pareto_sample(300, 2.5, 1.0, 300 + s);
    const PowerLawFit fit = fit_power_law(x);
    const double p = power_law_p_value(x, fit, {}, 100, 7);
    EXPECT_GE(p, 0.0);
    EXPECT_LE(p, 1.0);
    mean_p += p / 5;
  }
  EXPECT_GT(mean_p, 0.2);
  // A uniform sample on [1, 10) has a hard upper cut-off: rejected once the tail must hold 100.
  std::mt19937_64 gen(11);
  std::vector<double> y(500);
  for (double& v : y) v = 1.0 + 9.0 * uniform01(gen);
  PowerLawOptions options;
  options.min_tail = 100;
  const PowerLawFit fit = fit_power_law(y, options);
  EXPECT_LE(power_law_p_value(y, fit, options, 100, 7), 0.1);
}

TEST(PowerLaw, PValueIsReproducibleFromTheSeed) {
  const auto x = pareto_sample(200, 2.0, 1.0, 5);
  const PowerLawFit fit = fit_power_law(x);
  EXPECT_EQ(power_law_p_value(x, fit, {}, 50, 123), power_law_p_value(x, fit, {}, 50, 123));
}

TEST(PowerLaw, RejectsBadInput) {
  EXPECT_THROW((void)fit_power_law(std::vector<double>{1, 2, -3}), std::invalid_argument);
  EXPECT_THROW((void)fit_power_law(std::vector<double>{1, 2, std::nan("")}), std::invalid_argument);
  EXPECT_THROW((void)fit_power_law(std::vector<double>{5, 5, 5}),
               std::invalid_argument);  // no tail above x_min
  PowerLawOptions discrete;
  discrete.kind = PowerLawKind::discrete;
  EXPECT_THROW((void)fit_power_law(std::vector<double>{1, 2.5, 3}, discrete), std::invalid_argument);
  PowerLawOptions tiny;
  tiny.min_tail = 1;
  EXPECT_THROW((void)fit_power_law(std::vector<double>{1, 2, 3}, tiny), std::invalid_argument);
  PowerLawOptions fixed;
  fixed.x_min = 3.0;
  EXPECT_THROW((void)fit_power_law(std::vector<double>{1, 2, 3}, fixed), std::invalid_argument);
  const std::vector<double> ok{1, 2, 3, 4};
  EXPECT_THROW((void)power_law_p_value(ok, fit_power_law(ok), {}, 0, 1), std::invalid_argument);
}

}  // namespace
}  // namespace concord::validate

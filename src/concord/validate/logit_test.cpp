#include "concord/validate/logit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace concord::validate {
namespace {

// Intercept-only model: the MLE is the logit of the sample mean and the SE is
// 1 / sqrt(n p (1 - p)) (closed form). 30 events in 1000: p = 0.03,
// beta0 = ln(0.03 / 0.97) = -3.476099, SE = 1 / sqrt(1000 * 0.03 * 0.97) = 0.185376.
TEST(Logit, InterceptOnlyMatchesClosedForm) {
  const long n = 1000;
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(n, 1);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(n);
  for (long i = 0; i < 30; ++i) y(i * 33) = 1.0;
  const LogitFit fit = fit_logit(X, y, {"intercept"});
  EXPECT_NEAR(fit.coef(0), std::log(0.03 / 0.97), 1e-9);
  EXPECT_NEAR(fit.se(0), 1.0 / std::sqrt(1000 * 0.03 * 0.97), 1e-9);
  // log-likelihood = 30 ln .03 + 970 ln .97
  EXPECT_NEAR(fit.log_likelihood, 30 * std::log(0.03) + 970 * std::log(0.97), 1e-8);
  EXPECT_NEAR(fit.log_likelihood, fit.null_log_likelihood, 1e-8);
  EXPECT_EQ(fit.events, 30);
}

// One binary covariate: the logit reproduces the 2x2 table. With cells
//   x=0: a = 40 events, b = 960 non-events;  x=1: c = 30 events, d = 170 non-events,
// intercept = ln(40/960) = -3.178054, slope = ln((30*960)/(40*170)) = ln(4.235294) = 1.443452,
// SE(slope) = sqrt(1/40 + 1/960 + 1/30 + 1/170) = 0.256710 (Woolf's log odds-ratio SE),
// SE(intercept) = sqrt(1/40 + 1/960) = 0.161374.
TEST(Logit, BinaryCovariateReproducesOddsRatioAndWoolfSE) {
  const long n = 1200;
  Eigen::MatrixXd X(n, 2);
  Eigen::VectorXd y(n);
  for (long i = 0; i < n; ++i) {
    const bool exposed = i >= 1000;
    X(i, 0) = 1.0;
    X(i, 1) = exposed ? 1.0 : 0.0;
    y(i) = exposed ? (i - 1000 < 30 ? 1.0 : 0.0) : (i < 40 ? 1.0 : 0.0);
  }
  const LogitFit fit = fit_logit(X, y, {"intercept", "contiguity"});
  EXPECT_NEAR(fit.coef(0), std::log(40.0 / 960.0), 1e-9);
  EXPECT_NEAR(fit.coef(1), std::log((30.0 * 960.0) / (40.0 * 170.0)), 1e-9);
  EXPECT_NEAR(fit.se(1), std::sqrt(1.0 / 40 + 1.0 / 960 + 1.0 / 30 + 1.0 / 170), 1e-9);
  EXPECT_NEAR(fit.se(0), std::sqrt(1.0 / 40 + 1.0 / 960), 1e-9);
  EXPECT_EQ(fit.index("contiguity"), 1);
}

// A synthetic dyad-year set drawn from a known logit of MID onset: the fit recovers every
// coefficient within 4 standard errors (seeded; n = 50,000; the design mimics
// dyad-year data: binary contiguity, alliance and major-power flags, log distance, parity).
TEST(Logit, RecoversKnownCoefficientsOnSyntheticDyadYears) {
  const long n = 50000;
  const std::vector<std::string> names{"intercept", "contiguity", "log_distance", "parity",
                                       "alliance", "joint_democracy", "major_power"};
  Eigen::VectorXd truth(7);
  truth << 0.0, 1.8, -0.35, 0.4, -0.3, -0.9, 1.1;
  std::mt19937_64 rng(20260601);
  std::bernoulli_distribution contig(0.15), ally(0.2), major(0.1);
  std::normal_distribution<double> logdist(8.0, 0.8);
  std::uniform_real_distribution<double> parity(-6.0, 0.0), dem(0.0, 1.0), u(0.0, 1.0);
  Eigen::MatrixXd X(n, 7);
  Eigen::VectorXd y(n);
  for (long i = 0; i < n; ++i) {
    X(i, 0) = 1.0;
    X(i, 1) = contig(rng) ? 1.0 : 0.0;
    X(i, 2) = logdist(rng);
    X(i, 3) = parity(rng);
    X(i, 4) = ally(rng) ? 1.0 : 0.0;
    X(i, 5) = dem(rng);
    X(i, 6) = major(rng) ? 1.0 : 0.0;
    const double p = logistic(X.row(i).dot(truth));
    y(i) = u(rng) < p ? 1.0 : 0.0;
  }
  const LogitFit fit = fit_logit(X, y, names);
  EXPECT_GT(fit.events, 1000);
  for (long j = 0; j < 7; ++j) {
    EXPECT_LT(std::abs(fit.coef(j) - truth(j)), 4.0 * fit.se(j))
        << names[static_cast<std::size_t>(j)] << ": " << fit.coef(j) << " vs " << truth(j)
        << " (se " << fit.se(j) << ")";
    EXPECT_GT(fit.se(j), 0.0);
  }
  EXPECT_GT(fit.log_likelihood, fit.null_log_likelihood);
  const Eigen::VectorXd p = predict_logit(fit, X);
  EXPECT_NEAR(p.sum(), y.sum(), 1e-3);  // score equation of the intercept: sum p = sum y
}

TEST(Logit, CompleteSeparationIsReported) {
  const long n = 200;
  Eigen::MatrixXd X(n, 2);
  Eigen::VectorXd y(n);
  for (long i = 0; i < n; ++i) {
    X(i, 0) = 1.0;
    X(i, 1) = static_cast<double>(i) / static_cast<double>(n) - 0.5;
    y(i) = X(i, 1) > 0 ? 1.0 : 0.0;
  }
  try {
    fit_logit(X, y, {"intercept", "war_last_year"});
    FAIL() << "separation not detected";
  } catch (const LogitError& e) {
    EXPECT_NE(std::string(e.what()).find("separation"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("war_last_year"), std::string::npos) << e.what();
  }
}

TEST(Logit, ConstantCovariateIsCollinearWithIntercept) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(100, 3);
  for (long i = 0; i < 100; ++i) X(i, 2) = static_cast<double>(i % 7);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(100);
  y(3) = y(50) = 1.0;
  try {
    fit_logit(X, y, {"intercept", "major_power", "parity"});
    FAIL() << "collinearity not detected";
  } catch (const LogitError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("collinear"), std::string::npos) << msg;
    EXPECT_NE(msg.find("major_power"), std::string::npos) << msg;
  }
}

TEST(Logit, OutcomeWithoutVariationAndBadInputsAreErrors) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(10, 1);
  EXPECT_THROW(fit_logit(X, Eigen::VectorXd::Zero(10), {"intercept"}), LogitError);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(10);
  y(0) = 2.0;
  EXPECT_THROW(fit_logit(X, y, {"intercept"}), std::invalid_argument);
  EXPECT_THROW(fit_logit(X, Eigen::VectorXd::Zero(9), {"intercept"}), std::invalid_argument);
  EXPECT_THROW(fit_logit(X, Eigen::VectorXd::Zero(10), {"a", "b"}), std::invalid_argument);
}

TEST(Logit, LogisticIsStableInTheTails) {
  EXPECT_DOUBLE_EQ(logistic(0.0), 0.5);
  EXPECT_NEAR(logistic(-800.0), 0.0, 1e-300);
  EXPECT_DOUBLE_EQ(logistic(800.0), 1.0);
  EXPECT_NEAR(logistic(2.0) + logistic(-2.0), 1.0, 1e-15);
}

}  // namespace
}  // namespace concord::validate

// Firth's penalized logit against its closed form and under separation.
#include "concord/validate/firth.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace concord::validate {
namespace {

// One binary covariate: the Firth estimates are the logit of the 2x2 table with 1/2 added to
// each cell (Firth 1993, sec. 3; Heinze & Schemper 2002): intercept ln((a + 1/2)/(b + 1/2)) with
// a, b the events and non-events at x = 0, slope the log odds ratio of the augmented table.
TEST(FirthLogit, TwoByTwoTableClosedForm) {
  const int a0 = 7, b0 = 93, a1 = 3, b1 = 17;  // events / non-events at x = 0 and x = 1
  const int n = a0 + b0 + a1 + b1;
  Eigen::MatrixXd X(n, 2);
  Eigen::VectorXd y(n);
  int r = 0;
  auto add = [&](int count, double x, double out) {
    for (int i = 0; i < count; ++i, ++r) {
      X(r, 0) = 1.0;
      X(r, 1) = x;
      y(r) = out;
    }
  };
  add(a0, 0, 1);
  add(b0, 0, 0);
  add(a1, 1, 1);
  add(b1, 1, 0);
  const LogitFit f = fit_logit_firth(X, y, {"intercept", "x"});
  EXPECT_NEAR(f.coef(0), std::log((a0 + 0.5) / (b0 + 0.5)), 1e-8);
  EXPECT_NEAR(f.coef(1), std::log((a1 + 0.5) / (b1 + 0.5)) - std::log((a0 + 0.5) / (b0 + 0.5)), 1e-8);
}

// Complete separation of one class (no event among x = 1): the ML estimate does not exist, the
// Firth estimate is finite and equals the closed form with a1 = 0.
TEST(FirthLogit, FiniteUnderSeparation) {
  const int a0 = 20, b0 = 80, b1 = 30;
  const int n = a0 + b0 + b1;
  Eigen::MatrixXd X(n, 2);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    X(i, 0) = 1.0;
    X(i, 1) = i >= a0 + b0 ? 1.0 : 0.0;
    y(i) = i < a0 ? 1.0 : 0.0;
  }
  EXPECT_THROW((void)fit_logit(X, y, {"intercept", "x"}), LogitError);
  const LogitFit f = fit_logit_firth(X, y, {"intercept", "x"});
  EXPECT_NEAR(f.coef(1), std::log(0.5 / (b1 + 0.5)) - std::log((a0 + 0.5) / (b0 + 0.5)), 1e-8);
  EXPECT_TRUE(std::isfinite(f.se(1)));
  EXPECT_GT(f.se(1), 1.0);  // wide: the data carry little information about that class
}

}  // namespace
}  // namespace concord::validate

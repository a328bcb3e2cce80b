#include "concord/validate/scores.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace concord::validate {
namespace {

// p = (0.1, 0.8, 0.3, 0.6), y = (0, 1, 1, 0):
// squared errors 0.01, 0.04, 0.49, 0.36; sum 0.90; Brier = 0.90 / 4 = 0.225.
TEST(Scores, BrierHandComputed) {
  const std::vector<double> p{0.1, 0.8, 0.3, 0.6};
  const std::vector<double> y{0, 1, 1, 0};
  EXPECT_NEAR(brier_score(p, y), 0.225, 1e-15);
  // A perfect forecast scores 0; the constant 0.5 scores 0.25 whatever happens.
  EXPECT_DOUBLE_EQ(brier_score(y, y), 0.0);
  EXPECT_DOUBLE_EQ(brier_score(std::vector<double>{0.5, 0.5, 0.5, 0.5}, y), 0.25);
}

// Same case: -[ln 0.9 + ln 0.8 + ln 0.3 + ln 0.4] / 4
//  = -[-0.1053605 - 0.2231436 - 1.2039728 - 0.9162907] / 4 = 2.4487676 / 4 = 0.6121919.
TEST(Scores, LogLossHandComputed) {
  const std::vector<double> p{0.1, 0.8, 0.3, 0.6};
  const std::vector<double> y{0, 1, 1, 0};
  EXPECT_NEAR(log_loss(p, y), 0.6121919, 1e-7);
  // The constant 0.5 costs ln 2 per case.
  EXPECT_NEAR(log_loss(std::vector<double>{0.5, 0.5}, std::vector<double>{0, 1}), std::log(2.0), 1e-15);
  // A confident miss is clipped at eps = 1e-15: loss -ln(1e-15) = 34.538776.
  EXPECT_NEAR(log_loss(std::vector<double>{0.0}, std::vector<double>{1}), -std::log(1e-15), 1e-9);
}

// Scores (0.1, 0.4, 0.35, 0.8) with y = (0, 0, 1, 1): of the 2 x 2 = 4 positive-negative
// pairs, (0.35 vs 0.1) yes, (0.35 vs 0.4) no, (0.8 vs 0.1) yes, (0.8 vs 0.4) yes: AUC = 3/4.
// Rank form: ranks 1, 3, 2, 4; R_1 = 2 + 4 = 6; (6 - 2*3/2) / 4 = 3/4.
TEST(Scores, AucHandComputed) {
  const std::vector<double> s{0.1, 0.4, 0.35, 0.8};
  const std::vector<double> y{0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(roc_auc(s, y), 0.75);
}

// Ties count one half. Scores (0.2, 0.5, 0.5, 0.5, 0.9), y = (0, 0, 1, 0, 1):
// positives 0.5 and 0.9 against negatives 0.2, 0.5, 0.5:
//   0.5: beats 0.2 (1), ties 0.5 twice (0.5 + 0.5) -> 2;  0.9: beats all three -> 3.
// AUC = (2 + 3) / (2 * 3) = 5/6. Mid-ranks: 0.2 -> 1, the three 0.5s -> 3, 0.9 -> 5;
// R_1 = 3 + 5 = 8; (8 - 3) / 6 = 5/6.
TEST(Scores, AucTiesCountHalf) {
  const std::vector<double> s{0.2, 0.5, 0.5, 0.5, 0.9};
  const std::vector<double> y{0, 0, 1, 0, 1};
  EXPECT_NEAR(roc_auc(s, y), 5.0 / 6.0, 1e-15);
  // A constant forecast (the base rate) has no discrimination: AUC = 1/2 exactly.
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<double>(5, 0.03), y), 0.5);
}

TEST(Scores, BadInputsAreErrors) {
  const std::vector<double> y{0, 1};
  EXPECT_THROW(brier_score(std::vector<double>{0.5}, y), std::invalid_argument);
  EXPECT_THROW(brier_score(std::vector<double>{0.5, 1.5}, y), std::invalid_argument);
  EXPECT_THROW(log_loss(std::vector<double>{}, std::vector<double>{}), std::invalid_argument);
  EXPECT_THROW(roc_auc(std::vector<double>{0.1, 0.2}, std::vector<double>{0, 0}), std::invalid_argument);
  EXPECT_THROW(roc_auc(std::vector<double>{0.1, 0.2}, std::vector<double>{0, 2}), std::invalid_argument);
}

}  // namespace
}  // namespace concord::validate

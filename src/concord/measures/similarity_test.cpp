#include "concord/measures/similarity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace concord::measures {
namespace {

using V = std::vector<double>;

TEST(SScore, IdenticalPortfoliosScoreOneAndMaximallyApartScoreMinusOne) {
  const V a{0, 3, 1, 2};
  EXPECT_DOUBLE_EQ(s_score(a, a, {}, SScoreOptions{}), 1.0);
  EXPECT_DOUBLE_EQ(s_score(V{0, 0, 3}, V{3, 3, 0}, {}, SScoreOptions{}), -1.0);
  EXPECT_DOUBLE_EQ(s_score(V{0, 0, 3}, V{3, 3, 0}, {}, SScoreOptions{SDistance::squared, 3.0}), -1.0);
}

TEST(SScore, SquaredDistanceClosedForm) {
  // Table 5 case a with squared distance: sum (d/3)^2 = 1 + 1/9 + 1/9 + 1 = 20/9 over 4 states:
  // S = 1 - 2 * (20/9) / 4 = -1/9.
  EXPECT_NEAR(s_score(V{0, 1, 2, 3}, V{3, 2, 1, 0}, {}, SScoreOptions{SDistance::squared, 3.0}), -1.0 / 9.0, 1e-15);
}

TEST(SScore, WeightedClosedForm) {
  // Weights .7 and .3 (capability shares): S = 1 - 2 (.7 * 1/3 + .3 * 0) / 1 = 1 - 1.4/3.
  EXPECT_NEAR(s_score(V{3, 1}, V{2, 1}, V{.7, .3}, SScoreOptions{}), 1.0 - 1.4 / 3.0, 1e-15);
  // Weights need not sum to 1: scaling them changes nothing.
  EXPECT_NEAR(s_score(V{3, 1}, V{2, 1}, V{7, 3}, SScoreOptions{}), 1.0 - 1.4 / 3.0, 1e-15);
}

TEST(SScore, AnyScaleRangeGivesTheSameScoreWhenValuesScaleWithIt) {
  const V a{0, 1, 2, 3};
  const V b{3, 2, 2, 1};
  const V a100{0, 100, 200, 300};
  const V b100{300, 200, 200, 100};
  EXPECT_NEAR(s_score(a100, b100, {}, SScoreOptions{SDistance::absolute, 300.0}),
              s_score(a, b, {}, SScoreOptions{}), 1e-15);
}

TEST(SScore, IsSymmetric) {
  const V a{0, 1, 2, 3, 1};
  const V b{3, 2, 2, 1, 0};
  const V w{.1, .2, .3, .2, .2};
  EXPECT_DOUBLE_EQ(s_score(a, b, w, SScoreOptions{}), s_score(b, a, w, SScoreOptions{}));
}

TEST(SScore, RejectsBadInput) {
  EXPECT_THROW((void)s_score(V{0, 1}, V{0}, {}, SScoreOptions{}), std::invalid_argument);
  EXPECT_THROW((void)s_score(V{}, V{}, {}, SScoreOptions{}), std::invalid_argument);
  EXPECT_THROW((void)s_score(V{0, 4}, V{0, 0}, {}, SScoreOptions{}), std::invalid_argument);  // outside 0..3
  EXPECT_THROW((void)s_score(V{0, 1}, V{0, 0}, V{1, -1}, SScoreOptions{}), std::invalid_argument);
  EXPECT_THROW((void)s_score(V{0, 1}, V{0, 0}, V{0, 0}, SScoreOptions{}), std::invalid_argument);
  EXPECT_THROW((void)s_score(V{0, 1}, V{0, 0}, {}, SScoreOptions{SDistance::absolute, 0.0}), std::invalid_argument);
  EXPECT_THROW((void)s_score_multi(V{0, 1}, V{0, 0}, {}, V{3}), std::invalid_argument);
}

TEST(KendallTauB, PerfectAgreementAndReversal) {
  EXPECT_DOUBLE_EQ(*kendall_tau_b(V{1, 2, 3, 4}, V{10, 20, 30, 40}), 1.0);
  EXPECT_DOUBLE_EQ(*kendall_tau_b(V{1, 2, 3, 4}, V{4, 3, 2, 1}), -1.0);
}

TEST(KendallTauB, TiesClosedForm) {
  // a = (1,1,2), b = (1,2,3): n0 = 3, n1 = 1 (tied in a), n2 = 0; concordant pairs (1,3),(2,3):
  // tau_b = 2 / sqrt(2 * 3).
  EXPECT_NEAR(*kendall_tau_b(V{1, 1, 2}, V{1, 2, 3}), 2.0 / std::sqrt(6.0), 1e-15);
}

TEST(KendallTauB, UndefinedCases) {
  EXPECT_FALSE(kendall_tau_b(V{}, V{}).has_value());
  EXPECT_FALSE(kendall_tau_b(V{1}, V{2}).has_value());
  EXPECT_FALSE(kendall_tau_b(V{1, 2, 3}, V{5, 5, 5}).has_value());
  EXPECT_THROW((void)kendall_tau_b(V{1, 2}, V{1}), std::invalid_argument);
  EXPECT_THROW((void)kendall_tau_b(V{1, std::nan("")}, V{1, 2}), std::invalid_argument);
}

}  // namespace
}  // namespace concord::measures

#include "concord/measures/balance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace concord::measures {
namespace {

TEST(BalancedDisparity, UnequalWithoutAMajorityCoalition) {
  // Shares .4 .3 .2 .1: H = .30, CON = sqrt((.30 - .25) / .75) = sqrt(1/15) > .2.
  // Coalitions {A}, {B, D}, C unaligned: S = .4, .4, and .2 alone; no majority.
  const std::vector<double> cap{.4, .3, .2, .1};
  const std::vector<int> coalition{0, 1, -1, 1};
  std::vector<double> shares(2);
  const PowerBalance b = assess_power_balance(cap, coalition, shares, BalancedDisparityOptions{});
  EXPECT_NEAR(b.con, std::sqrt(1.0 / 15.0), 1e-15);
  EXPECT_NEAR(b.effective_poles, 1.0 / 0.30, 1e-12);
  EXPECT_NEAR(shares[0], .4, 1e-15);
  EXPECT_NEAR(shares[1], .4, 1e-15);
  EXPECT_NEAR(b.strongest_coalition_share, .4, 1e-15);
  EXPECT_TRUE(b.unequal);
  EXPECT_TRUE(b.no_majority);
  EXPECT_TRUE(b.balanced_disparity);
}

TEST(BalancedDisparity, ExactlyHalfIsNotAMajority) {
  // Capabilities 2, 1, 1 (shares .5 .25 .25, exact in binary): CON = sqrt((.375 - 1/3) / (2/3))
  // = .25; coalition {B, C} holds exactly .5, which is not more than half.
  const std::vector<double> cap{2, 1, 1};
  const std::vector<int> coalition{-1, 0, 0};
  std::vector<double> shares(1);
  const PowerBalance b = assess_power_balance(cap, coalition, shares, BalancedDisparityOptions{});
  EXPECT_NEAR(b.con, 0.25, 1e-15);
  EXPECT_EQ(b.strongest_coalition, 0);  // ties go to coalitions before unaligned states
  EXPECT_EQ(b.strongest_coalition_share, 0.5);
  EXPECT_TRUE(b.balanced_disparity);
}

TEST(BalancedDisparity, AMajorityCoalitionBreaksIt) {
  const std::vector<double> cap{.4, .3, .2, .1};
  const std::vector<int> coalition{0, 1, 0, -1};  // {A, C} holds .6
  std::vector<double> shares(2);
  const PowerBalance b = assess_power_balance(cap, coalition, shares, BalancedDisparityOptions{});
  EXPECT_EQ(b.strongest_coalition, 0);
  EXPECT_NEAR(b.strongest_coalition_share, .6, 1e-15);
  EXPECT_FALSE(b.no_majority);
  EXPECT_FALSE(b.balanced_disparity);
}

TEST(BalancedDisparity, EqualCapabilitiesAreNotDisparity) {
  const std::vector<double> cap{1, 1, 1, 1};
  const std::vector<int> coalition{-1, -1, -1, -1};
  const PowerBalance b = assess_power_balance(cap, coalition, {}, BalancedDisparityOptions{});
  EXPECT_EQ(b.con, 0.0);
  EXPECT_TRUE(b.no_majority);
  EXPECT_FALSE(b.unequal);
  EXPECT_FALSE(b.balanced_disparity);
}

TEST(BalancedDisparity, AnUnalignedHegemonIsTheStrongestCoalition) {
  const std::vector<double> cap{6, 2, 1, 1};  // raw values, normalised: .6 .2 .1 .1
  const std::vector<int> coalition{-1, 0, 0, -1};
  std::vector<double> shares(1);
  const PowerBalance b = assess_power_balance(cap, coalition, shares, BalancedDisparityOptions{});
  EXPECT_EQ(b.strongest_coalition, -1);
  EXPECT_EQ(b.strongest_unaligned_state, 0U);
  EXPECT_NEAR(b.strongest_coalition_share, .6, 1e-15);
  EXPECT_FALSE(b.balanced_disparity);
}

TEST(BalancedDisparity, ThresholdsAreParameters) {
  const std::vector<double> cap{.4, .3, .2, .1};
  const std::vector<int> coalition{0, 1, -1, 1};
  std::vector<double> shares(2);
  EXPECT_TRUE(assess_power_balance(cap, coalition, shares, BalancedDisparityOptions{0.2, 0.5}).balanced_disparity);
  EXPECT_FALSE(assess_power_balance(cap, coalition, shares, BalancedDisparityOptions{0.3, 0.5}).balanced_disparity);
  EXPECT_FALSE(assess_power_balance(cap, coalition, shares, BalancedDisparityOptions{0.2, 0.35}).balanced_disparity);
}

TEST(BalancedDisparity, RejectsBadLabels) {
  const std::vector<double> cap{.5, .5};
  std::vector<double> shares(1);
  EXPECT_THROW((void)assess_power_balance(cap, std::vector<int>{0, 1}, shares, {}), std::invalid_argument);
  EXPECT_THROW((void)assess_power_balance(cap, std::vector<int>{0, -2}, shares, {}), std::invalid_argument);
  EXPECT_THROW((void)assess_power_balance(cap, std::vector<int>{0}, shares, {}), std::invalid_argument);
}

}  // namespace
}  // namespace concord::measures

// Voting power against Shapley & Shubik (1954) / Banzhaf (1965) on the EEC of six
// (REFERENCES.md), Coleman's power to act under unanimity (1/2^n), and closed forms.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <numeric>
#include <vector>

#include "concord/bargain/input.hpp"
#include "concord/bargain/voting_power.hpp"

namespace concord::bargain {
namespace {

std::filesystem::path data_file(const char* name) {
  return std::filesystem::path(CONCORD_SOURCE_DIR) / "tests" / "bargain" / "data" / name;
}

class Eec6 : public ::testing::TestWithParam<VotingPowerMethod> {};

TEST_P(Eec6, ShapleyShubikAndBanzhafSwings) {
  const VotingBody body = read_voting_body_csv(data_file("eec6_qmv.csv"));
  ASSERT_EQ(body.member.size(), 6U);
  VotingPowerOptions opt;
  opt.method = GetParam();
  const VotingPower p = voting_power(body.weight, 12.0, opt);
  const std::vector<double> ss{7.0 / 30, 7.0 / 30, 7.0 / 30, 3.0 / 20, 3.0 / 20, 0.0};
  const std::vector<long double> swings{10, 10, 10, 6, 6, 0};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_NEAR(p.shapley_shubik[i], ss[i], 1e-15) << body.member[i];
    EXPECT_EQ(p.banzhaf_swings[i], swings[i]) << body.member[i];
    EXPECT_NEAR(p.banzhaf_normalised[i], static_cast<double>(swings[i]) / 42.0, 1e-15);
    EXPECT_NEAR(p.banzhaf_absolute[i], static_cast<double>(swings[i]) / 32.0, 1e-15);
  }
  // Winning coalitions: the three big members with any of the 8 subsets of {B, N, L}, or two
  // of the big members with both Belgium and the Netherlands, with or without Luxembourg
  // (3 * 2); one big member reaches at most 9. 8 + 6 = 14, so A = 14 / 64.
  EXPECT_EQ(p.winning_coalitions, 14);
  EXPECT_NEAR(p.power_to_act, 14.0 / 64.0, 1e-15);
}

INSTANTIATE_TEST_SUITE_P(BothMethods, Eec6,
                         ::testing::Values(VotingPowerMethod::enumeration, VotingPowerMethod::generating_function));

TEST(VotingPower, UnanimityPowerToActIsOneOverTwoToTheN) {
  for (std::size_t n : {1U, 5U, 12U, 60U, 100U}) {
    const std::vector<double> w(n, 1.0);
    const VotingPower p = voting_power(w, static_cast<double>(n));
    EXPECT_DOUBLE_EQ(p.power_to_act, std::ldexp(1.0, -static_cast<int>(n))) << n;
    EXPECT_EQ(p.winning_coalitions, 1);
    for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(p.shapley_shubik[i], 1.0 / static_cast<double>(n), 1e-15);
  }
}

TEST(VotingPower, HundredEqualMembersSwingsExceedSixtyFourBits) {
  // Simple majority of 100 equal members: i swings in the coalitions of exactly 50 others,
  // C(99, 50) ~ 5.04e28 > 2^64 of them; Shapley-Shubik 1/100 each.
  const std::vector<double> w(100, 1.0);
  const VotingPower p = voting_power(w, 51.0);
  ASSERT_EQ(p.method, VotingPowerMethod::generating_function);
  const long double expected = std::exp(std::lgamma(100.0L) - std::lgamma(51.0L) - std::lgamma(50.0L));  // C(99, 50)
  for (std::size_t i = 0; i < 100; ++i) {
    EXPECT_NEAR(static_cast<double>(p.banzhaf_swings[i] / expected), 1.0, 1e-12);
    EXPECT_NEAR(p.shapley_shubik[i], 0.01, 1e-15);
    EXPECT_NEAR(p.banzhaf_normalised[i], 0.01, 1e-15);
  }
  EXPECT_GT(p.banzhaf_swings[0], std::ldexp(1.0L, 64));
  // Winning: coalitions of 51 or more, (2^100 - C(100, 50)) / 2 of them.
  const long double c100 = std::exp(std::lgamma(101.0L) - 2 * std::lgamma(51.0L));
  EXPECT_NEAR(p.power_to_act, static_cast<double>(0.5L - c100 / std::ldexp(1.0L, 101)), 1e-15);
}

TEST(VotingPower, MethodsAgreeOnIntegerGames) {
  // Invariant: enumeration and generating functions compute the same definitions.
  const std::vector<std::vector<double>> games{{7, 5, 3, 3, 1, 1, 0, 2}, {10, 9, 8, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                                               {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}};
  for (const auto& w : games) {
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    for (double quota : {std::floor(total / 2) + 1, std::ceil(2 * total / 3), total}) {
      VotingPowerOptions e{VotingPowerMethod::enumeration, 1000000};
      VotingPowerOptions g{VotingPowerMethod::generating_function, 1000000};
      const auto a = voting_power(w, quota, e);
      const auto b = voting_power(w, quota, g);
      EXPECT_EQ(a.winning_coalitions, b.winning_coalitions);
      double sum = 0.0;
      for (std::size_t i = 0; i < w.size(); ++i) {
        EXPECT_EQ(a.banzhaf_swings[i], b.banzhaf_swings[i]);
        EXPECT_NEAR(a.shapley_shubik[i], b.shapley_shubik[i], 1e-14);
        sum += b.shapley_shubik[i];
      }
      EXPECT_NEAR(sum, 1.0, 1e-13);
    }
  }
}

TEST(VotingPower, NonIntegerWeightsUseEnumerationAndBadInputThrows) {
  const std::vector<double> w{0.4, 0.35, 0.25};
  const auto p = voting_power(w, 0.5);
  EXPECT_EQ(p.method, VotingPowerMethod::enumeration);
  // Any two of three form a majority: symmetric power.
  for (double s : p.shapley_shubik) EXPECT_NEAR(s, 1.0 / 3.0, 1e-15);
  EXPECT_THROW((void)voting_power(std::vector<double>{}, 1.0), std::invalid_argument);
  EXPECT_THROW((void)voting_power(w, 0.0), std::invalid_argument);
  EXPECT_THROW((void)voting_power(std::vector<double>{1.0, -1.0}, 1.0), std::invalid_argument);
  VotingPowerOptions g{VotingPowerMethod::generating_function, 1000};
  EXPECT_THROW((void)voting_power(w, 0.5, g), std::invalid_argument);
  EXPECT_THROW((void)voting_power(std::vector<double>(30, 0.5), 8.0), std::invalid_argument);
}

}  // namespace
}  // namespace concord::bargain

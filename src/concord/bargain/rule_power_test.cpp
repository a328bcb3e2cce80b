// A-priori power of decision rules as simple games (rule_power.hpp). Reference values: symmetry
// (n interchangeable members hold 1/n each, Shapley & Shubik 1954), the dictator and veto-player
// games (Felsenthal & Machover 1998, ch. 2), and the EEC of six (REFERENCES.md: weights
// 4,4,4,2,2,1, quota 12: Shapley-Shubik 7/30, 7/30, 7/30, 3/20, 3/20, 0).
#include "concord/bargain/rule_power.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace concord::bargain {
namespace {

TEST(RulePower, ConsensusAndMinorityVetoGiveEveryMemberOneNth) {
  for (const auto rule : {DecisionRule::unanimity, DecisionRule::minority_veto, DecisionRule::consensus_minus_one}) {
    const auto vp = rule_voting_power(rule, 7, {}, 0.0, {}, -1);
    for (std::size_t i = 0; i < 7; ++i) {
      EXPECT_NEAR(vp.shapley_shubik[i], 1.0 / 7.0, 1e-12) << to_string(rule);
      EXPECT_NEAR(vp.banzhaf_normalised[i], 1.0 / 7.0, 1e-12) << to_string(rule);
    }
  }
  // unanimity: every member is a veto player, one winning coalition of 2^n
  EXPECT_NEAR(rule_voting_power(DecisionRule::unanimity, 5, {}, 0.0, {}, -1).power_to_act, 1.0 / 32.0, 1e-15);
}

TEST(RulePower, DirectorateLeavesOutsidersNoPower) {
  const std::vector<std::uint8_t> dir{1, 0, 1, 0, 0};
  const auto vp = rule_voting_power(DecisionRule::directorate, 5, {}, 0.0, dir, -1);
  EXPECT_NEAR(vp.shapley_shubik[0], 0.5, 1e-12);
  EXPECT_NEAR(vp.shapley_shubik[2], 0.5, 1e-12);
  for (std::size_t i : {1U, 3U, 4U}) {
    EXPECT_EQ(vp.shapley_shubik[i], 0.0);
    EXPECT_EQ(vp.banzhaf_normalised[i], 0.0);
  }
  // no directorate member in the body: the engine decides by consensus, and so does the game
  const std::vector<std::uint8_t> none(4, 0);
  EXPECT_NEAR(rule_voting_power(DecisionRule::directorate, 4, {}, 0.0, none, -1).shapley_shubik[3], 0.25, 1e-12);
}

TEST(RulePower, HegemonIsADictator) {
  const auto vp = rule_voting_power(DecisionRule::hegemon, 4, {}, 0.0, {}, 2);
  EXPECT_EQ(vp.shapley_shubik[2], 1.0);
  EXPECT_EQ(vp.banzhaf_normalised[2], 1.0);
  EXPECT_EQ(vp.shapley_shubik[0] + vp.shapley_shubik[1] + vp.shapley_shubik[3], 0.0);
}

TEST(RulePower, QualifiedMajorityReproducesTheEecOfSix) {
  const std::vector<double> w{4, 4, 4, 2, 2, 1};
  const auto vp = rule_voting_power(DecisionRule::qualified_majority, 6, w, 12.0 / 17.0, {}, -1);
  const double ss[] = {7.0 / 30, 7.0 / 30, 7.0 / 30, 3.0 / 20, 3.0 / 20, 0.0};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(vp.shapley_shubik[i], ss[i], 1e-12) << i;
  // the same game with real weights (the shares of the total) by enumeration
  std::vector<double> share;
  for (double x : w) share.push_back(x / 17.0);
  const auto real = rule_voting_power(DecisionRule::qualified_majority, 6, share, 12.0 / 17.0, {}, -1);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(real.shapley_shubik[i], ss[i], 1e-12) << i;
}

}  // namespace
}  // namespace concord::bargain

// Decision rules on cases built by hand (closed forms of the definitions in decision.hpp).
#include "concord/bargain/decision.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace concord::bargain {
namespace {

// Five members; proposal: move from q = 0 to L = 1. Member 4 opposes strongly (ideal 0, salience 1);
// the others want the measure (ideal 1). Weights: 4 members of 3 votes, the opposer 2.
struct Body {
  std::array<double, 5> position{1.0, 1.0, 1.0, 1.0, 0.0};
  std::array<double, 5> salience{1.0, 1.0, 1.0, 1.0, 1.0};
  std::array<double, 5> weight{3.0, 3.0, 3.0, 3.0, 2.0};
  std::array<std::uint8_t, 5> directorate{1, 1, 0, 0, 0};
  std::array<std::uint8_t, 5> blocked{};
  [[nodiscard]] MembersView view() const { return {position, salience, weight, directorate}; }
};

TEST(DecisionRule, OneVetoingMemberBlocksUnderMinorityVetoButNotUnderQmv) {
  Body b;
  DecisionOptions veto{DecisionRule::minority_veto, 0.5, 0.0, -1};
  const Decision d = decide(veto, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_FALSE(d.passes);
  EXPECT_EQ(d.level, 0.0);
  EXPECT_EQ(d.blockers, 1);
  EXPECT_EQ(b.blocked[4], 1);

  DecisionOptions qmv{DecisionRule::qualified_majority, 0.5, 12.0, -1};
  const Decision e = decide(qmv, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_TRUE(e.passes);
  EXPECT_EQ(e.level, 1.0);
  EXPECT_EQ(e.blockers, 0);
}

TEST(DecisionRule, LowSalienceOpposerDoesNotBlockButWatersDown) {
  Body b;
  b.salience[4] = 0.4;  // veto score 0.4 <= 0.5
  DecisionOptions veto{DecisionRule::minority_veto, 0.5, 0.0, -1};
  const Decision d = decide(veto, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_TRUE(d.passes);
  EXPECT_DOUBLE_EQ(d.level, 0.6);  // 1 - max veto score
  EXPECT_EQ(d.blockers, 0);
}

TEST(DecisionRule, MinorityVetoWithFullSalienceIsLowestCommonDenominator) {
  Body b;
  b.position = {0.9, 0.7, 0.4, 1.0, 0.8};
  DecisionOptions veto{DecisionRule::minority_veto, 0.7, 0.0, -1};
  const Decision d = decide(veto, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_TRUE(d.passes);
  EXPECT_DOUBLE_EQ(d.level, 0.4);
}

TEST(DecisionRule, QmvFailsBelowQuotaAndNamesTheBlockingMinority) {
  Body b;
  b.position = {1.0, 1.0, 0.0, 0.0, 1.0};  // yes weight 3 + 3 + 2 = 8
  DecisionOptions qmv{DecisionRule::qualified_majority, 0.5, 9.0, -1};
  const Decision d = decide(qmv, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_FALSE(d.passes);
  EXPECT_EQ(d.blockers, 2);
  EXPECT_EQ(b.blocked[2], 1);
  EXPECT_EQ(b.blocked[3], 1);
  qmv.quota = 8.0;
  EXPECT_TRUE(decide(qmv, 0.0, 1.0, b.view(), b.blocked).passes);
}

TEST(DecisionRule, ConsensusMinusOneOverrulesALoneObjectorButNotTwo) {
  Body b;
  DecisionOptions c1{DecisionRule::consensus_minus_one, 0.5, 0.0, -1};
  const Decision d = decide(c1, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_TRUE(d.passes);
  EXPECT_EQ(d.level, 1.0);
  b.position[3] = 0.2;  // second objector: veto score 0.8
  const Decision e = decide(c1, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_FALSE(e.passes);
  EXPECT_EQ(e.blockers, 2);
  EXPECT_EQ(b.blocked[3], 1);
  EXPECT_EQ(b.blocked[4], 1);
}

TEST(DecisionRule, UnanimityBlockedByAnyNonSupporter) {
  Body b;
  b.position[4] = 0.49;  // prefers the status quo (closer to 0 than to 1)
  DecisionOptions u{DecisionRule::unanimity, 0.5, 0.0, -1};
  const Decision d = decide(u, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_FALSE(d.passes);
  EXPECT_EQ(b.blocked[4], 1);
  b.position[4] = 0.5;  // indifferent: supports
  EXPECT_TRUE(decide(u, 0.0, 1.0, b.view(), b.blocked).passes);
}

TEST(DecisionRule, DirectorateIgnoresOutsidersAndHegemonDecidesAlone) {
  Body b;
  DecisionOptions dir{DecisionRule::directorate, 0.5, 0.0, -1};
  EXPECT_TRUE(decide(dir, 0.0, 1.0, b.view(), b.blocked).passes);  // member 4 is outside
  b.position[1] = 0.0;
  const Decision d = decide(dir, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_FALSE(d.passes);
  EXPECT_EQ(b.blocked[1], 1);

  DecisionOptions heg{DecisionRule::hegemon, 0.5, 0.0, 0};
  EXPECT_TRUE(decide(heg, 0.0, 1.0, b.view(), b.blocked).passes);  // 1 and 4 oppose, 0 decides
  heg.hegemon = 4;
  const Decision h = decide(heg, 0.0, 1.0, b.view(), b.blocked);
  EXPECT_FALSE(h.passes);
  EXPECT_EQ(h.blockers, 1);
}

TEST(DecisionRule, ProposalsBelowTheStatusQuoMirror) {
  Body b;
  b.position = {-1.0, -1.0, -1.0, -1.0, 0.0};
  DecisionOptions veto{DecisionRule::minority_veto, 0.5, 0.0, -1};
  EXPECT_FALSE(decide(veto, 0.0, -1.0, b.view(), b.blocked).passes);
  b.salience[4] = 0.25;
  const Decision d = decide(veto, 0.0, -1.0, b.view(), b.blocked);
  EXPECT_TRUE(d.passes);
  EXPECT_DOUBLE_EQ(d.level, -0.75);
}

TEST(DecisionRule, RejectsMismatchedSpansAndEmptyMove) {
  Body b;
  std::array<std::uint8_t, 4> short_buffer{};
  DecisionOptions veto;
  EXPECT_THROW((void)decide(veto, 0.0, 1.0, b.view(), short_buffer), std::invalid_argument);
  EXPECT_THROW((void)decide(veto, 1.0, 1.0, b.view(), b.blocked), std::invalid_argument);
  DecisionOptions heg{DecisionRule::hegemon, 0.5, 0.0, 7};
  EXPECT_THROW((void)decide(heg, 0.0, 1.0, b.view(), b.blocked), std::invalid_argument);
}

TEST(DecisionRule, NamesRoundTrip) {
  for (auto r : {DecisionRule::unanimity, DecisionRule::minority_veto, DecisionRule::consensus_minus_one,
                 DecisionRule::qualified_majority, DecisionRule::directorate, DecisionRule::hegemon}) {
    DecisionRule back{};
    ASSERT_TRUE(parse_decision_rule(to_string(r), back));
    EXPECT_EQ(back, r);
  }
  DecisionRule x{};
  EXPECT_FALSE(parse_decision_rule("plurality", x));
}

}  // namespace
}  // namespace concord::bargain

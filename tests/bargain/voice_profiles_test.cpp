// Small-state voice from constructed preference profiles (docs/model.md phase 9, issue 13): an
// adopted outcome counts as supported by a member when the member wanted at least the level adopted
// or voted for the proposal (bargain::supported_outcome). Fault it guards against: voice counted
// outcomes within 0.15 of a member's ideal, so from the same preferences unanimity (which adopts the
// full measure) scored 0 and the minority veto (which waters it down to the most reluctant member)
// about 0.5: voice measured the rule's level, not whether members supported the outcome.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "concord/bargain/decision.hpp"

namespace concord::bargain {
namespace {

// Voice of the members of one proposal (q = 0 to L = 1) under `rule`: supported / members, or -1
// when nothing is adopted.
double voice(DecisionRule rule, const std::vector<double>& ideal, const std::vector<double>& salience) {
  DecisionOptions o;
  o.rule = rule;
  o.veto_threshold = 0.5;
  std::vector<std::uint8_t> blocked(ideal.size());
  const Decision d = decide(o, 0.0, 1.0, MembersView{ideal, salience, {}, {}}, blocked);
  if (!d.passes) return -1.0;
  int supported = 0;
  for (double x : ideal) supported += supported_outcome(x, 0.0, 1.0, d.level) ? 1 : 0;
  return static_cast<double>(supported) / static_cast<double>(ideal.size());
}

TEST(SmallStateVoice, IdenticalPreferencesGiveIdenticalVoiceUnderUnanimityAndMinorityVeto) {
  for (double x : {0.0, 0.2, 0.45, 0.5, 0.55, 0.7, 0.9, 1.0}) {
    for (double s : {1.0, 0.6, 0.3}) {
      const std::vector<double> ideal(6, x);
      const std::vector<double> salience(6, s);
      const double u = voice(DecisionRule::unanimity, ideal, salience);
      const double v = voice(DecisionRule::minority_veto, ideal, salience);
      // when both rules adopt something, every member supported it under both
      if (u >= 0.0 && v >= 0.0) {
        EXPECT_EQ(u, 1.0) << "x " << x << " s " << s;
        EXPECT_EQ(v, 1.0) << "x " << x << " s " << s;
      }
    }
  }
  // the reviewer's case: members at 0.7 (tolerance rule gave unanimity 0, minority veto 1)
  const std::vector<double> ideal(5, 0.7);
  const std::vector<double> one(5, 1.0);
  EXPECT_EQ(voice(DecisionRule::unanimity, ideal, one), voice(DecisionRule::minority_veto, ideal, one));
}

TEST(SmallStateVoice, AnOverruledMemberDidNotSupport) {
  // a hegemon adopts the full measure that two of four members oppose (ideal 0.1: they wanted no move)
  const std::vector<double> ideal{0.9, 0.1, 0.1, 0.8};
  const std::vector<double> salience(4, 1.0);
  DecisionOptions o;
  o.rule = DecisionRule::hegemon;
  o.hegemon = 0;
  std::vector<std::uint8_t> blocked(4);
  const Decision d = decide(o, 0.0, 1.0, MembersView{ideal, salience, {}, {}}, blocked);
  ASSERT_TRUE(d.passes);
  EXPECT_TRUE(supported_outcome(0.8, 0.0, 1.0, d.level));
  EXPECT_FALSE(supported_outcome(0.1, 0.0, 1.0, d.level));
  // a member that wanted more than a watered-down level supported it
  EXPECT_TRUE(supported_outcome(0.4, 0.0, 1.0, 0.3));
  EXPECT_FALSE(supported_outcome(0.2, 0.0, 1.0, 0.3));
}

}  // namespace
}  // namespace concord::bargain

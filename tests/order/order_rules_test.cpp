// Fields the engine would not read are located errors, not silent no-ops (docs/orders.md,
// "From order file to engine").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "concord/order/order_loader.hpp"

namespace concord {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

std::vector<Problem> problems_of(const std::string& text) {
  try {
    (void)parse_order(text, "rules.toml");
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

TEST(OrderRulesFormat, WaltWeightsOnlyWithTheBalanceRule) {
  const auto p = problems_of("[alignment]\nrule = \"hedge\"\n[alignment.weights]\npower = 2\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.field, "alignment.weights");
  EXPECT_THAT(p[0].message, HasSubstr("only used with rule 'balance'"));
  EXPECT_THAT(problems_of("[alignment]\nrule = \"hedge\"\nothers = \"balance\"\n[alignment.weights]\npower = 2\n"),
              SizeIs(0));
}

TEST(OrderRulesFormat, OnlyConfidenceBuildingAndCodesOfConductBindChosenParties) {
  const auto p = problems_of("[[measures]]\nkind = \"reassurance\"\nparties = \"great-powers\"\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.line, 3);
  EXPECT_EQ(p[0].where.field, "measures[0].parties");
  EXPECT_THAT(p[0].message, HasSubstr("must be \"all\""));
  EXPECT_THAT(problems_of("[[measures]]\nkind = \"reassurance\"\nparties = \"all\"\n"), SizeIs(0));
  EXPECT_THAT(problems_of("[[measures]]\nkind = \"confidence-building\"\nparties = [\"USA\", \"CHN\"]\n"), SizeIs(0));
}

TEST(OrderRulesFormat, RegimeConvergenceAppliesToEveryState) {
  const auto p = problems_of("[regime_convergence]\nrate = 0.1\napplies_to = \"small-states\"\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.line, 3);
  EXPECT_THAT(p[0].message, HasSubstr("applies to every state"));
}

TEST(OrderRulesFormat, AppliesToAndOthersOnlyWhereTheyDecideSomething) {
  // same rule inside and outside: applies_to decides nothing
  auto p = problems_of("[alignment]\nrule = \"hedge\"\nothers = \"hedge\"\napplies_to = \"great-powers\"\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.field, "alignment.applies_to");
  // everyone inside: others governs nobody
  p = problems_of("[alignment]\nrule = \"balance\"\napplies_to = \"all\"\nothers = \"hedge\"\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.field, "alignment.others");
  EXPECT_THAT(problems_of("[alignment]\nrule = \"balance\"\napplies_to = \"all\"\n"), SizeIs(0));
}

TEST(OrderRulesFormat, EveryPresetStillLoads) {
  for (const auto& name : preset_names()) EXPECT_NO_THROW((void)load_preset(name)) << name;
}

}  // namespace
}  // namespace concord

namespace concord {
namespace {

TEST(OrderRulesFormat, AcrossRivalryOnlyWhereARuleRaisesTies) {
  // accepted with a rule that raises ties (bandwagon, balance, balanced disparity, a balancer,
  // a hegemon's bloc)
  EXPECT_THAT(problems_of("[alignment]\nrule = \"bandwagon\"\nacross_rivalry = true\n"), SizeIs(0));
  EXPECT_THAT(problems_of("hegemon = \"USA\"\n[alignment]\nacross_rivalry = false\n[alliances]\nrule = \"hegemon-bloc\"\n"),
              SizeIs(0));
  // refused where nothing rises: fixed and hedging rules only
  const auto p = problems_of("[alignment]\nrule = \"hedge\"\nacross_rivalry = true\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.field, "alignment.across_rivalry");
  EXPECT_EQ(p[0].where.line, 3);
  EXPECT_THAT(p[0].message, HasSubstr("only used when a rule raises ties"));
  // a boolean, nothing else
  const auto q = problems_of("[alignment]\nrule = \"bandwagon\"\nacross_rivalry = \"yes\"\n");
  ASSERT_THAT(q, SizeIs(1));
  EXPECT_EQ(q[0].where.field, "alignment.across_rivalry");
  EXPECT_THAT(q[0].message, HasSubstr("expected true or false"));
}

}  // namespace
}  // namespace concord

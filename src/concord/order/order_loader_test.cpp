// Validation of order files: every problem reported at once, each at file:line:column.
#include "concord/order/order_loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace concord {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

/// The problems an order text raises (empty if it loads).
std::vector<Problem> problems_of(const std::string& text) {
  try {
    (void)parse_order(text, "bad.toml");
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

TEST(OrderLoader, MinimalOrderTakesTheDefaults) {
  const Order o = parse_order("", "mine.toml");
  EXPECT_EQ(o.name, "mine");
  EXPECT_EQ(o.alignment.rule, order::AlignmentRule::fixed);
  EXPECT_EQ(o.alignment.applies_to.group, order::ActorGroup::small_states);
  EXPECT_EQ(o.alliances.rule, order::AllianceRule::keep);
  EXPECT_EQ(o.crisis.manager, order::CrisisManager::self_help);
  EXPECT_EQ(o.decision_default.rule, order::DecisionRule::as_scenario);
  EXPECT_DOUBLE_EQ(o.spheres, 0.0);
  EXPECT_FALSE(o.resolved);
}

TEST(OrderLoader, TypoInKeyIsAnErrorWithSuggestionAndPosition) {
  const auto p = problems_of("[restraint]\nrestrant = 0.5\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.line, 2);
  EXPECT_EQ(p[0].where.column, 1);
  EXPECT_EQ(p[0].where.field, "restraint.restrant");
  EXPECT_THAT(p[0].message, HasSubstr("unknown key 'restrant'"));
  EXPECT_THAT(p[0].message, HasSubstr("allowed here: 'toward_great_powers', 'toward_small_states'"));
}

TEST(OrderLoader, TypoInTopLevelKeySuggestsTheClosest) {
  const auto p = problems_of("interdependance_weight = 2\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_THAT(p[0].message, HasSubstr("did you mean 'interdependence_weight'?"));
}

TEST(OrderLoader, WrongTypeIsLocated) {
  const auto p = problems_of("[restraint]\ntoward_great_powers = \"high\"\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.line, 2);
  EXPECT_EQ(p[0].where.column, 23);
  EXPECT_THAT(p[0].message, HasSubstr("expected a number, got a string"));
}

TEST(OrderLoader, RestraintOutOfRangeIsLocated) {
  const auto p = problems_of("[restraint]\ntoward_great_powers = 0.5\ntoward_small_states = 1.5\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.line, 3);
  EXPECT_EQ(p[0].where.field, "restraint.toward_small_states");
  EXPECT_THAT(p[0].message, HasSubstr("value 1.5 is out of range [0, 1]"));
}

TEST(OrderLoader, UnknownEnumListsTheAllowedValues) {
  const auto p = problems_of("[crisis]\nmanager = \"concerto\"\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.line, 2);
  EXPECT_EQ(p[0].where.column, 11);
  EXPECT_THAT(p[0].message, HasSubstr("unknown value 'concerto' (did you mean 'concert'?)"));
  EXPECT_THAT(p[0].message,
              HasSubstr("allowed: 'self-help', 'hegemon', 'concert', 'institutions', 'community'"));
}

TEST(OrderLoader, EveryProblemIsReportedAtOnceInFileOrder) {
  const std::string text =
      "hegemon = \"usa\"\n"                   // 1: not a stateabb
      "spheres = \"maybe\"\n"                 // 2: unknown word
      "[alignment]\n"                         // 3
      "rule = \"bandwaggon\"\n"               // 4: unknown enum
      "[decision]\n"                          // 5
      "rule = \"qmv\"\n"                      // 6
      "quota = 0\n"                           // 7: out of (0, 1]
      "veto_threshold = 0.3\n"                // 8: not read by qmv
      "[[measures]]\n"                        // 9: code-of-conduct without flashpoint
      "kind = \"code-of-conduct\"\n"          // 10
      "strength = true\n";                    // 11: wrong type
  const auto p = problems_of(text);
  ASSERT_THAT(p, SizeIs(7));
  const std::vector<long> lines{1, 2, 4, 7, 8, 9, 11};
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(p[i].where.line, lines[i]) << p[i].str();
  EXPECT_THAT(p[0].message, HasSubstr("not a COW state abbreviation"));
  EXPECT_THAT(p[1].message, HasSubstr("'no', 'partly', 'yes'"));
  EXPECT_THAT(p[3].message, HasSubstr("out of range (0, 1]"));
  EXPECT_THAT(p[4].message, HasSubstr("only used with rule 'minority-veto'"));
  EXPECT_THAT(p[5].message, HasSubstr("code-of-conduct needs 'flashpoint'"));
  EXPECT_THAT(p[6].message, HasSubstr("expected a number, got a boolean"));
}

TEST(OrderLoader, SyntaxErrorIsLocated) {
  const auto p = problems_of("[alignment]\nrule = \"hedge\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.line, 2);
  EXPECT_THAT(p[0].message, HasSubstr("TOML syntax error"));
}

TEST(OrderLoader, RulesThatNeedAHegemonOrDirectorateSayWhatIsMissing) {
  const auto p = problems_of("[crisis]\nmanager = \"hegemon\"\n[decision]\nrule = \"directorate\"\n");
  ASSERT_THAT(p, SizeIs(2));
  EXPECT_THAT(p[0].message, HasSubstr("needs a top-level 'hegemon'"));
  EXPECT_THAT(p[1].message, HasSubstr("needs 'directorate'"));
  const auto q = problems_of("directorate = [\"USA\"]\n[crisis]\nmanager = \"concert\"\n");
  ASSERT_THAT(q, SizeIs(1));
  EXPECT_THAT(q[0].message, HasSubstr("at least two great powers"));
}

TEST(OrderLoader, PhaseOutNeedsItsYearsAndOtherRulesMustNotGiveThem) {
  EXPECT_THAT(problems_of("[alliances]\nrule = \"phase-out\"\n"), SizeIs(1));
  const auto p = problems_of("[alliances]\nrule = \"keep\"\nphase_out_years = 5\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_EQ(p[0].where.line, 3);
  EXPECT_THAT(p[0].message, HasSubstr("only used with rule 'phase-out'"));
}

TEST(OrderLoader, DuplicateDirectorateMemberIsAnError) {
  const auto p = problems_of("directorate = [\"USA\", \"CHN\", \"USA\"]\n");
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_THAT(p[0].message, HasSubstr("USA is listed twice"));
}

TEST(OrderLoader, ReadsEveryDimension) {
  const std::string text = R"(
name = "custom"
hegemon = 710
directorate = ["USA", "CHN"]
spheres = 0.25
institution_effect = 0.5
agenda_setters = { members_of = "ASEAN" }
interdependence_weight = 1.5
trade_integration_growth = 0.02

[alignment]
rule = "hedge"
applies_to = { members_of = "ASEAN" }
others = "balance"
balancer = "USA"
weights = { power = 2, proximity = 1, offensive = 0.5, intent = 1 }

[alliances]
rule = "phase-out"
phase_out_years = 12
phase_out_ties_with = ["USA", 2]
reliability = { USA = 0.4, 740 = 0.8 }

[crisis]
manager = "community"
institutions = ["EAS"]
regime_threshold = 0.6

[decision]
rule = "minority-veto"
veto_threshold = 0.4

[decision.institutions.EAS]
rule = "qmv"
quota = 0.6
weights = "listed"
listed_weights = { USA = 2, CHN = 2 }

[decision.institutions.SCO]
rule = "consensus-minus-one"

[restraint]
toward_great_powers = 0.9
toward_small_states = 0.1

[[mandates]]
institution = "EAS"
add = ["preventive-diplomacy", "dispute-settlement"]
capacity = 0.7

[[mandates]]
institution = "all"
add = ["dialogue"]

[[membership]]
institutions = ["EAS", "ARF"]
include = "great-powers"
exclude = ["RUS"]

[[measures]]
kind = "arms-control-cap"
parties = ["USA", "CHN"]
burden_cap = 0.03

[[measures]]
kind = "code-of-conduct"
flashpoint = "South China Sea"
strength = 0.5

[regime_convergence]
target = 0.6
rate = 0.1
)";
  const Order o = parse_order(text, "custom.toml");
  EXPECT_EQ(o.name, "custom");
  ASSERT_TRUE(o.hegemon.has_value());
  EXPECT_EQ(o.hegemon->ccode, 710);
  EXPECT_EQ(o.hegemon->label(), "ccode 710");
  EXPECT_DOUBLE_EQ(o.spheres, 0.25);
  EXPECT_DOUBLE_EQ(o.institution_effect, 0.5);
  ASSERT_TRUE(o.agenda_setters.has_value());
  EXPECT_EQ(o.agenda_setters->group, order::ActorGroup::members_of);
  EXPECT_EQ(o.alignment.others, order::AlignmentRule::balance);
  EXPECT_DOUBLE_EQ(o.alignment.weights.power, 2.0);
  EXPECT_EQ(o.alliances.phase_out_years, 12);
  ASSERT_THAT(o.alliances.phase_out_ties_with, SizeIs(2));
  EXPECT_EQ(o.alliances.phase_out_ties_with[1].ccode, 2);
  ASSERT_THAT(o.alliances.reliability, SizeIs(2));
  EXPECT_DOUBLE_EQ(o.crisis.regime_threshold, 0.6);
  EXPECT_EQ(o.decision_default.rule, order::DecisionRule::minority_veto);
  ASSERT_THAT(o.decision_by_institution, SizeIs(2));
  EXPECT_EQ(o.decision_by_institution[0].institution.name, "EAS");
  EXPECT_EQ(o.decision_by_institution[0].spec.weights, order::QmvWeights::listed);
  EXPECT_EQ(o.decision_by_institution[1].spec.rule, order::DecisionRule::consensus_minus_one);
  ASSERT_THAT(o.mandates, SizeIs(2));
  EXPECT_TRUE(o.mandates[1].all_institutions);
  ASSERT_THAT(o.membership, SizeIs(1));
  EXPECT_EQ(o.membership[0].include->group, order::ActorGroup::great_powers);
  ASSERT_THAT(o.measures, SizeIs(2));
  EXPECT_DOUBLE_EQ(*o.measures[0].burden_cap, 0.03);
  ASSERT_TRUE(o.regime_convergence.has_value());
  EXPECT_DOUBLE_EQ(o.regime_convergence->rate, 0.1);
}

ScenarioNames region() {
  ScenarioNames n;
  n.source = "test-region";
  n.stateabb = {"USA", "CHN", "JPN", "ROK", "INS"};
  n.ccode = {2, 710, 740, 732, 850};
  n.institutions = {"ASEAN", "ARF", "EAS", "ADMM-Plus"};
  n.flashpoints = {"korean-peninsula", "south-china-sea"};
  return n;
}

TEST(ResolveOrder, FillsIndicesByStateabbCcodeAndNormalisedNames) {
  const Order o = parse_order(
      "hegemon = 710\ndirectorate = [\"USA\", \"JPN\"]\n[crisis]\nmanager = \"institutions\"\n"
      "institutions = [\"admm plus\"]\n[[measures]]\nkind = \"code-of-conduct\"\nflashpoint = \"South China Sea\"\n",
      "r.toml");
  const Order r = resolve_order(o, region());
  EXPECT_TRUE(r.resolved);
  EXPECT_EQ(r.hegemon->index, 1);
  EXPECT_EQ(r.directorate[0].index, 0);
  EXPECT_EQ(r.directorate[1].index, 2);
  EXPECT_EQ(r.crisis.institutions[0].index, 3);
  EXPECT_EQ(r.measures[0].flashpoint->index, 1);
  EXPECT_EQ(o.hegemon->index, -1);  // the input is not modified
}

TEST(ResolveOrder, UnknownNamesAreReportedAtTheirPlaceInTheOrderFile) {
  const Order o = parse_order(
      "hegemon = \"UAS\"\ndirectorate = [\"USA\", 999]\n[crisis]\nmanager = \"institutions\"\n"
      "institutions = [\"SCO\"]\n[[measures]]\nkind = \"code-of-conduct\"\nflashpoint = \"Taiwan Strait\"\n",
      "r.toml");
  try {
    (void)resolve_order(o, region());
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const auto& p = e.problems();
    ASSERT_THAT(p, SizeIs(4));
    EXPECT_EQ(p[0].where.file, "r.toml");
    std::vector<std::string> all;
    for (const auto& q : p) all.push_back(q.str());
    EXPECT_THAT(all, ::testing::Contains(HasSubstr("r.toml:1:11: field 'hegemon': state 'UAS' is not an actor of scenario test-region (did you mean 'USA'?)")));
    EXPECT_THAT(all, ::testing::Contains(HasSubstr("r.toml:2:23: field 'directorate[1]': ccode 999 is not an actor")));
    EXPECT_THAT(all, ::testing::Contains(HasSubstr("institution 'SCO' is not in scenario test-region")));
    EXPECT_THAT(all, ::testing::Contains(HasSubstr("flashpoint 'Taiwan Strait' is not in scenario")));
  }
}

TEST(ResolveOrder, DecisionForFallsBackToTheDefault) {
  const Order o = resolve_order(
      parse_order("[decision]\nrule = \"consensus\"\n[decision.institutions.EAS]\nrule = \"minority-veto\"\n", "d.toml"),
      region());
  EXPECT_EQ(o.decision_for(2).rule, order::DecisionRule::minority_veto);  // EAS
  EXPECT_EQ(o.decision_for(1).rule, order::DecisionRule::consensus);      // ARF
}

TEST(OrderEnums, EverySpellingRoundTrips) {
  for (auto name : enum_names<order::DecisionRule>()) {
    const auto v = enum_from_string<order::DecisionRule>(name);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(to_string(*v), name);
  }
  EXPECT_FALSE(enum_from_string<order::MeasureKind>("nonsense").has_value());
}

}  // namespace
}  // namespace concord

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
      "hegemon = \"usa\"\n"           // 1: not a stateabb
      "spheres = \"maybe\"\n"         // 2: unknown word
      "[alignment]\n"                 // 3
      "rule = \"bandwaggon\"\n"       // 4: unknown enum
      "[decision]\n"                  // 5
      "rule = \"qmv\"\n"              // 6
      "quota = 0\n"                   // 7: out of (0, 1]
      "veto_threshold = 0.3\n"        // 8: not read by qmv
      "[[measures]]\n"                // 9: code-of-conduct without flashpoint
      "kind = \"code-of-conduct\"\n"  // 10
      "strength = true\n";            // 11: wrong type
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
parties = "all"
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

struct BadCase {
  const char* text;
  long line;
  const char* field;
  const char* message;
};

TEST(OrderLoader, EachKindOfMistakeGivesOneLocatedProblem) {
  const std::vector<BadCase> cases{
      {"title = 3\n", 1, "title", "expected a string, got an integer"},
      {"name = \"\"\n", 1, "name", "must not be empty"},
      {"hegemon = 2.5\n", 1, "hegemon", "expected a state"},
      {"hegemon = 1000\n", 1, "hegemon", "ccode 1000 is out of range [1, 999]"},
      {"spheres = true\n", 1, "spheres", "expected 'no', 'partly', 'yes' or a number in [0, 1]"},
      {"spheres = 1.01\n", 1, "spheres", "out of range [0, 1]"},
      {"institution_effect = -0.1\n", 1, "institution_effect", "out of range [0, 1]"},
      {"interdependence_weight = -1\n", 1, "interdependence_weight", "out of range [0, inf]"},
      {"alignment = 3\n", 1, "alignment", "expected a table, got an integer"},
      {"measures = 3\n", 1, "measures", "expected an array, got an integer"},
      {"[alignment]\nrule = \"hedge\"\napplies_to = \"asean\"\n", 3, "alignment.applies_to", "unknown group 'asean'"},
      {"[alignment]\nrule = \"balance\"\n[alignment.weights]\npower = -1\n", 4, "alignment.weights.power",
       "out of range"},
      {"[alliances]\nreliability = { USA = 1.2 }\n", 2, "alliances.reliability.USA",
       "value 1.2 is out of range [0, 1]"},
      {"[alliances]\nreliability = { usa = 0.5 }\n", 2, "alliances.reliability.usa", "is not a state"},
      {"[alliances]\nrule = \"phase-out\"\nphase_out_years = 2.5\n", 3, "alliances.phase_out_years",
       "expected an integer"},
      {"hegemon = \"USA\"\n[crisis]\nmanager = \"hegemon\"\nimpose_on_others = 1\n", 4,
       "crisis.impose_on_others", "expected true or false"},
      {"[crisis]\nmanager = \"self-help\"\ninstitutions = [\"EAS\"]\n", 3, "crisis.institutions",
       "only used with managers 'institutions' and 'community'"},
      {"[decision]\nrule = \"qmv\"\nweights = \"votes\"\n", 3, "decision.weights",
       "allowed: 'equal', 'capability', 'population', 'gdp', 'listed'"},
      {"[decision.institutions]\nEAS = 1\n", 2, "decision.institutions.EAS", "expected a table"},
      {"[decision.institutions.EAS]\nquorum = 0.5\nrule = \"consensus\"\n", 2,
       "decision.institutions.EAS.quorum", "unknown key 'quorum'"},
      {"[[mandates]]\ninstitution = \"EAS\"\nadd = [\"mediation\"]\n", 3, "mandates[0].add[0]",
       "unknown value 'mediation'"},
      {"[[membership]]\ninstitutions = \"all\"\n", 1, "", "needs 'include' or 'exclude'"},
      {"[[measures]]\nkind = \"reassurance\"\nburden_cap = 0.03\n", 3, "measures[0].burden_cap",
       "only used with kind 'arms-control-cap'"},
      {"[[measures]]\nkind = \"arms-control-cap\"\n", 1, "", "needs 'burden_cap'"},
      {"[[measures]]\nkind = \"trust-building\"\nparties = []\n", 3, "measures[0].parties", "selects nobody"},
      {"[regime_convergence]\ntarget = 0.6\n", 1, "", "needs 'rate'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto p = problems_of(c.text);
    ASSERT_THAT(p, SizeIs(1));
    EXPECT_EQ(p[0].where.file, "bad.toml");
    EXPECT_EQ(p[0].where.line, c.line);
    EXPECT_GT(p[0].where.column, 0);
    if (*c.field != 0) {
      EXPECT_EQ(p[0].where.field, c.field);
    }
    EXPECT_THAT(p[0].message, HasSubstr(c.message));
  }
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
      "institutions = [\"admm plus\"]\n[[measures]]\nkind = \"code-of-conduct\"\nflashpoint = \"South China "
      "Sea\"\n",
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
    EXPECT_THAT(all, ::testing::Contains(HasSubstr("r.toml:1:11: field 'hegemon': state 'UAS' is not an "
                                                   "actor of scenario test-region (did you mean 'USA'?)")));
    EXPECT_THAT(all, ::testing::Contains(
                         HasSubstr("r.toml:2:23: field 'directorate[1]': ccode 999 is not an actor")));
    EXPECT_THAT(all, ::testing::Contains(HasSubstr("institution 'SCO' is not in scenario test-region")));
    EXPECT_THAT(all, ::testing::Contains(HasSubstr("flashpoint 'Taiwan Strait' is not in scenario")));
  }
}

TEST(ResolveOrder, DecisionForFallsBackToTheDefault) {
  const Order o = resolve_order(
      parse_order("[decision]\nrule = \"consensus\"\n[decision.institutions.EAS]\nrule = \"minority-veto\"\n",
                  "d.toml"),
      region());
  EXPECT_EQ(o.decision_for(2).rule, order::DecisionRule::minority_veto);  // EAS
  EXPECT_EQ(o.decision_for(1).rule, order::DecisionRule::consensus);      // ARF
}

TEST(ResolveOrder, AbsentInstitutionsAndFlashpointsCanBeDroppedWithANote) {
  const Order o = parse_order(
      "agenda_setters = { members_of = \"CICA\" }\n"
      "[crisis]\nmanager = \"institutions\"\ninstitutions = [\"CICA\", \"EAS\"]\n"
      "[[mandates]]\ninstitution = \"CICA\"\nadd = [\"dialogue\"]\n"
      "[[membership]]\ninstitutions = [\"CICA\"]\nexclude = [\"USA\"]\n"
      "[[measures]]\nkind = \"code-of-conduct\"\nflashpoint = \"Kashmir\"\n"
      "[[measures]]\nkind = \"confidence-building\"\nparties = { members_of = \"CICA\" }\n",
      "a.toml");
  EXPECT_THROW((void)resolve_order(o, region()), InputError);  // strict by default
  std::vector<Problem> absent;
  const Order r = resolve_order(o, region(), &absent);
  EXPECT_EQ(absent.size(), 6U);
  EXPECT_THAT(absent[0].str(), HasSubstr("a.toml:1:33: field 'agenda_setters.members_of'"));
  EXPECT_THAT(absent[0].message, HasSubstr("the rule that names it is dropped"));
  ASSERT_THAT(r.crisis.institutions, SizeIs(1));
  EXPECT_EQ(r.crisis.institutions[0].index, 2);  // EAS
  EXPECT_FALSE(r.agenda_setters.has_value());
  EXPECT_TRUE(r.mandates.empty());
  EXPECT_TRUE(r.membership.empty());
  ASSERT_THAT(r.measures, SizeIs(1));
  EXPECT_EQ(r.measures[0].parties.group, order::ActorGroup::listed);
  EXPECT_TRUE(r.measures[0].parties.states.empty());
  // Unknown states stay errors even then.
  std::vector<Problem> ignored;
  EXPECT_THROW((void)resolve_order(parse_order("hegemon = \"XYZ\"\n", "s.toml"), region(), &ignored),
               InputError);
}

TEST(ResolveOrder, AgainstAScenarioUsesItsActorInstitutionAndFlashpointOrder) {
  Scenario s;
  s.meta.name = "tiny";
  for (const auto& [ccode, abb] :
       std::vector<std::pair<int, std::string>>{{740, "JPN"}, {2, "USA"}, {710, "CHN"}}) {
    Actor a;
    a.ccode = ccode;
    a.stateabb = abb;
    s.actors.push_back(a);
  }
  Institution eas;
  eas.name = "EAS";
  s.institutions.push_back(eas);
  Flashpoint ecs;
  ecs.name = "East China Sea";
  s.flashpoints.push_back(ecs);
  try {
    (void)resolve_order(parse_order("hegemon = 3\n", "t.toml"), s);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("t.toml:1:11: field 'hegemon': ccode 3 is not an actor of scenario tiny"));
  }
  const Order r =
      resolve_order(parse_order("directorate = [\"USA\", 710]\n[crisis]\nmanager = \"concert\"\n"
                                "[[measures]]\nkind = \"code-of-conduct\"\nflashpoint = \"east-china-sea\"\n"
                                "[[mandates]]\ninstitution = \"eas\"\nadd = [\"arms-control\"]\n",
                                "t.toml"),
                    s);
  EXPECT_EQ(r.directorate[0].index, 1);
  EXPECT_EQ(r.directorate[1].index, 2);
  EXPECT_EQ(r.measures[0].flashpoint->index, 0);
  EXPECT_EQ(r.mandates[0].institution.index, 0);
}

TEST(OrderEnums, MandatesMeanTheSameAsTheScenarios) {
  for (auto name : enum_names<order::Mandate>()) {
    const auto m = enum_from_string<order::Mandate>(name);
    ASSERT_TRUE(m.has_value());
    EXPECT_STREQ(to_string(to_scenario_mandate(*m)), std::string(name).c_str());
  }
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

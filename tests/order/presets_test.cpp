// The thirteen shipped presets (orders/*.toml): each loads, resolves against the region's
// names, cites who proposed it, and keeps the invariants its proposer's idea implies
// (design/ORDERS.md, Acharya 2014, Evans 2015). A user's own file loads from anywhere.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "concord/order/order_loader.hpp"

namespace concord {
namespace {

using ::testing::HasSubstr;
using order::ActorGroup;
using order::AlignmentRule;
using order::AllianceRule;
using order::CrisisManager;
using order::DecisionRule;

/// The presets of MODEL.md section 4 and the name(s) ESSAY.md attaches to each.
const std::map<std::string, std::vector<std::string>>& essay_presets() {
  static const std::map<std::string, std::vector<std::string>> k{
      {"multiplex", {"Satoh"}},
      {"balance-of-power", {"Hayes"}},
      {"security-community", {"Hayes"}},
      {"sino-centric", {"Hayes"}},
      {"pax-americana", {"Rudd"}},
      {"concert", {"White", "Shirk"}},
      {"g2", {"White"}},
      {"pax-pacifica", {"Rudd"}},
      {"dynamic-equilibrium", {"Natalegawa"}},
      {"omni-directional", {"Kausikan"}},
      {"asian-security-concept", {"Xi", "CICA", "2014"}},
      {"consociational", {"Acharya", "2014"}},
      {"cooperative-security-2", {"Evans", "2015"}},
  };
  return k;
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The actors, institutions and flashpoints of an Asia-Pacific scenario as the presets name
/// them (COW stateabbs; the institutions of data/asia_pacific_institutions plus CICA).
ScenarioNames asia_pacific() {
  ScenarioNames n;
  n.source = "asia-pacific (test names)";
  n.stateabb = {"USA", "CHN", "JPN", "IND", "RUS", "ROK", "PRK", "TAW", "AUL", "INS", "MAL", "SIN",
                "PHI", "THI", "VTM", "CAM", "LAO", "MYA", "BRU", "NEW", "PAK"};
  n.ccode = {2, 710, 740, 750, 365, 732, 731, 713, 900, 850, 820, 830, 840, 800, 816, 811, 812, 775, 835, 920, 770};
  n.institutions = {"ASEAN", "ARF", "EAS", "ADMM-Plus", "SCO", "CICA", "APEC"};
  n.flashpoints = {"south-china-sea", "taiwan-strait", "korean-peninsula", "east-china-sea"};
  return n;
}

TEST(Presets, ExactlyTheThirteenOfTheEssayShip) {
  std::vector<std::string> expected;
  for (const auto& [name, who] : essay_presets()) expected.push_back(name);
  EXPECT_EQ(preset_names(), expected);
}

TEST(Presets, EachLoadsResolvesAndCitesItsProposer) {
  for (const auto& [name, who] : essay_presets()) {
    SCOPED_TRACE(name);
    const Order o = load_preset(name);
    EXPECT_EQ(o.name, name);
    EXPECT_FALSE(o.title.empty());
    const std::string text = read_text(presets_dir() / (name + ".toml"));
    // The header comment (the lines before the first key) names the proposer.
    const std::string header = text.substr(0, text.find("\nname ="));
    for (const auto& w : who) EXPECT_THAT(header, HasSubstr(w));
    EXPECT_THAT(header, HasSubstr("modelling assumption"));
    const Order r = resolve_order(o, asia_pacific());
    EXPECT_TRUE(r.resolved);
    EXPECT_THAT(describe(r), HasSubstr("order " + name));
  }
}

TEST(Presets, ConsociationalHasMinorityVetoNoSpheresAndBalancedDisparity) {
  // Acharya 2014: a mutual or minority veto, no spheres of influence, balanced disparity, restraint.
  for (const char* name : {"consociational", "cooperative-security-2"}) {
    SCOPED_TRACE(name);
    const Order o = load_preset(name);
    EXPECT_EQ(o.decision_default.rule, DecisionRule::minority_veto);
    EXPECT_DOUBLE_EQ(o.spheres, 0.0);
    EXPECT_EQ(o.alignment.rule, AlignmentRule::balanced_disparity);
    EXPECT_FALSE(o.hegemon.has_value());
    EXPECT_TRUE(o.directorate.empty());
    EXPECT_GE(o.restraint.toward_small_states, 0.5);
    EXPECT_GT(o.interdependence_weight, 1.0);
  }
}

TEST(Presets, CooperativeSecurity2AddsEvansMeasuresToConsociational) {
  const Order c = load_preset("consociational");
  const Order e = load_preset("cooperative-security-2");
  EXPECT_GE(e.restraint.toward_great_powers, c.restraint.toward_great_powers);
  std::vector<order::MeasureKind> kinds;
  for (const auto& m : e.measures) kinds.push_back(m.kind);
  using K = order::MeasureKind;
  EXPECT_THAT(kinds, ::testing::UnorderedElementsAre(K::reassurance, K::trust_building, K::arms_control_cap,
                                                     K::code_of_conduct, K::joint_humanitarian_exercise));
  EXPECT_TRUE(c.measures.empty());
}

TEST(Presets, SecurityCommunityHasARegimeThresholdAndConvergence) {
  const Order o = load_preset("security-community");
  EXPECT_EQ(o.crisis.manager, CrisisManager::community);
  EXPECT_GT(o.crisis.regime_threshold, 0.0);
  EXPECT_LE(o.crisis.regime_threshold, 1.0);
  ASSERT_TRUE(o.regime_convergence.has_value());
  // Convergence must be able to carry regimes over the threshold (Hayes's precondition).
  EXPECT_GT(o.regime_convergence->target, o.crisis.regime_threshold);
  EXPECT_GT(o.regime_convergence->rate, 0.0);
}

TEST(Presets, HegemonicOrdersNameTheirHegemonAndAllowSpheres) {
  const std::map<std::string, std::string> hegemons{{"sino-centric", "CHN"}, {"pax-americana", "USA"}};
  for (const auto& [name, abb] : hegemons) {
    SCOPED_TRACE(name);
    const Order o = load_preset(name);
    ASSERT_TRUE(o.hegemon.has_value());
    EXPECT_EQ(o.hegemon->stateabb, abb);
    EXPECT_EQ(o.crisis.manager, CrisisManager::hegemon);
    EXPECT_EQ(o.decision_default.rule, DecisionRule::hegemon);
    EXPECT_EQ(o.alignment.rule, AlignmentRule::bandwagon);
    EXPECT_DOUBLE_EQ(o.spheres, 1.0);
  }
}

TEST(Presets, ConcertsHaveADirectorateAndLessRestraintTowardSmallStates) {
  const std::map<std::string, std::vector<std::string>> members{{"concert", {"USA", "CHN", "JPN", "IND", "RUS"}},
                                                                {"g2", {"USA", "CHN"}}};
  for (const auto& [name, abbs] : members) {
    SCOPED_TRACE(name);
    const Order o = load_preset(name);
    std::vector<std::string> got;
    for (const auto& a : o.directorate) got.push_back(a.stateabb);
    EXPECT_EQ(got, abbs);
    EXPECT_EQ(o.crisis.manager, CrisisManager::concert);
    EXPECT_EQ(o.decision_default.rule, DecisionRule::directorate);
    EXPECT_LT(o.restraint.toward_small_states, o.restraint.toward_great_powers);
  }
}

TEST(Presets, BalanceOfPowerHasNoRestraintAndNoEffectiveInstitutions) {
  const Order o = load_preset("balance-of-power");
  EXPECT_EQ(o.alignment.rule, AlignmentRule::balance);
  EXPECT_EQ(o.alliances.rule, AllianceRule::rebalance);
  EXPECT_EQ(o.crisis.manager, CrisisManager::self_help);
  EXPECT_DOUBLE_EQ(o.restraint.toward_great_powers, 0.0);
  EXPECT_DOUBLE_EQ(o.institution_effect, 0.0);
}

TEST(Presets, AsianSecurityConceptExcludesTheUnitedStatesAndPhasesOutAlliances) {
  const Order o = load_preset("asian-security-concept");
  EXPECT_EQ(o.alliances.rule, AllianceRule::phase_out);
  EXPECT_GE(o.alliances.phase_out_years, 1);
  ASSERT_EQ(o.membership.size(), 1U);
  EXPECT_TRUE(o.membership[0].institutions.all);
  ASSERT_EQ(o.membership[0].exclude.size(), 1U);
  EXPECT_EQ(o.membership[0].exclude[0].stateabb, "USA");
}

TEST(Presets, OmniDirectionalAppliesHedgingToAseanWithTheUsAsBalancer) {
  const Order o = load_preset("omni-directional");
  EXPECT_EQ(o.alignment.rule, AlignmentRule::hedge);
  EXPECT_EQ(o.alignment.applies_to.group, ActorGroup::members_of);
  EXPECT_EQ(o.alignment.applies_to.institution.name, "ASEAN");
  ASSERT_TRUE(o.alignment.balancer.has_value());
  EXPECT_EQ(o.alignment.balancer->stateabb, "USA");
}

TEST(Presets, OnlyHegemonyAndConcertsAllowFullSpheres) {
  // Acharya 2014: hegemony and concerts may carve out spheres; the other orders may not fully.
  for (const auto& [name, who] : essay_presets()) {
    const Order o = load_preset(name);
    const bool may = o.hegemon.has_value() || o.crisis.manager == CrisisManager::concert;
    if (!may) {
      EXPECT_LT(o.spheres, 1.0) << name;
    }
  }
}

TEST(Presets, UnknownPresetNameListsThePresets) {
  try {
    (void)load_preset("concrt");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no order preset named 'concrt' (did you mean 'concert'?)"));
    EXPECT_THAT(e.what(), HasSubstr("'multiplex'"));
  }
}

TEST(UserOrder, AFileOutsideOrdersLoadsWithoutRecompiling) {
  const auto dir = std::filesystem::temp_directory_path() / "concord_order_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "my-order.toml";
  {
    std::ofstream out(path);
    out << "# my own order\ntitle = \"Mine\"\n[crisis]\nmanager = \"institutions\"\ninstitutions = [\"EAS\"]\n"
           "[restraint]\ntoward_great_powers = 0.6\ntoward_small_states = 0.6\n";
  }
  const Order o = load_order_arg(path.string());
  EXPECT_EQ(o.name, "my-order");
  EXPECT_EQ(o.crisis.manager, CrisisManager::institutions);
  EXPECT_DOUBLE_EQ(o.restraint.toward_small_states, 0.6);
  EXPECT_EQ(load_order_arg("g2").name, "g2");  // a bare name is a preset
  std::filesystem::remove_all(dir);
}

TEST(UserOrder, ABrokenFileGivesEveryProblemWithItsPath) {
  const auto dir = std::filesystem::temp_directory_path() / "concord_order_test_broken";
  std::filesystem::create_directories(dir);
  const auto path = dir / "broken.toml";
  {
    std::ofstream out(path);
    out << "hegemon = \"XYZ\"\n[restraint]\ntoward_great_powers = 2\n[alignment]\nrul = \"hedge\"\n";
  }
  try {
    const Order o = load_order(path);
    (void)resolve_order(o, asia_pacific());
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_THAT(what, HasSubstr(path.string() + ":3:23: field 'restraint.toward_great_powers': value 2 is out of range [0, 1]"));
    EXPECT_THAT(what, HasSubstr(path.string() + ":5:1: field 'alignment.rul': unknown key 'rul' (did you mean 'rule'?)"));
    EXPECT_EQ(e.problems().size(), 2U);  // the unknown hegemon is found at resolution, once the file is valid
  }
  {
    std::ofstream out(path);
    out << "hegemon = \"XYZ\"\n[crisis]\nmanager = \"hegemon\"\n";
  }
  try {
    (void)resolve_order(load_order(path), asia_pacific());
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path.string() + ":1:11: field 'hegemon': state 'XYZ' is not an actor"));
  }
  std::filesystem::remove_all(dir);
}

TEST(UserOrder, MissingFileIsAnInputError) {
  EXPECT_THROW((void)load_order("/nonexistent/none.toml"), InputError);
}

}  // namespace
}  // namespace concord

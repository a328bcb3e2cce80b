// Scenario format: each validation rule with its message and location, and the round trip.
#include "concord/scenario/load.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace concord {
namespace {

// A small valid scenario. Line numbers matter to the tests below: keep the layout.
constexpr const char* kValid = R"([meta]
name = "test"
start_year = 2015
horizon = 20
region = "custom"

[meta.sources.mpd]
title = "Maddison Project Database"
version = "2023"

[[actor]]
ccode = 2
stateabb = "USA"
name = "United States of America"
gdp = 17000000.0
population = 320000.0
great_power = true
nmc = { milex = 596024000, milper = 1347, tpop = 321774 }
capital = { lat = 38.895, lon = -77.0366 }
provenance = { gdp = "mpd@2015" }

[[actor]]
ccode = 710
stateabb = "CHN"
name = "China"
gdp = 19000000.0
population = 1370000.0
regime = 0.07
great_power = true
capital = { lat = 39.9075, lon = 116.39723 }

[[actor]]
ccode = 840
stateabb = "PHI"
name = "Philippines"
gdp = 700000
population = 101000

[[dyad]]
a = 2
b = 840
alliance = 3
trade_ab = 10.5
trade_ba = 8.0
distance_km = 13800

[[institution]]
name = "ARF"
decision_rule = "consensus"
mandate = ["dialogue", "confidence-building"]
capacity = 0.3
members = [
  { ccode = 2, joined = 1994 },
  { ccode = 710, joined = 1994 },
  { ccode = 840, joined = 1994 },
]

[[flashpoint]]
name = "South China Sea"
status_quo = 40
incident_rate = 0.5
parties = [
  { ccode = 710, position = 90, salience = 0.9 },
  { ccode = 840, position = 10, salience = 0.8 },
]
stakeholders = [ { ccode = 2, salience = 0.6, interest = "freedom of navigation" } ]

[[growth]]
ccode = 710
steps = [ { from_year = 2016, gdp = 0.06 }, { from_year = 2025, gdp = 0.04 } ]

[parameters]
incidents.beta_parity = 0.25
economy.convergence = true
)";

/// Replaces the first occurrence of `from` in kValid with `to` (the test fails if absent).
std::string with(const std::string& from, const std::string& to, std::string text = kValid) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

/// The problems of a text that must fail.
std::vector<Problem> problems_of(const std::string& text) {
  try {
    (void)parse_scenario(text, "t.toml");
  } catch (const InputError& e) {
    return e.problems();
  }
  ADD_FAILURE() << "expected the scenario to be rejected";
  return {};
}

/// Asserts exactly one problem, at `line`:`column`, whose message contains `message`.
void expect_one(const std::string& text, long line, long column, const std::string& field,
                const std::string& message) {
  const auto ps = problems_of(text);
  ASSERT_EQ(ps.size(), 1U) << (ps.empty() ? "" : InputError(ps).what());
  EXPECT_EQ(ps[0].where.file, "t.toml");
  EXPECT_EQ(ps[0].where.line, line) << ps[0].str();
  if (column > 0) {
    EXPECT_EQ(ps[0].where.column, column) << ps[0].str();
  }
  EXPECT_EQ(ps[0].where.field, field) << ps[0].str();
  EXPECT_NE(ps[0].message.find(message), std::string::npos) << ps[0].str();
}

TEST(ScenarioLoad, ValidScenarioLoadsWithEveryField) {
  const Scenario s = parse_scenario(kValid, "t.toml");
  EXPECT_EQ(s.meta.name, "test");
  EXPECT_EQ(s.meta.start_year, 2015);
  EXPECT_EQ(s.meta.horizon, 20);
  ASSERT_EQ(s.actors.size(), 3U);
  EXPECT_EQ(s.actors[0].stateabb, "USA");
  EXPECT_DOUBLE_EQ(s.actors[0].nmc.milex, 596024000.0);
  EXPECT_TRUE(std::isnan(s.actors[0].nmc.irst));  // absent = missing
  EXPECT_TRUE(std::isnan(s.actors[0].regime));
  EXPECT_DOUBLE_EQ(s.actors[1].regime, 0.07);
  EXPECT_EQ(s.actors[0].provenance.at("gdp").dataset, "mpd");
  EXPECT_EQ(s.actors[0].provenance.at("gdp").year, 2015);
  EXPECT_EQ(s.actors[1].where.line, 22);
  ASSERT_EQ(s.dyads.size(), 1U);
  EXPECT_EQ(s.dyads[0].alliance, 3);
  EXPECT_DOUBLE_EQ(s.dyads[0].trade(), 18.5);
  ASSERT_EQ(s.institutions.size(), 1U);
  EXPECT_EQ(s.institutions[0].members.size(), 3U);
  EXPECT_TRUE(s.institutions[0].mandate.has(Mandate::confidence_building));
  EXPECT_FALSE(s.institutions[0].mandate.has(Mandate::arms_control));
  ASSERT_EQ(s.flashpoints.size(), 1U);
  EXPECT_EQ(s.flashpoints[0].parties[1].ccode, 840);
  EXPECT_TRUE(std::isnan(s.flashpoints[0].stakeholders[0].position));
  ASSERT_EQ(s.growth.size(), 1U);
  EXPECT_EQ(s.growth[0].steps[1].from_year, 2025);
  ASSERT_EQ(s.parameters.size(), 2U);
  EXPECT_EQ(s.parameters[0].name, "economy.convergence");  // TOML tables are key-ordered
  EXPECT_EQ(s.parameters[0].value, 1.0);
  EXPECT_EQ(s.parameters[1].name, "incidents.beta_parity");
  EXPECT_EQ(s.parameters[1].where.line, 73);
}

TEST(ScenarioLoad, DyadDefaultsAndCapitalDistance) {
  const Scenario s = parse_scenario(kValid, "t.toml");
  const Dyad d = complete_dyad(s, 710, 2);
  EXPECT_EQ(d.a, 2);
  EXPECT_EQ(d.b, 710);
  EXPECT_EQ(d.alliance, 0);
  EXPECT_EQ(d.trust, 0.5);
  // Washington-Beijing great circle: about 11,150 km.
  EXPECT_NEAR(d.distance_km, 11150.0, 50.0);
  EXPECT_EQ(complete_dyad(s, 840, 2).distance_km, 13800.0);
}

// [meta] great_powers (docs/scenario.md, "The great-power set"): read, written back, and its
// mistakes located.
TEST(ScenarioLoad, GreatPowerRule) {
  const Scenario s = parse_scenario(
      with("region = \"custom\"", "region = \"custom\"\ngreat_powers = \"cinc-share\"\ngreat_power_share = 0.05\n"
                                  "great_powers_evolve = true"),
      "t.toml");
  EXPECT_EQ(s.meta.great_powers.kind, GreatPowerRule::Kind::cinc_share);
  EXPECT_EQ(s.meta.great_powers.threshold, 0.05);
  EXPECT_TRUE(s.meta.great_powers.evolve);
  EXPECT_EQ(parse_scenario(write_scenario(s), "t.toml").meta.great_powers, s.meta.great_powers);
  EXPECT_EQ(to_string(s.meta.great_powers), "cinc-share:0.05:evolve");
  expect_one(with("region = \"custom\"", "region = \"custom\"\ngreat_powers = \"nukes\""), 6, 0,
             "meta.great_powers", "unknown great-power rule 'nukes'");
  expect_one(with("region = \"custom\"", "region = \"custom\"\ngreat_powers = \"cinc-share\""), 6, 0,
             "meta.great_power_share", "needs great_power_share");
  expect_one(with("region = \"custom\"", "region = \"custom\"\ngreat_powers = \"nuclear\"\ngreat_powers_evolve = true"),
             7, 0, "meta.great_powers_evolve", "only a capability-share set can evolve");
  GreatPowerRule r;
  std::string why;
  EXPECT_TRUE(parse_great_power_rule("nuclear", r, why));
  EXPECT_EQ(r.kind, GreatPowerRule::Kind::nuclear);
  EXPECT_FALSE(parse_great_power_rule("cinc-share:1.5", r, why));
  EXPECT_NE(why.find("(0, 1]"), std::string::npos) << why;
  EXPECT_FALSE(parse_great_power_rule("cinc-share:0.1:grow", r, why));
}

TEST(ScenarioLoad, SyntaxErrorHasLocation) {
  expect_one(with("horizon = 20", "horizon = = 20"), 4, 0, "", "TOML syntax error");
}

TEST(ScenarioLoad, UnknownKeyIsAnErrorWithSuggestion) {
  expect_one(with("great_power = true", "great_powr = true"), 17, 1, "actor[0].great_powr",
             "unknown key 'great_powr' in actor[0]: did you mean 'great_power'?");
  expect_one(with("[[growth]]", "[[growht]]"), 68, 0, "growht",
             "unknown key 'growht' in the top level: did you mean 'growth'?");
}

TEST(ScenarioLoad, UnknownKeyAlsoReportsTheMissingRequiredKey) {
  const auto ps = problems_of(with("gdp = 700000", "gpd = 700000"));
  ASSERT_EQ(ps.size(), 2U);
  EXPECT_NE(ps[0].message.find("missing required key 'gdp'"), std::string::npos) << ps[0].str();
  EXPECT_EQ(ps[0].where.line, 32);  // the [[actor]] header
  EXPECT_NE(ps[1].message.find("did you mean 'gdp'?"), std::string::npos) << ps[1].str();
  EXPECT_EQ(ps[1].where.line, 36);
}

TEST(ScenarioLoad, WrongType) {
  expect_one(with("gdp = 700000", "gdp = \"700000\""), 36, 7, "actor[2].gdp",
             "expected a number, found a string");
  expect_one(with("ccode = 840", "ccode = 840.0"), 33, 9, "actor[2].ccode",
             "expected an integer, found a floating-point number");
}

TEST(ScenarioLoad, NegativeGdp) {
  expect_one(with("gdp = 700000", "gdp = -700000"), 36, 7, "actor[2].gdp",
             "gdp -700000 is out of range: must be between 1 and 100000000 (GDP in millions");
}

TEST(ScenarioLoad, SalienceOutsideUnitInterval) {
  expect_one(with("position = 10, salience = 0.8", "position = 10, salience = 1.2"), 64, 44,
             "flashpoint[0].parties[1].salience", "salience 1.2 is out of range: must be between 0 and 1");
}

TEST(ScenarioLoad, PositionOutside0To100) {
  expect_one(with("position = 90", "position = 120"), 63, 29, "flashpoint[0].parties[0].position",
             "position 120 is out of range: must be between 0 and 100");
}

TEST(ScenarioLoad, NanAndInfinityAreRejected) {
  expect_one(with("regime = 0.07", "regime = nan"), 28, 10, "actor[1].regime", "NaN is not allowed");
  expect_one(with("distance_km = 13800", "distance_km = inf"), 45, 15, "dyad[0].distance_km",
             "infinity is not allowed");
}

TEST(ScenarioLoad, UndefinedActor) {
  expect_one(with("{ ccode = 840, position = 10", "{ ccode = 841, position = 10"), 64, 3,
             "flashpoint[0].parties[1]", "party to South China Sea 841 is not an actor of this scenario");
  // PHI gets a capital (one line more): without one and without its dyad's distance it is unplaced,
  // a second problem
  expect_one(with("b = 840", "b = 999",
                  with("population = 101000\n", "population = 101000\ncapital = { lat = 14.6, lon = 121.0 }\n")),
             40, 1, "dyad[0]", "dyad member 999 is not an actor");
}

TEST(ScenarioLoad, DuplicateCcode) {
  const std::string extra =
      "\n[[actor]]\nccode = 710\nstateabb = \"PRC\"\nname = \"PRC\"\n"
      "gdp = 1.0\npopulation = 1.0\ncapital = { lat = 39.9, lon = 116.4 }\n";
  expect_one(with("\n[[dyad]]", extra + "\n[[dyad]]"), 39, 1, "actor[3]",
             "duplicate ccode 710 (PRC): already used by the actor at line 22");
}

TEST(ScenarioLoad, MemberListedBeforeItJoined) {
  expect_one(with("{ ccode = 840, joined = 1994 }", "{ ccode = 840, joined = 2016 }"), 55, 3,
             "institution[0].members[2]",
             "840 joined ARF in 2016, after the start year 2015, so it is not yet a member: move "
             "it to accessions");
}

TEST(ScenarioLoad, AccessionAfterStartYearLoads) {
  const std::string text =
      with("  { ccode = 840, joined = 1994 },\n]", "]\naccessions = [ { ccode = 840, joined = 2016 } ]");
  const Scenario s = parse_scenario(text, "t.toml");
  ASSERT_EQ(s.institutions[0].accessions.size(), 1U);
  EXPECT_EQ(s.institutions[0].accessions[0].joined, 2016);
}

TEST(ScenarioLoad, ProvenanceMustNameADeclaredSourceAndAPastYear) {
  expect_one(with("\"mpd@2015\"", "\"mdp@2015\""), 20, 22, "actor[0].provenance.gdp",
             "provenance names dataset 'mdp', which is not declared");
  expect_one(with("\"mpd@2015\"", "\"mpd@2016\""), 20, 22, "actor[0].provenance.gdp",
             "provenance year 2016 is after the start year 2015");
}

TEST(ScenarioLoad, UnknownEnumValues) {
  expect_one(with("\"consensus\"", "\"concensus\""), 49, 17, "institution[0].decision_rule",
             "unknown decision rule 'concensus'");
  expect_one(with("\"dialogue\"", "\"dialog\""), 50, 12, "institution[0].mandate[0]",
             "unknown mandate 'dialog'");
}

TEST(ScenarioLoad, SingleTableInsteadOfArray) {
  // [actor] instead of [[actor]] for a lone actor.
  const std::string text = "[meta]\nname = \"x\"\nstart_year = 2000\n[actor]\nccode = 2\n";
  const auto ps = problems_of(text);
  ASSERT_EQ(ps.size(), 1U);
  EXPECT_NE(ps[0].message.find("write [[actor]]"), std::string::npos) << ps[0].str();
}

TEST(ScenarioLoad, EveryProblemIsReportedAtOnceInFileOrder) {
  std::string text = with("gdp = 700000", "gdp = -1");
  text = with("salience = 0.8", "salience = 8", text);
  text = with("populaton", "populaton", with("population = 320000.0", "populaton = 1", text));
  const auto ps = problems_of(text);
  ASSERT_EQ(ps.size(), 4U) << InputError(ps).what();  // missing population + unknown key + 2
  for (std::size_t i = 1; i < ps.size(); ++i) EXPECT_LE(ps[i - 1].where.line, ps[i].where.line);
}

TEST(ScenarioLoad, MissingFileIsAnInputError) {
  EXPECT_THROW((void)load_scenario("/nonexistent/scenario.toml"), InputError);
}

// Issue 11's fields: actor nuclear, dyad peace_years and the shared-IGO counts; round trip and
// located range errors (a security-mandated count cannot exceed the shared count).
TEST(ScenarioLoad, NuclearPeaceYearsAndIgoFields) {
  const std::string text = with("distance_km = 13800",
                                "distance_km = 13800\npeace_years = 7\nigo_shared = 3\nigo_security_shared = 1",
                                with("great_power = true\nnmc", "great_power = true\nnuclear = true\nnmc"));
  const Scenario s = parse_scenario(text, "t.toml");
  EXPECT_TRUE(s.actors[0].nuclear);
  EXPECT_FALSE(s.actors[1].nuclear);
  EXPECT_EQ(s.dyads[0].peace_years, 7);
  EXPECT_EQ(s.dyads[0].igo_shared, 3);
  EXPECT_EQ(s.dyads[0].igo_security_shared, 1);
  const Scenario back = parse_scenario(write_scenario(s), "w.toml");
  EXPECT_TRUE(back.actors[0].nuclear);
  EXPECT_EQ(back.dyads[0].peace_years, 7);
  EXPECT_EQ(back.dyads[0].igo_security_shared, 1);
  EXPECT_EQ(parse_scenario(kValid, "t.toml").dyads[0].peace_years, -1);  // not given
  const auto bad = problems_of(with("distance_km = 13800", "distance_km = 13800\nigo_shared = 1\nigo_security_shared = 2"));
  ASSERT_EQ(bad.size(), 1U);
  EXPECT_EQ(bad[0].where.field, "dyad[0].igo_security_shared");
  EXPECT_GT(bad[0].where.line, 0);
  const auto neg = problems_of(with("distance_km = 13800", "distance_km = 13800\npeace_years = -2"));
  ASSERT_EQ(neg.size(), 1U);
  EXPECT_EQ(neg[0].where.field, "dyad[0].peace_years");
}

TEST(ScenarioWrite, RoundTripIsExact) {
  Scenario s = parse_scenario(kValid, "t.toml");
  s.actors[2].gdp = (0.1 + 0.2) * 1e6;  // not representable in short decimal (300000.00000000006)
  s.actors[2].provenance["gdp"] = Provenance{"mpd", 2014, true, "gravity \"fit\"\nline 2"};
  s.meta.description = "quotes \" and backslash \\";
  const std::string text = write_scenario(s);
  const Scenario back = parse_scenario(text, "w.toml");
  EXPECT_EQ(back.actors[2].gdp, (0.1 + 0.2) * 1e6);
  EXPECT_EQ(back.actors[2].provenance.at("gdp"), s.actors[2].provenance.at("gdp"));
  EXPECT_EQ(back.meta.description, s.meta.description);
  EXPECT_EQ(back.dyads[0].trade_ab, 10.5);
  EXPECT_EQ(back.parameters.size(), 2U);
  EXPECT_EQ(write_scenario(back), text);  // a fixed point
}

TEST(ScenarioLoad, TwoThousandActorsLoad) {
  // A synthetic scenario of 2,000 actors (codes 1..2000), a ring of dyads, one institution of
  // all members and a flashpoint between the first two.
  constexpr int kN = 2000;
  Scenario s;
  s.meta.name = "synthetic";
  s.meta.start_year = 2000;
  Institution club;
  club.name = "club";
  for (int i = 0; i < kN; ++i) {
    Actor a;
    a.ccode = i + 1;
    a.stateabb = "S" + std::to_string(i + 1);
    a.name = "State " + std::to_string(i + 1);
    a.gdp = 1000.0 + 0.5 * i;
    a.population = 10.0 + i;
    a.nmc.milex = 3.0 * i;
    a.capital_lat = -60.0 + 0.06 * i;
    a.capital_lon = -170.0 + 0.17 * i;
    s.actors.push_back(a);
    Dyad d;
    d.a = i + 1;
    d.b = (i + 1) % kN + 1;
    d.alliance = i % 4;
    d.trade_ab = i;
    s.dyads.push_back(d);
    club.members.push_back({i + 1, 1990});
  }
  s.institutions.push_back(club);
  Flashpoint f;
  f.name = "border";
  f.parties = {{1, 10.0, 1.0, ""}, {2, 90.0, 0.5, ""}};
  s.flashpoints.push_back(f);

  const Scenario back = parse_scenario(write_scenario(s), "big.toml");
  ASSERT_EQ(back.actors.size(), static_cast<std::size_t>(kN));
  EXPECT_EQ(back.actors[1999].ccode, 2000);
  EXPECT_EQ(back.actors[1999].gdp, 1000.0 + 0.5 * 1999);
  ASSERT_EQ(back.dyads.size(), static_cast<std::size_t>(kN));
  // The last ring dyad (2000, 1) is stored with a < b and its flows swapped.
  EXPECT_EQ(back.dyads[1999].a, 1);
  EXPECT_EQ(back.dyads[1999].b, 2000);
  EXPECT_EQ(back.dyads[1999].trade_ba, 1999.0);
  EXPECT_EQ(back.institutions[0].members.size(), static_cast<std::size_t>(kN));
  EXPECT_EQ(back.actor_index(1234), 1233);
}

}  // namespace
}  // namespace concord

namespace concord {
namespace {

// A flashpoint's revision type (MIDB: territorial, policy, regime) is read and written back; a
// misspelt one is a located error with "did you mean".
TEST(ScenarioLoad, FlashpointRevisionType) {
  const std::string text = with("status_quo = 40\n", "status_quo = 40\nrevision = \"territorial\"\n");
  const Scenario s = parse_scenario(text, "t.toml");
  ASSERT_EQ(s.flashpoints.size(), 1U);
  EXPECT_EQ(s.flashpoints[0].revision, "territorial");
  EXPECT_EQ(parse_scenario(write_scenario(s), "w.toml").flashpoints[0].revision, "territorial");
  EXPECT_EQ(parse_scenario(kValid, "t.toml").flashpoints[0].revision, "");  // not stated: the record's mixture
  const auto ps = problems_of(with("status_quo = 40\n", "status_quo = 40\nrevision = \"territoral\"\n"));
  ASSERT_EQ(ps.size(), 1U);
  EXPECT_EQ(ps[0].where.line, 61);  // the line after status_quo in kValid
  EXPECT_NE(ps[0].message.find("did you mean 'territorial'"), std::string::npos) << ps[0].str();
}

// A parameter with named levels takes its name in [parameters]: escalation = "bargaining" is 1.
TEST(ScenarioLoad, ParameterLevelNames) {
  const Scenario s = parse_scenario(with("economy.convergence = true\n", "escalation = \"bargaining\"\n"), "t.toml");
  bool found = false;
  for (const auto& p : s.parameters) {
    if (p.name == "escalation") {
      found = true;
      EXPECT_EQ(p.value, 1.0);
    }
  }
  EXPECT_TRUE(found);
  const auto ps = problems_of(with("economy.convergence = true\n", "escalation = \"bargainning\"\n"));
  ASSERT_EQ(ps.size(), 1U);
  EXPECT_NE(ps[0].message.find("did you mean 'bargaining'"), std::string::npos) << ps[0].str();
}

}  // namespace
}  // namespace concord

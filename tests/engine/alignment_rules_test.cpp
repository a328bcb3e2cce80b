// The alignment mechanisms of docs/model.md, "Alignment: threat, rivalry and face validity", on
// tests/engine/data/mini-asia.toml (great powers USA, CHN, RUS; the USA pledged to JPN, ROK and
// PHI; rivalries USA-CHN and CHN-IND; default trust 0.4). Hostility and trust are set on the
// model by hand where a test needs them; assertions are closed forms of one alignment step
// (a level moves by alignment_rate of its gap) or outcomes decided by hand from the rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "concord/engine/build.hpp"
#include "concord/engine/phases.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"

namespace concord::engine {
namespace {

constexpr int kClockRange = 100;

Model build(const std::string& order_text) {
  std::ifstream in(std::string(CONCORD_SOURCE_DIR) + "/tests/engine/data/mini-asia.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  const Scenario s = parse_scenario(ss.str(), "mini-asia.toml");
  // a peace-years clock needs a range to count in (the shipped fit's is 139 years); the
  // peace-years terms of the logit stay 0
  Hazards hz;
  hz.peace_years_max = kClockRange;
  return build_model(s, parse_order(order_text, "test-order.toml"), {}, hz);
}

std::size_t idx(const Model& m, const std::string& abb) {
  const auto it = std::find(m.stateabb.begin(), m.stateabb.end(), abb);
  EXPECT_NE(it, m.stateabb.end()) << abb;
  return static_cast<std::size_t>(it - m.stateabb.begin());
}

// Symmetric edits of the model's dyad data; finalize() then rederives the rivals. A dispute
// onset in `year` starts the dyad's peace-years clock at start_year - year.
void set_rivalry(Model& m, const std::string& a, const std::string& b) {
  const std::size_t i = idx(m, a), j = idx(m, b);
  m.rivalry[i * m.n + j] = m.rivalry[j * m.n + i] = 1;
  finalize(m);
}
void set_last_onset(Model& m, const std::string& a, const std::string& b, int year) {
  const std::size_t i = idx(m, a), j = idx(m, b);
  m.peace_years[i * m.n + j] = m.peace_years[j * m.n + i] = m.start_year - year;
  finalize(m);
}
void set_trust(Model& m, const std::string& a, const std::string& b, double t) {
  const std::size_t i = idx(m, a), j = idx(m, b);
  m.trust[i * m.n + j] = m.trust[j * m.n + i] = t;
}

// Steps the power-structure and alignment phases `years` times from the start (capabilities,
// trust and dispute memory held at the start) and returns the alliance matrix.
std::vector<double> align(const Model& m, int years) {
  Workspace ws;
  ws.prepare(m);
  initial_state(m, ws.cur, ws);
  for (int t = 0; t < years; ++t) {
    ws.nxt = ws.cur;
    YearContext ctx;
    ctx.year_index = t;
    ctx.year = m.start_year + 1 + t;
    ws.tally = YearTally{};
    phase_power_structure(m, ws.cur, ws.nxt, ws, ctx);
    phase_alignment(m, ws.cur, ws.nxt, ws, ctx);
    std::swap(ws.cur, ws.nxt);
  }
  return ws.cur.alliance;
}

double level(const Model& m, const std::vector<double>& a, const std::string& x, const std::string& y) {
  return a[idx(m, x) * m.n + idx(m, y)];
}
double start(const Model& m, const std::string& x, const std::string& y) {
  return m.alliance[idx(m, x) * m.n + idx(m, y)];
}

const char* kBalancePhi = R"(
[alignment]
rule = "balance"
applies_to = ["PHI"]
[alliances]
rule = "rebalance"
)";

TEST(AlignmentRules, AStateNoGreatPowerShowsHostilityToKeepsItsTies) {
  // Walt: power and proximity alone do not make a threat. Without a rivalry or a dispute on
  // record, the Philippines has nothing to balance against and keeps every tie.
  const Model m = build(kBalancePhi);
  const auto a = align(m, 10);
  for (const char* gp : {"USA", "CHN", "RUS"}) EXPECT_EQ(level(m, a, "PHI", gp), start(m, "PHI", gp)) << gp;
}

TEST(AlignmentRules, ADisputeOnRecordMakesAThreatAndTheMenacesRivalTheCounterweight) {
  Model m = build(kBalancePhi);
  const std::size_t phi = idx(m, "PHI"), chn = idx(m, "CHN");
  m.alliance[phi * m.n + chn] = m.alliance[chn * m.n + phi] = 1.0;  // a non-aggression pact to loosen
  set_last_onset(m, "PHI", "CHN", 2012);  // peace-years 3 at the start: within hostility_window
  const double rate = m.params[Param::alignment_rate];
  const auto a = align(m, 1);
  // China is the only threat: the Philippines loosens its tie to it ...
  EXPECT_NEAR(level(m, a, "PHI", "CHN"), start(m, "PHI", "CHN") * (1 - rate), 1e-12);
  // ... and pledges to China's rival, the USA (already at 3), not to Russia
  EXPECT_NEAR(level(m, a, "PHI", "USA"), 3.0, 1e-12);
  EXPECT_NEAR(level(m, a, "PHI", "RUS"), start(m, "PHI", "RUS"), 1e-12);
  // a dispute beyond the window is no longer observed hostility
  Model old = build(kBalancePhi);
  old.alliance[phi * old.n + chn] = old.alliance[chn * old.n + phi] = 1.0;
  set_last_onset(old, "PHI", "CHN", 2015 - static_cast<int>(old.params[Param::hostility_window]));
  const auto b = align(old, 1);
  EXPECT_EQ(level(old, b, "PHI", "CHN"), start(old, "PHI", "CHN"));
}

TEST(AlignmentRules, AClockHeldAtItsCapIsNoDisputeOnRecord) {
  // with a fit whose peace-years reach only 3 years, a clock of 3 is "no dispute within the
  // range" (as a clock the scenario does not give), not a dispute 3 years ago; 2 is one
  Model m = build(kBalancePhi);
  const std::size_t phi = idx(m, "PHI"), chn = idx(m, "CHN");
  m.alliance[phi * m.n + chn] = m.alliance[chn * m.n + phi] = 1.0;
  m.hazards.peace_years_max = 3;
  std::fill(m.peace_years.begin(), m.peace_years.end(), -1);
  set_last_onset(m, "PHI", "CHN", 2012);
  ASSERT_EQ(m.peace_years_cap, 3);
  EXPECT_EQ(level(m, align(m, 1), "PHI", "CHN"), 1.0);
  set_last_onset(m, "PHI", "CHN", 2013);
  EXPECT_NEAR(level(m, align(m, 1), "PHI", "CHN"), 1.0 * (1 - m.params[Param::alignment_rate]), 1e-12);
}

TEST(AlignmentRules, IntentWeighsRivalryAndRecentDisputesAtTheirFittedOdds) {
  // intent only: the threat is the great power with the largest (1 - trust) x exp(b_r rivalry +
  // b_h recent). The USA and China both have a recent dispute with the Philippines, and China
  // a lower trust (0.3 against 0.4); giving the USA a rivalry with the Philippines adds
  // hostility_rivalry = 1.54 to its log-intent, more than ln(0.7 / 0.6) = 0.15.
  const std::string order = std::string(kBalancePhi) +
                            "[alignment.weights]\npower = 0\nproximity = 0\noffensive = 0\nintent = 1\n";
  Model m = build(order);
  set_last_onset(m, "PHI", "CHN", 2014);
  set_last_onset(m, "PHI", "USA", 2014);
  set_trust(m, "PHI", "USA", 0.4);  // below ally_threat_trust: the ally can be a threat
  const double rate = m.params[Param::alignment_rate];
  const auto a = align(m, 1);
  EXPECT_NEAR(level(m, a, "PHI", "CHN"), start(m, "PHI", "CHN") * (1 - rate), 1e-12);  // China: menace
  EXPECT_EQ(level(m, a, "PHI", "USA"), 3.0);
  set_rivalry(m, "PHI", "USA");
  const auto b = align(m, 1);
  EXPECT_NEAR(level(m, b, "PHI", "USA"), 3.0 * (1 - rate), 1e-12);  // the USA: menace
  // the counterweight is no threat and no rival: Russia, the only one left
  EXPECT_NEAR(level(m, b, "PHI", "RUS"), start(m, "PHI", "RUS") + rate * (3.0 - start(m, "PHI", "RUS")), 1e-12);
}

TEST(AlignmentRules, ATrustedAllyIsNoThreatAfterOneDispute) {
  Model m = build(kBalancePhi);
  set_last_onset(m, "PHI", "USA", 2014);
  set_trust(m, "PHI", "USA", m.params[Param::ally_threat_trust]);  // a defense ally still trusted this much
  const auto a = align(m, 5);
  for (const char* gp : {"USA", "CHN", "RUS"}) EXPECT_EQ(level(m, a, "PHI", gp), start(m, "PHI", gp)) << gp;
}

const char* kBandwagon = R"(
[alignment]
rule = "bandwagon"
target = "CHN"
applies_to = ["PHI", "IND", "INS"]
others = "fixed"
[alliances]
rule = "rebalance"
)";

TEST(AlignmentRules, NoBandwagonAcrossARivalryUnlessTheOrderSaysSo) {
  Model m = build(kBandwagon);
  set_trust(m, "PHI", "USA", 0.75);  // a trusted ally of China's rival
  const double rate = m.params[Param::alignment_rate];
  const auto a = align(m, 3);
  // the Philippines (trusted US ally) and India (China's own rival) keep their ties ...
  for (const char* gp : {"USA", "CHN", "RUS"}) {
    EXPECT_EQ(level(m, a, "PHI", gp), start(m, "PHI", gp)) << gp;
    EXPECT_EQ(level(m, a, "IND", gp), start(m, "IND", gp)) << gp;
  }
  // ... Indonesia, with no rivalry in the way, bandwagons (three steps from no tie)
  EXPECT_NEAR(level(m, a, "INS", "CHN"), 3.0 * (1 - std::pow(1 - rate, 3)), 1e-12);
  // across_rivalry = true lets both bandwagon
  Model across = build(std::string(kBandwagon).insert(std::string(kBandwagon).find("[alliances]"),
                                                      "across_rivalry = true\n"));
  set_trust(across, "PHI", "USA", 0.75);
  const auto b = align(across, 3);
  EXPECT_NEAR(level(across, b, "PHI", "CHN"), 3.0 * (1 - std::pow(1 - rate, 3)), 1e-12);
  EXPECT_NEAR(level(across, b, "IND", "CHN"), 3.0 * (1 - std::pow(1 - rate, 3)), 1e-12);
}

TEST(AlignmentRules, ABrokenPledgeBindsForAlignmentMemoryYearsUnlessADisputeExplainsIt) {
  // The Philippines' trusted US pledge (trust 0.75) ends in the scenario's start year: with trust
  // now below trusted_ally_trust and no pledge, only the memory of the pledge holds it back
  // from China, for alignment_memory years.
  Model m = build(kBandwagon);
  const int memory = static_cast<int>(m.params[Param::alignment_memory]);
  Workspace ws;
  ws.prepare(m);
  initial_state(m, ws.cur, ws);
  const std::size_t phi = idx(m, "PHI"), usa = idx(m, "USA"), chn = idx(m, "CHN"), n = m.n;
  ASSERT_EQ(ws.cur.pact_years[phi * n + usa], kNoDispute);  // trust 0.4: never a trusted pledge
  auto blocked_years = [&](int peace_years) {
    int years = 0;
    for (int t = 0; t < 3 * memory; ++t) {
      initial_state(m, ws.cur, ws);
      for (const std::size_t ij : {phi * n + usa, usa * n + phi}) {
        ws.cur.alliance[ij] = 1.0;
        ws.cur.pact_years[ij] = t;
        ws.cur.peace_years[ij] = peace_years < 0 ? m.peace_years_cap : peace_years;
      }
      ws.nxt = ws.cur;
      YearContext ctx;
      ctx.year = m.start_year + 1;
      ws.tally = YearTally{};
      phase_power_structure(m, ws.cur, ws.nxt, ws, ctx);
      phase_alignment(m, ws.cur, ws.nxt, ws, ctx);
      if (ws.nxt.alliance[phi * n + chn] == ws.cur.alliance[phi * n + chn]) ++years;  // did not move toward China
    }
    return years;
  };
  EXPECT_EQ(blocked_years(-1), memory + 1);  // pledge years ago 0 .. memory
  EXPECT_EQ(blocked_years(0), 0);            // a dispute this year explains the break
}

TEST(AlignmentRules, AHegemonsBlocNeverAbsorbsItsRivalEvenAcrossRivalries) {
  const char* bloc = R"(
hegemon = "USA"
[alignment]
rule = "bandwagon"
target = "USA"
others = "fixed"
across_rivalry = true
[alliances]
rule = "hegemon-bloc"
)";
  Model m = build(bloc);
  set_rivalry(m, "USA", "DRV");
  const auto a = align(m, 10);
  EXPECT_LE(level(m, a, "DRV", "USA"), 2.0);
  EXPECT_GT(level(m, a, "INS", "USA"), 2.5);  // a state with no rivalry joins
}

TEST(AlignmentRules, PhaseOutOfAllTiesReachesTiesBetweenGreatPowersAndBetweenSmallStates) {
  const char* phase_out = R"(
[alignment]
rule = "fixed"
[alliances]
rule = "phase-out"
phase_out_years = 4
)";
  Model m = build(phase_out);
  const std::size_t jpn = idx(m, "JPN"), rok = idx(m, "ROK"), usa = idx(m, "USA"), chn = idx(m, "CHN"),
                    rus = idx(m, "RUS");
  m.alliance[jpn * m.n + rok] = m.alliance[rok * m.n + jpn] = 3.0;  // a pledge between two small states
  // the floor reaches 0 after phase_out_years; the levels close alignment_rate of their gap a
  // year, so after 12 years every tie has fallen below consultation
  const auto a = align(m, 12);
  EXPECT_EQ(a[jpn * m.n + rok], 0.0);
  EXPECT_LT(a[rus * m.n + chn], 2.0);  // Russia-China consultation pact (2): both great powers, both fixed
  EXPECT_LT(a[usa * m.n + jpn], 2.0);
}

TEST(AlignmentRules, DisputeMemoryStartsFromTheScenarioClockAndCountsYearsSinceTheLastTrustedPledge) {
  Model m = build(kBalancePhi);
  set_last_onset(m, "PHI", "CHN", 2011);
  set_trust(m, "PHI", "USA", 0.75);
  Workspace ws;
  ws.prepare(m);
  initial_state(m, ws.cur, ws);
  const std::size_t phi = idx(m, "PHI"), chn = idx(m, "CHN"), usa = idx(m, "USA"), drv = idx(m, "DRV"), n = m.n;
  EXPECT_EQ(ws.cur.peace_years[phi * n + chn], 4);  // 2015 - 2011
  EXPECT_EQ(ws.cur.peace_years[phi * n + usa], kClockRange);  // not given: at the clock's cap
  EXPECT_EQ(ws.cur.pact_years[phi * n + usa], 0);   // pledge 3, trust 0.75
  ws.nxt = ws.cur;
  ws.nxt.trust[phi * n + usa] = 0.5;  // the pledge stays, trust falls below trusted_ally_trust
  ws.nxt.alliance[phi * n + drv] = ws.nxt.alliance[drv * n + phi] = 3.0;  // a new pledge, trust 0.4
  update_alignment_memory(m, ws.cur, ws.nxt);
  EXPECT_EQ(ws.nxt.pact_years[phi * n + usa], 1);
  EXPECT_EQ(ws.nxt.pact_years[phi * n + drv], kNoDispute);  // pledged, but not trusted
  ws.nxt.trust[phi * n + drv] = ws.nxt.trust[drv * n + phi] = 0.8;
  update_alignment_memory(m, ws.cur, ws.nxt);
  EXPECT_EQ(ws.nxt.pact_years[phi * n + drv], 0);
  // the peace-years clock is the conflict phase's (tests/engine/engine_test.cpp); the alignment
  // phase reads it as it stands, a dispute in 2011 as observed hostility until 2021
}

}  // namespace
}  // namespace concord::engine

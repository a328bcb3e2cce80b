// Every order field acts: for each rule that reaches the engine through build_model, a test that
// would fail if the field were ignored. The region is tests/engine/data/mini-asia.toml
// (hand-written round numbers: great powers USA, CHN, RUS; ASEAN = PHI, INS, DRV); the orders
// are written inline. Assertions are closed forms (one alignment step moves a level by
// alignment_rate of its gap), invariants, or outcomes decided by hand from the rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "concord/engine/build.hpp"
#include "concord/engine/phases.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"
#include "fixture.hpp"

namespace concord::engine {
namespace {

std::string mini_asia_text() {
  std::ifstream in(std::string(CONCORD_SOURCE_DIR) + "/tests/engine/data/mini-asia.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Model build(const std::string& order_text, const std::string& scenario_extra = "",
            std::vector<ParamOverride> params = {}) {
  const Scenario s = parse_scenario(mini_asia_text() + scenario_extra, "mini-asia.toml");
  const Order o = parse_order(order_text, "test-order.toml");
  return build_model(s, o, params, Hazards{});
}

std::size_t idx(const Model& m, const std::string& abb) {
  const auto it = std::find(m.stateabb.begin(), m.stateabb.end(), abb);
  EXPECT_NE(it, m.stateabb.end()) << abb;
  return static_cast<std::size_t>(it - m.stateabb.begin());
}

// Steps the power-structure and alignment phases `years` times from the start (capabilities
// held at the start) and returns the alliance matrix.
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

// Measures adopted per institution over `years`, from the run's "measure" events.
std::vector<int> adoptions(const Model& m, int years) {
  Workspace ws;
  EventOptions ev;
  ev.measures = true;
  const RunRecord rec = simulate_run(m, RunKey{"h", "o", "{}", 1, 0, 0}, years, ev, ws);
  std::vector<int> count(m.institutions.size(), 0);
  for (const auto& e : rec.events) {
    if (e.kind != "measure") continue;
    for (std::size_t k = 0; k < m.institutions.size(); ++k) {
      if (e.subject.rfind(m.institutions[k].name + "/", 0) == 0) ++count[k];
    }
  }
  return count;
}

std::size_t inst(const Model& m, const std::string& name) {
  for (std::size_t k = 0; k < m.institutions.size(); ++k) {
    if (m.institutions[k].name == name) return k;
  }
  ADD_FAILURE() << name;
  return 0;
}

// --- alignment.applies_to and alignment.others -----------------------------------------------

TEST(OrderRules, AppliesToChangesOnlyTheNamedStatesAlliances) {
  const Model m = build(R"(
[alignment]
rule = "bandwagon"
target = "CHN"
applies_to = ["PHI"]
others = "fixed"
[alliances]
rule = "rebalance"
)");
  const double rate = m.params[Param::alignment_rate];
  const auto a = align(m, 1);
  // PHI: one step of the gap toward 3 with CHN and toward 0 with the USA (closed form)
  EXPECT_NEAR(level(m, a, "PHI", "CHN"), m.alliance[idx(m, "PHI") * m.n + idx(m, "CHN")] * (1 - rate) + rate * 3.0,
              1e-12);
  EXPECT_NEAR(level(m, a, "PHI", "USA"), 3.0 * (1 - rate), 1e-12);
  // everybody else keeps the scenario's levels (others = fixed)
  for (std::size_t i = 0; i < m.n; ++i) {
    for (std::size_t j = 0; j < m.n; ++j) {
      if (i == idx(m, "PHI") || j == idx(m, "PHI")) continue;
      EXPECT_EQ(a[i * m.n + j], m.alliance[i * m.n + j]) << m.stateabb[i] << "-" << m.stateabb[j];
    }
  }
}

TEST(OrderRules, OthersRuleGovernsStatesOutsideAppliesTo) {
  const Model m = build(R"(
[alignment]
rule = "hedge"
applies_to = { members_of = "ASEAN" }
others = "bandwagon"
target = "USA"
[alliances]
rule = "rebalance"
)");
  const double rate = m.params[Param::alignment_rate];
  const double hedge = m.params[Param::hedge_level];
  const auto a = align(m, 1);
  // India is outside ASEAN: it bandwagons with the USA (from no tie: one step = rate * 3)
  EXPECT_NEAR(level(m, a, "IND", "USA"), rate * 3.0, 1e-12);
  // Indonesia is in ASEAN: it hedges (from no tie toward hedge_level)
  EXPECT_NEAR(level(m, a, "INS", "USA"), rate * hedge, 1e-12);
  EXPECT_NEAR(level(m, a, "INS", "CHN"), rate * hedge, 1e-12);
  // the Philippines hedges down from its US pledge
  EXPECT_NEAR(level(m, a, "PHI", "USA"), 3.0 + rate * (hedge - 3.0), 1e-12);
}

// --- alignment.coalition_cap ------------------------------------------------------------------

TEST(OrderRules, CoalitionCapDecidesWhenBalancedDisparityStatesRealign) {
  // below the cap nobody moves; above it states turn from the largest coalition's leader. The
  // largest coalition in mini-asia lies between 0.05 and 0.9 of capability, so one of the two
  // orders realigns and the other does not, whatever the fixed 1/2 of session 1 would say.
  auto changed = [](const Model& m) {
    const auto a = align(m, 1);
    int moved = 0;
    for (std::size_t ij = 0; ij < a.size(); ++ij) moved += a[ij] != m.alliance[ij] ? 1 : 0;
    return moved;
  };
  const std::string body = "[alignment]\nrule = \"balanced-disparity\"\ncoalition_cap = {}\n[alliances]\nrule = \"rebalance\"\n";
  auto with_cap = [&](const std::string& cap) {
    std::string text = body;
    text.replace(text.find("{}"), 2, cap);
    return build(text);
  };
  EXPECT_GT(changed(with_cap("0.05")), 0);
  EXPECT_EQ(changed(with_cap("0.9")), 0);
}

// --- alignment.weights (Walt's four sources of threat) -----------------------------------------

TEST(OrderRules, WaltWeightsChooseTheThreatABalancerOpposes) {
  const std::string head = R"(
[alignment]
rule = "balance"
applies_to = ["PHI"]
[alliances]
rule = "rebalance"
[alignment.weights]
)";
  // power alone: the threat is the great power with the largest CINC share; offensive alone:
  // the one with the largest military expenditure. In mini-asia these differ (checked here).
  // Only a great power that shows hostility is a threat (docs/model.md, alignment): both the
  // USA and China have a dispute with the Philippines on record, and the Philippines trusts its
  // US ally (0.4, the fixture's default) below ally_threat_trust.
  Model by_power = build(head + "power = 1\nproximity = 0\noffensive = 0\nintent = 0\n");
  Model by_offense = build(head + "power = 0\nproximity = 0\noffensive = 1\nintent = 0\n");
  for (Model* m : {&by_power, &by_offense}) {
    const std::size_t phi = idx(*m, "PHI");
    for (const char* gp : {"USA", "CHN"}) {
      const std::size_t g = idx(*m, gp);
      m->peace_years[phi * m->n + g] = m->peace_years[g * m->n + phi] = m->start_year - 2014;
    }
    m->hazards.peace_years_max = 100;  // a range for the peace-years clock (terms stay 0) ...
    for (std::size_t ij = 0; ij < m->peace_years.size(); ++ij) {
      if (m->peace_years[ij] != m->start_year - 2014) m->peace_years[ij] = -1;  // ... the rest not given
    }
    finalize(*m);
  }
  Workspace ws;
  ws.prepare(by_power);
  initial_state(by_power, ws.cur, ws);
  const std::size_t usa = idx(by_power, "USA");
  const std::size_t chn = idx(by_power, "CHN");
  ASSERT_GT(ws.cur.cinc[chn], ws.cur.cinc[usa]);
  ASSERT_GT(by_power.milex[usa], by_power.milex[chn]);
  const double rate = by_power.params[Param::alignment_rate];
  const auto a = align(by_power, 1);
  const auto b = align(by_offense, 1);
  // power: China is the threat (loosened to 0, the US tie kept); the counterweight is the one
  // great power that is no threat, Russia
  EXPECT_NEAR(level(by_power, a, "PHI", "CHN"), 0.0, 1e-12);
  EXPECT_NEAR(level(by_power, a, "PHI", "USA"), 3.0, 1e-12);
  EXPECT_NEAR(level(by_power, a, "PHI", "RUS"), rate * 3.0, 1e-12);
  // offensive capability: the USA is the threat; the counterweight is again Russia
  EXPECT_NEAR(level(by_offense, b, "PHI", "USA"), 3.0 * (1 - rate), 1e-12);
  EXPECT_NEAR(level(by_offense, b, "PHI", "CHN"), 0.0, 1e-12);
  EXPECT_NEAR(level(by_offense, b, "PHI", "RUS"), rate * 3.0, 1e-12);
}

// --- alignment.balancer ------------------------------------------------------------------------

TEST(OrderRules, BalancerPledgesToTheLeaderOfTheWeakerCoalition) {
  const std::string body = R"(
[alignment]
rule = "hedge"
applies_to = { members_of = "ASEAN" }
)";
  Model with = build(body + "balancer = \"USA\"\n");
  const std::size_t rus = idx(with, "RUS");
  const std::size_t chn = idx(with, "CHN");
  const std::size_t usa = idx(with, "USA");
  // mini-asia ties Russia to China by a consultation pact (level 2): Russia is aligned with the
  // strongest coalition's leader, so the balancer finds no weaker great power to back
  ASSERT_EQ(with.alliance[rus * with.n + chn], 2.0);
  const double start = with.alliance[usa * with.n + rus];
  EXPECT_EQ(align(with, 1)[usa * with.n + rus], start);
  // without that pact, China (largest coalition with the USA's ties left out) faces Russia's
  // weaker coalition, and the balancer moves one step toward a defense pledge with Russia
  with.alliance[rus * with.n + chn] = with.alliance[chn * with.n + rus] = 0.0;
  Model without = build(body);
  without.alliance[rus * without.n + chn] = without.alliance[chn * without.n + rus] = 0.0;
  const double rate = with.params[Param::alignment_rate];
  const auto a = align(with, 1);
  const auto b = align(without, 1);
  EXPECT_NEAR(a[usa * with.n + rus], start + rate * (3.0 - start), 1e-12);
  EXPECT_EQ(a[rus * with.n + usa], a[usa * with.n + rus]);
  EXPECT_EQ(b[usa * with.n + rus], start);
  // it never backs the strongest coalition's leader
  EXPECT_EQ(a[usa * with.n + chn], with.alliance[usa * with.n + chn]);
}

// --- balanced disparity (docs/model.md, "Balanced disparity") ----------------------------------

// Six states whose CINC shares are exactly `shares` (every component proportional).
Model shares_model(const std::vector<double>& shares, const std::vector<std::uint8_t>& gp) {
  Model m = testing::synthetic_model();
  const std::size_t n = m.ccode.size();  // m.n is set by finalize
  for (std::size_t i = 0; i < n; ++i) {
    const double s = shares[i] * 1000.0;
    m.nmc_milex[i] = m.milper[i] = m.irst[i] = m.pec[i] = m.tpop[i] = m.upop[i] = s;
  }
  m.great_power = gp;
  m.alliance.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) m.alliance[i * n + i] = 3.0;
  return m;
}

YearTally power_structure(Model m) {
  finalize(m);
  Workspace ws;
  ws.prepare(m);
  initial_state(m, ws.cur, ws);
  ws.nxt = ws.cur;
  YearContext ctx;
  ws.tally = YearTally{};
  phase_power_structure(m, ws.cur, ws.nxt, ws, ctx);
  return ws.tally;
}

TEST(BalancedDisparity, UnequalSharesWithNoCoalitionAboveHalfAreBalancedDisparity) {
  // shares 0.45 .. 0.05: CON = sqrt((0.29 - 1/6) / (5/6)) = 0.3847 >= 0.2; largest 0.45
  const Model m = shares_model({0.45, 0.25, 0.1, 0.1, 0.05, 0.05}, {1, 1, 0, 0, 0, 0});
  const YearTally t = power_structure(m);
  EXPECT_NEAR(t.con, std::sqrt((0.29 - 1.0 / 6.0) / (5.0 / 6.0)), 1e-9);
  EXPECT_NEAR(t.largest_coalition, 0.45, 1e-9);
  EXPECT_TRUE(t.balanced_disparity);
}

TEST(BalancedDisparity, CoalitionCountsAlliesByHowFarTheirTieGoesTowardADefensePledge) {
  // the 0.45 great power tied to a 0.1 state: a defense pledge (3) brings the whole 0.1 (0.55,
  // a majority); 2.75 three quarters (0.525); 2.25 a quarter (0.475); consultation (2) and
  // non-aggression (1) nothing (0.45)
  for (const auto& [lvl, expected, disparity] : std::vector<std::tuple<double, double, bool>>{
           {3.0, 0.55, false}, {2.75, 0.525, false}, {2.25, 0.475, true}, {2.0, 0.45, true}, {1.0, 0.45, true}}) {
    Model m = shares_model({0.45, 0.25, 0.1, 0.1, 0.05, 0.05}, {1, 1, 0, 0, 0, 0});
    m.alliance[0 * 6 + 2] = m.alliance[2 * 6 + 0] = lvl;
    const YearTally t = power_structure(m);
    EXPECT_NEAR(t.largest_coalition, expected, 1e-9) << lvl;
    EXPECT_EQ(t.balanced_disparity, disparity) << lvl;
  }
}

TEST(BalancedDisparity, AlliesOfAlliesAreNotCountedTwiceRemoved) {
  // 0.45 pledged to a 0.1 state that is pledged to another 0.1 state: the second is the first
  // small state's ally, not the great power's (0.55, not 0.65)
  Model m = shares_model({0.45, 0.25, 0.1, 0.1, 0.05, 0.05}, {1, 1, 0, 0, 0, 0});
  m.alliance[0 * 6 + 2] = m.alliance[2 * 6 + 0] = 3.0;
  m.alliance[2 * 6 + 3] = m.alliance[3 * 6 + 2] = 3.0;
  EXPECT_NEAR(power_structure(m).largest_coalition, 0.55, 1e-9);
}

TEST(BalancedDisparity, AStateAboveHalfIsNeverBalancedDisparityEvenWithoutGreatPowerFlag) {
  const Model m = shares_model({0.6, 0.1, 0.1, 0.1, 0.05, 0.05}, {0, 0, 0, 0, 0, 0});
  const YearTally t = power_structure(m);
  EXPECT_GE(t.largest_coalition, 0.6 - 1e-12);
  EXPECT_FALSE(t.balanced_disparity);
}

TEST(BalancedDisparity, EqualSharesWithoutAlliancesAreNotDisparity) {
  const Model m = shares_model(std::vector<double>(6, 1.0 / 6.0), {1, 1, 0, 0, 0, 0});
  const YearTally t = power_structure(m);
  EXPECT_NEAR(t.con, 0.0, 1e-6);
  EXPECT_FALSE(t.balanced_disparity);
}

TEST(BalancedDisparity, InvariantHoldsInEveryYearOfEveryPreset) {
  // whatever the order, a year flagged as balanced disparity has every coalition below half
  const Scenario s = parse_scenario(mini_asia_text(), "mini-asia.toml");
  for (const auto& name : preset_names()) {
    Order o = load_preset(name);
    (void)drop_missing_references(o, s);
    const Model m = build_model(s, o, {}, Hazards{});
    Workspace ws;
    const RunRecord rec = simulate_run(m, RunKey{"h", name, "{}", 3, 0, 0}, 35, EventOptions{}, ws);
    const std::size_t cols = yearly_metric_names().size();
    for (std::size_t y = 0; y * cols < rec.yearly.size(); ++y) {
      const double bd = rec.yearly[y * cols + yearly_index("balanced_disparity")];
      const double largest = rec.yearly[y * cols + yearly_index("largest_coalition")];
      const double con = rec.yearly[y * cols + yearly_index("con")];
      EXPECT_EQ(bd == 1.0, largest < 0.5 && con >= m.params[Param::disparity_con_min]) << name << " year " << y;
    }
  }
}

// --- agenda_setters ------------------------------------------------------------------------------

TEST(OrderRules, NoAgendaSetterAmongTheMembersMeansNoMeasureIsAdopted) {
  // every proposal passes if anyone supports it (qmv, equal weights, tiny quota); then the
  // Philippines, the only agenda setter, is removed from every body
  const std::string body = R"(
[decision]
rule = "qmv"
quota = 0.01
weights = "equal"
[[membership]]
institutions = "all"
exclude = ["PHI"]
)";
  const Model open = build(body);
  const Model closed = build("agenda_setters = [\"PHI\"]\n" + body);
  const auto a = adoptions(open, 10);
  const auto b = adoptions(closed, 10);
  EXPECT_GT(std::accumulate(a.begin(), a.end(), 0), 0);
  EXPECT_EQ(std::accumulate(b.begin(), b.end(), 0), 0);
}

TEST(OrderRules, AgendaSettersTableOnlyInTheBodiesTheySitIn) {
  // ASEAN centrality: ASEAN's members convene ARF, EAS, ADMM-Plus and ASEAN, not the SCO
  const std::string body = R"(
[decision]
rule = "qmv"
quota = 0.01
weights = "equal"
)";
  const Model open = build(body);
  const Model asean = build("agenda_setters = { members_of = \"ASEAN\" }\n" + body);
  const auto a = adoptions(open, 10);
  const auto b = adoptions(asean, 10);
  ASSERT_GT(a[inst(open, "SCO")], 0);
  EXPECT_EQ(b[inst(asean, "SCO")], 0);
  EXPECT_EQ(b[inst(asean, "ARF")], a[inst(open, "ARF")]);
}

// --- QMV weights and per-body directorates ------------------------------------------------------

// In mini-asia China is a party to every flashpoint and the strongest party of each. On the South
// China Sea its freedom of action (CINC advantage over the Philippines and Vietnam, about 0.9)
// outweighs its exposure, so it opposes binding measures there, while the weaker claimants and
// the outside members support them. So a vote that China's weight alone decides passes less often
// than one by equal weights (where at most China of nine members opposes), and one that the
// Philippines' weight decides passes exactly as often.
TEST(OrderRules, ListedQmvWeightsDecideTheVote) {
  const std::string arf = R"(
[decision.institutions.ARF]
rule = "qmv"
quota = 0.5
)";
  const Model equal = build(arf + "weights = \"equal\"\n");
  const Model china = build(arf + "weights = \"listed\"\nlisted_weights = { CHN = 1.0 }\n");
  const Model phil = build(arf + "weights = \"listed\"\nlisted_weights = { PHI = 1.0, CHN = 0.5 }\n");
  const std::size_t k = inst(equal, "ARF");
  const auto e = adoptions(equal, 10);
  const auto c = adoptions(china, 10);
  const auto p = adoptions(phil, 10);
  EXPECT_EQ(e[k], 4 * 10);  // four flashpoints, all concerning ARF members, ten years
  EXPECT_LT(c[k], e[k]);
  EXPECT_EQ(p[k], e[k]);
}

TEST(OrderRules, PerInstitutionDirectorateDecidesThatBody) {
  const Model phil = build(R"(
[decision.institutions.ARF]
rule = "directorate"
directorate = ["PHI"]
)");
  const Model china = build(R"(
[decision.institutions.ARF]
rule = "directorate"
directorate = ["CHN"]
)");
  const std::size_t k = inst(phil, "ARF");
  EXPECT_EQ(adoptions(phil, 10)[k], 4 * 10);  // the Philippines favours every measure
  EXPECT_LT(adoptions(china, 10)[k], 4 * 10);  // China opposes some (see above)
}

// --- measures bound to parties -------------------------------------------------------------------

TEST(OrderRules, ConfidenceBuildingAmongChosenPartiesBindsOnlyTheirFlashpoints) {
  const Model m = build(R"(
[[measures]]
kind = "confidence-building"
parties = "great-powers"
strength = 0.8
)");
  // great powers involved: Taiwan Strait (parties CHN, USA) and South China Sea (party CHN,
  // stakeholder USA) have two; East China Sea (CHN, JPN) and the Sino-Indian border one each
  for (std::size_t f = 0; f < m.flashpoints.size(); ++f) {
    const std::string& name = m.flashpoints[f].name;
    const double expected = name == "Taiwan Strait" || name == "South China Sea" ? 0.8 : 0.0;
    EXPECT_EQ(m.order.initial_cbm[f], expected) << m.flashpoints[f].name;
  }
  EXPECT_EQ(m.order.measures.confidence_building, 0.0);  // not region-wide
  const Model all = build("[[measures]]\nkind = \"confidence-building\"\nstrength = 0.8\n");
  EXPECT_EQ(all.order.measures.confidence_building, 0.8);
}

// --- growth paths --------------------------------------------------------------------------------

TEST(GrowthPath, EngineFollowsEveryStepByYear) {
  const Model m = build("", R"(
[[growth]]
ccode = 2
source = "test"
steps = [ { from_year = 2016, gdp = 0.05 }, { from_year = 2020, gdp = -0.02, population = 0.01 } ]
)",
                        {ParamOverride{"growth_sigma", 0.0, {}}});
  Workspace ws;
  ws.prepare(m);
  initial_state(m, ws.cur, ws);
  const std::size_t usa = idx(m, "USA");
  for (int t = 0; t < 10; ++t) {
    ws.nxt = ws.cur;
    YearContext ctx;
    ctx.year_index = t;
    ctx.year = m.start_year + 1 + t;
    phase_economy(m, ws.cur, ws.nxt, ws, ctx);
    const double g = ctx.year < 2020 ? 0.05 : -0.02;
    EXPECT_NEAR(ws.nxt.gdp[usa] / ws.cur.gdp[usa], 1.0 + g, 1e-12) << ctx.year;
    const double pg = ctx.year < 2020 ? m.params[Param::population_growth] : 0.01;
    EXPECT_NEAR(ws.nxt.population[usa] / ws.cur.population[usa], 1.0 + pg, 1e-12) << ctx.year;
    std::swap(ws.cur, ws.nxt);
  }
}

}  // namespace
}  // namespace concord::engine

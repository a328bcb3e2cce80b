// The engine's metrics (issue 13): first_gp_war missing without a war, small-state a-priori power
// under each decision rule, the trade-income channel (Frankel & Romer 1999) in closed form, and the
// great-power set of the scenario's rule (COW majors, a CINC-share threshold, nuclear-weapon states,
// evolving with capability).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "concord/common/data_dir.hpp"
#include "concord/data/paths.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/phases.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/scenario/load.hpp"
#include "fixture.hpp"

namespace concord::engine {
namespace {

using testing::synthetic_model;

Hazards quiet_hazards(double intercept) {
  Hazards h;
  h.fitted = true;
  h.intercept = intercept;
  return h;
}

TEST(Metrics, FirstGreatPowerWarIsMissingWhenNoneHappened) {
  int with = 0, without = 0;
  for (const double rate : {0.0, 2.0}) {  // no flashpoint incidents and no background MIDs; many
  Model m = synthetic_model();
  m.hazards = quiet_hazards(rate > 0.0 ? -5.0 : -60.0);
  m.calibrate_sigma_info = false;
  m.params[Param::sigma_info] = 0.5;
  for (auto& fp : m.flashpoints) fp.base_rate = rate;
  finalize(m);
  Workspace ws;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 5, r, r}, 10, EventOptions{}, ws);
    const double first = rec.summary[summary_index("first_gp_war")];
    if (rec.summary[summary_index("gp_war")] > 0.5) {
      ++with;
      EXPECT_GE(first, 1.0);
      EXPECT_LE(first, 10.0);
    } else {
      ++without;
      EXPECT_TRUE(std::isnan(first)) << "run " << r << ": " << first << " (was coded as the horizon)";
    }
  }
  }
  EXPECT_GT(without, 0);
  EXPECT_GT(with, 0);
}

// The synthetic model: a forum of all six (two great powers) and a club of three small states, both
// tabling proposals. Consensus: the small members hold 4/6 of the forum's power and all the club's:
// mean (2/3 + 1) / 2. A directorate of the two great powers: none in the forum, the club decides by
// consensus: (0 + 1) / 2. A hegemon (actor 0, not in the club): the same.
TEST(Metrics, SmallMembersAPrioriPowerUnderEachRule) {
  auto power = [](InstitutionRule rule) {
    Model m = synthetic_model();
    m.hazards = quiet_hazards(-9.0);
    m.order.institution_rules.assign(2, InstitutionDecisionRule{});
    for (auto& r : m.order.institution_rules) r.rule = rule;
    m.order.directorate = {0, 1};
    m.order.hegemon = 0;
    finalize(m);
    return std::make_pair(m.small_power_banzhaf, m.small_power_shapley);
  };
  for (const auto rule : {InstitutionRule::consensus, InstitutionRule::minority_veto}) {
    EXPECT_NEAR(power(rule).first, (4.0 / 6.0 + 1.0) / 2.0, 1e-12);
    EXPECT_NEAR(power(rule).second, (4.0 / 6.0 + 1.0) / 2.0, 1e-12);
  }
  for (const auto rule : {InstitutionRule::directorate, InstitutionRule::hegemon}) {
    EXPECT_NEAR(power(rule).first, 0.5, 1e-12);
    EXPECT_NEAR(power(rule).second, 0.5, 1e-12);
  }
  // stored in every run's summary
  Model m = synthetic_model();
  m.hazards = quiet_hazards(-9.0);
  finalize(m);
  Workspace ws;
  const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 1, 0, 0}, 2, EventOptions{}, ws);
  EXPECT_EQ(rec.summary[summary_index("small_power_banzhaf")], m.small_power_banzhaf);
}

// One economy phase: GDP with and without the trade channel. The channel multiplies a state's GDP by
// exp(trade_income_effect x the change of its trade share) that comes from integration or war.
struct EconomyStep {
  State nxt;
  Workspace ws;
};
EconomyStep economy(Model m, double fr, double integration, double war_cut) {
  m.hazards = quiet_hazards(-9.0);
  m.params[Param::trade_income_effect] = fr;
  m.order.trade_integration_growth = integration;
  finalize(m);
  EconomyStep s;
  s.ws.prepare(m);
  State cur = s.ws.cur;
  initial_state(m, cur, s.ws);
  // trade between actors 0 and 2 lost to a war last year (phase 8 cuts both directions)
  const std::size_t n = m.n;
  cur.trade[0 * n + 2] *= 1.0 - war_cut;
  cur.trade[2 * n + 0] *= 1.0 - war_cut;
  s.nxt = cur;
  YearContext ctx;
  ctx.seed = 3;
  ctx.year = m.start_year + 1;
  phase_economy(m, cur, s.nxt, s.ws, ctx);
  return s;
}

TEST(Metrics, TradeIncomeChannelInClosedForm) {
  const Model m = synthetic_model();
  const std::size_t n = m.ccode.size();
  const double fr = 1.97;  // Frankel & Romer (1999), Table 3 col. (2)
  // war: actor 0 lost half its trade with actor 2 (50 of the synthetic 50 per dyad: 25)
  const auto base = economy(m, 0.0, 0.0, 0.5);
  const auto war = economy(m, fr, 0.0, 0.5);
  for (std::size_t i : {0U, 2U}) {
    const double expected = std::exp(fr * (-0.5 * m.trade[i * n + (i == 0 ? 2 : 0)]) / m.gdp[i]);
    EXPECT_NEAR(war.nxt.gdp[i] / base.nxt.gdp[i], expected, 1e-12) << i;
  }
  EXPECT_EQ(war.nxt.gdp[1], base.nxt.gdp[1]) << "a state outside the war keeps its GDP";
  // integration of 3% a year: the share of this year's trade that integration added, over GDP
  const auto flat = economy(m, 0.0, 0.03, 0.0);
  const auto open = economy(m, fr, 0.03, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    double after = 0.0;
    for (std::size_t j = 0; j < n; ++j) after += flat.nxt.trade[i * n + j];
    const double expected = std::exp(fr * (after - after / 1.03) / flat.nxt.gdp[i]);
    EXPECT_NEAR(open.nxt.gdp[i] / flat.nxt.gdp[i], expected, 1e-12) << i;
    EXPECT_GT(open.nxt.gdp[i], flat.nxt.gdp[i]);
  }
  // trade that follows income (gravity) moves nothing: no integration, no war, same GDP
  EXPECT_EQ(economy(m, fr, 0.0, 0.0).nxt.gdp, economy(m, 0.0, 0.0, 0.0).nxt.gdp);
}

// The CINC-share rule: the test recomputes CINC from the scenario's NMC components (the mean of the
// available component shares, Singer, Bremer & Stuckey 1972) and the share of the scenario's total.
TEST(GreatPowerSet, CincShareThresholdOnTheShippedScenario) {
  Scenario s = load_scenario(project_dir() / "scenarios/asia-pacific-2015.toml");
  s.meta.great_powers.kind = GreatPowerRule::Kind::cinc_share;
  s.meta.great_powers.threshold = 0.05;
  const std::size_t n = s.actors.size();
  std::vector<double> cinc(n, 0.0);
  auto component = [](const Actor& a, int k) {
    const double v[] = {a.nmc.milex, a.nmc.milper, a.nmc.irst, a.nmc.pec, a.nmc.tpop, a.nmc.upop};
    return v[k];
  };
  std::vector<int> have(n, 0);
  for (int k = 0; k < 6; ++k) {
    double total = 0.0;
    for (const auto& a : s.actors) total += std::isnan(component(a, k)) ? 0.0 : component(a, k);
    for (std::size_t i = 0; i < n; ++i) {
      const double v = component(s.actors[i], k);
      if (std::isnan(v) || total <= 0.0) continue;
      cinc[i] += v / total;
      ++have[i];
    }
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    cinc[i] = have[i] > 0 ? cinc[i] / have[i] : 0.0;
    sum += cinc[i];
  }
  const auto flags = great_power_set(s);
  int count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(flags[i] != 0, cinc[i] / sum >= 0.05) << s.actors[i].stateabb << " share " << cinc[i] / sum;
    count += flags[i];
  }
  EXPECT_GE(count, 2);
  // the default: the scenario's COW majors
  s.meta.great_powers = GreatPowerRule{};
  const auto majors = great_power_set(s);
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(majors[i] != 0, s.actors[i].great_power);
}

// The nuclear rule against Bleek (2017)'s acquisition years: USA 1945, Russia 1949, UK 1952, France
// 1960, China 1964, Israel 1967, India 1987, Pakistan 1987, North Korea 2006.
TEST(GreatPowerSet, NuclearWeaponStatesOf2015) {
  if (!std::filesystem::exists(resolve_data_dir() / data::paths::kNuclearStatus)) {
    GTEST_SKIP() << "data directory " << resolve_data_dir() << " not found: set CONCORD_DATA_DIR";
  }
  Scenario s = load_scenario(project_dir() / "scenarios/asia-pacific-2015.toml");
  s.meta.great_powers.kind = GreatPowerRule::Kind::nuclear;
  const std::map<int, int> acquired{{2, 1945}, {365, 1949}, {200, 1952}, {220, 1960}, {710, 1964},
                                    {666, 1967}, {750, 1987}, {770, 1987}, {731, 2006}};
  const auto flags = great_power_set(s);
  int count = 0;
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    const auto it = acquired.find(s.actors[i].ccode);
    EXPECT_EQ(flags[i] != 0, it != acquired.end() && it->second <= 2015) << s.actors[i].stateabb;
    count += flags[i];
  }
  EXPECT_GE(count, 5);
}

// An evolving set: a war is a great-power war when each side holds a great power of its onset year.
// Invariants: gp_war is 1 exactly when a great_power_war event exists, first_gp_war is the first
// one's year - start_year, and the yearly gp_wars column counts those events.
TEST(GreatPowerSet, EvolvingSetClassifiesWarsConsistently) {
  Model m = synthetic_model();
  m.hazards = quiet_hazards(-4.0);
  m.calibrate_sigma_info = false;
  m.params[Param::sigma_info] = 0.5;
  for (auto& fp : m.flashpoints) fp.base_rate = 3.0;
  m.great_power_evolve = true;
  m.great_power_threshold = 0.15;
  finalize(m);
  Workspace ws;
  int gp_runs = 0;
  for (std::uint64_t r = 0; r < 30; ++r) {
    const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 7, r, r}, 15, EventOptions{}, ws);
    int events = 0;
    int first = -1;
    for (const auto& e : rec.events) {
      if (e.kind != "great_power_war") continue;
      ++events;
      if (first < 0) first = e.year - m.start_year;
    }
    double yearly = 0.0;
    const std::size_t cols = yearly_metric_names().size();
    for (int t = 0; t < 15; ++t) yearly += rec.yearly[static_cast<std::size_t>(t) * cols + yearly_index("gp_wars")];
    EXPECT_EQ(yearly, events) << "run " << r;
    EXPECT_EQ(rec.summary[summary_index("gp_war")], events > 0 ? 1.0 : 0.0) << "run " << r;
    if (events > 0) {
      ++gp_runs;
      EXPECT_EQ(rec.summary[summary_index("first_gp_war")], first) << "run " << r;
    }
  }
  EXPECT_GT(gp_runs, 0);
}

}  // namespace
}  // namespace concord::engine

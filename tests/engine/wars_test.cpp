// Wars that last (phase 8): invariants and the closed form of the geometric duration.
// On the synthetic region of fixture.hpp with many crises and noisy information, so that wars
// are frequent and every assertion below is exercised (each test also checks that wars happened).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "concord/common/data_dir.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/hazards.hpp"
#include "concord/engine/params.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/engine/state.hpp"
#include "concord/engine/wars.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"
#include "fixture.hpp"

namespace concord::engine {
namespace {

using testing::synthetic_model;

bool is_war(const EventRecord& e) { return e.kind == "war" || e.kind == "great_power_war"; }

Model warlike_model(double q) {
  Model m = synthetic_model();
  m.calibrate_sigma_info = false;
  m.params[Param::sigma_info] = 0.4;
  m.params[Param::war_termination] = q;
  m.params[Param::war_termination_gp] = q;
  for (auto& fp : m.flashpoints) fp.base_rate = 2.0;
  finalize(m);
  return m;
}

TEST(Wars, NeverOutlastTheHorizonAndEachIsOneEvent) {
  const Model m = warlike_model(0.3);
  Workspace ws;
  const int years = 25;
  long wars = 0;
  long ongoing = 0;
  for (std::uint64_t r = 0; r < 30; ++r) {
    const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 1, r, r}, years, EventOptions{}, ws);
    long events = 0;
    long gp_events = 0;
    for (const auto& e : rec.events) {
      if (!is_war(e)) continue;
      ++events;
      if (e.kind == "great_power_war") ++gp_events;
      EXPECT_GE(e.year, m.start_year + 1);
      EXPECT_GE(e.end_year, e.year);
      EXPECT_LE(e.end_year, m.start_year + years) << "a war outlasted the horizon";
      if (e.outcome == "ongoing") {
        ++ongoing;
        EXPECT_EQ(e.end_year, m.start_year + years);
      } else {
        EXPECT_TRUE(e.outcome == "victory_a" || e.outcome == "victory_b") << e.outcome;
      }
    }
    // one event per war, counted once (at onset) in the yearly metrics
    EXPECT_EQ(events, static_cast<long>(rec.summary[summary_index("wars")])) << "run " << r;
    double gp = 0;
    for (int t = 0; t < years; ++t) gp += rec.yearly[static_cast<std::size_t>(t) * rec.yearly_names.size() + yearly_index("gp_wars")];
    EXPECT_EQ(gp_events, static_cast<long>(gp)) << "run " << r;
    wars += events;
  }
  EXPECT_GT(wars, 50);
  EXPECT_GT(ongoing, 0);  // the horizon case was exercised
}

TEST(Wars, TerminationOneGivesOneYearWars) {
  const Model m = warlike_model(1.0);
  Workspace ws;
  long wars = 0;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 2, r, r}, 20, EventOptions{}, ws);
    for (const auto& e : rec.events) {
      if (!is_war(e)) continue;
      ++wars;
      EXPECT_EQ(e.end_year, e.year);
      EXPECT_NE(e.outcome, "ongoing");
    }
  }
  EXPECT_GT(wars, 20);
}

TEST(Wars, MeanDurationIsOneOverTerminationProbability) {
  // D is geometric on {1, 2, ...} with P(D = d) = (1 - q)^(d - 1) q: mean 1/q, sd sqrt(1 - q)/q.
  // Wars that began 60 or more years before the horizon are all over (P(D > 60) = 0.7^60 < 1e-9),
  // so their mean duration is uncensored; it must lie within 4 standard errors of 1/q.
  const double q = 0.3;
  const Model m = warlike_model(q);
  Workspace ws;
  const int years = 100;
  const int last_onset = m.start_year + years - 60;
  double sum = 0;
  long count = 0;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 3, r, r}, years, EventOptions{}, ws);
    for (const auto& e : rec.events) {
      if (!is_war(e) || e.year > last_onset) continue;
      ASSERT_NE(e.outcome, "ongoing");
      sum += e.end_year - e.year + 1;
      ++count;
    }
  }
  ASSERT_GT(count, 200);
  const double se = std::sqrt(1.0 - q) / q / std::sqrt(static_cast<double>(count));
  EXPECT_NEAR(sum / static_cast<double>(count), 1.0 / q, 4.0 * se) << count << " wars";
}

TEST(Wars, BattleDeathsAreNonNegativeZeroWithoutWarAndAddUp) {
  const Model m = warlike_model(0.5);
  Workspace ws;
  const int years = 30;
  long years_without = 0;
  long years_with = 0;
  for (std::uint64_t r = 0; r < 30; ++r) {
    const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 4, r, r}, years, EventOptions{}, ws);
    const std::size_t width = rec.yearly_names.size();
    const std::size_t col = yearly_index("battle_deaths");
    std::vector<int> at_war(static_cast<std::size_t>(years), 0);
    double event_deaths = 0;
    for (const auto& e : rec.events) {
      if (!is_war(e)) continue;
      EXPECT_GE(e.value, 0.0);
      event_deaths += e.value;
      for (int y = e.year; y <= e.end_year; ++y) at_war[static_cast<std::size_t>(y - m.start_year - 1)] = 1;
    }
    double yearly_deaths = 0;
    for (int t = 0; t < years; ++t) {
      const double v = rec.yearly[static_cast<std::size_t>(t) * width + col];
      EXPECT_GE(v, 0.0);
      if (at_war[static_cast<std::size_t>(t)] == 0) {
        EXPECT_EQ(v, 0.0) << "deaths in a year without war, run " << r << " year " << t;
        ++years_without;
      } else {
        ++years_with;
      }
      yearly_deaths += v;
    }
    // every death belongs to one war: the wars' totals add up to the yearly series and the summary
    EXPECT_NEAR(event_deaths, yearly_deaths, 1e-9 * (1.0 + yearly_deaths)) << "run " << r;
    EXPECT_NEAR(rec.summary[summary_index("battle_deaths")], yearly_deaths, 1e-9 * (1.0 + yearly_deaths));
  }
  EXPECT_GT(years_without, 0);
  EXPECT_GT(years_with, 0);
}

// With sd = 0 each participant of a war loses exactly min(P, exp(intercept) P^elasticity) persons
// in a war-year, P its personnel in persons. Without growth, shocks or arms racing, personnel stays
// at the scenario's value until the first war, so the deaths of the first war-year are that sum
// over the participants' NMC milper (thousands x 1000) -- when one war began that year.
void check_first_war_year_deaths(double intercept, double elasticity) {
  Model m = synthetic_model();
  m.calibrate_sigma_info = false;
  m.params[Param::sigma_info] = 0.4;
  m.params[Param::growth_sigma] = 0.0;
  m.params[Param::convergence_beta] = 0.0;
  m.params[Param::growth_lead] = 0.0;
  m.params[Param::population_growth] = 0.0;
  m.params[Param::richardson_reaction] = 0.0;
  m.params[Param::battle_deaths_intercept] = intercept;
  m.params[Param::battle_deaths_elasticity] = elasticity;
  m.params[Param::battle_deaths_sd] = 0.0;
  for (auto& fp : m.flashpoints) fp.base_rate = 2.0;
  finalize(m);
  Workspace ws;
  int checked = 0;
  for (std::uint64_t r = 0; r < 40; ++r) {
    const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 6, r, r}, 20, EventOptions{}, ws);
    const std::size_t width = rec.yearly_names.size();
    int first = -1;
    for (int t = 0; t < 20 && first < 0; ++t) {
      if (rec.yearly[static_cast<std::size_t>(t) * width + yearly_index("wars")] > 0) first = t;
    }
    if (first < 0 || rec.yearly[static_cast<std::size_t>(first) * width + yearly_index("wars")] != 1.0) continue;
    const EventRecord* war = nullptr;
    for (const auto& e : rec.events) {
      if (is_war(e)) {
        war = &e;
        break;
      }
    }
    ASSERT_NE(war, nullptr);
    ASSERT_EQ(war->year, m.start_year + first + 1);
    double expected = 0;
    for (std::size_t k = 0; k < m.n; ++k) {
      for (const auto* side : {&war->side_a, &war->side_b}) {
        for (int c : *side) {
          if (c != m.ccode[k]) continue;
          const double persons = m.milper[k] * 1000.0;
          expected += std::min(persons, std::exp(intercept) * std::pow(persons, elasticity));
        }
      }
    }
    const double deaths = rec.yearly[static_cast<std::size_t>(first) * width + yearly_index("battle_deaths")];
    EXPECT_GT(deaths, 0.0) << "run " << r;
    EXPECT_NEAR(deaths, expected, 1e-9 * deaths) << "run " << r;
    ++checked;
  }
  EXPECT_GT(checked, 5);
}

TEST(Wars, FirstYearDeathsAreTheShareOfPersonnelWhenItIsFixed) {
  // elasticity 1, intercept ln 0.01: the pooled ratio of the earlier model, 1% of personnel a year
  check_first_war_year_deaths(std::log(0.01), 1.0);
}

TEST(Wars, FirstYearDeathsFollowTheElasticityWhenItIsFixed) {
  // elasticity 0.5, intercept ln 2: 2 sqrt(P) a year (2,000 of an army of a million, 200 of 10,000)
  check_first_war_year_deaths(std::log(2.0), 0.5);
}

TEST(Wars, PersonnelNeverNegativeWhenAWarKillsEveryone) {
  // regression: subtracting a loss capped at the whole personnel left milper at -1e-14 (rounding),
  // which the CINC kernel rejects. intercept 2, elasticity 1, sd = 0: every participant-year draws e^2 > 1 of it.
  Model m = warlike_model(0.5);
  m.params[Param::battle_deaths_intercept] = 2.0;
  m.params[Param::battle_deaths_elasticity] = 1.0;
  m.params[Param::battle_deaths_sd] = 0.0;
  Workspace ws;
  double deaths = 0;
  for (std::uint64_t r = 0; r < 10; ++r) {
    const auto rec = simulate_run(m, RunKey{"h", "o", "{}", 7, r, r}, 20, EventOptions{}, ws);
    deaths += rec.summary[summary_index("battle_deaths")];
    for (double v : ws.cur.milper) EXPECT_GE(v, 0.0);
  }
  EXPECT_GT(deaths, 0.0);
}

TEST(OngoingWars, CopyTakesTheWarsInUseAndAtWarIsBySide) {
  OngoingWars a;
  a.resize(4);
  EXPECT_EQ(a.capacity(), 6U);  // 4 x 3 / 2
  a.count = 1;
  a.side[0 * 4 + 0] = 1;
  a.side[0 * 4 + 2] = 2;
  a.side[0 * 4 + 3] = 1;
  EXPECT_TRUE(a.at_war(0, 2));
  EXPECT_TRUE(a.at_war(2, 3));
  EXPECT_FALSE(a.at_war(0, 3));  // allies
  EXPECT_FALSE(a.at_war(0, 1));  // 1 is not in the war
  OngoingWars b;
  b.resize(4);
  const auto* before = b.side.data();
  b = a;
  EXPECT_EQ(b.side.data(), before);  // same capacity: no reallocation
  EXPECT_EQ(b.count, 1U);
  EXPECT_TRUE(b.at_war(0, 2));
  std::vector<int> sa;
  std::vector<int> sd;
  b.sides(0, {2, 710, 740, 732}, sa, sd);
  EXPECT_EQ(sa, (std::vector<int>{2, 732}));
  EXPECT_EQ(sd, (std::vector<int>{740}));
}

TEST(Params, WarDefaultsComeFromTheWarsFile) {
  const WarFits w = load_project_wars();
  if (!w.fitted) GTEST_SKIP() << w.source;
  Params p = Params::defaults();
  apply_war_fits(p, w);
  EXPECT_EQ(p[Param::battle_deaths_intercept], w.intercept);
  EXPECT_EQ(p[Param::battle_deaths_elasticity], w.elasticity);
  EXPECT_EQ(p[Param::battle_deaths_sd], w.sd);
  const bool separate = w.lr_p_value < 0.05;
  EXPECT_EQ(p[Param::war_termination], separate ? w.other.q : w.all.q);
  EXPECT_EQ(p[Param::war_termination_gp], separate ? w.great_power.q : w.all.q);
}

// build_model applies the fits (Params::defaults() itself reads no file); a scenario or command
// line override still wins over the file.
TEST(Params, BuildModelAppliesTheWarsFileThenOverrides) {
  const WarFits w = load_project_wars();
  if (!w.fitted) GTEST_SKIP() << w.source;
  const Scenario s = load_scenario(project_dir() / "scenarios" / "asia-pacific-2015.toml");
  const Model m = build_model(s, load_preset("multiplex"), {}, Hazards{});
  EXPECT_EQ(m.params[Param::battle_deaths_intercept], w.intercept);
  EXPECT_EQ(m.params[Param::battle_deaths_elasticity], w.elasticity);
  EXPECT_EQ(m.params[Param::battle_deaths_sd], w.sd);
  EXPECT_EQ(Params::defaults()[Param::battle_deaths_sd], find_param("battle_deaths_sd")->default_value);
  const Model o = build_model(s, load_preset("multiplex"), {parse_param_assignment("battle_deaths_sd=1.5")}, Hazards{});
  EXPECT_EQ(o.params[Param::battle_deaths_sd], 1.5);
}

}  // namespace
}  // namespace concord::engine

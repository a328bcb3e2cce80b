// Grouped statistics over a compare-like ensemble of the reference model.
#include "concord/ensemble/summary.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "concord/ensemble/reference_model.hpp"
#include "concord/ensemble/runner.hpp"

namespace concord::ensemble {
namespace {

// Survival time is year - start_year: start_year is the scenario's year, the first simulated
// year start_year + 1 is time 1 (the engine's year t = start_year + t). A run whose first
// great-power war breaks out in start_year + 1 has time 1, so S(1) drops at once.
TEST(GroupedStatistics, FirstSimulatedYearIsSurvivalTimeOne) {
  SummarySpec spec;
  spec.survival_event_kind = "great_power_war";
  GroupedStatistics stats(spec);
  RunRecord war_at_once;
  war_at_once.key.order = "o";
  war_at_once.start_year = 2015;
  war_at_once.years = 5;
  war_at_once.events.push_back({2016, "great_power_war", "", {}, {}, "war", 1.0, 0, "", 0, 0});
  RunRecord war_in_last_year = war_at_once;
  war_in_last_year.key.replicate = 1;
  war_in_last_year.events.front().year = 2020;
  stats.add(war_at_once);
  stats.add(war_in_last_year);
  const auto curve = stats.survival("o")->curve();
  ASSERT_EQ(curve.size(), 5U);
  EXPECT_EQ(curve[0].t, 1);
  EXPECT_EQ(curve[0].events, 1U);
  EXPECT_DOUBLE_EQ(curve[0].survival, 0.5);
  EXPECT_EQ(curve[4].t, 5);
  EXPECT_EQ(curve[4].events, 1U);
  EXPECT_DOUBLE_EQ(curve[4].survival, 0.0);
}

// The reference model's first_war_time summary and the Kaplan-Meier time agree run by run.
TEST(GroupedStatistics, SurvivalTimeMatchesReferenceFirstWarTime) {
  HazardModelParams p;
  p.war_hazard = 0.2;
  p.years = 10;
  for (std::uint64_t r = 0; r < 50; ++r) {
    RunKey key;
    key.order = "o";
    key.seed = 7;
    key.replicate = r;
    RunRecord run;
    simulate_hazard_model(key, p, run);
    SummarySpec spec;
    spec.survival_event_kind = "great_power_war";
    GroupedStatistics stats(spec);
    stats.add(run);
    const double first = run.summary[1];
    for (const auto& pt : stats.survival("o")->curve()) {
      if (pt.events == 1) {
        EXPECT_EQ(static_cast<double>(pt.t), first) << "replicate " << r;
      }
    }
  }
}

TEST(GroupedStatistics, CompareTableInvariants) {
  // Two "orders" that differ only in their war hazard, on common random numbers.
  const auto plan = crossed_plan("h", {"low", "high"}, {"{}"}, 99, 800);
  SummarySpec spec;
  spec.proportions = {"great_power_war"};
  spec.survival_event_kind = "great_power_war";
  spec.baseline = "low";
  GroupedStatistics stats(spec);
  RunnerOptions opt;
  opt.threads = 2;
  run_plan(plan,
           [](const RunKey& key, RunRecord& out) {
             HazardModelParams p;
             p.war_hazard = key.order == "low" ? 0.01 : 0.04;
             simulate_hazard_model(key, p, out);
           },
           nullptr, 0, [&](const RunRecord& r) { stats.add(r); }, opt);
  ASSERT_EQ(stats.groups(), (std::vector<std::string>{"low", "high"}));
  for (const auto& [g, h] : {std::pair{"low", 0.01}, std::pair{"high", 0.04}}) {
    const auto e = stats.proportion(g, "great_power_war").wilson();
    const double truth = 1.0 - std::pow(1.0 - h, 35);
    EXPECT_LE(e.lo, truth) << g;
    EXPECT_GE(e.hi, truth) << g;
    // Kaplan-Meier at the horizon equals 1 - proportion (censoring only at the horizon).
    EXPECT_NEAR(stats.survival(g)->curve().back().survival, 1.0 - e.value, 1e-12);
  }
  // Every replicate is paired, so mean(high - low) = mean(high) - mean(low).
  const auto& d = stats.paired("high", "great_power_war");
  EXPECT_EQ(d.difference().count(), 800U);
  EXPECT_NEAR(d.difference().mean(),
              stats.mean("high", "great_power_war").mean() -
                  stats.mean("low", "great_power_war").mean(),
              1e-12);
  const double truth = std::pow(0.99, 35) - std::pow(0.96, 35);
  EXPECT_LE(d.student().lo, truth);
  EXPECT_GE(d.student().hi, truth);
  EXPECT_THROW((void)stats.paired("low", "great_power_war"), std::out_of_range);
  const auto rows = stats.rows();
  const auto n_paired = std::count_if(rows.begin(), rows.end(), [](const auto& r) {
    return r.statistic == "paired_difference" && r.group == "high - low";
  });
  EXPECT_EQ(n_paired, 3);  // one per summary metric
  const auto n_survival = std::count_if(rows.begin(), rows.end(),
                                        [](const auto& r) { return r.statistic == "survival"; });
  EXPECT_EQ(n_survival, 2 * 35);
}

// The compare table's counts at a tiny run count: wars/decade 0, 0, 3 in three runs has the
// Student interval [-3.30, 5.30]; a mean count is never negative, so the engine's count
// metrics are reported as [0, 5.30] (support [0, inf), see engine_summary_supports()).
TEST(GroupedStatistics, MeanOfACountHasNoNegativeBound) {
  GroupedStatistics stats(SummarySpec{});
  for (std::uint64_t r = 0; r < 3; ++r) {
    RunRecord run;
    run.key.order = "o";
    run.key.replicate = r;
    run.summary_names = {"wars_per_decade", "gdp_growth"};
    run.summary = {r == 2 ? 3.0 : 0.0, r == 2 ? 3.0 : 0.0};
    stats.add(run);
  }
  const auto count = stats.mean("o", "wars_per_decade").student();
  EXPECT_EQ(count.lo, 0.0);
  EXPECT_NEAR(count.hi, 5.3026527, 1e-7);
  // gdp_growth can be negative: its interval is not truncated
  EXPECT_NEAR(stats.mean("o", "gdp_growth").student().lo, -3.3026527, 1e-7);
  for (const auto& row : stats.rows()) {
    if (row.metric == "wars_per_decade") {
      EXPECT_GE(row.lo, 0.0) << row.statistic;
    }
  }
}

}  // namespace
}  // namespace concord::ensemble

// Grouped statistics over a compare-like ensemble of the reference model.
#include "concord/ensemble/summary.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "concord/ensemble/reference_model.hpp"
#include "concord/ensemble/runner.hpp"

namespace concord::ensemble {
namespace {

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

}  // namespace
}  // namespace concord::ensemble

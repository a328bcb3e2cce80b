// Plausibility against history: from asia-pacific-2015 under multiplex, the simulated yearly
// count of militarized disputes among the scenario's states lies inside the range of yearly
// dyadic MID onsets observed among the same states in COW MID 5.0 over 2000-2014 (computed here
// from the peacesciencer dyad-year export of MID 5.0).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <libfccp/csv.h>
#include <map>
#include <set>

#include "concord/common/data_dir.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"

namespace concord::engine {
namespace {

TEST(Plausibility, YearlyMidCountUnderMultiplexInsideTheRangeObserved2000To2014) {
  const auto scenario_file = project_dir() / "scenarios" / "asia-pacific-2015.toml";
  const auto mid_file = resolve_data_dir() / "peacesciencer_cow_mid_v5_dyadic" / "cow_mid_ddydisps.csv";
  if (!std::filesystem::exists(scenario_file)) GTEST_SKIP() << "no " << scenario_file;
  if (!std::filesystem::exists(mid_file)) GTEST_SKIP() << "no " << mid_file;
  const Scenario s = load_scenario(scenario_file);
  std::set<int> states;
  for (const auto& a : s.actors) states.insert(a.ccode);
  // observed: dyadic MID onsets per year among the scenario's states (each undirected dyad once)
  std::map<int, int> onsets;
  for (int y = 2000; y <= 2014; ++y) onsets[y] = 0;
  io::CSVReader<4> in(mid_file.string());
  in.read_header(io::ignore_extra_column, "ccode1", "ccode2", "year", "cowmidonset");
  int c1 = 0, c2 = 0, year = 0, onset = 0;
  while (in.read_row(c1, c2, year, onset)) {
    if (c1 < c2 && onset == 1 && year >= 2000 && year <= 2014 && states.count(c1) != 0 && states.count(c2) != 0)
      ++onsets[year];
  }
  int lo = 1 << 30, hi = 0;
  for (const auto& [y, k] : onsets) {
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  ASSERT_GT(hi, 0) << "no MID onsets found among the scenario's states";
  // simulated: mean yearly MIDs over 200 runs of 15 years
  const Model m = build_model(s, load_preset("multiplex"), {}, load_project_hazards());
  Workspace ws;
  double total = 0.0;
  const int runs = 200;
  const int years = 15;
  for (int r = 0; r < runs; ++r) {
    const auto rec = simulate_run(m, RunKey{"", "multiplex", "{}", 2015, static_cast<std::uint64_t>(r),
                                            static_cast<std::uint64_t>(r)},
                                  years, EventOptions{}, ws);
    total += rec.summary[summary_index("mids")];
  }
  const double per_year = total / (runs * years);
  EXPECT_GE(per_year, lo) << "observed yearly onsets 2000-2014 range [" << lo << ", " << hi << "]";
  EXPECT_LE(per_year, hi) << "observed yearly onsets 2000-2014 range [" << lo << ", " << hi << "]";
}

}  // namespace
}  // namespace concord::engine

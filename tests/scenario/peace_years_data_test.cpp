// The dispute record a built scenario carries (dyad `peace_years`, the start of the engine's
// peace-years clock, which the MID logit and the alignment phase's observed hostility read): for
// every dyad of the shipped asia-pacific-2015 scenario with a MID onset on record, the start year
// minus the latest onset year up to 2015 with the two on opposite sides, recomputed here from the
// raw peacesciencer export of MID 5.0.
#include <gtest/gtest.h>
#include <libfccp/csv.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include "concord/common/data_dir.hpp"
#include "concord/scenario/load.hpp"

namespace concord {
namespace {

TEST(ScenarioDisputeRecord, PeaceYearsOfEveryDyadCountFromTheLatestOnsetInMid5) {
  const auto file = resolve_data_dir() / "peacesciencer_cow_mid_v5_dyadic" / "cow_mid_dirdisps.csv";
  const auto scenario_file = project_dir() / "scenarios" / "asia-pacific-2015.toml";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file << " (set CONCORD_DATA_DIR)";
  const Scenario s = load_scenario(scenario_file);
  const int start = s.meta.start_year;
  std::map<std::pair<int, int>, int> latest;
  io::CSVReader<6> in(file.string());
  in.read_header(io::ignore_extra_column, "ccode1", "ccode2", "year", "disponset", "sidea1", "sidea2");
  int c1 = 0, c2 = 0, y = 0, onset = 0, s1 = 0, s2 = 0;
  while (in.read_row(c1, c2, y, onset, s1, s2)) {
    if (onset != 1 || y > start || s1 == s2) continue;
    int& v = latest[{std::min(c1, c2), std::max(c1, c2)}];
    v = std::max(v, y);
  }
  int with_record = 0;
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    for (std::size_t j = i + 1; j < s.actors.size(); ++j) {
      const int a = std::min(s.actors[i].ccode, s.actors[j].ccode);
      const int b = std::max(s.actors[i].ccode, s.actors[j].ccode);
      const int peace_years = complete_dyad(s, a, b).peace_years;
      const auto it = latest.find({a, b});
      if (it == latest.end()) {
        // no onset on record: counted from the later entry into the state system, and (the
        // youngest state, Timor-Leste, entered in 2002) never within the alignment phase's
        // hostility_window of 10 years, which would read as a recent dispute
        EXPECT_GE(peace_years, 10) << a << "-" << b;
        continue;
      }
      EXPECT_EQ(peace_years, start - it->second) << a << "-" << b;
      ++with_record;
    }
  }
  EXPECT_GT(with_record, 50);
  // spot checks from the MID 5.0 record: North Korea-United States 2014; Canada-United States
  // 1997 (the last one: none in the ten years before 2015, so no observed hostility)
  EXPECT_EQ(complete_dyad(s, 2, 731).peace_years, 1);
  EXPECT_EQ(complete_dyad(s, 2, 20).peace_years, 18);
}

}  // namespace
}  // namespace concord

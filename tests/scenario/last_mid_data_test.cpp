// The dispute record a built scenario carries (dyad `last_mid`): for every dyad of the shipped
// asia-pacific-2015 scenario, the latest MID onset year up to 2015 with the two on opposite
// sides, recomputed here from the raw peacesciencer export of MID 5.0.
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

TEST(ScenarioDisputeRecord, LastMidOfEveryDyadIsTheLatestOnsetInMid5) {
  const auto file = resolve_data_dir() / "peacesciencer_cow_mid_v5_dyadic" / "cow_mid_dirdisps.csv";
  const auto scenario_file = project_dir() / "scenarios" / "asia-pacific-2015.toml";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file << " (set CONCORD_DATA_DIR)";
  const Scenario s = load_scenario(scenario_file);
  std::map<std::pair<int, int>, int> latest;
  io::CSVReader<6> in(file.string());
  in.read_header(io::ignore_extra_column, "ccode1", "ccode2", "year", "disponset", "sidea1", "sidea2");
  int c1 = 0, c2 = 0, y = 0, onset = 0, s1 = 0, s2 = 0;
  while (in.read_row(c1, c2, y, onset, s1, s2)) {
    if (onset != 1 || y > s.meta.start_year || s1 == s2) continue;
    int& v = latest[{std::min(c1, c2), std::max(c1, c2)}];
    v = std::max(v, y);
  }
  int with_record = 0;
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    for (std::size_t j = i + 1; j < s.actors.size(); ++j) {
      const int a = std::min(s.actors[i].ccode, s.actors[j].ccode);
      const int b = std::max(s.actors[i].ccode, s.actors[j].ccode);
      const auto it = latest.find({a, b});
      const int expected = it == latest.end() ? 0 : it->second;
      EXPECT_EQ(complete_dyad(s, a, b).last_mid, expected) << a << "-" << b;
      with_record += expected > 0 ? 1 : 0;
    }
  }
  EXPECT_GT(with_record, 50);
  // spot checks from the MID 5.0 record: North Korea-United States 2014; Canada-United States
  // 1997 (the last one; none in the ten years before 2015)
  EXPECT_EQ(complete_dyad(s, 2, 731).last_mid, 2014);
  EXPECT_EQ(complete_dyad(s, 2, 20).last_mid, 1997);
}

}  // namespace
}  // namespace concord

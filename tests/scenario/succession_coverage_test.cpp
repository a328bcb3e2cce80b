// The scenario builder on the real datasets (skipped when they are not found), issue 17:
// - DayMembership: a scenario of a year of state succession never holds a predecessor and its
//   successor together (COW state list 2024: 678 YAR and 680 YPR to 21 May 1990, 679 YEM from
//   22 May; 260 GFR and 265 GDR to 2 October 1990, 255 GMY from 3 October);
// - Coverage: past a dataset's last year (ATOP 5.1: 2018, COW contiguity 3.2: 2016) values are
//   carried forward only as an option, recorded in the provenance and listed by scenario check;
//   without it the build is refused naming the dataset and its last year.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/data/paths.hpp"
#include "concord/scenario/build.hpp"
#include "concord/scenario/summary.hpp"

namespace concord {
namespace {

std::filesystem::path data_or_empty() {
  const std::filesystem::path d = resolve_data_dir();
  return std::filesystem::exists(d / data::paths::kStateList2024) ? d : std::filesystem::path();
}

#define REQUIRE_DATA(dir)                            \
  const std::filesystem::path dir = data_or_empty(); \
  if (dir.empty()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)"

bool has_actor(const Scenario& s, int ccode) { return s.actor_index(ccode) >= 0; }

TEST(DayMembershipScenario, SuccessionYearKeepsTheSuccessorOnly) {
  REQUIRE_DATA(dir);
  BuildOptions o;
  o.region = "world";
  o.year = 1990;
  o.data_dir = dir;
  std::vector<std::string> notes;
  const Scenario s = build_scenario(o, &notes);
  // Germany: 255 has no GDP for 1990 in Maddison 2023 or SDP 2020 (a note says so), so 260 and
  // 265, which shared every day to 2 October, stay; never 255 with either.
  EXPECT_FALSE(has_actor(s, 255) && has_actor(s, 260));
  EXPECT_FALSE(has_actor(s, 255) && has_actor(s, 265));
  EXPECT_TRUE(has_actor(s, 679));
  EXPECT_FALSE(has_actor(s, 678));
  EXPECT_FALSE(has_actor(s, 680));
  auto noted = [&](const std::string& text) {
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(noted("678 YAR left out: 678 YAR (a member to 1990-05-21) and 679 YEM (from 1990-05-22)"));
}

TEST(DayMembershipScenario, ExplicitListOfPredecessorAndSuccessorIsAnError) {
  REQUIRE_DATA(dir);
  BuildOptions o;
  o.year = 1990;
  o.data_dir = dir;
  o.states = {2, 678, 679};
  try {
    (void)build_scenario(o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("never COW system members on the same day of 1990"), std::string::npos)
        << e.what();
  }
}

TEST(CoverageScenario, PastAtopAndContiguityTheBuilderCarriesForwardOnlyAsARecordedOption) {
  REQUIRE_DATA(dir);
  BuildOptions o;
  o.region = "asia-pacific";
  o.year = 2022;
  o.data_dir = dir;
  o.carry_forward = false;
  try {
    (void)build_scenario(o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("passes the coverage of ATOP 5.1, which ends in 2018"), std::string::npos) << m;
    EXPECT_NE(m.find("--carry-forward"), std::string::npos) << m;
  }
  o.carry_forward = true;
  std::vector<std::string> notes;
  const Scenario s = build_scenario(o, &notes);
  const Provenance& alliance = s.meta.provenance.at("dyad.alliance");
  EXPECT_EQ(alliance.year, 2018);
  EXPECT_EQ(alliance.note, "carried forward from 2018, the last year of ATOP 5.1, to 2022");
  EXPECT_EQ(s.meta.provenance.at("dyad.contiguity").year, 2016);
  const std::string summary = summarize(s);
  EXPECT_NE(summary.find("values carried forward past a dataset's last year:\n  dyad.alliance (default): atop-5.1, "
                         "carried forward from 2018"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("dyad.contiguity (default): contdir-3.2, carried forward from 2016"), std::string::npos);
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(),
                          [](const std::string& n) { return n.find("carried forward: ATOP 5.1 of 2018") == 0; }));
  // Within every dataset's coverage nothing is carried.
  o.year = 2009;
  EXPECT_EQ(carried_forward_summary(build_scenario(o)), "\nvalues carried forward past a dataset's last year:\n  none\n");
}

}  // namespace
}  // namespace concord

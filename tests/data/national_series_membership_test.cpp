// DayMembership (national series): a SIPRI or Maddison series is never assigned to a COW state
// for years before its entry or after its exit (issue 17). Inputs written in the test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "concord/data/economy.hpp"
#include "concord/data/state_system.hpp"

namespace concord::data {
namespace {

TEST(DayMembershipNationalSeries, KeepsOnlyTheYearsOfSystemMembership) {
  const auto file = std::filesystem::temp_directory_path() / ("concord_series_states_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(file) << "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
                         "SSD,626,South Sudan,2011,7,9,2024,12,31,2024\n"
                         "GDR,265,German Democratic Republic,1954,3,25,1990,10,2,2024\n";
  const StateSpells states = read_state_list(file);
  std::filesystem::remove(file);

  StateYearSeries milex;
  milex.report.file = "sipri";
  for (const auto& [c, y] : {std::pair{626, 2009}, {626, 2010}, {626, 2011}, {626, 2012}, {265, 1990}, {265, 1991}}) {
    milex.ccode.push_back(c);
    milex.year.push_back(y);
    milex.value.push_back(100.0 + y);
  }
  keep_member_years(milex, states);
  EXPECT_TRUE(std::isnan(milex.at(626, 2010)));  // before South Sudan's entry (9 July 2011)
  EXPECT_EQ(milex.at(626, 2011), 2111.0);
  EXPECT_EQ(milex.at(626, 2012), 2112.0);
  EXPECT_EQ(milex.at(265, 1990), 2090.0);
  EXPECT_TRUE(std::isnan(milex.at(265, 1991)));  // after the GDR's exit
  EXPECT_EQ(milex.size(), 3U);
  ASSERT_EQ(milex.report.skipped.size(), 1U);
  EXPECT_EQ(milex.report.skipped[0].count, 3U);

  StateEconomy economy;
  economy.report.file = "maddison";
  economy.ccode = {626, 626};
  economy.year = {2008, 2015};
  economy.gdp = {1.0, 2.0};
  economy.pop = {1.0, 2.0};
  economy.gdppc = {1.0, 1.0};
  keep_member_years(economy, states);
  ASSERT_EQ(economy.size(), 1U);
  EXPECT_EQ(economy.year[0], 2015);
  EXPECT_TRUE(economy.index.find(626, 2015).has_value());
}

}  // namespace
}  // namespace concord::data

// DayMembership and Coverage (issue 17), on datasets written in the test:
// - DayMembership: two states form a dyad-year only if they were system members on the same
//   day of that year. West Germany (260) and East Germany (265) left on 2 October 1990, Germany
//   (255) entered on 3 October: all three are members in 1990, and no 1990 dyad may join 255
//   with 260 or 265.
// - Coverage: past a dataset's last year a value is missing, never 0: an alliance after ATOP's
//   last year, contiguity after the last spell, the majors list after its last year, wars after
//   the war data's last year; a dyad-year window past the MID data's last year is refused.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "concord/common/error.hpp"
#include "concord/data/alliances.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/coverage.hpp"
#include "concord/data/geography.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"
#include "concord/validate/dyad_years.hpp"

namespace concord::validate {
namespace {

namespace fs = std::filesystem;
namespace paths = data::paths;

// A data directory holding every file read_dyad_year_sources reads, with a few rows each (the
// rivalry, nuclear and IGO files with their header only).
class WrittenData : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("concord_membership_{}_{}", testing::UnitTest::GetInstance()->current_test_info()->name(),
                       ::getpid());
    write(paths::kStateList2024,
          "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
          "USA,2,United States of America,1816,1,1,2024,12,31,2024\n"
          "GMY,255,Germany,1816,1,1,1945,5,8,2024\n"
          "GMY,255,Germany,1990,10,3,2024,12,31,2024\n"
          "GFR,260,German Federal Republic,1955,5,5,1990,10,2,2024\n"
          "GDR,265,German Democratic Republic,1954,3,25,1990,10,2,2024\n"
          "FRN,220,France,1816,1,1,2024,12,31,2024\n");
    write(paths::kMajors2024,
          "stateabb,ccode,styear,stmonth,stday,endyear,endmonth,endday,version\n"
          "USA,2,1898,8,13,2019,12,31,2024\n");  // a majors list that ends in 2019
    write(paths::kNmcV7, "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n");
    write(paths::kAtop51DyadYear,
          "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
          "2,220,2018,1,0,0,0,1\n220,2,2018,1,0,0,0,1\n");  // ATOP ends in 2018
    write(paths::kContiguity32,
          "ccode1,ccode2,conttype,stdate,enddate\n2,220,4,1990-01-01,2016-12-01\n220,2,4,1990-01-01,2016-12-01\n");
    write(paths::kCapitals, "ccode,statenme,capital,stdate,enddate,lat,lng\n");
    write(paths::kDemocracyPeacesciencer, "ccode,year,v2x_polyarchy,polity2,xm_qudsest\n");
    write(paths::kTradeDyadicAsiaPacific, "ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2\n");
    write(paths::kMaddison2023Data, "ISO,year,gdppc,pop\n");
    write(paths::kMidDyadYears,
          "dispnum,ccode1,ccode2,year,cowmidongoing,cowmidonset,sidea1,sidea2,fatality1,fatality2,fatalpre1,"
          "fatalpre2,hiact1,hiact2,hostlev1,hostlev2,orig1,orig2,hostlev\n"
          "9001,2,220,2020,1,1,1,0,0,0,0,0,7,7,2,2,1,1,2\n"
          "9001,220,2,2020,1,1,0,1,0,0,0,0,7,7,2,2,1,1,2\n");  // MID data to 2020
    write(paths::kInterStateWarDyadYears,
          "warnum,ccode1,ccode2,year,cowinterongoing,cowinteronset,sidea1,sidea2,initiator1,initiator2,outcome1,"
          "outcome2,batdeath1,batdeath2,resume\n"
          "139,2,220,1917,1,1,1,1,0,0,1,1,-9,-9,0\n");  // the last war row is far before 2007
    write(paths::kRivalries, "rivalryno,rivalryname,ccode1,ccode2,styear,endyear,region,type1,type2,type3\n");
    write(paths::kNuclearStatus, "country,ccode,year,status,possess\n");
    write(paths::kIgoMemberships, "ioname,ccode,state,year,status\n");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void write(const char* rel, const std::string& text) const {
    const fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  static bool has_pair(const DyadYearTable& t, int a, int b, int year) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.year[i] == year && t.ccode_a[i] == std::min(a, b) && t.ccode_b[i] == std::max(a, b)) return true;
    }
    return false;
  }
  static long row(const DyadYearTable& t, int a, int b, int year) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.year[i] == year && t.ccode_a[i] == a && t.ccode_b[i] == b) return static_cast<long>(i);
    }
    return -1;
  }
  fs::path dir_;
};

TEST_F(WrittenData, DayMembershipNoDyadOfStatesNeverMembersOnTheSameDay) {
  const auto sources = read_dyad_year_sources(dir_);
  const DyadYearTable t = build_dyad_years(*sources, Region::world, 1989, 1991);
  // 1990: members 2, 220, 255 (from 3 Oct), 260 and 265 (to 2 Oct).
  EXPECT_TRUE(has_pair(t, 2, 255, 1990));
  EXPECT_TRUE(has_pair(t, 2, 260, 1990));
  EXPECT_TRUE(has_pair(t, 260, 265, 1990));  // both to 2 October
  EXPECT_FALSE(has_pair(t, 255, 260, 1990));
  EXPECT_FALSE(has_pair(t, 255, 265, 1990));
  long rows_1990 = 0;
  for (const int y : t.year) rows_1990 += y == 1990 ? 1 : 0;
  EXPECT_EQ(rows_1990, 10 - 2);  // C(5, 2) pairs of the year's members, less the two that never met
  EXPECT_TRUE(has_pair(t, 260, 265, 1989));
  EXPECT_FALSE(has_pair(t, 255, 260, 1991));  // 260 is no member in 1991 at all
}

TEST(DayMembership, ShareADayOnWrittenSpells) {
  const std::vector<data::MemberDays> days = {{255, {1990, 10, 3}, {1990, 12, 31}},
                                              {260, {1990, 1, 1}, {1990, 10, 2}},
                                              {679, {1990, 5, 22}, {1990, 12, 31}},
                                              {680, {1990, 1, 1}, {1990, 5, 21}}};
  EXPECT_FALSE(data::share_a_day(days, 255, 260));
  EXPECT_FALSE(data::share_a_day(days, 679, 680));
  EXPECT_TRUE(data::share_a_day(days, 260, 679));  // 22 May to 2 October
  EXPECT_TRUE(data::share_a_day(days, 260, 680));
  EXPECT_FALSE(data::share_a_day(days, 255, 680));
  EXPECT_FALSE(data::share_a_day(days, 255, 999));  // not a member
}

TEST_F(WrittenData, CoverageCovariatesPastTheirLastYearAreMissingNotZero) {
  const auto sources = read_dyad_year_sources(dir_);
  const DyadYearTable t = build_dyad_years(*sources, Region::world, 2016, 2020);
  auto at = [&](const std::vector<double>& column, int year) {
    const long r = row(t, 2, 220, year);
    EXPECT_GE(r, 0) << year;
    return r < 0 ? -99.0 : column[static_cast<std::size_t>(r)];
  };
  EXPECT_EQ(at(t.alliance, 2018), 1.0);
  EXPECT_EQ(at(t.alliance, 2016), 0.0);              // in coverage, not in the file: no pledge
  EXPECT_TRUE(std::isnan(at(t.alliance, 2019)));     // ATOP ends in 2018
  EXPECT_EQ(at(t.contiguity, 2016), 1.0);
  EXPECT_TRUE(std::isnan(at(t.contiguity, 2017)));   // contiguity ends in 2016
  EXPECT_EQ(at(t.major_power, 2019), 1.0);
  EXPECT_TRUE(std::isnan(at(t.major_power, 2020)));  // the majors list ends in 2019
  EXPECT_EQ(t.war_last_year, data::kInterStateWar40.last_year);  // 2007, not 1917 (the last war row)
  EXPECT_EQ(t.mid_last_year, 2020);
}

TEST_F(WrittenData, CoverageWindowPastTheMidDataIsRefused) {
  const auto sources = read_dyad_year_sources(dir_);
  try {
    (void)build_dyad_years(*sources, Region::world, 2015, 2022);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("2015-2022 passes the coverage of COW MID 5.0, which ends in 2020"), std::string::npos) << m;
  }
}

TEST_F(WrittenData, CoverageReadersMarkYearsPastTheirLastAsMissing) {
  const auto atop = data::read_atop_dyad_years(dir_ / paths::kAtop51DyadYear);
  EXPECT_EQ(atop.last_year, 2018);
  EXPECT_EQ(atop.level_of(2, 220, 2018), 3);
  EXPECT_EQ(atop.level_of(2, 220, 2017), 0);   // in coverage, not in the file: no alliance
  EXPECT_EQ(atop.level_of(2, 220, 2019), -1);  // past coverage: missing
  const auto cont = data::read_contiguity(dir_ / paths::kContiguity32);
  EXPECT_EQ(cont.last_year, 2016);
  EXPECT_EQ(cont.conttype_in(2, 220, 2016), 4);
  EXPECT_EQ(cont.conttype_in(2, 220, 2017), -1);
  const auto majors = data::read_major_powers(dir_ / paths::kMajors2024);
  EXPECT_EQ(majors.last_year, 2019);
  const auto wars = data::read_war_dyad_years(dir_ / paths::kInterStateWarDyadYears);
  EXPECT_EQ(wars.last_year, 2007);
}

TEST(Coverage, RefusalNamesTheDatasetItsLastYearAndTheCarryOption) {
  try {
    data::require_within("ATOP 5.1", 2018, 2022, 2022, Location{"--year", 0, 0, "2022"}, "the scenario year",
                         "--carry-forward");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--year: field '2022': the scenario year 2022 passes the coverage of ATOP 5.1, which ends in 2018: its "
              "values after 2018 are missing, not 0; pass --carry-forward to carry the 2018 values forward (they are "
              "printed and recorded)");
  }
  EXPECT_NO_THROW(data::require_within("ATOP 5.1", 2018, 1990, 2018, Location{}, "w"));
}

}  // namespace
}  // namespace concord::validate

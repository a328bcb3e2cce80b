// Malformed files: each error names file, line, column/field and what was expected.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "concord/common/error.hpp"
#include "concord/data/alliances.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/state_system.hpp"

namespace concord::data {
namespace {

class MalformedFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("concord_data_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    std::filesystem::path p = dir_ / name;
    std::ofstream(p) << text;
    return p;
  }
  std::string error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  }
  std::filesystem::path dir_;
};

constexpr const char* kV7Header = "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n";

TEST_F(MalformedFiles, BadNumberNamesFileLineColumnAndField) {
  auto p = write("nmc.csv", std::string(kV7Header) +
                                "2,1816,3823,17,80,254,8659,101,0.04\n20,1816,abc,1,1,1,1,1,0.01\n");
  EXPECT_EQ(error_of([&] { read_nmc(p, NmcVersion::v7); }),
            p.string() + ":3:3: field 'milex': expected a number, got 'abc'");
}

TEST_F(MalformedFiles, BadIntegerInKey) {
  auto p = write("nmc.csv", std::string(kV7Header) + "2,18x6,1,1,1,1,1,1,1\n");
  EXPECT_EQ(error_of([&] { read_nmc(p, NmcVersion::v7); }),
            p.string() + ":2:2: field 'year': expected an integer, got '18x6'");
}

TEST_F(MalformedFiles, MissingColumnIsNamed) {
  auto p = write("nmc.csv", "ccode,year,milex,milper,irst,pec,tpop,upop\n2,1816,1,1,1,1,1,1\n");
  std::string e = error_of([&] { read_nmc(p, NmcVersion::v7); });
  EXPECT_NE(e.find(p.string() + ":1: field 'cinc': missing column 'cinc' in the header"), std::string::npos)
      << e;
}

TEST_F(MalformedFiles, WrongHeaderIsRejected) {
  // An NMC v7 file given where v6 is expected (no stateabb column).
  auto p = write("nmc.csv", std::string(kV7Header) + "2,1816,1,1,1,1,1,1,1\n");
  std::string e = error_of([&] { read_nmc(p, NmcVersion::v6); });
  EXPECT_NE(e.find(":1: field 'stateabb': missing column 'stateabb'"), std::string::npos) << e;
}

TEST_F(MalformedFiles, DuplicateStateYearIsAnError) {
  auto p = write("nmc.csv", std::string(kV7Header) +
                                "2,1816,1,1,1,1,1,1,0.5\n20,1816,1,1,1,1,1,1,0.5\n2,1816,1,1,1,1,1,1,0.5\n");
  EXPECT_EQ(
      error_of([&] { read_nmc(p, NmcVersion::v7); }),
      p.string() +
          ":4: duplicate state-year (ccode 2, year 1816); first on line 2; each state-year must appear once");
}

TEST_F(MalformedFiles, DuplicateDirectedDyadYearIsAnError) {
  auto p = write("atop.csv",
                 "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
                 "2,20,1942,1,1,0,0,0\n20,2,1942,1,1,0,0,0\n2,20,1942,0,0,0,1,0\n");
  EXPECT_EQ(error_of([&] { read_atop_dyad_years(p); }),
            p.string() +
                ":4: duplicate directed dyad-year (ccode1 2, ccode2 20, year 1942); first on line 2; each "
                "directed dyad-year must appear once");
}

TEST_F(MalformedFiles, TooManyFieldsNamesTheLine) {
  auto p = write("nmc.csv", std::string(kV7Header) + "2,1816,1,1,1,1,1,1,1,7\n");
  std::string e = error_of([&] { read_nmc(p, NmcVersion::v7); });
  EXPECT_NE(e.find(p.string() + ":2: too many fields"), std::string::npos) << e;
}

TEST_F(MalformedFiles, EmptyFileAndMissingFile) {
  auto p = write("empty.csv", "");
  EXPECT_NE(error_of([&] { read_nmc(p, NmcVersion::v7); }).find("expected a header"), std::string::npos);
  EXPECT_NE(error_of([&] { read_nmc(dir_ / "nope.csv", NmcVersion::v7); }).find("cannot open"),
            std::string::npos);
}

TEST_F(MalformedFiles, AtopFlagOutsideZeroOne) {
  auto p = write("atop.csv",
                 "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n2,20,"
                 "1942,2,1,0,0,0\n");
  EXPECT_EQ(error_of([&] { read_atop_dyad_years(p); }),
            p.string() + ":2:4: field 'atop_defense': expected 0 or 1 (an ATOP obligation flag)");
}

TEST_F(MalformedFiles, SpellEndingBeforeItStarts) {
  auto p = write("states.csv",
                 "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
                 "USA,2,United States of America,1816,1,1,1815,12,31,2024\n");
  std::string e = error_of([&] { read_state_list(p); });
  EXPECT_NE(e.find(":2:7: field 'endyear': spell ends (1815-12-31) before it starts (1816-1-1)"),
            std::string::npos)
      << e;
}

// Missing values are counted per field, never silently dropped; extra columns are ignored.
TEST_F(MalformedFiles, MissingValuesAreCountedAndExtraColumnsIgnored) {
  auto p = write(
      "nmc.csv",
      "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version,extra\n"
      "USA,2,1816,-9,17,80,254,8659,101,0.5,2021,x\nUKG,200,1816,16000,-9,-9,254,8659,101,0.5,2021,y\n");
  NmcTable t = read_nmc(p, NmcVersion::v6);
  ASSERT_EQ(t.size(), 2U);
  EXPECT_TRUE(std::isnan(t.milex[0]));
  EXPECT_EQ(t.report.missing_in("milex"), 1U);
  EXPECT_EQ(t.report.missing_in("milper"), 1U);
  EXPECT_EQ(t.report.missing_in("irst"), 1U);
  EXPECT_EQ(t.report.rows_read, 2U);
  EXPECT_EQ(t.report.rows_kept, 2U);
  EXPECT_EQ(t.stateabb[1], "UKG");
  EXPECT_EQ(t.index.find(200, 1816), std::optional<std::size_t>(1));
}

TEST_F(MalformedFiles, NegativeComponentOtherThanMissingCode) {
  auto p = write("nmc.csv", std::string(kV7Header) + "2,1816,-5,1,1,1,1,1,1\n");
  EXPECT_EQ(error_of([&] { read_nmc(p, NmcVersion::v7); }),
            p.string() + ":2:3: field 'milex': expected a non-negative value or the missing code");
}

}  // namespace
}  // namespace concord::data

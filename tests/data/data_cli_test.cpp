// End-to-end: `concord data check` and `concord data cinc` as a user runs them.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "concord/common/data_dir.hpp"
#include "concord/data/paths.hpp"

namespace {

struct CliRun {
  int status = -1;
  std::string out;
};

CliRun run(const std::string& args) {
  std::string cmd = std::string(CONCORD_BINARY) + " " + args + " 2>&1";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p) != nullptr) r.out += buf;
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

bool have_data() {
  return std::filesystem::exists(concord::resolve_data_dir() / concord::data::paths::kNmcV7);
}

TEST(DataCli, CincCsvReproducesPublishedValues2022) {
  if (!have_data()) GTEST_SKIP() << "data directory not found: set CONCORD_DATA_DIR";
  CliRun r = run("data cinc --year 2022 --format csv --data-dir " + concord::resolve_data_dir().string());
  ASSERT_EQ(r.status, 0) << r.out;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "ccode,stateabb,year,cinc,cinc_published");
  int rows = 0;
  bool saw_usa = false;
  while (std::getline(in, line)) {
    ++rows;
    std::istringstream f(line);
    std::string ccode, abb, year, cinc, pub;
    std::getline(f, ccode, ',');
    std::getline(f, abb, ',');
    std::getline(f, year, ',');
    std::getline(f, cinc, ',');
    std::getline(f, pub, ',');
    EXPECT_NEAR(std::stod(cinc), std::stod(pub), 1e-7) << line;
    if (ccode == "2") {
      saw_usa = true;
      EXPECT_EQ(abb, "USA");
      EXPECT_NEAR(std::stod(cinc), 0.12356574, 1e-8);  // cow_nmc_v7/PROVENANCE.md
    }
  }
  EXPECT_TRUE(saw_usa);
  EXPECT_GT(rows, 190);
}

TEST(DataCli, CincJsonAndTableV6) {
  if (!have_data()) GTEST_SKIP() << "data directory not found: set CONCORD_DATA_DIR";
  CliRun j =
      run("data cinc --year 2016 --nmc v6 --format json --data-dir " + concord::resolve_data_dir().string());
  ASSERT_EQ(j.status, 0) << j.out;
  EXPECT_NE(j.out.find("\"stateabb\": \"CHN\""), std::string::npos);
  CliRun t = run("data cinc --year 2016 --nmc v6 --data-dir " + concord::resolve_data_dir().string());
  ASSERT_EQ(t.status, 0);
  EXPECT_NE(t.out.find("0.230617"), std::string::npos);  // China 2016, cow_nmc_v6/PROVENANCE.md
}

TEST(DataCli, CheckReportsAMalformedDatasetAndExitsOne) {
  auto dir = std::filesystem::temp_directory_path() / "concord_data_cli_check";
  std::filesystem::create_directories(dir / "cow_nmc_v7");
  std::ofstream(dir / concord::data::paths::kNmcV7)
      << "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n2,1816,x,1,1,1,1,1,1\n";
  CliRun r = run("data check --data-dir " + dir.string());
  std::filesystem::remove_all(dir);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("nmc_v7"), std::string::npos);
  EXPECT_NE(r.out.find("MALFORMED"), std::string::npos);
  EXPECT_NE(r.out.find(":2:3: field 'milex': expected a number, got 'x'"), std::string::npos) << r.out;
}

// The shared datasets are well formed: one "ok" line per dataset, exit status 0.
TEST(DataCli, CheckOnTheSharedDataIsClean) {
  if (!have_data()) GTEST_SKIP() << "data directory not found: set CONCORD_DATA_DIR";
  CliRun r = run("data check --data-dir " + concord::resolve_data_dir().string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.find("MALFORMED"), std::string::npos) << r.out;
  for (const char* name : {"nmc_v6", "nmc_v7", "atop_5.1_dyad_years", "sipri_milex_constant2022", "maddison_2023",
                           "mid_dyad_years", "td_rivalries"}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  }
}

TEST(DataCli, CincForAYearOutsideNmcIsAnError) {
  if (!have_data()) GTEST_SKIP() << "data directory not found: set CONCORD_DATA_DIR";
  CliRun r = run("data cinc --year 2030 --data-dir " + concord::resolve_data_dir().string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("no rows for year 2030"), std::string::npos) << r.out;
}

}  // namespace

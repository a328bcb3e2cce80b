// Coverage (issue 17), through the commands: a window past a dataset's last year is refused
// with the dataset and its last year named, or its years are missing, never counted as years
// without events.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "concord/common/data_dir.hpp"
#include "concord/data/paths.hpp"

namespace {

bool have_data() {
  return std::filesystem::exists(concord::resolve_data_dir() / concord::data::paths::kMidDyadYears);
}

struct Result {
  int status = -1;
  std::string out;
};

Result run(const std::string& args) {
  const std::string cmd = std::string(CONCORD_BINARY) + " " + args + " 2>&1";
  Result r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) r.out += buf.data();
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// Before: exit 0 after scoring thousands of 2015-2022 dyad-years with no events.
TEST(CoverageCli, HazardsTestWindowPastMidIsRefused) {
  const Result r = run("validate hazards --test 2015-2022");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("--test 2015-2022 passes the coverage of COW MID 5.0, which ends in 2014"), std::string::npos)
      << r.out;
}

// Before: every year after 2003 counted as a year without war.
TEST(CoverageCli, TransitionsWindowPastTheWarDataIsRefusedAndLateEventsCensored) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  const Result refused = run("validate transitions --years 1816-2014");
  EXPECT_EQ(refused.status, 1) << refused.out;
  EXPECT_NE(refused.out.find("passes the coverage of COW inter-state wars 4.0, which ends in 2007"), std::string::npos)
      << refused.out;
  const Result ok = run("validate transitions --years 1816-2007 --within 10");
  ASSERT_EQ(ok.status, 0) << ok.out;
  // China's overtaking of the United States by CINC in 2003 (docs/validation.md): its 10-year
  // window runs to 2013, past 2007, and no war between the two is recorded to 2007.
  const auto at = ok.out.find("2003 CHN ");
  ASSERT_NE(at, std::string::npos) << ok.out;
  const std::string line = ok.out.substr(at, ok.out.find('\n', at) - at);
  EXPECT_NE(line.find("USA"), std::string::npos) << line;
  EXPECT_NE(line.find("(censored: the war data end in 2007)"), std::string::npos) << line;
}

TEST(CoverageCli, ScenarioBuildPastTheStateSystemIsRefused) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  const Result r = run("scenario build --region asia-pacific --year 2026");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("passes the coverage of COW State System Membership v2024, which ends in 2024"),
            std::string::npos)
      << r.out;
}

}  // namespace

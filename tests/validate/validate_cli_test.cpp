// End-to-end: the `concord validate` commands run on the shipped data and write their store.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "concord/common/data_dir.hpp"
#include "concord/data/paths.hpp"

namespace {

bool have_data() { return std::filesystem::exists(concord::resolve_data_dir() / concord::data::paths::kMidDyadYears); }

int run(const std::string& args) {
  const std::string cmd = std::string(CONCORD_BINARY) + " " + args;
  return std::system(cmd.c_str());
}

TEST(ValidateCli, HazardsWritesTheValidationTable) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  const auto dir = std::filesystem::temp_directory_path() / "concord_validate_cli_test";
  std::filesystem::create_directories(dir);
  const auto db = dir / "validation.sqlite";
  const auto haz = dir / "hazards.toml";
  std::filesystem::remove(db);
  ASSERT_EQ(run("validate hazards --region asia --train 1946-1999 --test 2000-2014 --out " + db.string() +
                " --write-hazards " + haz.string() + " > " + (dir / "out.txt").string()),
            0);
  SQLite::Database d(db.string());
  // 2 outcomes x 4 forecasts.
  EXPECT_EQ(d.execAndGet("SELECT COUNT(*) FROM validation WHERE kind = 'hazards'").getInt(), 8);
  // The base rate has no discrimination: its AUC is exactly 1/2.
  EXPECT_DOUBLE_EQ(d.execAndGet("SELECT auc FROM validation WHERE model = 'base_rate' AND outcome = 'mid_onset'")
                       .getDouble(),
                   0.5);
  EXPECT_TRUE(std::filesystem::exists(haz));
}

TEST(ValidateCli, BadWindowIsALocatedError) {
  EXPECT_NE(run("validate hazards --train 1999-1946 > /dev/null 2>&1"), 0);
  EXPECT_NE(run("validate hazards --region europe > /dev/null 2>&1"), 0);
}

TEST(ValidateCli, TransitionsRuns) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  EXPECT_EQ(run("validate transitions --within 10 > /dev/null"), 0);
}

}  // namespace

// End-to-end: the `concord validate` commands run on the shipped data and write their store.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include <unistd.h>

#include "concord/common/data_dir.hpp"
#include "concord/data/paths.hpp"
#include "concord/engine/escalation.hpp"

namespace {

bool have_data() {
  return std::filesystem::exists(concord::resolve_data_dir() / concord::data::paths::kMidDyadYears);
}

int run(const std::string& args) {
  const std::string cmd = std::string(CONCORD_BINARY) + " " + args;
  return std::system(cmd.c_str());
}

TEST(ValidateCli, HazardsWritesTheValidationTable) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  const auto dir = std::filesystem::temp_directory_path() / ("concord_validate_cli_test_" + std::to_string(::getpid()));
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
  EXPECT_DOUBLE_EQ(
      d.execAndGet("SELECT auc FROM validation WHERE model = 'base_rate' AND outcome = 'mid_onset'")
          .getDouble(),
      0.5);
  EXPECT_TRUE(std::filesystem::exists(haz));
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

TEST(ValidateCli, BadWindowIsALocatedError) {
  EXPECT_NE(run("validate hazards --train 1999-1946 > /dev/null 2>&1"), 0);
  EXPECT_NE(run("validate hazards --region mars > /dev/null 2>&1"), 0);
}

TEST(ValidateCli, TransitionsRuns) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  EXPECT_EQ(run("validate transitions --within 10 > /dev/null"), 0);
}

}  // namespace

namespace {

TEST(ValidateCli, PowerLawRuns) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  EXPECT_EQ(run("validate powerlaw --bootstrap 20 > /dev/null"), 0);
}

}  // namespace

namespace {

// `validate backtest --out`: the European backtest (small run count, CI budget) writes its three
// tables into a results store; the row counts follow from the window and the scenario's states.
TEST(ValidateCli, BacktestWritesItsTables) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  const auto dir = std::filesystem::temp_directory_path() / ("concord_validate_cli_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto db = dir / "backtest.sqlite";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  ASSERT_EQ(run("validate backtest --region europe --start 1890 --years 25 --runs 5 --out " + db.string() + " > " +
                (dir / "backtest.txt").string()),
            0);
  SQLite::Database d(db.string());
  EXPECT_EQ(d.execAndGet("SELECT COUNT(*) FROM backtest").getInt(), 1);
  EXPECT_EQ(d.execAndGet("SELECT COUNT(*) FROM backtest_years").getInt(), 25);
  const int states = d.execAndGet("SELECT states FROM backtest").getInt();
  EXPECT_EQ(d.execAndGet("SELECT COUNT(*) FROM backtest_dyads").getInt(), states * (states - 1) / 2);
  EXPECT_EQ(d.execAndGet("SELECT observed_first_gp_war FROM backtest").getInt(), 1914);
  EXPECT_EQ(d.execAndGet("SELECT hazards_before_start FROM backtest").getInt(), 1);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

TEST(ValidateCli, PowerLawSimulatedNeedsAStore) {
  EXPECT_NE(run("validate powerlaw --bootstrap 0 --simulated /nonexistent/store.sqlite > /dev/null 2>&1"), 0);
  EXPECT_NE(run("validate powerlaw --bootstrap 0 --ensemble 1 > /dev/null 2>&1"), 0);
}

}  // namespace

namespace {

std::string slurp_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// `validate escalation`: JSON with every coefficient and the two scores; the written file is a
// contract the engine reads back; bad windows and regions are located errors.
TEST(ValidateCli, EscalationJsonAndWrite) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  const auto dir = std::filesystem::temp_directory_path() / "concord_validate_escalation_cli";
  std::filesystem::create_directories(dir);
  const auto out = dir / "out.json";
  const auto file = dir / "escalation-test.toml";
  ASSERT_EQ(run("validate escalation --region world --train 1816-1999 --test 2000-2014 --format json --write " +
                file.string() + " > " + out.string() + " 2>/dev/null"),
            0);
  const auto j = nlohmann::json::parse(slurp_file(out));
  EXPECT_EQ(j["coefficients"].size(), concord::engine::kEscalationTermCount);  // intercept + all but the regional term
  ASSERT_EQ(j["scores"].size(), 2U);
  EXPECT_EQ(j["scores"][0]["model"], "base_rate");
  EXPECT_DOUBLE_EQ(j["scores"][0]["auc"].get<double>(), 0.5);  // a constant forecast does not discriminate
  const concord::engine::EscalationModel e = concord::engine::read_escalation(file);
  EXPECT_EQ(e.window, "1816-1999");
  EXPECT_NE(run("validate escalation --train 1999-1816 > /dev/null 2>&1"), 0);
  EXPECT_NE(run("validate escalation --region mars > /dev/null 2>&1"), 0);
}

// `validate calibration` exits 0 when every class passes, and `run --param escalation=bargaining`
// selects the documented alternative (a misspelt level is rejected).
TEST(ValidateCli, CalibrationAndBargainingAlternative) {
  if (!have_data()) GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  EXPECT_EQ(run("validate calibration --runs 1000 --format csv > /dev/null"), 0);
  const std::string scenario = (concord::project_dir() / "scenarios" / "asia-pacific-2015.toml").string();
  EXPECT_EQ(run("run " + scenario + " --order multiplex --runs 20 --years 10 --quiet --param escalation=bargaining > /dev/null"), 0);
  EXPECT_NE(run("run " + scenario + " --order multiplex --runs 20 --years 10 --quiet --param escalation=bargain > /dev/null 2>&1"), 0);
}

}  // namespace

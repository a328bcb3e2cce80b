// The validation tables in the results store, and the power-law fit of simulated war sizes read
// back from a store (Cederman 2003's question, Clauset, Shalizi & Newman 2009's estimator).
#include "concord/validate/validation_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "concord/common/error.hpp"
#include "concord/store/store.hpp"
#include "concord/validate/powerlaw.hpp"

namespace concord::validate {
namespace {

// One file per test (ctest runs tests in parallel processes; a shared name raced).
std::filesystem::path temp_file(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = info != nullptr ? std::string(info->test_suite_name()) + "." + info->name() + "." : "";
  const auto p = std::filesystem::temp_directory_path() / (test + name);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
  return p;
}

double uniform01(std::mt19937_64& gen) { return static_cast<double>(gen() >> 11) * 0x1.0p-53; }

// 2,000 wars with Pareto battle deaths (alpha 1.5, x_min 1,000: the COW threshold of a war),
// spread over 20 runs of one ensemble as `war` and `great_power_war` events, with MIDs (value 0)
// between them, two wars without a death count and three still ongoing at the horizon; a second
// ensemble holds other wars.
struct SyntheticStore {
  std::filesystem::path file;
  std::vector<double> deaths;  // in (run, seq) order
  std::int64_t ensemble = 0;
};

SyntheticStore make_store(double alpha, std::uint64_t seed) {
  SyntheticStore s;
  s.file = temp_file("concord_validation_store_powerlaw.sqlite");
  std::mt19937_64 gen(seed);
  store::ResultsStore rs(s.file);
  store::EnsembleInfo info;
  info.kind = "run";
  info.scenario_hash = "synthetic";
  info.seed = seed;
  info.planned_runs = 20;
  info.years = 100;
  s.ensemble = rs.create_ensemble(info);
  for (std::uint64_t run = 0; run < 20; ++run) {
    RunRecord rec;
    rec.key = RunKey{"synthetic", "multiplex", "{}", seed, run, run};
    rec.start_year = 2000;
    rec.years = 100;
    for (int w = 0; w < 100; ++w) {
      const double x = power_law_quantile(uniform01(gen), alpha, 1000.0, PowerLawKind::continuous);
      s.deaths.push_back(x);
      rec.events.push_back(EventRecord{2001 + w, "mid", "", {2}, {710}, "settled", 0.0, 2001 + w, "", 0, 0});
      rec.events.push_back(
          EventRecord{2001 + w, w % 10 == 0 ? "great_power_war" : "war", "", {2}, {710}, "victory_a", x, 2002 + w, "", 0, 0});
    }
    if (run < 2) rec.events.push_back(EventRecord{2050, "war", "", {2}, {710}, "victory_b", 0.0, 2051, "", 0, 0});
    if (run < 3) rec.events.push_back(EventRecord{2090, "war", "", {2}, {710}, "ongoing", 2.0e6, 2100, "", 0, 0});
    rs.write_run(s.ensemble, rec);
  }
  const std::int64_t other = rs.create_ensemble(info);
  RunRecord rec;
  rec.key = RunKey{"synthetic", "g2", "{}", seed, 0, 0};
  rec.start_year = 2000;
  rec.years = 100;
  rec.events.push_back(EventRecord{2010, "war", "", {2}, {710}, "victory_a", 5.0e6, 2012, "", 0, 0});
  rs.write_run(other, rec);
  return s;
}

TEST(SimulatedWars, ReadsEveryWarOfTheEnsembleInOrder) {
  const SyntheticStore s = make_store(1.5, 2003);
  const SimulatedWars w = read_simulated_wars(s.file, s.ensemble);
  EXPECT_EQ(w.battle_deaths, s.deaths);  // exact round trip, MIDs left out
  EXPECT_EQ(w.without_deaths, 2);
  EXPECT_EQ(w.ongoing, 3);  // cut short by the horizon: left out
  ASSERT_EQ(w.ensembles.size(), 1U);
  const SimulatedWars all = read_simulated_wars(s.file, std::nullopt);
  EXPECT_EQ(all.battle_deaths.size(), s.deaths.size() + 1);
  EXPECT_EQ(all.ensembles.size(), 2U);
  EXPECT_THROW((void)read_simulated_wars(s.file, 99), InputError);
  EXPECT_THROW((void)read_simulated_wars(temp_file("concord_no_such_store.sqlite"), std::nullopt), InputError);
  // one order's wars only (a compare ensemble holds every order's runs)
  const SimulatedWars g2 = read_simulated_wars(s.file, std::nullopt, std::string("g2"));
  ASSERT_EQ(g2.battle_deaths.size(), 1U);
  EXPECT_EQ(g2.battle_deaths[0], 5.0e6);
  EXPECT_THROW((void)read_simulated_wars(s.file, std::nullopt, std::string("no-such-order")), InputError);
}

// The same tolerance as the estimator's own test (issue 7: alpha within 0.05 on Pareto samples of
// 2,000), here through the store: write, read back, fit.
TEST(SimulatedWars, PowerLawFitRecoversAlphaThroughTheStore) {
  const SyntheticStore s = make_store(1.5, 2003);
  const SimulatedWars w = read_simulated_wars(s.file, s.ensemble);
  ASSERT_EQ(w.battle_deaths.size(), 2000U);
  const PowerLawFit fit = fit_power_law(w.battle_deaths);
  EXPECT_LT(std::fabs(fit.alpha - 1.5), 0.05) << fit.alpha;
  EXPECT_LT(std::fabs(fit.alpha - 1.5), 4.0 * fit.alpha_se);
  EXPECT_GE(fit.x_min, 1000.0);
}

TEST(SimulatedWars, RejectsAFileThatIsNotAConcordStore) {
  const auto file = temp_file("concord_not_a_store.sqlite");
  {
    SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE t (x INTEGER)");
  }
  EXPECT_THROW((void)read_simulated_wars(file, std::nullopt), InputError);
}

BacktestResult small_result() {
  BacktestResult r;
  r.options.region = "europe";
  r.options.start = 1890;
  r.options.years = 3;
  r.options.runs = 10;
  r.options.seed = 1;
  r.order = "balance-of-power";
  r.scenario_year = 1889;
  r.states = {200, 220, 255};
  r.great_powers = {200, 220, 255};
  r.hazards_file = "data/hazards-europe.toml";
  r.hazards_window = "1816-1889";
  r.hazards_before_start = true;
  for (int k = 0; k < 3; ++k) {
    BacktestYear y;
    y.year = 1890 + k;
    y.observed_mids = k;
    y.mids_mean = 1.5;
    y.mids_hi = 3;
    r.rows.push_back(y);
  }
  r.first_gp_war_counts = {1, 0, 2};
  r.gp_war_share_by_year = {0.1, 0.1, 0.3};
  r.dyads = {{200, 220, 0.0, 0.1}, {200, 255, 0.0, 0.2}, {220, 255, 1.0 / 3.0, 0.3}};
  r.mid_coverage = 1.0;
  r.dyad_spearman = std::nan("");
  return r;
}

TEST(BacktestStore, WritesOneRowPerYearAndDyadAndReplacesOnRerun) {
  const auto file = temp_file("concord_backtest_store.sqlite");
  const BacktestResult r = small_result();
  write_backtest_store(r, file);
  write_backtest_store(r, file);  // the same backtest again replaces its rows
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM backtest").getInt(), 1);
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM backtest_years").getInt(), 3);
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM backtest_dyads").getInt(), 3);
  EXPECT_EQ(db.execAndGet("SELECT SUM(first_gp_wars) FROM backtest_years").getInt(), 3);
  EXPECT_TRUE(db.execAndGet("SELECT dyad_spearman FROM backtest").isNull());  // NaN -> NULL
  EXPECT_EQ(db.execAndGet("SELECT hazards_window FROM backtest").getString(), "1816-1889");
  EXPECT_EQ(db.execAndGet("SELECT value FROM meta WHERE key = 'producer'").getString(), "concord");
}

}  // namespace
}  // namespace concord::validate

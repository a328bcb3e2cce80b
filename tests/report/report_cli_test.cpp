// End-to-end: `concord compare --out` then `concord report`, through the built binary. The
// Kaplan-Meier curves in the report are checked against the product-limit estimate computed
// here from the store's own great-power-war events; --figures writes an SVG and a PNG per
// chart (skipped, with a message, when no Chromium is installed).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "concord/report/assets.hpp"
#include "concord/report/report.hpp"
#include "concord/validate/backtest.hpp"
#include "concord/validate/validation_store.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

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

fs::path dir() {
  const auto d = fs::temp_directory_path() / ("concord_report_cli_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

json data_of(const fs::path& html) {
  std::ifstream in(html, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string open = "<script type=\"application/json\" id=\"concord-data\">";
  const auto a = text.find(open);
  const auto b = text.find("</script>", a);
  if (a == std::string::npos || b == std::string::npos) return nullptr;
  return json::parse(text.substr(a + open.size(), b - a - open.size()));
}

class ReportCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = dir() / "compare.sqlite";
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(store_.string() + s);
    const auto r = run(fmt("compare {}/scenarios/asia-pacific-2015.toml --orders multiplex,g2,pax-americana "
                           "--runs 60 --years 25 --seed 11 --threads 2 --quiet --yearly --events all --out {}",
                           CONCORD_SOURCE_DIR, store_.string()));
    ASSERT_EQ(r.status, 0) << r.out;
    // a small backtest in the same store, through the validation tables' own writer, so that the
    // report draws its heat map and yearly chart (values made up here: only the drawing is tested)
    concord::validate::BacktestResult b;
    b.options.start = 1995;
    b.options.years = 3;
    b.order = "multiplex";
    b.scenario_year = 1994;
    b.states = {2, 710, 740};
    for (int y = 0; y < 3; ++y) b.rows.push_back({1995 + y, 2.0 + y, 0, 3.0, 1.0, 6.0, 0.1, 0.0, 1.0});
    b.dyads = {{2, 710, 0.30, 0.25}, {2, 740, 0.05, 0.10}, {710, 740, 0.40, 0.35}};
    b.first_gp_war_counts = {0, 0, 0};
    b.gp_war_share_by_year = {0, 0, 0};
    concord::validate::write_backtest_store(b, store_);
    // the tables and statistics later issues add (mechanism decomposition, probability of
    // superiority), in the shapes docs/report.md reads by column name
    SQLite::Database db(store_.string(), SQLite::OPEN_READWRITE);
    db.exec("CREATE TABLE decomposition (ensemble_id INTEGER, order_name TEXT, mechanism TEXT, share REAL, lo REAL, hi REAL, basis TEXT)");
    db.exec("INSERT INTO decomposition VALUES (1, 'g2', 'crisis management', 0.6, 0.4, 0.8, 'sourced'), (1, 'g2', 'restraint', 0.4, 0.1, 0.6, 'assumption')");
    db.exec("INSERT INTO statistics (ensemble_id, grp, metric, statistic, at, estimate, lo, hi, n) VALUES "
            "(1, 'g2 - multiplex', 'gp_war', 'probability_of_superiority', 0, 0.7, NULL, NULL, 60)");
  }
  static void TearDownTestSuite() { fs::remove_all(dir()); }
  static std::string fmt(const char* f, const std::string& a, const std::string& b) {
    std::string s = f;
    s.replace(s.find("{}"), 2, a);
    s.replace(s.find("{}"), 2, b);
    return s;
  }
  static fs::path store_;
};
fs::path ReportCli::store_;

TEST_F(ReportCli, KaplanMeierCurvesMatchTheStoresEvents) {
  if (!concord::report::frontend_built()) GTEST_SKIP() << "built without the front end (no node/npm)";
  const auto html = dir() / "report.html";
  const auto r = run("report " + store_.string() + " -o " + html.string());
  ASSERT_EQ(r.status, 0) << r.out;
  const json data = data_of(html);
  ASSERT_TRUE(data.is_object());
  EXPECT_EQ(data["orders"], json({"multiplex", "g2", "pax-americana"}));
  EXPECT_EQ(data["ensemble"]["status"], "complete");
  EXPECT_NE(data["ensemble"]["spec"]["command"].get<std::string>().find("--orders multiplex,g2,pax-americana"), std::string::npos);
  EXPECT_FALSE(data["ensemble"]["spec"]["commit"].get<std::string>().empty());
  // the product-limit estimate from the events: first great-power war of each run, censored at
  // the horizon (25 years) when there is none
  SQLite::Database db(store_.string(), SQLite::OPEN_READONLY);
  std::map<std::string, std::map<int, int>> first;  // order -> run -> t
  std::map<std::string, int> runs;
  SQLite::Statement q(db, "SELECT r.order_name, r.run_id, r.start_year, MIN(CASE WHEN e.kind = 'great_power_war' THEN e.year END) "
                          "FROM runs r LEFT JOIN events e ON e.ensemble_id = r.ensemble_id AND e.run_id = r.run_id "
                          "GROUP BY r.run_id");
  while (q.executeStep()) {
    const std::string order = q.getColumn(0).getString();
    ++runs[order];
    if (!q.getColumn(3).isNull()) first[order][q.getColumn(1).getInt()] = q.getColumn(3).getInt() - q.getColumn(2).getInt();
  }
  int checked = 0;
  for (const auto& [order, n] : runs) {
    std::map<int, double> expected;
    double s = 1.0;
    int at_risk = n;
    for (int t = 1; t <= 25; ++t) {
      int d = 0;
      for (const auto& [run, tt] : first[order]) d += tt == t;
      s *= 1.0 - static_cast<double>(d) / at_risk;
      at_risk -= d;
      expected[t] = s;
    }
    for (const auto& row : data["statistics"]) {
      if (row["statistic"] != "survival" || row["grp"] != order) continue;
      const int t = static_cast<int>(row["at"].get<double>());
      EXPECT_NEAR(row["estimate"].get<double>(), expected.at(t), 1e-12) << order << " t=" << t;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 3 * 25);
  // fans from the yearly rows, timelines from the events
  EXPECT_NE(std::find(data["fan_metrics"].begin(), data["fan_metrics"].end(), "mids"), data["fan_metrics"].end());
  EXPECT_FALSE(data["timelines"].empty());
  ASSERT_TRUE(data["tables"].contains("backtest_dyads"));
  EXPECT_EQ(data["tables"]["backtest_dyads"].size(), 3U);
  EXPECT_EQ(data["states"]["710"]["stateabb"], "CHN");
}

TEST_F(ReportCli, FiguresAreWrittenAsSvgAndPng) {
  if (!concord::report::frontend_built()) GTEST_SKIP() << "built without the front end (no node/npm)";
  if (concord::report::find_chromium().empty()) GTEST_SKIP() << "no Chromium installed: --figures needs a headless browser (scripts/install-deps.sh installs it)";
  const auto figs = dir() / "figures";
  fs::remove_all(figs);
  const auto r = run("report " + store_.string() + " -o " + (dir() / "r2.html").string() + " --figures " + figs.string());
  ASSERT_EQ(r.status, 0) << r.out;
  std::set<std::string> svg, png;
  for (const auto& e : fs::directory_iterator(figs)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::string head(8, '\0');
    in.read(head.data(), 8);
    if (e.path().extension() == ".svg") {
      EXPECT_EQ(head.substr(0, 4), "<svg") << e.path();
      svg.insert(e.path().stem().string());
    } else if (e.path().extension() == ".png") {
      EXPECT_EQ(head.substr(1, 3), "PNG") << e.path();
      png.insert(e.path().stem().string());
    }
  }
  EXPECT_EQ(svg, png);
  for (const char* chart : {"gp_war", "survival", "forest", "decomposition", "fan_mids", "timeline", "institutions", "backtest_dyads", "backtest_years"}) {
    EXPECT_TRUE(svg.count(chart)) << chart;
  }
}

TEST(ReportCliErrors, MissingStoreIsAnErrorNamingIt) {
  const auto r = run("report " + (dir() / "nope.sqlite").string() + " -o " + (dir() / "x.html").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("nope.sqlite"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir() / "x.html"));
  fs::remove_all(dir());
}

}  // namespace

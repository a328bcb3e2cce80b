// The report's data, read from a store built here with known values: percentiles of the fan
// charts against their closed form (Hyndman & Fan type 7), statistics and optional tables
// passed through by column name (so later tables slot in), graceful absence, errors, and the
// HTML's inlining that no data can break out of.
#include "concord/report/report.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "concord/common/error.hpp"
#include "concord/report/assets.hpp"
#include "concord/store/store.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path fresh(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("concord_report_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto p = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

// Two orders x 5 replicates x 3 years. Yearly "mids" of order A in the first year is
// replicate + 1 (1..5); "con" is 0.5. Order B's replicate 2 has a great-power war in year 2.
fs::path make_store(const std::string& name, bool yearly, bool complete) {
  const auto path = fresh(name);
  concord::store::StoreOptions so;
  so.yearly = yearly;
  concord::store::ResultsStore db(path, so);
  concord::store::EnsembleInfo info;
  info.kind = "compare";
  info.scenario_hash = "h";
  info.seed = 3;
  info.planned_runs = 10;
  info.years = 3;
  info.plan_digest = "d";
  info.spec_json = json{{"orders", {"A", "B"}}, {"runs", 5}, {"years", 3}, {"seed", 3},
                        {"baseline", "A"}, {"command", "concord compare x --out y"}}
                       .dump();
  const auto id = db.create_ensemble(info);
  for (std::uint64_t r = 0; r < 5; ++r) {
    for (int o = 0; o < 2; ++o) {
      concord::RunRecord rec;
      rec.key = {"h", o == 0 ? "A" : "B", "{}", 3, r * 2 + static_cast<std::uint64_t>(o), r};
      rec.start_year = 2000;
      rec.years = 3;
      rec.yearly_names = {"mids", "con", "gdp_total"};
      for (int t = 0; t < 3; ++t) {
        rec.yearly.push_back(t == 0 && o == 0 ? static_cast<double>(r + 1) : 10.0 * o + t);
        rec.yearly.push_back(0.5);
        rec.yearly.push_back(1.0);
      }
      rec.summary_names = {"gp_war"};
      rec.summary = {o == 1 && r == 2 ? 1.0 : 0.0};
      if (o == 1 && r == 2) {
        rec.events.push_back({2002, "great_power_war", "Taiwan Strait", {710}, {2}, "ongoing", 1000, 2003, "direct", 710, 2});
      }
      rec.events.push_back({2001, "mid", "South China Sea", {710}, {840}, "settled", 0, 2001, "", 0, 0});
      db.write_run(id, rec);
    }
  }
  db.write_statistics(id, {{"A", "gp_war", "proportion", 0, 0.0, 0.0, 0.43, 5},
                           {"B", "gp_war", "proportion", 0, 0.2, 0.036, 0.62, 5},
                           {"B - A", "gp_war", "paired_difference", 0, 0.2, -0.35, 0.75, 5},
                           {"B - A", "gp_war", "probability_of_superiority", 0, 0.8, NAN, NAN, 5},
                           {"B", "great_power_war", "survival", 2, 0.8, 0.45, 1.0, 5}});
  if (complete) db.set_status(id, concord::store::EnsembleStatus::complete);
  // a table a later version writes (issue 12's decomposition), read by column name
  db.database().exec("CREATE TABLE decomposition (ensemble_id INTEGER, order_name TEXT, mechanism TEXT, share REAL)");
  db.database().exec("INSERT INTO decomposition VALUES (1, 'B', 'restraint', 0.6), (1, 'B', 'trust', 0.4), (2, 'B', 'other ensemble', 1.0)");
  return path;
}

TEST(ReportCollect, FanPercentilesFollowTheTypeSevenDefinition) {
  const auto store = make_store("fans.sqlite", true, true);
  const auto data = concord::report::collect(store);
  ASSERT_EQ(data["fan_metrics"], json({"mids", "con"}));  // gdp_total is not a fan metric
  const json* first = nullptr;
  for (const auto& r : data["fans"]) {
    if (r["metric"] == "mids" && r["order"] == "A" && r["year"] == 2001) first = &r;
  }
  ASSERT_NE(first, nullptr);
  // values 1..5: Q(p) = 1 + 4p (type 7: x[floor(h)] + frac(h) * (x[floor(h)+1] - x[floor(h)]), h = (n-1)p)
  EXPECT_DOUBLE_EQ((*first)["q05"].get<double>(), 1.2);
  EXPECT_DOUBLE_EQ((*first)["q25"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ((*first)["q50"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ((*first)["q75"].get<double>(), 4.0);
  EXPECT_DOUBLE_EQ((*first)["q95"].get<double>(), 4.8);
  EXPECT_EQ((*first)["n"], 5);
  // 2 orders x 3 years per metric
  EXPECT_EQ(data["fans"].size(), 12U);
}

TEST(ReportCollect, StatisticsAndLaterTablesPassThroughByName) {
  const auto store = make_store("stats.sqlite", true, true);
  const auto data = concord::report::collect(store);
  EXPECT_EQ(data["orders"], json({"A", "B"}));
  EXPECT_EQ(data["baseline"], "A");
  bool superiority = false;
  for (const auto& r : data["statistics"]) {
    if (r["statistic"] == "probability_of_superiority") {
      superiority = true;
      EXPECT_EQ(r["grp"], "B - A");
      EXPECT_TRUE(r["lo"].is_null());  // NaN stored as NULL, read as null
    }
  }
  EXPECT_TRUE(superiority);
  ASSERT_TRUE(data["tables"].contains("decomposition"));
  EXPECT_EQ(data["tables"]["decomposition"].size(), 2U);  // the other ensemble's row is left out
  // timelines: the first run with a great-power war (run 5: order B, replicate 2) comes first
  ASSERT_FALSE(data["timelines"].empty());
  EXPECT_EQ(data["timelines"][0]["run_id"], 5);
  EXPECT_EQ(data["timelines"][0]["order"], "B");
  EXPECT_EQ(data["timelines"][0]["events"][1]["side_a"], json({710}));
  EXPECT_TRUE(data["notes"].empty()) << data["notes"].dump();
}

TEST(ReportCollect, DegradesWithANoteWhenTablesAreAbsent) {
  const auto store = make_store("partial.sqlite", false, false);
  const auto data = concord::report::collect(store);
  EXPECT_TRUE(data["fans"].empty());
  std::string notes;
  for (const auto& n : data["notes"]) notes += n.get<std::string>() + "\n";
  EXPECT_NE(notes.find("--yearly"), std::string::npos) << notes;
  EXPECT_NE(notes.find("running"), std::string::npos) << notes;
  EXPECT_NE(notes.find("--resume"), std::string::npos) << notes;
}

TEST(ReportCollect, ErrorsNameTheStore) {
  EXPECT_THROW((void)concord::report::collect(fresh("missing.sqlite")), concord::InputError);
  const auto not_store = fresh("plain.sqlite");
  {
    SQLite::Database db(not_store.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE t (x)");
  }
  try {
    (void)concord::report::collect(not_store);
    FAIL() << "expected an InputError";
  } catch (const concord::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("plain.sqlite"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("not a concord results store"), std::string::npos);
  }
  const auto store = make_store("ens.sqlite", true, true);
  concord::report::CollectOptions o;
  o.ensemble = 9;
  EXPECT_THROW((void)concord::report::collect(store, o), concord::InputError);
}

class CleanUp : public ::testing::Environment {
 public:
  void TearDown() override {
    fs::remove_all(fs::temp_directory_path() / ("concord_report_test_" + std::to_string(::getpid())));
  }
};
const auto* const clean_up = ::testing::AddGlobalTestEnvironment(new CleanUp);

TEST(ReportHtml, DataCannotCloseTheScriptElement) {
  json data = {{"format", "concord-report/1"},
               {"ensemble", nullptr},
               {"store", "x</script><script>alert(1)</script><!-- </SCRIPT "},
               {"notes", json::array()}};
  if (!concord::report::frontend_built()) {
    EXPECT_THROW((void)concord::report::render_html(data), std::runtime_error);
    GTEST_SKIP() << "built without the front end: no report script to inline";
  }
  const std::string html = concord::report::render_html(data);
  // exactly the two script elements close, whatever the data and the bundle hold
  std::size_t closes = 0;
  std::string lower = html;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t p = lower.find("</script"); p != std::string::npos; p = lower.find("</script", p + 1)) ++closes;
  EXPECT_EQ(closes, 2U);
  EXPECT_EQ(html.find("<!--"), std::string::npos);
  const std::string open = "<script type=\"application/json\" id=\"concord-data\">";
  const auto a = html.find(open);
  ASSERT_NE(a, std::string::npos);
  const auto b = html.find("</script>", a);
  EXPECT_EQ(json::parse(html.substr(a + open.size(), b - a - open.size())), data);
}

}  // namespace

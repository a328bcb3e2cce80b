// End-to-end tests of `concord run` and `concord compare` on the test fixture scenario
// (tests/engine/data/mini-asia.toml, hand-written round numbers) with the shipped order presets.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

const std::string kScenario = std::string(CONCORD_SOURCE_DIR) + "/tests/engine/data/mini-asia.toml";

struct Result {
  int status;
  std::string out;
};

Result run(const std::string& args) {
  const std::string cmd = std::string(CONCORD_BINARY) + " " + args + " 2>&1";
  std::array<char, 4096> buf{};
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) out += buf.data();
  const int rc = pclose(pipe);
  return {WEXITSTATUS(rc), out};
}

// Every row of every results table, in a fixed order, as text.
std::string dump(const std::filesystem::path& db_path) {
  SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
  std::string out;
  SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (tables.executeStep()) {
    const std::string t = tables.getColumn(0).getString();
    if (t.rfind("sqlite_", 0) == 0) continue;
    SQLite::Statement rows(db, "SELECT * FROM \"" + t + "\"");
    std::vector<std::string> lines;
    while (rows.executeStep()) {
      std::string line;
      for (int c = 0; c < rows.getColumnCount(); ++c) line += rows.getColumn(c).getString() + "|";
      lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    out += "[" + t + "]\n";
    for (const auto& l : lines) out += l + "\n";
  }
  return out;
}

TEST(RunCommand, SameSeedGivesIdenticalRowsOnOneAndTwoThreads) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto one = dir / "concord_engine_t1.sqlite";
  const auto two = dir / "concord_engine_t2.sqlite";
  std::filesystem::remove(one);
  std::filesystem::remove(two);
  const std::string common = "compare " + kScenario + " --orders multiplex,concert --runs 12 --years 15 --seed 9 --events all --yearly";
  const auto r1 = run(common + " --threads 1 --out " + one.string());
  ASSERT_EQ(r1.status, 0) << r1.out;
  const auto r2 = run(common + " --threads 2 --out " + two.string());
  ASSERT_EQ(r2.status, 0) << r2.out;
  const std::string d1 = dump(one);
  EXPECT_GT(d1.size(), 1000U);
  const auto yearly = d1.find("[yearly]\n");
  ASSERT_NE(yearly, std::string::npos);
  EXPECT_GT(d1.size(), yearly + 100) << "--yearly stores yearly rows";
  EXPECT_EQ(d1, dump(two));
}

// Rows of one table of a results store, sorted, as text.
std::string table_rows(const std::filesystem::path& db_path, const std::string& table) {
  SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement rows(db, "SELECT * FROM \"" + table + "\"");
  std::vector<std::string> lines;
  while (rows.executeStep()) {
    std::string line;
    for (int c = 0; c < rows.getColumnCount(); ++c) line += rows.getColumn(c).getString() + "|";
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// The ranked table of a compare/run report: the lines after the header line with the timing.
std::string report_table(const std::string& out) {
  const auto begin = out.find("hazards:");
  const auto end = out.find("\nresults:");
  if (begin == std::string::npos || end == std::string::npos) return "";
  return out.substr(begin, end - begin);
}

TEST(RunCommand, CompareResumedAfterInterruptionEqualsUninterrupted) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto whole = dir / "concord_engine_whole.sqlite";
  const auto parts = dir / "concord_engine_parts.sqlite";
  std::filesystem::remove(whole);
  std::filesystem::remove(parts);
  const std::string common =
      "compare " + kScenario + " --orders multiplex,concert,balance-of-power --runs 10 --years 15 --seed 5 --quiet "
      "--columns gp_war,gp_war_minus_multiplex,wars_per_decade";
  const auto full = run(common + " --threads 2 --out " + whole.string());
  ASSERT_EQ(full.status, 0) << full.out;
  // interrupted after 7 of 30 runs (exit 3: stopped on --max-runs, resumable), then resumed twice
  const auto first = run(common + " --threads 2 --max-runs 7 --out " + parts.string());
  ASSERT_EQ(first.status, 3) << first.out;
  EXPECT_NE(first.out.find("--resume"), std::string::npos) << first.out;
  EXPECT_EQ(table_rows(parts, "statistics"), "") << "no statistics before the ensemble is complete";
  const auto second = run(common + " --threads 1 --max-runs 11 --resume --out " + parts.string());
  ASSERT_EQ(second.status, 3) << second.out;
  const auto last = run(common + " --threads 2 --resume --out " + parts.string());
  ASSERT_EQ(last.status, 0) << last.out;
  const std::string stats = table_rows(whole, "statistics");
  EXPECT_GT(stats.size(), 500U);
  EXPECT_EQ(stats, table_rows(parts, "statistics"));
  EXPECT_EQ(table_rows(whole, "summaries"), table_rows(parts, "summaries"));
  EXPECT_EQ(table_rows(whole, "events"), table_rows(parts, "events"));
  const std::string table = report_table(full.out);
  EXPECT_NE(table.find("(baseline)"), std::string::npos) << full.out;
  EXPECT_EQ(table, report_table(last.out));
}

TEST(RunCommand, ResumeWithoutAStoreIsAnError) {
  const auto r = run("compare " + kScenario + " --orders multiplex --runs 2 --years 2 --resume");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("--out"), std::string::npos) << r.out;
}

TEST(RunCommand, MaxRunsWithoutAStoreStopsWithStatus3) {
  const auto r = run("run " + kScenario + " --order multiplex --runs 6 --years 3 --max-runs 2 --quiet");
  EXPECT_EQ(r.status, 3) << r.out;
  EXPECT_EQ(r.out.find("P(GP war)"), std::string::npos) << "no table for an unfinished ensemble";
}

// docs/orders.md: `concord run` prints the order's rules (describe()) above its table.
TEST(RunCommand, RunTablePrintsTheOrdersRules) {
  const auto r = run("run " + kScenario + " --order consociational --runs 2 --years 2 --quiet");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("minority"), std::string::npos) << r.out;
  EXPECT_LT(r.out.find("minority"), r.out.find("P(GP war)")) << r.out;
}

TEST(RunCommand, RunPrintsEveryFormat) {
  for (const char* f : {"table", "csv", "json"}) {
    const auto r = run("run " + kScenario + " --order consociational --runs 4 --years 5 --format " + f);
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("consociational"), std::string::npos) << r.out;
  }
}

// STYLE: no probability printed as 0. Two one-year runs have no great-power war: P(GP war) and
// its direct / joining split print the bound (the Wilson upper end), never "0.000".
TEST(RunCommand, ZeroProbabilityIsPrintedAsABound) {
  const auto r = run("compare " + kScenario + " --orders security-community,concert --runs 2 --years 1 --quiet "
                     "--columns gp_war,gp_war_direct,gp_war_joining");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.find("0.000"), std::string::npos) << r.out;
  // two orders x three probability columns, each the Wilson bound of 0 in 2 runs
  std::size_t bounds = 0;
  for (std::size_t at = r.out.find("< 0.658"); at != std::string::npos; at = r.out.find("< 0.658", at + 1)) ++bounds;
  EXPECT_EQ(bounds, 6U) << r.out;
}

// `--orders` with its value forgotten: CLI11 hands over the next option as the value.
TEST(RunCommand, AnOptionGivenAsOrderNameIsAnError) {
  const auto r = run("compare " + kScenario + " --orders --quiet --runs 2 --years 2");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("--orders"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("got the option '--quiet'"), std::string::npos) << r.out;
}

TEST(RunCommand, UnknownParameterIsALocatedError) {
  const auto r = run("run " + kScenario + " --order multiplex --runs 2 --years 2 --param war_cots=0.2");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("--param"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unknown engine parameter 'war_cots'"), std::string::npos) << r.out;
}

TEST(RunCommand, BrokenOrderFileGivesLocatedErrors) {
  const auto file = std::filesystem::temp_directory_path() / "concord_broken_order.toml";
  std::ofstream(file) << "name = \"broken\"\n[alignment]\nrule = \"sideways\"\n";
  const auto r = run("run " + kScenario + " --order " + file.string() + " --runs 2 --years 2");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("concord_broken_order.toml:3"), std::string::npos) << r.out;
}

}  // namespace

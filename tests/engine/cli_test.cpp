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
  const std::string common = "compare " + kScenario + " --orders multiplex,concert --runs 12 --years 15 --seed 9 --events all";
  const auto r1 = run(common + " --threads 1 --out " + one.string());
  ASSERT_EQ(r1.status, 0) << r1.out;
  const auto r2 = run(common + " --threads 2 --out " + two.string());
  ASSERT_EQ(r2.status, 0) << r2.out;
  const std::string d1 = dump(one);
  EXPECT_GT(d1.size(), 1000U);
  EXPECT_EQ(d1, dump(two));
}

TEST(RunCommand, RunPrintsEveryFormat) {
  for (const char* f : {"table", "csv", "json"}) {
    const auto r = run("run " + kScenario + " --order consociational --runs 4 --years 5 --format " + f);
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("consociational"), std::string::npos) << r.out;
  }
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

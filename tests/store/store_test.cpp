// The results store: round trip of a run, one transaction per run, survival of a SIGKILL.
#include "concord/store/store.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cmath>
#include <filesystem>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "concord/common/error.hpp"

namespace concord::store {
namespace {

namespace fs = std::filesystem;

fs::path temp_store(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "concord_store_test";
  fs::create_directories(dir);
  const auto p = dir / (name + ".sqlite");
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

RunRecord sample_run(std::uint64_t run_id) {
  RunRecord r;
  r.key = {"abc123", "concert", R"({"restraint":0.5})", 18446744073709551557ULL, run_id, 3};
  r.start_year = 2015;
  r.years = 2;
  r.yearly_names = {"trust", "disputes"};  // deliberately not in alphabetical order
  r.yearly = {0.5, 1.0, 0.25, std::nan("")};
  r.summary_names = {"war", "gdp_growth"};
  r.summary = {1.0, 0.031};
  r.events = {{2016, "war", "Taiwan Strait", {710}, {2, 713}, "victory_a", 1234.0, 0, "", 710, 2},
              {2016, "veto", "ASEAN Regional Forum", {}, {}, "blocked", std::nan(""), 0, "", 0, 0}};
  return r;
}

TEST(ResultsStore, RunRoundTripsExactly) {
  const auto path = temp_store("roundtrip");
  ResultsStore db(path);
  const auto id = db.create_ensemble({"run", "abc123", 1, 1, 2, "digest", "{}"});
  EXPECT_EQ(id, 1);
  db.write_run(id, sample_run(0));
  const auto back = db.read_run(id, 0);
  const auto orig = sample_run(0);
  EXPECT_EQ(back.key.seed, orig.key.seed);  // above 2^63: stored by bit pattern
  EXPECT_EQ(back.key.replicate, 3U);
  EXPECT_EQ(back.key.params_json, orig.key.params_json);
  EXPECT_EQ(back.yearly_names, orig.yearly_names);
  ASSERT_EQ(back.yearly.size(), 4U);
  EXPECT_EQ(back.yearly[0], 0.5);
  EXPECT_EQ(back.yearly[2], 0.25);
  EXPECT_TRUE(std::isnan(back.yearly[3]));  // NaN stored as NULL
  EXPECT_EQ(back.summary_names, orig.summary_names);
  EXPECT_EQ(back.summary, orig.summary);
  ASSERT_EQ(back.events.size(), 2U);
  EXPECT_EQ(back.events[0].side_b, (std::vector<int>{2, 713}));
  EXPECT_EQ(back.events[0].subject, "Taiwan Strait");
  EXPECT_EQ(back.events[1].outcome, "blocked");
  EXPECT_EQ(back.events[0].opening_a, 710);  // a war's opening dyad (schema 4)
  EXPECT_EQ(back.events[0].opening_b, 2);
  EXPECT_EQ(back.events[1].opening_a, 0);
  EXPECT_THROW(db.write_run(id, sample_run(0)), SQLite::Exception);  // run ids are unique
  EXPECT_THROW((void)db.read_run(id, 9), std::out_of_range);
}

TEST(ResultsStore, FailedRunLeavesNoPartialRows) {
  const auto path = temp_store("atomic");
  ResultsStore db(path);
  const auto id = db.create_ensemble({"run", "h", 1, 2, 2, "d", "{}"});
  db.write_run(id, sample_run(0));
  // Run 1 names a summary twice: the summaries primary key fails after its runs row and its
  // yearly rows were inserted; the transaction must roll all of them back.
  auto bad = sample_run(1);
  bad.summary_names = {"war", "war"};
  EXPECT_THROW(db.write_run(id, bad), SQLite::Exception);
  SQLite::Statement count(db.database(), "SELECT COUNT(*) FROM yearly");
  ASSERT_TRUE(count.executeStep());
  EXPECT_EQ(count.getColumn(0).getInt(), 4);  // only run 0's 2 years x 2 metrics
  EXPECT_EQ(db.committed_run_ids(id), (std::vector<std::uint64_t>{0}));
}

TEST(ResultsStore, RejectsForeignSchemaVersion) {
  const auto path = temp_store("version");
  {
    ResultsStore db(path);
    db.database().exec("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
  }
  EXPECT_THROW(ResultsStore{path}, InputError);
}

// A process killed with SIGKILL in the middle of a run's transaction leaves every run it had
// committed readable, and no row of the unfinished run.
TEST(ResultsStore, SigkillLosesOnlyTheRunInFlight) {
  const auto path = temp_store("killed");
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    ResultsStore db(path);
    const auto id = db.create_ensemble({"run", "h", 1, 10, 2, "d", "{}"});
    for (std::uint64_t i = 0; i < 5; ++i) db.write_run(id, sample_run(i));
    db.database().exec("BEGIN");
    db.database().exec(
        "INSERT INTO runs VALUES (1, 5, 'h', 'o', '{}', 1, 0, 2015, 2, '[]')");
    raise(SIGKILL);
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(WTERMSIG(status), SIGKILL);
  ResultsStore db(path);
  EXPECT_EQ(db.committed_run_ids(1), (std::vector<std::uint64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(db.read_run(1, 4).events.size(), 2U);
}

TEST(ResultsStore, StatusIsRunningUntilSet) {
  const auto path = temp_store("status");
  ResultsStore db(path);
  const auto id = db.create_ensemble({"run", "h", 1, 2, 2, "d", "{}"});
  EXPECT_EQ(db.ensemble(id).status, EnsembleStatus::running);
  db.set_status(id, EnsembleStatus::interrupted);
  EXPECT_EQ(db.ensemble(id).status, EnsembleStatus::interrupted);
  db.set_status(id, EnsembleStatus::complete);
  EXPECT_EQ(db.ensemble(id).status, EnsembleStatus::complete);
  EXPECT_THROW(db.set_status(id + 1, EnsembleStatus::complete), std::out_of_range);
  // the column accepts only the three words
  EXPECT_THROW(db.database().exec("UPDATE ensembles SET status = 'done'"), SQLite::Exception);
  EXPECT_EQ(parse_status("complete"), EnsembleStatus::complete);
  EXPECT_THROW((void)parse_status("finished"), std::invalid_argument);
}

// A store written by schema version 2 (no status column) is upgraded when opened: an ensemble
// with all its planned runs is complete, one with fewer is interrupted.
TEST(ResultsStore, Version2StoreGetsStatusFromRunCounts) {
  const auto path = temp_store("v2");
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('schema_version', '2'), ('producer', 'concord');"
        "CREATE TABLE ensembles (ensemble_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
        "scenario_hash TEXT NOT NULL, seed INTEGER NOT NULL, planned_runs INTEGER NOT NULL, "
        "years INTEGER NOT NULL, plan_digest TEXT NOT NULL, spec_json TEXT NOT NULL);"
        "CREATE TABLE runs (ensemble_id INTEGER NOT NULL, run_id INTEGER NOT NULL, "
        "scenario_hash TEXT NOT NULL, order_name TEXT NOT NULL, params_json TEXT NOT NULL, "
        "seed INTEGER NOT NULL, replicate INTEGER NOT NULL, start_year INTEGER NOT NULL, "
        "years INTEGER NOT NULL, yearly_metrics TEXT NOT NULL, "
        "PRIMARY KEY (ensemble_id, run_id)) WITHOUT ROWID;"
        "INSERT INTO ensembles VALUES (1, 'run', 'h', 1, 2, 35, 'a', '{}'), "
        "(2, 'run', 'h', 1, 3, 35, 'b', '{}');"
        "INSERT INTO runs VALUES (1, 0, 'h', 'o', '{}', 1, 0, 2015, 35, '[]'), "
        "(1, 1, 'h', 'o', '{}', 1, 1, 2015, 35, '[]'), "
        "(2, 0, 'h', 'o', '{}', 1, 0, 2015, 35, '[]');");
  }
  ResultsStore db(path);
  EXPECT_EQ(db.ensemble(1).status, EnsembleStatus::complete);
  EXPECT_EQ(db.ensemble(2).status, EnsembleStatus::interrupted);
  EXPECT_EQ(db.committed_count(2), 1U);
  SQLite::Statement v(db.database(), "SELECT value FROM meta WHERE key = 'schema_version'");
  ASSERT_TRUE(v.executeStep());
  EXPECT_EQ(v.getColumn(0).getString(), std::to_string(kSchemaVersion));
}

}  // namespace
// A store in a directory that does not exist: a located error naming the path (SQLite alone said
// only "unable to open database file").
TEST(ResultsStore, MissingDirectoryIsALocatedErrorNamingThePath) {
  const std::filesystem::path p = "/nonexistent-concord-dir/sub/x.sqlite";
  try {
    ResultsStore db(p);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(p.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("does not exist"), std::string::npos) << msg;
  }
}

// A store written by schema version 3 (events without how a great-power war began) is upgraded
// when opened: its events keep every field and read back with an empty `began` and no opening dyad.
TEST(ResultsStore, Version3StoreGetsEmptyWarOnsetColumns) {
  const auto path = temp_store("v3");
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('schema_version', '3'), ('producer', 'concord');"
        "CREATE TABLE events (ensemble_id INTEGER NOT NULL, run_id INTEGER NOT NULL, seq INTEGER NOT NULL, "
        "year INTEGER NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, side_a TEXT NOT NULL, side_b TEXT NOT "
        "NULL, outcome TEXT NOT NULL, value REAL, end_year INTEGER NOT NULL, PRIMARY KEY (ensemble_id, run_id, "
        "seq)) WITHOUT ROWID;"
        "INSERT INTO events VALUES (1, 0, 0, 2020, 'great_power_war', 'x', '[2]', '[710]', 'ongoing', 5.0, 2030);");
  }
  ResultsStore db(path);
  SQLite::Statement v(db.database(), "SELECT value FROM meta WHERE key = 'schema_version'");
  ASSERT_TRUE(v.executeStep());
  EXPECT_EQ(v.getColumn(0).getString(), std::to_string(kSchemaVersion));
  SQLite::Statement e(db.database(), "SELECT kind, end_year, began, opening_a, opening_b FROM events");
  ASSERT_TRUE(e.executeStep());
  EXPECT_EQ(e.getColumn(0).getString(), "great_power_war");
  EXPECT_EQ(e.getColumn(1).getInt(), 2030);
  EXPECT_EQ(e.getColumn(2).getString(), "");
  EXPECT_EQ(e.getColumn(3).getInt(), 0);
  EXPECT_EQ(e.getColumn(4).getInt(), 0);
}

}  // namespace concord::store

// Reproducibility metadata of the results store (schema version 4): every ensemble records the
// concord version and git commit that created it and the digests of its inputs; older stores
// are upgraded in place.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "concord/common/build_info.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/store/store.hpp"

namespace concord::store {
namespace {

namespace fs = std::filesystem;

fs::path temp_store(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "concord_provenance_test";
  fs::create_directories(dir);
  const auto p = dir / (name + ".sqlite");
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

TEST(StoreProvenance, VersionCommitAndInputsRoundTrip) {
  const auto path = temp_store("roundtrip");
  ensemble::Plan plan = ensemble::crossed_plan("abc", {"multiplex"}, {"{}"}, 7, 2);
  EnsembleInfo info = ensemble::describe(plan, "run", 10, "{}");
  EXPECT_EQ(info.concord_version, concord_version());
  EXPECT_EQ(info.concord_commit, concord_commit());
  info.inputs = {{"scenario", "s", "s.toml", "0123456789abcdef"},
                 {"order", "multiplex", "orders/multiplex.toml", "fedcba9876543210"}};
  {
    ResultsStore db(path);
    const auto id = db.create_ensemble(info);
    const auto back = db.ensemble(id);
    EXPECT_EQ(back.concord_version, concord_version());
    EXPECT_EQ(back.concord_commit, concord_commit());
    EXPECT_EQ(back.inputs, info.inputs);
  }
  SQLite::Database raw(path.string());
  SQLite::Statement q(raw, "SELECT role, digest FROM inputs WHERE ensemble_id = 1 ORDER BY seq");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "scenario");
  EXPECT_EQ(q.getColumn(1).getString(), "0123456789abcdef");
}

// A version-3 store (status, but no version, commit or inputs) is upgraded to 4: its ensembles
// say "unknown" for what made them, its runs stay, and new ensembles record their inputs.
TEST(StoreProvenance, Version3StoreIsUpgradedWithUnknownMaker) {
  const auto path = temp_store("v3");
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('schema_version', '3'), ('producer', 'concord');"
        "CREATE TABLE ensembles (ensemble_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
        "scenario_hash TEXT NOT NULL, seed INTEGER NOT NULL, planned_runs INTEGER NOT NULL, "
        "years INTEGER NOT NULL, plan_digest TEXT NOT NULL, spec_json TEXT NOT NULL, "
        "status TEXT NOT NULL DEFAULT 'running' "
        "CHECK (status IN ('running', 'interrupted', 'complete')));"
        "INSERT INTO ensembles VALUES (1, 'compare', 'h', 1, 2, 35, 'a', '{}', 'complete');");
  }
  ResultsStore db(path);
  const auto old = db.ensemble(1);
  EXPECT_EQ(old.status, EnsembleStatus::complete);
  EXPECT_EQ(old.concord_version, "unknown");
  EXPECT_EQ(old.concord_commit, "unknown");
  EXPECT_TRUE(old.inputs.empty());
  SQLite::Statement v(db.database(), "SELECT value FROM meta WHERE key = 'schema_version'");
  ASSERT_TRUE(v.executeStep());
  EXPECT_EQ(v.getColumn(0).getString(), std::to_string(kSchemaVersion));
  EnsembleInfo info{"run", "h", 1, 1, 35, "b", "{}"};
  info.concord_version = "9.9.9";
  info.inputs = {{"scenario", "s", "", "0000000000000001"}};
  const auto id = db.create_ensemble(info);
  EXPECT_EQ(db.ensemble(id).concord_version, "9.9.9");
  EXPECT_EQ(db.ensemble(id).inputs.size(), 1U);
}

}  // namespace
}  // namespace concord::store

// The results store refuses what it must not touch: a SQLite file that is not a concord store
// (nothing written to it), and a second writer while one holds the store.
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "concord/common/error.hpp"
#include "concord/store/store.hpp"

namespace concord::store {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "concord_store_guard_test";
  fs::create_directories(dir);
  const auto p = dir / name;
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

std::string bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(StoreGuard, ForeignSqliteIsRefusedAndLeftByteIdentical) {
  const auto p = fresh("foreign.sqlite");
  {
    SQLite::Database db(p.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO patients VALUES (1, 'x')");
  }
  const std::string before = bytes(p);
  try {
    ResultsStore store(p);
    FAIL() << "a foreign database was opened as a results store";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not a concord results store"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("patients"), std::string::npos) << e.what();
  }
  EXPECT_EQ(bytes(p), before);
  EXPECT_FALSE(fs::exists(p.string() + "-wal"));
}

TEST(StoreGuard, FileThatIsNotADatabaseIsRefusedUnchanged) {
  const auto p = fresh("notes.sqlite");
  { std::ofstream(p) << "these are my notes, not a database\n" << std::string(5000, 'x'); }
  const std::string before = bytes(p);
  EXPECT_THROW(ResultsStore store(p), InputError);
  EXPECT_EQ(bytes(p), before);
}

TEST(StoreGuard, ASecondWriterIsRefusedWhileTheFirstHoldsTheStore) {
  const auto p = fresh("two-writers.sqlite");
  ResultsStore first(p);
  // another process (a child), as a second `concord run --out` would be
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    try {
      ResultsStore second(p);
      _exit(0);
    } catch (const InputError& e) {
      _exit(std::string(e.what()).find("another concord process is writing") != std::string::npos ? 3 : 4);
    } catch (...) {
      _exit(5);
    }
  }
  int st = 0;
  waitpid(pid, &st, 0);
  ASSERT_TRUE(WIFEXITED(st));
  EXPECT_EQ(WEXITSTATUS(st), 3);
}

TEST(StoreGuard, TheStoreIsFreeAgainOnceTheWriterCloses) {
  const auto p = fresh("sequential.sqlite");
  { ResultsStore first(p); }
  EXPECT_NO_THROW(ResultsStore again(p));
}

TEST(StoreGuard, AKilledWriterReleasesTheStore) {
  const auto p = fresh("killed-writer.sqlite");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ResultsStore held(p);
    pause();
    _exit(0);
  }
  // wait until the child holds it
  for (int i = 0; i < 200 && !fs::exists(p); ++i) usleep(10000);
  usleep(200000);
  kill(pid, SIGKILL);
  int st = 0;
  waitpid(pid, &st, 0);
  EXPECT_NO_THROW(ResultsStore after(p));
}

}  // namespace
}  // namespace concord::store

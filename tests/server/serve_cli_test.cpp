// End-to-end: `concord serve` as a process, killed with SIGKILL while a job runs. The job's
// store keeps every committed run with status `running`, and the command recorded in the store
// with --resume completes it (issue 15: a job killed mid-way leaves its store resumable).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>

#include "concord/report/assets.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(ServeCli, JobKilledWithTheServerResumesToCompletion) {
  if (!concord::report::frontend_built()) GTEST_SKIP() << "built without the front end (no node/npm)";
  const auto ws = fs::temp_directory_path() / ("concord_serve_cli_" + std::to_string(::getpid()));
  fs::remove_all(ws);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    execl(CONCORD_BINARY, CONCORD_BINARY, "serve", "--port", "0", "--workspace", ws.c_str(), nullptr);
    _exit(127);
  }
  close(out[1]);
  // the first line names the address
  std::string line;
  char c = 0;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(line, m, std::regex("http://127\\.0\\.0\\.1:([0-9]+)/"))) << line;
  httplib::Client cli("127.0.0.1", std::stoi(m[1]));
  const json body = {{"kind", "compare"}, {"scenario", "shipped:asia-pacific-2015"},
                     {"orders", {"multiplex", "concert"}}, {"runs", 300}, {"years", 20}, {"seed", 5}};
  auto r = cli.Post("/api/runs", body.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const auto job = json::parse(r->body);
  long done = 0;
  for (int i = 0; i < 3000 && done < 40; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto s = cli.Get("/api/runs/1");
    if (s && s->status == 200) done = json::parse(s->body)["done"].get<long>();
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  ASSERT_GE(done, 40);
  const auto store = ws / job["store"].get<std::string>();
  std::string command;
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READONLY);
    const auto committed = db.execAndGet("SELECT COUNT(*) FROM runs").getInt64();
    EXPECT_GT(committed, 0);
    EXPECT_LT(committed, 600);
    EXPECT_EQ(db.execAndGet("SELECT status FROM ensembles").getString(), "running");
    command = json::parse(db.execAndGet("SELECT spec_json FROM ensembles").getString())["command"];
  }
  ASSERT_EQ(command.rfind("concord compare ", 0), 0U) << command;
  EXPECT_EQ(command.find("--out"), std::string::npos) << "the store records no path of its own: " << command;
  const std::string resume = std::string(CONCORD_BINARY) + command.substr(7) + " --out " + store.string() +
                             " --resume --quiet --threads 2 >/dev/null 2>&1";
  EXPECT_EQ(std::system(resume.c_str()), 0) << resume;
  SQLite::Database db(store.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT status FROM ensembles").getString(), "complete");
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM runs").getInt64(), 600);
  EXPECT_GT(db.execAndGet("SELECT COUNT(*) FROM statistics").getInt64(), 0);
  fs::remove_all(ws);
}

}  // namespace

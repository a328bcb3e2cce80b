// The web server in process, on a free loopback port, with a fresh workspace: the API's
// answers and the abuse cases of issue 15 (an oversized body, '../' paths, run counts and
// years over the bounds, twenty concurrent requests), each answered with the right status and
// nothing written.
#include "concord/server/server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>
#include <vector>

#include "concord/ensemble/compare.hpp"
#include "concord/ensemble/driver.hpp"
#include "concord/report/assets.hpp"
#include "concord/scenario/load.hpp"
#include "concord/scenario/summary.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Every file below `dir`, relative, sorted: "nothing written" means this does not change.
std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!concord::report::frontend_built()) GTEST_SKIP() << "built without the front end (no node/npm): the server refuses to start";
    ws_ = fs::temp_directory_path() / ("concord_server_test_" + std::to_string(::getpid()) + "_" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(ws_);
    concord::server::ServerOptions o;
    o.workspace = ws_;
    o.port = 0;
    o.limits.max_runs = 5000;
    o.limits.max_years = 200;
    o.limits.max_jobs = 2;
    o.limits.max_body = 256 * 1024;  // above the Asia-Pacific scenario (100 kB)
    server_ = std::make_unique<concord::server::Server>(o);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->listen(); });
    // wait until it answers
    for (int i = 0; i < 200; ++i) {
      if (client().Get("/api/info")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void TearDown() override {
    if (server_) {
      server_->stop();
      thread_.join();
      server_.reset();
    }
    fs::remove_all(ws_);
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }
  json get_json(const std::string& path, int expect = 200) const {
    auto r = client().Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return {};
    EXPECT_EQ(r->status, expect) << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  json wait_finished(int id) const {
    json j;
    for (int i = 0; i < 6000; ++i) {
      j = get_json("/api/runs/" + std::to_string(id));
      if (j.value("status", "") != "running") return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return j;
  }

  fs::path ws_;
  std::unique_ptr<concord::server::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST(ServerPaths, SafeNamesAndWorkspaceContainment) {
  using concord::server::safe_name;
  EXPECT_TRUE(safe_name("asia-pacific-2015"));
  EXPECT_TRUE(safe_name("job-1.sqlite"));
  EXPECT_FALSE(safe_name(""));
  EXPECT_FALSE(safe_name(".."));
  EXPECT_FALSE(safe_name(".hidden"));
  EXPECT_FALSE(safe_name("a..b"));
  EXPECT_FALSE(safe_name("a/b"));
  EXPECT_FALSE(safe_name("a b"));
  EXPECT_FALSE(safe_name(std::string(81, 'a')));
  const auto ws = fs::temp_directory_path() / ("concord_paths_" + std::to_string(::getpid()));
  fs::create_directories(ws / "runs");
  const auto canon = fs::canonical(ws);
  EXPECT_TRUE(concord::server::inside_workspace(canon, "runs/x.sqlite"));
  EXPECT_FALSE(concord::server::inside_workspace(canon, "../x.sqlite"));
  EXPECT_FALSE(concord::server::inside_workspace(canon, "runs/../../x"));
  EXPECT_FALSE(concord::server::inside_workspace(canon, "/etc/passwd"));
  EXPECT_FALSE(concord::server::inside_workspace(canon, "runs//x"));
  // a symbolic link inside the workspace that points outside is refused
  fs::create_directory_symlink("/etc", ws / "etc-link");
  EXPECT_FALSE(concord::server::inside_workspace(canon, "etc-link/passwd"));
  fs::remove_all(ws);
}

TEST_F(ServerTest, ServesTheAppAndListsScenariosAndOrders) {
  auto r = client().Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("/app.js"), std::string::npos);
  r = client().Get("/app.js");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_GT(r->body.size(), 100000U);  // vega and vega-lite are inside
  const auto scen = get_json("/api/scenarios");
  std::set<std::string> shipped;
  for (const auto& s : scen["scenarios"]) shipped.insert(s["name"].get<std::string>());
  for (const auto& e : fs::directory_iterator(fs::path(CONCORD_SOURCE_DIR) / "scenarios")) {
    if (e.path().extension() == ".toml") {
      EXPECT_TRUE(shipped.count(e.path().stem().string())) << e.path();
    }
  }
  const auto orders = get_json("/api/orders")["orders"];
  EXPECT_EQ(orders.size(), std::distance(fs::directory_iterator(fs::path(CONCORD_SOURCE_DIR) / "orders"), fs::directory_iterator{}));
  // a scenario's actors carry the capability shares (CINC within the region) of the scenario
  // file, as the library computes them from the file read here
  const auto s = get_json("/api/scenarios/shipped/asia-pacific-2015")["summary"];
  const auto file = concord::load_scenario(fs::path(CONCORD_SOURCE_DIR) / "scenarios/asia-pacific-2015.toml");
  const auto cinc = concord::scenario_cinc(file);
  ASSERT_EQ(s["actors"].size(), file.actors.size());
  for (const auto& a : s["actors"]) {
    const int i = file.actor_index(a["ccode"].get<int>());
    ASSERT_GE(i, 0);
    EXPECT_EQ(a["stateabb"], file.actors[static_cast<std::size_t>(i)].stateabb);
    EXPECT_DOUBLE_EQ(a["cinc"].get<double>(), cinc[static_cast<std::size_t>(i)]);
  }
  // listed by capability share, largest first
  EXPECT_GE(s["actors"][0]["cinc"].get<double>(), s["actors"][1]["cinc"].get<double>());
  EXPECT_FALSE(s["institutions"].empty());
  EXPECT_FALSE(s["flashpoints"].empty());
}

TEST_F(ServerTest, OrderCheckLocatesErrorsLikeTheLoader) {
  const auto preset = get_json("/api/orders/preset/multiplex");
  ASSERT_TRUE(preset["ok"].get<bool>());
  ASSERT_FALSE(preset["fields"].empty());
  // introduce an unknown key on a line of its own: the problem names that line
  std::string text = preset["toml"].get<std::string>();
  const auto lines_before = std::count(text.begin(), text.end(), '\n');
  text += "\nrestraintt = 0.5\n";
  auto r = client().Post("/api/orders/check", text, "application/toml");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto j = json::parse(r->body);
  EXPECT_FALSE(j["ok"].get<bool>());
  ASSERT_FALSE(j["problems"].empty());
  EXPECT_EQ(j["problems"][0]["line"].get<long>(), lines_before + 2);
  EXPECT_NE(j["problems"][0]["message"].get<std::string>().find("restraintt"), std::string::npos);
  // an invalid order is not saved; a valid one is, into the workspace only
  r = client().Put("/api/orders/mine", text, "application/toml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_FALSE(fs::exists(ws_ / "orders" / "mine.toml"));
  r = client().Put("/api/orders/mine", preset["toml"].get<std::string>(), "application/toml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_TRUE(fs::exists(ws_ / "orders" / "mine.toml"));
}

TEST_F(ServerTest, ScenarioCheckLocatesErrorsAndSavesOnlyValidFiles) {
  const auto shipped = get_json("/api/scenarios/shipped/asia-pacific-2015");
  std::string text = shipped["toml"].get<std::string>();
  auto r = client().Post("/api/scenarios/check", text, "application/toml");
  ASSERT_TRUE(r);
  EXPECT_TRUE(json::parse(r->body)["ok"].get<bool>());
  // an unknown key in [meta] (the first table of the file) is reported at its line
  const auto meta = text.find("[meta]\n");
  ASSERT_NE(meta, std::string::npos);
  const long line = std::count(text.begin(), text.begin() + static_cast<long>(meta), '\n') + 2;
  text.insert(meta + 7, "horizonn = 10\n");
  r = client().Post("/api/scenarios/check", text, "application/toml");
  ASSERT_TRUE(r);
  const auto j = json::parse(r->body);
  EXPECT_FALSE(j["ok"].get<bool>());
  ASSERT_FALSE(j["problems"].empty());
  EXPECT_EQ(j["problems"][0]["line"].get<long>(), line) << r->body;
  r = client().Put("/api/scenarios/mine", text, "application/toml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_FALSE(fs::exists(ws_ / "scenarios"));
  r = client().Put("/api/scenarios/mine", shipped["toml"].get<std::string>(), "application/toml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  bool listed = false;
  const auto list = get_json("/api/scenarios")["scenarios"];
  for (const auto& s : list) listed |= s["name"] == "mine" && s["source"] == "workspace";
  EXPECT_TRUE(listed);
}

TEST_F(ServerTest, OversizedBodyIs413AndNothingWritten) {
  const auto before = files_under(ws_);
  const std::string big(400 * 1024, 'x');  // over the 256 KiB limit of this test server
  for (const char* path : {"/api/orders/check", "/api/runs", "/api/scenarios/check"}) {
    auto r = client().Post(path, big, "application/toml");
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 413) << path;
    EXPECT_NE(r->body.find("limit"), std::string::npos) << r->body;
  }
  auto r = client().Put("/api/orders/big", big, "application/toml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(files_under(ws_), before);
}

TEST_F(ServerTest, PathsLeavingTheWorkspaceAreRefusedAndNothingWritten) {
  // a file beside the workspace that must stay unreadable and unwritten
  const auto outside = ws_.parent_path() / ("concord_outside_" + std::to_string(::getpid()) + ".sqlite");
  std::ofstream(outside) << "secret";
  const std::string rel = "../" + outside.filename().string();
  const auto before = files_under(ws_);
  struct Case {
    std::string method, path;
  };
  const std::vector<Case> cases{
      {"GET", "/files/" + rel},
      {"GET", "/files/runs/../../" + outside.filename().string()},
      {"GET", "/files/%2e%2e/" + outside.filename().string()},
      {"GET", "/api/report?store=" + rel},
      {"GET", "/api/report.html?store=..%2F" + outside.filename().string()},
      {"GET", "/api/scenarios/workspace/..%2F..%2Fetc%2Fpasswd"},
      {"GET", "/api/orders/workspace/../../etc/passwd"},
      {"PUT", "/api/orders/..%2Fevil"},
      {"PUT", "/api/scenarios/../evil"},
  };
  for (const auto& c : cases) {
    auto r = c.method == "GET" ? client().Get(c.path.c_str())
                               : client().Put(c.path.c_str(), "name = \"x\"\n", "application/toml");
    ASSERT_TRUE(r) << c.path;
    EXPECT_TRUE(r->status == 403 || r->status == 404 || r->status == 400) << c.path << " -> " << r->status;
    EXPECT_EQ(r->body.find("secret"), std::string::npos) << c.path;
  }
  EXPECT_EQ(files_under(ws_), before);
  EXPECT_FALSE(fs::exists(ws_.parent_path() / "evil.toml"));
  fs::remove(outside);
}

TEST_F(ServerTest, BoundsOnRunsYearsAndOrdersAre422AndNothingWritten) {
  const auto before = files_under(ws_);
  const std::vector<std::pair<json, std::string>> cases{
      {{{"scenario", "shipped:asia-pacific-2015"}, {"orders", {"multiplex"}}, {"runs", 1000000000}}, "runs"},
      {{{"scenario", "shipped:asia-pacific-2015"}, {"orders", {"multiplex"}}, {"runs", 0}}, "runs"},
      {{{"scenario", "shipped:asia-pacific-2015"}, {"orders", {"multiplex"}}, {"runs", 10}, {"years", 5000}}, "years"},
      {{{"scenario", "shipped:../../etc/passwd"}, {"orders", {"multiplex"}}, {"runs", 10}}, "scenario"},
      {{{"scenario", "shipped:asia-pacific-2015"}, {"orders", {"no-such-order"}}, {"runs", 10}}, "orders"},
      {{{"scenario", "shipped:asia-pacific-2015"}, {"orders", json::array()}, {"runs", 10}}, "orders"},
  };
  for (const auto& [body, field] : cases) {
    auto r = client().Post("/api/runs", body.dump(), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << body.dump() << " -> " << r->body;
    const auto j = json::parse(r->body);
    ASSERT_FALSE(j["problems"].empty());
    EXPECT_EQ(j["problems"][0]["field"], field) << r->body;
  }
  auto r = client().Post("/api/runs", "{not json", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(files_under(ws_), before);
  EXPECT_TRUE(get_json("/api/runs")["runs"].empty());
}

TEST_F(ServerTest, TwentyConcurrentRunRequestsStartAtMostTheJobLimit) {
  // long jobs (cancelled below), so that none finishes during the burst
  const json body = {{"kind", "compare"}, {"scenario", "shipped:asia-pacific-2015"},
                     {"orders", {"multiplex", "g2"}}, {"runs", 5000}, {"years", 200}};
  std::vector<std::future<int>> answers;
  for (int i = 0; i < 20; ++i) {
    answers.push_back(std::async(std::launch::async, [&] {
      auto r = client().Post("/api/runs", body.dump(), "application/json");
      return r ? r->status : -1;
    }));
  }
  int accepted = 0, refused = 0;
  std::string statuses;
  for (auto& a : answers) {
    const int status = a.get();
    accepted += status == 202;
    refused += status == 429;
    statuses += std::to_string(status) + " ";
  }
  EXPECT_EQ(accepted, 2) << statuses;
  EXPECT_EQ(refused, 18) << statuses;
  // twenty concurrent reads meanwhile are all answered
  std::vector<std::future<int>> reads;
  for (int i = 0; i < 20; ++i) {
    reads.push_back(std::async(std::launch::async, [&] {
      auto r = client().Get(i % 2 ? "/api/runs" : "/api/scenarios");
      return r ? r->status : -1;
    }));
  }
  for (auto& a : reads) EXPECT_EQ(a.get(), 200);
  const auto runs = get_json("/api/runs")["runs"];
  ASSERT_EQ(runs.size(), 2U) << runs.dump();
  std::size_t stores = 0;
  for (const auto& e : fs::directory_iterator(ws_ / "runs")) stores += e.path().extension() == ".sqlite";
  EXPECT_EQ(stores, 2U);  // the refused requests wrote nothing
  for (const auto& j : runs) {
    auto r = client().Delete(("/api/runs/" + std::to_string(j["id"].get<int>())).c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 202);
  }
  for (const auto& j : runs) {
    const auto fin = wait_finished(j["id"]);
    EXPECT_EQ(fin.value("status", ""), "cancelled") << fin.dump();
  }
}

TEST_F(ServerTest, RunStreamsProgressAndACancelledJobResumesToTheSameStore) {
  const json body = {{"kind", "compare"}, {"scenario", "shipped:asia-pacific-2015"},
                     {"orders", {"multiplex", "g2"}}, {"runs", 60}, {"years", 200}, {"seed", 7}};
  auto r = client().Post("/api/runs", body.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const auto job = json::parse(r->body);
  const int id = job["id"];
  EXPECT_EQ(job["total"].get<int>(), 120);
  // the event stream: progress events with growing counts; cancel once some runs are in
  std::vector<long> done;
  bool ended = false;
  std::string buffer;
  auto c = client();
  auto stream = c.Get(("/api/runs/" + std::to_string(id) + "/events").c_str(), [&](const char* data, size_t n) {
    buffer.append(data, n);
    std::size_t pos;
    while ((pos = buffer.find("\n\n")) != std::string::npos) {
      const std::string event = buffer.substr(0, pos);
      buffer.erase(0, pos + 2);
      const auto d = event.find("data: ");
      if (d == std::string::npos) continue;
      const auto j = json::parse(event.substr(d + 6), nullptr, false);
      if (!j.is_object()) continue;
      done.push_back(j["done"].get<long>());
      if (event.rfind("event: end", 0) == 0) ended = true;
      if (done.back() > 0 && done.size() >= 2 && !ended) {
        client().Delete(("/api/runs/" + std::to_string(id)).c_str());
      }
    }
    return true;
  });
  ASSERT_TRUE(stream);
  EXPECT_TRUE(ended);
  ASSERT_GE(done.size(), 2U);
  EXPECT_TRUE(std::is_sorted(done.begin(), done.end()));
  const auto fin = wait_finished(id);
  EXPECT_EQ(fin["status"], "cancelled");
  const long committed = fin["done"].get<long>();
  EXPECT_GT(committed, 0);
  EXPECT_LT(committed, 120);
  const auto store = ws_ / job["store"].get<std::string>();
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT status FROM ensembles").getString(), "interrupted");
    EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM runs").getInt64(), committed);
  }
  // the command recorded in the store continues it with --resume (here through the library)
  EXPECT_NE(fin["command"].get<std::string>().find("--out " + store.string()), std::string::npos);
  concord::ensemble::CompareSettings s;
  s.scenario = (fs::path(CONCORD_SOURCE_DIR) / "scenarios/asia-pacific-2015.toml").string();
  s.orders = {"multiplex", "g2"};
  s.runs = 60;
  s.years = 200;
  s.seed = 7;
  auto cp = concord::ensemble::prepare_compare(s);
  concord::ensemble::ExecuteOptions eo;
  eo.store = store;
  eo.resume = true;
  eo.quiet = true;
  eo.threads = 2;
  std::atomic<bool> never{false};
  eo.stop = &never;
  eo.store_options.yearly = true;
  const auto res = concord::ensemble::execute(cp->plan, cp->info(), cp->simulate(), {}, eo, {});
  EXPECT_FALSE(res.report.interrupted);
  EXPECT_EQ(res.report.replayed, static_cast<std::uint64_t>(committed));
  SQLite::Database db(store.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT status FROM ensembles").getString(), "complete");
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM runs").getInt64(), 120);
}

}  // namespace

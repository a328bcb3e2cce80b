// Hardening of the command line (docs/limits.md): plans identified by their content on
// --resume, orders by their content, datasets checked for truncation, resources found beside the
// installed binary, write errors reported, a full disk leaving a resumable store.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>
#include <string>

#include <fmt/format.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `concord ARGS` through the shell (ARGS may redirect); `prefix` runs before it.
Result run(const std::string& args, const std::string& prefix = "", const std::string& binary = CONCORD_BINARY) {
  const auto dir = fs::temp_directory_path();
  const auto out = dir / "concord_hardening_cli.out";
  const auto err = dir / "concord_hardening_cli.err";
  const std::string cmd = prefix + binary + " " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int st = std::system(cmd.c_str());
  Result r;
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

fs::path fresh_dir(const std::string& name) {
  const auto d = fs::temp_directory_path() / ("concord_hardening_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

const std::string kSrc = CONCORD_SOURCE_DIR;
const std::string kScenario = kSrc + "/scenarios/asia-pacific-2015.toml";

fs::path data_dir() {
  const char* env = std::getenv("CONCORD_DATA_DIR");
  return env != nullptr && *env != '\0' ? fs::path(env) : (fs::path(kSrc) / ".." / "shared" / "data").lexically_normal();
}

// An edited copy of the consociational preset that keeps its name.
fs::path edited_consociational(const fs::path& dir, const std::string& file = "my.toml") {
  std::string text = slurp(fs::path(kSrc) / "orders" / "consociational.toml");
  text += "\n# edited by the test\n";
  const auto p = dir / file;
  std::ofstream(p) << text;
  return p;
}

TEST(OrderIdentity, AnEditedCopyWithThePresetsNameRunsBesideThePreset) {
  const auto dir = fresh_dir("order_identity");
  const auto mine = edited_consociational(dir);
  for (const std::string& orders : {"consociational," + mine.string(), mine.string() + ",consociational"}) {
    const Result r = run("compare " + kScenario + " --orders " + orders + " --runs 2 --years 2 --quiet --format csv");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find(",consociational,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(fmt::format(",{},", mine.string())), std::string::npos) << r.out;
  }
  // the same content twice is one order
  const Result same = run("compare " + kScenario + " --orders consociational," + kSrc +
                          "/orders/consociational.toml --runs 2 --years 2 --quiet --format csv");
  ASSERT_EQ(same.status, 0) << same.err;
  EXPECT_NE(same.err.find("listed twice with the same content"), std::string::npos) << same.err;
}

TEST(PlanIdentity, ResumeOfAnEditedOrderOrOtherStoredRowsIsRefusedWithWhatDiffers) {
  const auto dir = fresh_dir("plan_identity");
  const auto mine = edited_consociational(dir);
  const auto store = dir / "s.sqlite";
  const std::string base = "run " + kScenario + " --order " + mine.string() + " --runs 4 --years 2 --quiet --out " +
                           store.string();
  const Result stopped = run(base + " --max-runs 2");
  ASSERT_EQ(stopped.status, 3) << stopped.err;
  // the order file changes: resuming would pool runs of two different orders
  std::ofstream(mine, std::ios::app) << "\n# edited again\n";
  const Result edited = run(base + " --resume");
  EXPECT_NE(edited.status, 0);
  EXPECT_NE(edited.err.find("order consociational: stored"), std::string::npos) << edited.err;
  // restored content, but other stored rows asked for
  std::string text = slurp(mine);
  text = text.substr(0, text.rfind("\n# edited again\n"));
  std::ofstream(mine, std::ios::trunc) << text;
  const Result yearly = run(base + " --resume --yearly");
  EXPECT_NE(yearly.status, 0);
  EXPECT_NE(yearly.err.find("--yearly: stored 'off', now 'on'"), std::string::npos) << yearly.err;
  const Result events = run(base + " --resume --events all");
  EXPECT_NE(events.status, 0);
  EXPECT_NE(events.err.find("--events: stored 'wars', now 'all'"), std::string::npos) << events.err;
  // the very same plan resumes
  const Result resumed = run(base + " --resume");
  EXPECT_EQ(resumed.status, 0) << resumed.err;
}

// A data directory whose files are the real ones except `rel`, which gets `content`.
fs::path data_with(const std::string& name, const std::string& rel, const std::string& content) {
  const auto dir = fresh_dir(name);
  for (const auto& e : fs::directory_iterator(data_dir())) {
    if (!e.is_directory()) continue;
    const auto sub = dir / e.path().filename();
    fs::create_directories(sub);
    for (const auto& f : fs::directory_iterator(e.path())) fs::create_symlink(f.path(), sub / f.path().filename());
  }
  fs::remove(dir / rel);
  std::ofstream(dir / rel, std::ios::binary) << content;
  return dir;
}

TEST(DatasetExpectations, HeaderOnlyAndTruncatedFilesFailDataCheckAndScenarioBuild) {
  if (!fs::exists(data_dir() / "cow_nmc_v7")) GTEST_SKIP() << "data directory not found: set CONCORD_DATA_DIR";
  const std::string rel = "cow_nmc_v7/cow_nmc_v7_peacesciencer.csv";
  const std::string full = slurp(data_dir() / rel);
  const std::string header = full.substr(0, full.find('\n') + 1);
  std::string truncated;  // the first 3000 lines (the file is sorted by ccode: the states after Bolivia are cut)
  {
    std::istringstream in(full);
    std::string line;
    for (int i = 0; i < 3000 && std::getline(in, line); ++i) truncated += line + "\n";
  }
  for (const auto& [name, content, expect] :
       {std::tuple<std::string, std::string, std::string>{"header_only", header, "0 rows; this dataset has"},
        {"truncated", truncated, "2999 rows; this dataset has"}}) {
    const auto dir = data_with(name, rel, content);
    const Result check = run("data check --data-dir " + dir.string());
    EXPECT_EQ(check.status, 1) << check.out;
    EXPECT_NE(check.out.find(expect), std::string::npos) << check.out;
    const auto out = dir / "built.toml";
    const Result build = run("scenario build --year 2015 --data-dir " + dir.string() + " -o " + out.string());
    EXPECT_NE(build.status, 0);
    EXPECT_NE(build.err.find(rel), std::string::npos) << build.err;
    EXPECT_FALSE(fs::exists(out));
    fs::remove_all(dir);
  }
}

TEST(Resources, TheInstalledLayoutIsFoundBesideTheBinaryAndAMissingHazardsFileIsAnError) {
  const auto prefix = fresh_dir("install");
  fs::create_directories(prefix / "bin");
  fs::copy_file(CONCORD_BINARY, prefix / "bin" / "concord");
  const auto share = prefix / "share" / "concord";
  fs::create_directories(share);
  fs::copy(fs::path(kSrc) / "orders", share / "orders", fs::copy_options::recursive);
  fs::copy(fs::path(kSrc) / "data", share / "data", fs::copy_options::recursive);
  // a preset only the installed tree has: found only if the binary looks beside itself
  std::string text = slurp(share / "orders" / "multiplex.toml");
  std::ofstream(share / "orders" / "only-installed.toml") << text;
  const std::string installed = (prefix / "bin" / "concord").string();
  const Result ok = run("run " + kScenario + " --order only-installed --runs 1 --years 1 --quiet", "", installed);
  EXPECT_EQ(ok.status, 0) << ok.err;
  // without the fitted hazards the run stops instead of printing "hazards: none"
  fs::remove(share / "data" / "hazards.toml");
  const Result missing = run("run " + kScenario + " --order multiplex --runs 1 --years 1 --quiet", "", installed);
  EXPECT_NE(missing.status, 0);
  EXPECT_NE(missing.err.find("hazards.toml: the fitted hazards file is missing"), std::string::npos) << missing.err;
  fs::remove_all(prefix);
}

TEST(Output, AWriteErrorOnStandardOutputIsAnError) {
  const auto dir = fresh_dir("stdout");
  std::ofstream(dir / "shares.csv") << "state,share\nUSA,0.5\nCHN,0.3\nRUS,0.2\n";
  const auto err = dir / "err.txt";
  const std::string cmd = std::string(CONCORD_BINARY) + " measure concentration " + (dir / "shares.csv").string() +
                          " >/dev/full 2>'" + err.string() + "'";
  const int st = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(st));
  EXPECT_EQ(WEXITSTATUS(st), 1);
  EXPECT_NE(slurp(err).find("writing to standard output failed"), std::string::npos) << slurp(err);
}

TEST(Store, AFullDiskStopsTheEnsembleResumably) {
  const auto dir = fresh_dir("disk_full");
  const auto store = dir / "s.sqlite";
  // a file-size limit stands in for a full disk (SIGXFSZ ignored: writes fail instead)
  const std::string args = "run " + kScenario + " --order multiplex --runs 80 --years 20 --yearly --events all "
                           "--threads 1 --quiet --out " + store.string();
  const Result full = run(args, "trap '' XFSZ; ulimit -f 2048; ");
  ASSERT_NE(full.status, 0) << full.err;
  EXPECT_LT(full.status, 128) << full.err;
  EXPECT_NE(full.err.find(store.string() + ": results store"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("is full"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("is marked interrupted"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("--resume"), std::string::npos) << full.err;
  {
    SQLite::Database db(store.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT status FROM ensembles WHERE ensemble_id = 1");
    ASSERT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getString(), "interrupted");
  }
  // space again: the same command with --resume completes it
  const Result resumed = run(args + " --resume");
  EXPECT_EQ(resumed.status, 0) << resumed.err;
  fs::remove_all(dir);
}

}  // namespace

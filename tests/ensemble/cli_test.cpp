// End-to-end: the `sweep` and `sensitivity` commands through the built binary.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "concord/store/store.hpp"

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string out;
};

Result run(const std::string& args) {
  const std::string cmd = std::string(CONCORD_BINARY) + " " + args + " 2>/dev/null";
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
  const auto d = fs::temp_directory_path() / "concord_ensemble_cli";
  fs::create_directories(d);
  return d;
}

fs::path fresh(const std::string& name) {
  const auto p = dir() / name;
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

fs::path write(const std::string& name, const std::string& text) {
  const auto p = dir() / name;
  std::ofstream(p) << text;
  return p;
}

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const char* kHazardSweep = R"(design = "grid"
runs_per_point = 40
seed = 5
[[parameter]]
name = "war_hazard"
values = [0.01, 0.05]
[[parameter]]
name = "dispute_hazard"
min = 0.0
max = 0.02
points = 2
)";

TEST(SweepCommand, OneAndTwoThreadsWriteIdenticalStores) {
  const auto spec = write("hazard.toml", kHazardSweep);
  const auto a = fresh("sweep1.sqlite");
  const auto b = fresh("sweep2.sqlite");
  const auto r1 = run("sweep reference:hazard --quiet --spec " + spec.string() + " --out " +
                      a.string() + " --threads 1");
  const auto r2 = run("sweep reference:hazard --quiet --spec " + spec.string() + " --out " +
                      b.string() + " --threads 2");
  ASSERT_EQ(r1.status, 0) << r1.out;
  ASSERT_EQ(r2.status, 0) << r2.out;
  EXPECT_EQ(r1.out, r2.out);
  EXPECT_TRUE(bytes_of(a) == bytes_of(b));
  EXPECT_NE(r1.out.find("war_hazard"), std::string::npos);
}

TEST(SweepCommand, ResumeAfterStopEqualsUninterrupted) {
  const auto spec = write("hazard.toml", kHazardSweep);
  const auto full = fresh("full.sqlite");
  const auto part = fresh("part.sqlite");
  const std::string common = "sweep reference:hazard --quiet --spec " + spec.string();
  const auto r_full = run(common + " --out " + full.string());
  ASSERT_EQ(r_full.status, 0);
  const auto r_stop = run(common + " --out " + part.string() + " --max-runs 70 --threads 2");
  EXPECT_EQ(r_stop.status, 3);  // stopped before the end of the plan
  {
    concord::store::ResultsStore db(part);
    EXPECT_EQ(db.committed_run_ids(1).size(), 70U);
    EXPECT_EQ(db.ensemble(1).status, concord::store::EnsembleStatus::interrupted);
  }
  const auto r_resume = run(common + " --out " + part.string() + " --resume");
  ASSERT_EQ(r_resume.status, 0);
  {
    concord::store::ResultsStore db(part);
    EXPECT_EQ(db.ensemble(1).status, concord::store::EnsembleStatus::complete);
  }
  EXPECT_EQ(r_resume.out, r_full.out);
  EXPECT_EQ(concord::store::dump_rows(full), concord::store::dump_rows(part));
}

TEST(SweepCommand, BadSpecIsALocatedError) {
  const auto spec = write("bad.toml", "design = \"grid\"\n[[parameter]]\nname = \"x\"\nmin = 2\nmax = 1\n");
  const std::string cmd = std::string(CONCORD_BINARY) + " sweep reference:hazard --spec " +
                          spec.string() + " --out " + fresh("bad.sqlite").string() + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) out += buf.data();
  const int st = pclose(p);
  EXPECT_EQ(WEXITSTATUS(st), 1);
  EXPECT_NE(out.find("bad.toml:2:1"), std::string::npos) << out;
  EXPECT_NE(out.find("must be below max"), std::string::npos) << out;
}

// The whole sensitivity pipeline (design -> ensemble -> store -> per-point means -> Jansen
// estimators) on the Ishigami model recovers REFERENCES.md's indices. At N = 1024 base samples
// (5,120 runs) the tolerance is 0.05; the library test holds 0.02 at N = 8192.
TEST(SensitivityCommand, SobolOnIshigamiRecoversPublishedIndices) {
  const auto spec = write("ishigami.toml", R"(runs_per_point = 1
[[parameter]]
name = "x1"
min = -3.141592653589793
max = 3.141592653589793
[[parameter]]
name = "x2"
min = -3.141592653589793
max = 3.141592653589793
[[parameter]]
name = "x3"
min = -3.141592653589793
max = 3.141592653589793
[sensitivity]
base_samples = 1024
bootstrap = 100
)");
  const auto out = fresh("ishigami.sqlite");
  const auto r = run("sensitivity reference:ishigami --quiet --threads 2 --method sobol --metric y "
                     "--format csv --spec " + spec.string() + " --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.out;
  // CSV: parameter,ST,ST_lo,ST_hi,S1,S1_lo,S1_hi ranked by ST.
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "parameter,ST,ST_lo,ST_hi,S1,S1_lo,S1_hi");
  std::map<std::string, std::pair<double, double>> got;
  std::vector<std::string> order;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string name, st, st_lo, st_hi, s1;
    std::getline(row, name, ',');
    std::getline(row, st, ',');
    std::getline(row, st_lo, ',');
    std::getline(row, st_hi, ',');
    std::getline(row, s1, ',');
    got[name] = {std::stod(st), std::stod(s1)};
    order.push_back(name);
  }
  ASSERT_EQ(got.size(), 3U);
  EXPECT_EQ(order, (std::vector<std::string>{"x1", "x2", "x3"}));  // ranked by ST
  EXPECT_NEAR(got["x1"].second, 0.3139, 0.05);
  EXPECT_NEAR(got["x2"].second, 0.4424, 0.05);
  EXPECT_NEAR(got["x3"].second, 0.0, 0.05);
  EXPECT_NEAR(got["x1"].first, 0.5576, 0.05);
  EXPECT_NEAR(got["x2"].first, 0.4424, 0.05);
  EXPECT_NEAR(got["x3"].first, 0.2437, 0.05);
  concord::store::ResultsStore db(out);
  EXPECT_EQ(db.committed_run_ids(1).size(), 1024U * 5U);
}

// Ishigami with x1 = x2 = 0 is y = 0 whatever x3: the metric has no variance, every index is
// 0/0. Both methods say so (printed "undefined", stored as NULL, exit status 4) instead of
// printing zeros.
TEST(SensitivityCommand, ConstantMetricHasUndefinedIndices) {
  const auto spec = write("constant.toml", R"(runs_per_point = 1
[[parameter]]
name = "x3"
min = -3.141592653589793
max = 3.141592653589793
[sensitivity]
base_samples = 16
trajectories = 4
bootstrap = 10
)");
  for (const std::string method : {"morris", "sobol"}) {
    const auto out = fresh("constant-" + method + ".sqlite");
    const auto r = run("sensitivity reference:ishigami --quiet --method " + method +
                       " --metric y --spec " + spec.string() + " --out " + out.string());
    EXPECT_EQ(r.status, 4) << method << "\n" << r.out;
    EXPECT_NE(r.out.find("undefined"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find(" 0 "), std::string::npos) << r.out;
    concord::store::ResultsStore db(out);
    EXPECT_EQ(db.ensemble(1).status, concord::store::EnsembleStatus::complete);
    SQLite::Statement q(db.database(),
                        "SELECT COUNT(*), COUNT(estimate) FROM sensitivity WHERE ensemble_id = 1");
    ASSERT_TRUE(q.executeStep());
    EXPECT_GT(q.getColumn(0).getInt(), 0) << method;
    EXPECT_EQ(q.getColumn(1).getInt(), 0) << method;  // every estimate NULL
  }
}

}  // namespace

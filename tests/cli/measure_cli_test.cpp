// End-to-end tests of `concord measure sscore|taub|concentration`: the Signorino & Ritter (1999)
// Table 5 cases and the Ray-Singer example of REFERENCES.md, written to CSV files and run
// through the built binary (CONCORD_BINARY).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

class MeasureCli : public testing::Test {
 protected:
  void SetUp() override {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / fmt::format("concord_measure_cli_{}_{}", info->name(), ::getpid());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string write(const std::string& name, const std::string& text) const {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  [[nodiscard]] Result run(const std::string& args) const {
    const fs::path out = dir_ / "stdout.txt";
    const fs::path err = dir_ / "stderr.txt";
    const std::string cmd =
        fmt::format("'{}' {} >'{}' 2>'{}'", CONCORD_BINARY, args, out.string(), err.string());
    Result r;
    const int raw = std::system(cmd.c_str());
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  static std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  fs::path dir_;
};

// One CSV `state,a,b` for two portfolios; states are named s1, s2, ...
std::string portfolio_csv(const std::vector<int>& a, const std::vector<int>& b) {
  std::string csv = "state,a,b\n";
  for (std::size_t i = 0; i < a.size(); ++i)
    csv += fmt::format("s{},{},{}\n", i + 1, a[i], b[i]);
  return csv;
}

std::vector<int> join(std::vector<int> x, int value, int times, const std::vector<int>& tail) {
  x.insert(x.end(), static_cast<std::size_t>(times), value);
  x.insert(x.end(), tail.begin(), tail.end());
  return x;
}

struct Table5 {
  const char* name;
  std::vector<int> a;
  std::vector<int> b;
  double s;
  const char* tau;  // printed value or "undefined"
};

std::vector<Table5> table5() {
  return {
      {"a", {0, 1, 2, 3}, {3, 2, 1, 0}, -1.0 / 3.0, "-1"},
      {"b", {1, 2, 2, 3}, {3, 2, 2, 1}, 1.0 / 3.0, "-1"},
      {"c", {2, 2, 3, 3}, {3, 3, 2, 2}, 1.0 / 3.0, "-1"},
      {"d", {3, 3, 3, 3}, {3, 3, 3, 3}, 1.0, "undefined"},
      {"e", join({}, 0, 10, {0, 3}), join({}, 0, 10, {3, 0}), 2.0 / 3.0, "-0.0909"},
      {"f", join({0}, 1, 10, {3}), join({3}, 1, 10, {0}), 2.0 / 3.0, "-1"},
      {"g", join({0}, 2, 10, {3}), join({3}, 2, 10, {0}), 2.0 / 3.0, "-1"},
      {"h", join({0, 3}, 3, 10, {}), join({3, 0}, 3, 10, {}), 2.0 / 3.0, "-0.0909"},
  };
}

TEST_F(MeasureCli, SScoreOfSignorinoRitterTable5) {
  for (const auto& c : table5()) {
    SCOPED_TRACE(c.name);
    const std::string file = write(std::string("case_") + c.name + ".csv", portfolio_csv(c.a, c.b));
    const Result r = run("measure sscore '" + file + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NEAR(std::stod(r.out), c.s, 1e-6);
  }
}

TEST_F(MeasureCli, TauBOfSignorinoRitterTable5) {
  for (const auto& c : table5()) {
    SCOPED_TRACE(c.name);
    const std::string file = write(std::string("case_") + c.name + ".csv", portfolio_csv(c.a, c.b));
    const Result r = run("measure taub '" + file + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    if (std::string(c.tau) == "undefined") {
      EXPECT_EQ(r.out, "undefined\n");
    } else {
      EXPECT_NEAR(std::stod(r.out), std::stod(c.tau), 5e-5);
    }
  }
}

TEST_F(MeasureCli, SScoreOptions) {
  // Case a with squared distance: 1 - 2 (1 + 1/9 + 1/9 + 1) / 4 = -1/9.
  const std::string a = write("a.csv", portfolio_csv({0, 1, 2, 3}, {3, 2, 1, 0}));
  Result r = run("measure sscore '" + a + "' --distance squared");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NEAR(std::stod(r.out), -1.0 / 9.0, 1e-6);
  // The same portfolios on a 0..6 scale: 1 - 2 * 8 / (6 * 4) = 1/3.
  r = run("measure sscore '" + a + "' --range 6");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NEAR(std::stod(r.out), 1.0 / 3.0, 1e-6);
  // Weighted: only the first state differs (by 1 of 3) and carries weight .7 of 1:
  // S = 1 - 2 * .7 / 3.
  const std::string w = write("w.csv", "state,a,b,weight\nUSA,3,2,0.7\nCHN,1,1,0.3\n");
  r = run("measure sscore '" + w + "' --weighted");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NEAR(std::stod(r.out), 1.0 - 1.4 / 3.0, 1e-6);
  r = run("measure sscore '" + w + "'");  // weights ignored without --weighted: 1 - 2 * 1 / 6
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NEAR(std::stod(r.out), 2.0 / 3.0, 1e-6);
}

TEST_F(MeasureCli, ConcentrationOfPointFiveThreeTwo) {
  const std::string file = write("shares.csv", "state,share\nUSA,0.5\nCHN,0.3\nRUS,0.2\n");
  const Result r = run("measure concentration '" + file + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  double con = 0;
  double poles = 0;
  ASSERT_EQ(std::sscanf(r.out.c_str(), "CON %lf\npoles %lf", &con, &poles), 2) << r.out;
  EXPECT_NEAR(con, 0.26458, 5e-6);
  EXPECT_NEAR(poles, 2.6316, 5e-5);
}

TEST_F(MeasureCli, BadNumberNamesFileLineAndField) {
  const std::string file = write("bad.csv", "state,a,b\nUSA,1,2\nCHN,1,x2\n");
  const Result r = run("measure sscore '" + file + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(file + ":3: field 'b': expected a finite number, got 'x2'"), std::string::npos)
      << r.err;
}

TEST_F(MeasureCli, EmptyCellIsMissingNotZero) {
  const std::string file = write("empty.csv", "state,share\nUSA,0.5\nCHN,\n");
  const Result r = run("measure concentration '" + file + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(file + ":3: field 'share': missing value"), std::string::npos) << r.err;
}

TEST_F(MeasureCli, HeaderProblems) {
  const std::string missing = write("missing.csv", "state,a\nUSA,1\n");
  Result r = run("measure taub '" + missing + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(missing + ":1: field 'b': missing column 'b'"), std::string::npos) << r.err;
  const std::string extra = write("extra.csv", "state,share,year\nUSA,1,2000\n");
  r = run("measure concentration '" + extra + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(extra + ":1: field 'year': unexpected column 'year'"), std::string::npos) << r.err;
  const std::string noweight = write("noweight.csv", "state,a,b\nUSA,1,2\n");
  r = run("measure sscore --weighted '" + noweight + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("--weighted needs a 'weight' column"), std::string::npos) << r.err;
}

TEST_F(MeasureCli, RowProblems) {
  const std::string out_of_range = write("range.csv", "state,a,b\nUSA,0,3\nCHN,0,4\n");
  Result r = run("measure sscore '" + out_of_range + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(out_of_range + ":3: field 'b':"), std::string::npos) << r.err;
  const std::string twice = write("twice.csv", "state,share\nUSA,0.5\nUSA,0.5\n");
  r = run("measure concentration '" + twice + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(twice + ":3: field 'state': state 'USA' appears twice"), std::string::npos) << r.err;
  const std::string short_row = write("short.csv", "state,a,b\nUSA,0\n");
  r = run("measure taub '" + short_row + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(short_row + ":2: too few fields"), std::string::npos) << r.err;
  r = run("measure taub '" + (dir_ / "absent.csv").string() + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot open the file"), std::string::npos) << r.err;
}

}  // namespace

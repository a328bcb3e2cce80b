// The bad-input corpus (tests/badinput/cases.tsv): every input a hostile new user tried that was
// once accepted, crashed or answered with a poor message. Each must exit non-zero with a located
// message, without a crash or an "internal error", and without writing a file.
#include <sys/wait.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

struct Case {
  std::string id;
  std::string args;
  std::string expect;
};

std::vector<Case> load_cases() {
  std::ifstream in(fs::path(CONCORD_SOURCE_DIR) / "tests" / "badinput" / "cases.tsv");
  std::vector<Case> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto a = line.find('\t');
    const auto b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    out.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// gtest prints a parameter that fails: its id, not its bytes
void PrintTo(const Case& c, std::ostream* os) { *os << c.id; }

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, ExitsNonZeroWithALocatedMessageAndWritesNothing) {
  const Case& c = GetParam();
  const fs::path tmp = fs::temp_directory_path() / ("concord_badinput_" + c.id);
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  const fs::path log = fs::temp_directory_path() / ("concord_badinput_" + c.id + ".log");
  std::string args = replace_all(c.args, "{in}", std::string(CONCORD_SOURCE_DIR) + "/tests/badinput/inputs/");
  args = replace_all(args, "{src}", CONCORD_SOURCE_DIR);
  args = replace_all(args, "{scenario}", std::string(CONCORD_SOURCE_DIR) + "/scenarios/asia-pacific-2015.toml");
  args = replace_all(args, "{tmp}", tmp.string());
  const std::string cmd = "cd '" + tmp.string() + "' && " + CONCORD_BINARY + " " + args + " >/dev/null 2>'" +
                          log.string() + "'";
  const int st = std::system(cmd.c_str());
  const std::string err = slurp(log);
  ASSERT_TRUE(WIFEXITED(st)) << c.id << ": killed by a signal\n" << err;
  const int status = WEXITSTATUS(st);
  EXPECT_NE(status, 0) << c.id << ": accepted\n" << err;
  EXPECT_NE(status, 70) << c.id << ": internal error\n" << err;
  EXPECT_LT(status, 128) << c.id << ": crashed\n" << err;
  for (const char* bad : {"terminate called", "internal error", "what():", "Segmentation", "AddressSanitizer",
                          "std::bad_alloc", "map::at", "json.exception"}) {
    EXPECT_EQ(err.find(bad), std::string::npos) << c.id << ": '" << bad << "' in\n" << err;
  }
  EXPECT_TRUE(std::regex_search(err, std::regex(c.expect))) << c.id << ": stderr does not match /" << c.expect
                                                            << "/:\n" << err;
  std::vector<std::string> written;
  for (const auto& e : fs::directory_iterator(tmp)) written.push_back(e.path().filename().string());
  EXPECT_TRUE(written.empty()) << c.id << ": wrote " << (written.empty() ? "" : written.front());
  fs::remove_all(tmp);
  fs::remove(log);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           std::string name;
                           for (char ch : param_info.param.id) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return name;
                         });

}  // namespace

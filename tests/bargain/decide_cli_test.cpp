// `concord decide` as a user reads it: the per-member table says what its columns mean.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

std::string run(const std::string& args, int& status) {
  const std::string cmd = std::string(CONCORD_BINARY) + " " + args + " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) out += buf.data();
  const int st = pclose(p);
  status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

// Status quo q = 0.2, proposal L = 0.6: a member at 0.4 accepts (0.4 - 0.2) / 0.4 = 0.5 of the
// move, one at 0.1 none of it, one at 0.9 all of it. The column is the share, not a level, and
// the table explains it (session 1: a column headed "accepts" seemed to repeat the positions).
TEST(DecideCommand, ShareColumnIsExplained) {
  const auto dir = fs::temp_directory_path() / "concord_decide_cli";
  fs::create_directories(dir);
  const auto body = dir / "body.csv";
  std::ofstream(body) << "member,position,salience\nA,0.4,1\nB,0.1,0.5\nC,0.9,1\n";
  int status = -1;
  const auto out = run("decide " + body.string() +
                           " --rule unanimity --status-quo 0.2 --proposal 0.6",
                       status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_EQ(out.find("accepts "), std::string::npos) << out;
  EXPECT_NE(out.find("share"), std::string::npos) << out;
  EXPECT_NE(out.find("part of the move from the status quo q = 0.2 to the proposal L = 0.6"),
            std::string::npos)
      << out;
  // A's row: position 0.4, share 0.5; B's: share 0 (veto 0.5 x 1); C's: share 1.
  EXPECT_NE(out.find("0.4000    1.0000    1.0000    0.5000"), std::string::npos) << out;
  EXPECT_NE(out.find("0.1000    0.5000    1.0000    0.0000    0.5000"), std::string::npos) << out;
}

}  // namespace

// LineEndings: every CSV reader accepts LF, CRLF and classic-Mac CR-only line endings and a
// missing final newline, and reads the same table from each; an error that follows from an
// unusual ending names the endings it saw. The inputs are written in the test (issue 17).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "concord/bargain/input.hpp"
#include "concord/common/error.hpp"
#include "concord/data/csv.hpp"
#include "concord/data/institutions.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/state_system.hpp"

namespace concord::data {
namespace {

namespace fs = std::filesystem;

// The four ways the field's files end their lines.
struct Ending {
  const char* name;
  const char* brk;
  bool final_newline;
};
constexpr Ending kEndings[] = {{"LF", "\n", true},
                               {"CRLF", "\r\n", true},
                               {"CR", "\r", true},
                               {"LF-no-final-newline", "\n", false},
                               {"CR-no-final-newline", "\r", false}};

// `lines` joined with the ending's break.
std::string with_ending(const std::vector<std::string>& lines, const Ending& e) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += lines[i];
    if (i + 1 < lines.size() || e.final_newline) out += e.brk;
  }
  return out;
}

class LineEndingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("concord_line_endings_{}_{}", testing::UnitTest::GetInstance()->current_test_info()->name(),
                       ::getpid());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path write(const std::string& name, const std::string& bytes) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  static std::string error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  }
  fs::path dir_;
};

TEST_F(LineEndingsTest, StateListReadsTheSameSpellsWhateverTheEnding) {
  const std::vector<std::string> lines = {
      "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version",
      "USA,2,United States of America,1816,1,1,2024,12,31,2024",
      "GMY,255,Germany,1816,1,1,1945,5,8,2024",
      "GMY,255,Germany,1990,10,3,2024,12,31,2024"};
  for (const Ending& e : kEndings) {
    const StateSpells s = read_state_list(write(fmt::format("states-{}.csv", e.name), with_ending(lines, e)));
    ASSERT_EQ(s.size(), 3U) << e.name;
    EXPECT_EQ(s.ccode[2], 255) << e.name;
    EXPECT_EQ(s.end[2], (Date{2024, 12, 31})) << e.name;  // the last cell carries no '\r'
    EXPECT_EQ(s.version[2], 2024) << e.name;
    EXPECT_EQ(s.line[2], 4U) << e.name;
  }
}

TEST_F(LineEndingsTest, NmcReadsTheSameRowsWhateverTheEnding) {
  const std::vector<std::string> lines = {"ccode,year,milex,milper,irst,pec,tpop,upop,cinc",
                                          "2,1816,3823,17,80,254,8659,101,0.039",
                                          "200,1816,16942,255,1000,16000,19520,1250,0.337"};
  for (const Ending& e : kEndings) {
    const NmcTable t = read_nmc(write(fmt::format("nmc-{}.csv", e.name), with_ending(lines, e)), NmcVersion::v7);
    ASSERT_EQ(t.size(), 2U) << e.name;
    EXPECT_DOUBLE_EQ(t.cinc[1], 0.337) << e.name;
  }
}

TEST_F(LineEndingsTest, HandSplitInstitutionFileReadsTheSameWhateverTheEnding) {
  const std::vector<std::string> lines = {"institution,ccode,stateabb,participant,joined,role,note",
                                          "ARF,2,USA,United States,1994,member,",
                                          "ARF,710,CHN,China,1994,member,founding participant"};
  for (const Ending& e : kEndings) {
    const InstitutionMemberships t =
        read_institution_memberships(write(fmt::format("inst-{}.csv", e.name), with_ending(lines, e)));
    ASSERT_EQ(t.size(), 2U) << e.name;
    EXPECT_EQ(t.note[1], "founding participant") << e.name;
    EXPECT_EQ(t.joined[1], 1994) << e.name;
  }
}

TEST_F(LineEndingsTest, BargainingVotingAndDecisionInputsReadTheSameWhateverTheEnding) {
  const std::vector<std::string> bargain = {"actor,capability,position,salience", "A,1,0,1", "B,2,100,0.5"};
  const std::vector<std::string> ktab = {"Dummy,6 dims,2,1,", "Actor,Description,Power,Pstn1,Sal1,",
                                         "A,first,10,0,80,", "B,second,20,100,50,"};
  const std::vector<std::string> voting = {"member,weight", "DE,29", "FR,29", "LU,4"};
  const std::vector<std::string> decision = {"member,position,salience", "A,1,1", "B,0.4,0.5"};
  for (const Ending& e : kEndings) {
    const auto b = bargain::read_bargain_csv(write(fmt::format("b-{}.csv", e.name), with_ending(bargain, e)));
    ASSERT_EQ(b.actor.size(), 2U) << e.name;
    EXPECT_DOUBLE_EQ(b.salience[1], 0.5) << e.name;
    const auto k = bargain::read_bargain_csv(write(fmt::format("k-{}.csv", e.name), with_ending(ktab, e)));
    EXPECT_EQ(k.format, bargain::BargainFormat::ktab) << e.name;
    ASSERT_EQ(k.actor.size(), 2U) << e.name;
    EXPECT_DOUBLE_EQ(k.salience[1], 0.5) << e.name;
    const auto v = bargain::read_voting_body_csv(write(fmt::format("v-{}.csv", e.name), with_ending(voting, e)));
    ASSERT_EQ(v.member.size(), 3U) << e.name;
    EXPECT_DOUBLE_EQ(v.weight[2], 4.0) << e.name;
    const auto d = bargain::read_decision_csv(write(fmt::format("d-{}.csv", e.name), with_ending(decision, e)));
    ASSERT_EQ(d.member.size(), 2U) << e.name;
    EXPECT_DOUBLE_EQ(d.salience[1], 0.5) << e.name;
  }
}

TEST_F(LineEndingsTest, CrOnlyFileIsNotOneLongLine) {
  // Before: a CR-only file read as one line; the reader saw the header run on into the data.
  const fs::path p = write("cr.csv", "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\r2,1816,1,1,1,1,1,1,1\r");
  const NmcTable t = read_nmc(p, NmcVersion::v7);
  EXPECT_EQ(t.size(), 1U);
  EXPECT_EQ(read_header_names(p).back(), "cinc");
}

TEST_F(LineEndingsTest, StructureErrorNamesTheEndingsItSaw) {
  // A stray CR inside an LF file breaks a row in two: the error says so.
  const fs::path p = write("mixed.csv", "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n"
                                        "2,1816,1,1,1,1,1,1,1\n"
                                        "20,1816,1,1\r1,1,1,1,1\n");
  const std::string e = error_of([&] { (void)read_nmc(p, NmcVersion::v7); });
  EXPECT_NE(e.find(":3: too few fields"), std::string::npos) << e;  // the row ends at the stray CR
  EXPECT_NE(e.find("line endings: mixed (3 LF, 1 CR-only)"), std::string::npos) << e;
  const fs::path q = write("mixed-bargain.csv", "actor,capability,position,salience\nA,1,0\r1\nB,1,1,1\n");
  const std::string eb = error_of([&] { (void)bargain::read_bargain_csv(q); });
  EXPECT_NE(eb.find("expected 4 cells, found 3 (line endings: mixed"), std::string::npos) << eb;
  // An ordinary error in an LF file does not mention line endings.
  const fs::path r = write("lf.csv", "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n2,1816,1,1\n");
  const std::string el = error_of([&] { (void)read_nmc(r, NmcVersion::v7); });
  EXPECT_NE(el.find("too few fields"), std::string::npos) << el;
  EXPECT_EQ(el.find("line endings"), std::string::npos) << el;
}

TEST(LineEndingsDescribe, NamesEachKind) {
  LineEndings e;
  EXPECT_EQ(e.describe(), "none");
  e.cr = 3;
  EXPECT_EQ(e.describe(), "CR-only (classic Mac OS)");
  e.lf = 2;
  EXPECT_EQ(e.describe(), "mixed (2 LF, 3 CR-only)");
}

// The measure commands read their CSV through the same layer (run through the binary).
TEST_F(LineEndingsTest, MeasureCommandsReadCrOnlyAndCrlfFiles) {
  for (const Ending& e : kEndings) {
    const fs::path p = write(fmt::format("s-{}.csv", e.name),
                             with_ending({"state,a,b", "USA,3,3", "UK,3,3", "FRN,0,1"}, e));
    const fs::path out = dir_ / "out.txt";
    const std::string cmd = fmt::format("'{}' measure taub '{}' > '{}' 2>&1", CONCORD_BINARY, p.string(), out.string());
    const int raw = std::system(cmd.c_str());
    std::ifstream in(out);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(WEXITSTATUS(raw), 0) << e.name << ": " << ss.str();
    // tau-b of (3,3,0) and (3,3,1): one tied pair in both, two concordant pairs: 2 / sqrt(2 * 2) = 1.
    EXPECT_EQ(ss.str(), "1.000000\n") << e.name;
  }
}

}  // namespace
}  // namespace concord::data

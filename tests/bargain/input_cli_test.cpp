// Readers (concord and KTAB SMP layouts, errors with file/line/field) and the commands end to end.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "concord/bargain/input.hpp"
#include "concord/bargain/spatial.hpp"
#include "concord/common/error.hpp"

namespace concord::bargain {
namespace {

std::filesystem::path data_file(const char* name) {
  return std::filesystem::path(CONCORD_SOURCE_DIR) / "tests" / "bargain" / "data" / name;
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("concord_bargain_" + name);
  std::ofstream(path) << text;
  return path;
}

struct CommandResult {
  int status = 0;
  std::string out;
};

CommandResult run(const std::string& args) {
  const std::string cmd = std::string(CONCORD_BINARY) + " " + args + " 2>&1";
  CommandResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) r.out += buf.data();
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

TEST(KtabInput, DetectsTheSmpLayoutAndScalesSalience) {
  const auto sc = read_bargain_csv(data_file("ktab_smp_3dim.csv"));
  EXPECT_EQ(sc.format, BargainFormat::ktab);
  ASSERT_EQ(sc.actor.size(), 4U);
  EXPECT_EQ(sc.issues, 3U);
  EXPECT_EQ(sc.actor[2], "East");
  EXPECT_EQ(sc.capability[0], 100.0);
  EXPECT_EQ(sc.position[2 * 4 + 1], 100.0);  // South, issue 3
  EXPECT_EQ(sc.salience[0 * 4 + 2], 1.0);    // East, issue 1: 100 -> 1
  EXPECT_EQ(sc.salience[1 * 4 + 3], 0.4);    // West, issue 2: 40 -> 0.4
}

TEST(KtabInput, ColumnsArePositionalWhateverTheirNames) {
  const auto sc = read_bargain_csv(data_file("ktab_smp_named_columns.csv"));
  EXPECT_EQ(sc.format, BargainFormat::ktab);
  ASSERT_EQ(sc.actor.size(), 3U);
  EXPECT_EQ(sc.issues, 1U);
  EXPECT_EQ(sc.actor[2], "OP");
  EXPECT_EQ(sc.capability[1], 30.0);
  EXPECT_EQ(sc.position[2], 100.0);
  EXPECT_EQ(sc.salience[1], 0.5);
  // compromise: (60*.9*20 + 30*.5*80 + 10*1*100) / (54 + 15 + 10) = 3280 / 79
  std::array<double, 1> out{};
  compromise(sc.view(), out);
  EXPECT_NEAR(out[0], 3280.0 / 79.0, 1e-12);
}

TEST(KtabInput, DeclaredCountsMustMatch) {
  const auto path = write_temp("ktab_bad.csv",
                               "S,desc,3,1,\nActor,Description,Power,Pstn1,Sal1,\nA,a,10,20,150,\nB,b,10,30,50,\n");
  try {
    (void)read_bargain_csv(path, BargainFormat::ktab);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 2U);
    EXPECT_EQ(e.problems()[0].where.field, "actors");  // declares 3, has 2
    EXPECT_EQ(e.problems()[1].where.line, 3);          // salience 150 > 100
    EXPECT_EQ(e.problems()[1].where.field, "Sal1");
  }
}

TEST(KtabInput, SameAnswerAsTheConcordLayout) {
  const auto k = read_bargain_csv(data_file("ktab_smp_3dim.csv"), BargainFormat::ktab);
  const auto c = read_bargain_csv(write_temp("k3.csv",
                                             "actor,capability,position_1,position_2,position_3,salience_1,salience_2,salience_3\n"
                                             "North,100,10,20,0,0.5,1.0,0.25\n"
                                             "South,50,90,80,100,0.5,0.5,0.75\n"
                                             "East,25,50,50,40,1.0,0,0.5\n"
                                             "West,25,70,20,60,0.2,0.4,1.0\n"));
  EXPECT_EQ(c.format, BargainFormat::concord);
  EXPECT_EQ(k.position, c.position);
  EXPECT_EQ(k.salience, c.salience);
  EXPECT_EQ(k.capability, c.capability);
}

TEST(BargainInput, ErrorsNameFileLineAndField) {
  const auto path = write_temp("bad.csv",
                               "actor,capability,position,salience\n"
                               "A,1,4,0.5\n"
                               "B,x,5,0.5\n"
                               "C,1,6,1.5\n"
                               "A,1,6,0.5\n");
  try {
    (void)read_bargain_csv(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 3U);  // every problem at once
    EXPECT_EQ(e.problems()[0].where.line, 3);
    EXPECT_EQ(e.problems()[0].where.field, "capability");
    EXPECT_EQ(e.problems()[1].where.line, 4);
    EXPECT_EQ(e.problems()[1].where.field, "salience");
    EXPECT_EQ(e.problems()[2].where.line, 5);
    EXPECT_EQ(e.problems()[2].where.field, "actor");
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
  }
}

TEST(BargainInput, MissingColumnsAndUnknownColumns) {
  EXPECT_THROW((void)read_bargain_csv(write_temp("nocap.csv", "actor,position,salience\nA,1,1\n")), InputError);
  EXPECT_THROW((void)read_bargain_csv(write_temp("extra.csv", "actor,capability,position,salience,colour\nA,1,1,1,red\n")),
               InputError);
  EXPECT_THROW((void)read_bargain_csv(write_temp("nosal2.csv", "actor,capability,position_1,position_2,salience_1\nA,1,1,1,1\n")),
               InputError);
  EXPECT_THROW((void)read_voting_body_csv(write_temp("vneg.csv", "member,weight\nA,-1\n")), InputError);
  EXPECT_THROW((void)read_decision_csv(write_temp("dbad.csv", "member,position,salience,directorate\nA,1,1,maybe\n")),
               InputError);
}

TEST(Cli, BargainPrintsTheCompromiseOfTheEcData) {
  const CommandResult r = run("bargain " + data_file("ec_bdm1994.csv").string() + " --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("compromise,1,7.389955686853767"), std::string::npos) << r.out;
}

TEST(Cli, BargainBdmPrintsEveryRoundAndRisk) {
  const CommandResult r = run("bargain " + data_file("ec_bdm1994.csv").string() + " --model bdm-scholz-figure --rounds 3 --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  // header + 10 actors x 4 rows (rounds 0..3)
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 41);
  EXPECT_NE(r.out.find("1,0,Netherlands,4,\n"), std::string::npos) << r.out;
}

TEST(Cli, BargainRunsAKtabScenarioUnchanged) {
  const CommandResult r = run("bargain " + data_file("ktab_smp_named_columns.csv").string() + " --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("41.51898734177"), std::string::npos) << r.out;  // 3280 / 79
  const CommandResult b = run("bargain " + data_file("ktab_smp_3dim.csv").string() + " --model bdm --rounds 2");
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_NE(b.out.find("issue 3: bdm"), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("risk exponent"), std::string::npos) << b.out;
}

TEST(Cli, VotingPowerOfTheEec) {
  const CommandResult r = run("measure voting-power " + data_file("eec6_qmv.csv").string() + " --quota 12 --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("Luxembourg,1,0,0,0,0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Belgium,2,0.14999999999999999,6,"), std::string::npos) << r.out;
}

TEST(Cli, DecideMinorityVetoAgainstQmv) {
  const auto path = write_temp("body.csv",
                               "member,position,salience,weight\n"
                               "A,1,1,3\nB,1,1,3\nC,1,1,3\nD,1,1,3\nE,0,1,2\n");
  const CommandResult veto = run("decide " + path.string() + " --rule minority-veto --proposal 1 --format json");
  ASSERT_EQ(veto.status, 0) << veto.out;
  EXPECT_NE(veto.out.find("\"passes\": false"), std::string::npos) << veto.out;
  EXPECT_NE(veto.out.find("\"E\""), std::string::npos);
  const CommandResult qmv = run("decide " + path.string() + " --rule qmv --quota 12 --proposal 1 --format json");
  ASSERT_EQ(qmv.status, 0) << qmv.out;
  EXPECT_NE(qmv.out.find("\"passes\": true"), std::string::npos) << qmv.out;
}

TEST(Cli, BadInputExitsOneNamingTheFile) {
  const auto path = write_temp("bad2.csv", "actor,capability,position,salience\nA,1,four,0.5\n");
  const CommandResult r = run("bargain " + path.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(path.string() + ":2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("position"), std::string::npos) << r.out;
  const CommandResult h = run("decide " + path.string() + " --rule hegemon --hegemon Nobody");
  EXPECT_EQ(h.status, 1);
}

}  // namespace
}  // namespace concord::bargain

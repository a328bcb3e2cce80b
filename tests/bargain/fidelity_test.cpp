// Bargaining and voting inputs written the way the field writes them (issue 17), one suite per
// kind of fault: BargainHeaders (the header names of the public expected-utility replications),
// SalienceScale (0-100 saliences refused unless --salience-scale 100), KtabQuirks (KTAB's own
// title line with extra and empty fields; salience range and sum), BdmCycles (cycle detection,
// outcome independent of the parity of --rounds), VotingGames (count rule, blocking minority,
// improper and impossible games; decide uses the same game), UsageErrors (exit 2, readable,
// names the option). Inputs are written in the test.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "concord/bargain/bdm.hpp"
#include "concord/bargain/decision.hpp"
#include "concord/bargain/game.hpp"
#include "concord/bargain/input.hpp"
#include "concord/bargain/voting_power.hpp"
#include "concord/common/error.hpp"

namespace concord::bargain {
namespace {

namespace fs = std::filesystem;

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / fmt::format("concord_fidelity_{}_{}", ::getpid(), name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

struct CommandResult {
  int status = -1;
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

// --- BargainHeaders -------------------------------------------------------------------------

TEST(BargainHeaders, ReplicationNamesAreAliases) {
  const auto p = write_temp("stakeholder.csv",
                            "Stakeholder,Resources,Position,Salience\nGovernment,60,20,0.9\nOpposition,40,80,0.5\n");
  const BargainScenario sc = read_bargain_csv(p);
  ASSERT_EQ(sc.actor.size(), 2U);
  EXPECT_EQ(sc.actor[1], "Opposition");
  EXPECT_EQ(sc.capability[0], 60.0);
  EXPECT_EQ(sc.position[1], 80.0);
  EXPECT_EQ(sc.salience[0], 0.9);
  // Multi-issue names with aliases: Influence, Stance_k, Importance_k.
  const auto q = write_temp("influence.csv",
                            "Player,Influence,Stance_1,Importance_1,Stance_2,Importance_2\nA,1,0,1,10,0.5\nB,2,100,0.5,30,1\n");
  const BargainScenario m = read_bargain_csv(q);
  EXPECT_EQ(m.issues, 2U);
  EXPECT_EQ(m.position[1 * 2 + 1], 30.0);
  EXPECT_EQ(m.salience[1 * 2 + 0], 0.5);
}

TEST(BargainHeaders, MissingColumnListsTheAcceptedNames) {
  const auto p = write_temp("who.csv", "Who,Resources,Position,Salience\nA,1,0,1\n");
  const std::string e = error_of([&] { (void)read_bargain_csv(p); });
  EXPECT_NE(e.find("field 'actor': missing column (accepted names: actor, stakeholder, player, name, country)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("field 'Who': unknown column (accepted: actor, stakeholder"), std::string::npos) << e;
  const auto d = write_temp("dup.csv", "Actor,Stakeholder,Capability,Position,Salience\nA,A,1,0,1\n");
  const std::string ed = error_of([&] { (void)read_bargain_csv(d); });
  EXPECT_NE(ed.find("columns 'Actor' and 'Stakeholder' both name the actor column"), std::string::npos) << ed;
}

// --- SalienceScale --------------------------------------------------------------------------

TEST(SalienceScale, ZeroToHundredIsRefusedUnlessDeclared) {
  const auto p = write_temp("sal100.csv", "actor,capability,position,salience\nA,1,0,80\nB,1,100,50\n");
  const std::string e = error_of([&] { (void)read_bargain_csv(p); });
  EXPECT_NE(e.find(":2:4: field 'salience': actor 'A', dimension 1 ('salience'): salience 80 is outside the allowed "
                   "range [0, 1]; a salience on a 0-100 scale needs --salience-scale 100"),
            std::string::npos)
      << e;
  const BargainScenario sc = read_bargain_csv(p, BargainFormat::automatic, 100.0);
  EXPECT_EQ(sc.salience[0], 0.8);
  EXPECT_EQ(sc.salience[1], 0.5);
  const auto over = write_temp("sal150.csv", "actor,capability,position,salience\nA,1,0,150\n");
  EXPECT_NE(error_of([&] { (void)read_bargain_csv(over, BargainFormat::automatic, 100.0); })
                .find("salience 150 is outside the allowed range [0, 100] (--salience-scale 100)"),
            std::string::npos);
  // Through the command: exit 1 without the option, the model runs with it.
  EXPECT_EQ(run(fmt::format("bargain '{}' --model bdm", p.string())).status, 1);
  const CommandResult ok = run(fmt::format("bargain '{}' --model bdm --salience-scale 100", p.string()));
  EXPECT_EQ(ok.status, 0) << ok.out;
}

// --- KtabQuirks -----------------------------------------------------------------------------

TEST(KtabQuirks, TitleLineWithExtraAndEmptyFieldsReadsUnchanged) {
  // As KTAB's own examples/smp/doc/dummyData_6Dim.csv writes its title line: a fifth cell "0"
  // and empty cells to the header's width.
  const auto p = write_temp("ktab6.csv",
                            "Combined,Two dimensions,3,2,0,,,\n"
                            "Actor,Description,Influence,Dim0 Position,Dim0 Salience,Dim1 Position,Dim1 Salience\n"
                            "AA00,Actor 00,99.98,50,40,62.5,60\n"
                            "AA01,Actor 01,79.79,60,16.53,72.5,83.47\n"
                            "AA02,Actor 02,63.95,20,50,50,49.99\n");
  const BargainScenario sc = read_bargain_csv(p);
  EXPECT_EQ(sc.format, BargainFormat::ktab);
  ASSERT_EQ(sc.actor.size(), 3U);
  EXPECT_EQ(sc.issues, 2U);
  EXPECT_EQ(sc.capability[2], 63.95);
  EXPECT_DOUBLE_EQ(sc.salience[1 * 3 + 1], 0.8347);
  EXPECT_TRUE(sc.warnings.empty());
}

TEST(KtabQuirks, SalienceOutOfRangeAndSumsAbove100AreReported) {
  const auto bad = write_temp("ktab_bad.csv",
                              "S,d,2,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,10,0,120,5,10\nB,b,10,100,40,5,60\n");
  const std::string e = error_of([&] { (void)read_bargain_csv(bad); });
  EXPECT_NE(e.find(":3:5: field 'S1': actor 'A', dimension 1 ('S1'): salience 120 is outside the allowed range [0, 100] "
                   "(KTAB's scale)"),
            std::string::npos)
      << e;
  const auto sum = write_temp("ktab_sum.csv",
                              "S,d,2,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,10,0,70,5,40\nB,b,10,100,40,5,60\n");
  const BargainScenario sc = read_bargain_csv(sum);
  ASSERT_EQ(sc.warnings.size(), 1U);
  EXPECT_NE(sc.warnings[0].find(":3: actor 'A': saliences sum to 110, above 100"), std::string::npos) << sc.warnings[0];
}

// --- BdmCycles ------------------------------------------------------------------------------

// Two equal actors at 0 and 100 and a third between them: the mirror x -> 100 - x maps the
// problem onto itself with A and B exchanged, so any outcome the model predicts must be 50.
constexpr const char* kSwapping = "actor,capability,position,salience\nA,1,0,1\nB,1,100,1\nC,1,50,0.2\n";

TEST(BdmCycles, CycleIsDetectedAndTheOutcomeIsItsMean) {
  const BargainScenario sc = read_bargain_csv(write_temp("swap.csv", kSwapping));
  BdmOptions opt;
  opt.max_rounds = 12;
  const BdmIssueTrace tr = run_bdm(sc.view(), opt)[0];
  ASSERT_GE(tr.cycle_period, 2);
  EXPECT_FALSE(tr.settled);
  // The positions after the cycle repeat those at its start, and the outcome is the mean of the
  // weighted means over the cycle.
  const auto start = tr.positions_after(tr.cycle_start);
  const auto again = tr.positions_after(tr.cycle_start + tr.cycle_period);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(again[i], start[i], 1e-9);
  double sum = 0.0;
  for (int t = tr.cycle_start; t < tr.cycle_start + tr.cycle_period; ++t) sum += tr.mean[static_cast<std::size_t>(t)];
  EXPECT_DOUBLE_EQ(tr.outcome, sum / tr.cycle_period);
  EXPECT_NEAR(tr.outcome, 50.0, 1e-9);  // the mirror symmetry
}

TEST(BdmCycles, OutcomeDoesNotDependOnTheParityOfRounds) {
  const BargainScenario sc = read_bargain_csv(write_temp("swap2.csv", kSwapping));
  std::vector<double> outcomes;
  for (const int rounds : {6, 7, 10, 11, 20, 21}) {
    BdmOptions opt;
    opt.max_rounds = rounds;
    outcomes.push_back(run_bdm(sc.view(), opt)[0].outcome);
  }
  for (const double o : outcomes) EXPECT_EQ(o, outcomes[0]);
  const CommandResult even = run(fmt::format("bargain '{}' --model bdm --rounds 10", write_temp("s3.csv", kSwapping).string()));
  const CommandResult odd = run(fmt::format("bargain '{}' --model bdm --rounds 11", write_temp("s4.csv", kSwapping).string()));
  EXPECT_NE(even.out.find("cycle of period 2 from round"), std::string::npos) << even.out;
  const auto line = [](const std::string& out) { return out.substr(out.find("predicted outcome")); };
  EXPECT_EQ(line(even.out), line(odd.out));
}

TEST(BdmCycles, SettledRunReportsItsRound) {
  // Two actors alone never move: settled at round 0.
  const BargainScenario sc =
      read_bargain_csv(write_temp("two.csv", "actor,capability,position,salience\nA,1,0,1\nB,1,100,1\n"));
  const BdmIssueTrace tr = run_bdm(sc.view(), BdmOptions{})[0];
  EXPECT_TRUE(tr.settled);
  EXPECT_EQ(tr.settled_round, 0);
  EXPECT_EQ(tr.cycle_period, 0);
}

// --- VotingGames ----------------------------------------------------------------------------

TEST(VotingGames, CountRuleMakesAZeroWeightMemberPivotal) {
  // [2; 1, 1, 0] with at least 3 members: only the grand coalition wins (unanimity), so each
  // member, the weightless one too, has Shapley-Shubik 1/3 and one swing.
  const std::vector<double> w{1, 1, 0};
  for (const auto method : {VotingPowerMethod::enumeration, VotingPowerMethod::generating_function}) {
    VotingPowerOptions opt;
    opt.method = method;
    const VotingPower p = voting_power(w, VotingGame{2.0, 3, 0}, opt);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_NEAR(p.shapley_shubik[i], 1.0 / 3.0, 1e-15) << i;
      EXPECT_EQ(p.banzhaf_swings[i], 1) << i;
    }
    EXPECT_EQ(p.winning_coalitions, 1);
  }
}

TEST(VotingGames, BlockingMinorityClauseOverridesTheQuota) {
  // [5; 3, 1, 1, 1], a blocking minority needs 2 members: any 3 members win (at most one
  // opposes), no pair reaches 5: the symmetric 3-of-4 majority, Shapley-Shubik 1/4 each and
  // C(3, 2) = 3 swings each.
  const std::vector<double> w{3, 1, 1, 1};
  for (const auto method : {VotingPowerMethod::enumeration, VotingPowerMethod::generating_function}) {
    VotingPowerOptions opt;
    opt.method = method;
    const VotingPower p = voting_power(w, VotingGame{5.0, 1, 2}, opt);
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_NEAR(p.shapley_shubik[i], 0.25, 1e-15) << i;
      EXPECT_EQ(p.banzhaf_swings[i], 3) << i;
    }
    EXPECT_EQ(p.winning_coalitions, 5);
  }
}

TEST(VotingGames, BothMethodsAgreeOnGamesWithCountsAndBlockingMinorities) {
  std::mt19937 rng(20241);
  std::uniform_int_distribution<int> weight(0, 9);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 3 + static_cast<std::size_t>(trial % 9);
    std::vector<double> w(n);
    double total = 0.0;
    for (auto& x : w) total += (x = weight(rng));
    if (total < 1.0) continue;
    const VotingGame game{std::ceil(total * 0.6), (n * (trial % 3)) / 4, static_cast<std::size_t>(trial % 4)};
    VotingPowerOptions e;
    e.method = VotingPowerMethod::enumeration;
    VotingPowerOptions g;
    g.method = VotingPowerMethod::generating_function;
    const VotingPower a = voting_power(w, game, e);
    const VotingPower b = voting_power(w, game, g);
    EXPECT_EQ(a.winning_coalitions, b.winning_coalitions) << trial;
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(a.banzhaf_swings[i], b.banzhaf_swings[i]) << trial << " member " << i;
      EXPECT_NEAR(a.shapley_shubik[i], b.shapley_shubik[i], 1e-12) << trial << " member " << i;
    }
  }
}

TEST(VotingGames, ImproperGameWarnsAndImpossibleQuotaIsAnError) {
  const std::vector<double> w{1, 1, 1, 1};
  const auto warnings = check_game(VotingGame{2.0, 0, 0}, w);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("improper game: the quota 2 is at or below half the total weight 4"), std::string::npos);
  EXPECT_TRUE(check_game(VotingGame{2.0, 3, 0}, w).empty());  // the count rule makes it proper
  EXPECT_TRUE(check_game(VotingGame{3.0, 0, 0}, w).empty());
  EXPECT_THROW((void)check_game(VotingGame{5.0, 0, 0}, w), std::invalid_argument);
  EXPECT_THROW((void)check_game(VotingGame{3.0, 5, 0}, w), std::invalid_argument);
  const auto file = write_temp("body.csv", "member,weight\nA,1\nB,1\nC,1\nD,1\n");
  const CommandResult over = run(fmt::format("measure voting-power '{}' --quota 5", file.string()));
  EXPECT_EQ(over.status, 1);
  EXPECT_NE(over.out.find("the quota 5 is above the total weight 4"), std::string::npos) << over.out;
  const CommandResult improper = run(fmt::format("measure voting-power '{}' --quota 2", file.string()));
  EXPECT_EQ(improper.status, 0);
  EXPECT_NE(improper.out.find("warning: improper game"), std::string::npos) << improper.out;
  const CommandResult counted = run(fmt::format("measure voting-power '{}' --quota 1 --min-members 4", file.string()));
  EXPECT_EQ(counted.status, 0) << counted.out;
  EXPECT_NE(counted.out.find("winning coalitions: 1 of 2^4"), std::string::npos) << counted.out;  // unanimity
}

TEST(VotingGames, DecideUsesTheSameGame) {
  // Supporters A (weight 10) alone: the quota 10 is met but the count rule asks for 2 members.
  const std::vector<double> position{1.0, 0.0, 0.0};
  const std::vector<double> salience{1.0, 1.0, 1.0};
  const std::vector<double> weight{10.0, 1.0, 1.0};
  const MembersView members{position, salience, weight, {}};
  std::vector<std::uint8_t> blocked(3);
  DecisionOptions opt;
  opt.rule = DecisionRule::qualified_majority;
  opt.quota = 10.0;
  EXPECT_TRUE(decide(opt, 0.0, 1.0, members, blocked).passes);
  opt.min_members = 2;
  EXPECT_FALSE(decide(opt, 0.0, 1.0, members, blocked).passes);
  // With a blocking minority of 3 members, two opponents cannot block.
  opt.blocking_min_members = 3;
  opt.min_members = 1;
  opt.quota = 11.0;
  EXPECT_TRUE(decide(opt, 0.0, 1.0, members, blocked).passes);
  // And the game of decide is the game voting power measures: the coalition {A} wins or not alike.
  const VotingGame game{11.0, 1, 3};
  EXPECT_TRUE(game.wins(1, 10.0, 3));
  const auto file = write_temp("members.csv", "member,position,salience,weight\nA,1,1,10\nB,0,1,1\nC,0,1,1\n");
  const CommandResult r = run(fmt::format("decide '{}' --rule qmv --quota 10 --min-members 2", file.string()));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("fails"), std::string::npos) << r.out;
}

// --- UsageErrors ----------------------------------------------------------------------------

TEST(UsageErrors, ExitTwoWithAReadableMessageNamingTheOption) {
  const auto file = write_temp("usage.csv", kSwapping);
  struct Case {
    std::string args;
    std::string names;
  };
  const std::vector<Case> cases = {
      {fmt::format("bargain '{}' --rounds -3", file.string()), "--rounds"},
      {fmt::format("bargain '{}' --salience-scale 50", file.string()), "--salience-scale"},
      {fmt::format("bargain '{}' --bogus", file.string()), "--bogus"},
      {fmt::format("measure voting-power '{}'", file.string()), "--quota"},
      {fmt::format("measure voting-power '{}' --quota 0", file.string()), "--quota"},
      {"validate transitions --within -1", "--within"},
      {"validate backtest --runs 0", "--runs"},
  };
  for (const Case& c : cases) {
    const CommandResult r = run(c.args);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.names), std::string::npos) << c.args << "\n" << r.out;
    EXPECT_EQ(r.out.find("0000000000000000"), std::string::npos) << "a 300-digit bound: " << r.out;
    EXPECT_NE(r.out.find("error: "), std::string::npos) << r.out;
  }
  EXPECT_EQ(run("--help").status, 0);
  EXPECT_EQ(run("--version").status, 0);
}

}  // namespace
}  // namespace concord::bargain

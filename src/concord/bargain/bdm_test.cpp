// Bueno de Mesquita's model on two actors, worked by hand from the equations in bdm.hpp.
//
// A at 0 (c = 1, s = 1), B at 1 (c = 1, s = 0.5); D = 1.
// Paper: P_AB = 1 / 1.5 = 2/3. With r = 1: E_AB = 0.5 (2/3 * 2 - 1/3 * 2) + 0.5 * 2 = 4/3,
// E_BA = 1/3 * 2 - 2/3 * 2 = -2/3. R_A = E_BA = -2/3 (the smallest) gives
// r_A = 2 and R_B = E_AB = 4/3 (max) gives r_B = 0.5. From B's view (r = 0.5, U_sq = 2 - 4/sqrt 2):
// E_BA = -2/3 - U_sq = 0.16176 > 0 and E_AB = 1/3 + 1 - U_sq = 2.16176 > E_BA: confrontation,
// B moves to 0. From A's view (r = 2, U_sq = 1) E_BA = -5/3 < 0: no offer, A stays.
// Figure variant: global denominator G = 1 * 2 + 0.5 * 2 = 3, P_AB = 1/3, P_BA = 1/6; the risk
// exponents come out the same (2 and 0.5). From B's view: E_BA = -4/3 - U_sq = -0.50491,
// E_AB = -1/3 + 1 - U_sq = 1.49509: compromise, B moves to 1 - 0.50491 / 1.49509 = 0.66229.
#include "concord/bargain/bdm.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

namespace concord::bargain {
namespace {

struct TwoActors {
  std::array<double, 2> c{1.0, 1.0};
  std::array<double, 2> x{0.0, 1.0};
  std::array<double, 2> s{1.0, 0.5};
  [[nodiscard]] ActorsView view() const { return {c, x, s}; }
};

TEST(Bdm, PaperEquationsTwoActorsConfrontation) {
  TwoActors a;
  BdmOptions opt;
  opt.variant = BdmVariant::scholz_paper;
  opt.max_rounds = 5;
  const auto tr = run_bdm(a.view(), opt)[0];
  EXPECT_DOUBLE_EQ(tr.risk[0], 2.0);
  EXPECT_DOUBLE_EQ(tr.risk[1], 0.5);
  EXPECT_EQ(tr.positions_after(1)[0], 0.0);
  EXPECT_EQ(tr.positions_after(1)[1], 0.0);
  EXPECT_TRUE(tr.settled);
  EXPECT_EQ(tr.rounds, 2);  // round 2 moves nobody
}

TEST(Bdm, FigureVariantTwoActorsCompromise) {
  TwoActors a;
  BdmOptions opt;
  opt.variant = BdmVariant::scholz_figure;
  opt.max_rounds = 1;
  const auto tr = run_bdm(a.view(), opt)[0];
  EXPECT_DOUBLE_EQ(tr.risk[0], 2.0);
  EXPECT_DOUBLE_EQ(tr.risk[1], 0.5);
  const double usq = 2.0 - 4.0 / std::sqrt(2.0);
  const double e_ba = -4.0 / 3.0 - usq;
  const double e_ab = -1.0 / 3.0 + 1.0 - usq;
  EXPECT_EQ(tr.positions_after(1)[0], 0.0);
  EXPECT_NEAR(tr.positions_after(1)[1], 1.0 - std::abs(e_ba / e_ab), 1e-12);
  EXPECT_NEAR(tr.positions_after(1)[1], 0.66229, 1e-5);
}

TEST(Bdm, EqualPositionsAreSettledAtOnce) {
  std::array<double, 3> c{1.0, 2.0, 3.0};
  std::array<double, 3> x{5.0, 5.0, 5.0};
  std::array<double, 3> s{0.2, 0.5, 1.0};
  const auto tr = run_bdm(ActorsView{c, x, s}, BdmOptions{})[0];
  EXPECT_TRUE(tr.settled);
  EXPECT_EQ(tr.rounds, 0);
  EXPECT_EQ(tr.mean[0], 5.0);
}

TEST(Bdm, IssuesAreIndependent) {
  // Two issues: issue 1 is the two-actor case; issue 0 has both actors agreeing.
  std::array<double, 2> c{1.0, 1.0};
  std::array<double, 4> x{3.0, 3.0, 0.0, 1.0};
  std::array<double, 4> s{0.7, 0.7, 1.0, 0.5};
  BdmOptions opt;
  opt.max_rounds = 1;
  const auto tr = run_bdm(ActorsView{c, x, s}, opt);
  ASSERT_EQ(tr.size(), 2U);
  EXPECT_EQ(tr[0].rounds, 0);
  EXPECT_EQ(tr[1].positions_after(1)[1], 0.0);
}

TEST(Bdm, RejectsBadOptions) {
  TwoActors a;
  BdmOptions opt;
  opt.max_rounds = -1;
  EXPECT_THROW((void)run_bdm(a.view(), opt), std::invalid_argument);
  opt.max_rounds = 1;
  opt.q = 1.5;
  EXPECT_THROW((void)run_bdm(a.view(), opt), std::invalid_argument);
}

}  // namespace
}  // namespace concord::bargain

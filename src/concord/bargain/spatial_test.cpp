// Compromise, weighted median and the asymmetric Nash bargaining solution on closed forms.
#include "concord/bargain/spatial.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace concord::bargain {
namespace {

TEST(Nash, TwoActorsLinearLossSplitInProportionToPower) {
  // Actors at 0 and 1, salience 1, linear loss, disagreement at the far end (d = -1 each):
  // maximise c1 log(1 - y) + c2 log(y)  =>  y = c2 / (c1 + c2)  (Kalai 1977).
  for (const auto& [c1, c2] : std::vector<std::pair<double, double>>{{1, 1}, {3, 1}, {1, 4}, {0.2, 0.7}}) {
    std::array<double, 2> c{c1, c2};
    std::array<double, 2> x{0.0, 1.0};
    std::array<double, 2> s{1.0, 1.0};
    std::array<double, 1> out{};
    NashOptions opt;
    opt.loss = Loss::linear;
    nash_bargaining(ActorsView{c, x, s}, {}, opt, out);
    EXPECT_NEAR(out[0], c2 / (c1 + c2), 1e-7) << c1 << " " << c2;
  }
}

TEST(Nash, QuadraticLossTwoActorsClosedForm) {
  // Quadratic loss, actors at 0 and 1, d = -1: maximise c1 log(1 - y^2) + c2 log(1 - (1 - y)^2).
  // First-order condition: c1 y / (1 - y^2) = c2 (1 - y) / (y (2 - y)); equal powers give y = 1/2.
  std::array<double, 2> c{2.0, 1.0};
  std::array<double, 2> x{0.0, 1.0};
  std::array<double, 2> s{1.0, 1.0};
  std::array<double, 1> out{};
  nash_bargaining(ActorsView{c, x, s}, {}, NashOptions{}, out);
  const double y = out[0];
  EXPECT_NEAR(2.0 * y / (1.0 - y * y), (1.0 - y) / (y * (2.0 - y)), 1e-6);
  c = {1.0, 1.0};
  nash_bargaining(ActorsView{c, x, s}, {}, NashOptions{}, out);
  EXPECT_NEAR(out[0], 0.5, 1e-7);
}

TEST(Nash, SeveralIssuesWithExplicitDisagreement) {
  // Two issues, symmetric actors at (0,0) and (1,1), d = -2 (the far corner): the solution is
  // the midpoint (0.5, 0.5) by symmetry; with linear loss and capabilities 1 and 3 the split
  // is y = 3/4 on each issue (the problem separates into the one-issue case).
  std::array<double, 2> c{1.0, 1.0};
  std::array<double, 4> x{0.0, 1.0, 0.0, 1.0};
  std::array<double, 4> s{1.0, 1.0, 1.0, 1.0};
  std::array<double, 2> d{-2.0, -2.0};
  std::array<double, 2> out{};
  nash_bargaining(ActorsView{c, x, s}, d, NashOptions{}, out);
  EXPECT_NEAR(out[0], 0.5, 1e-6);
  EXPECT_NEAR(out[1], 0.5, 1e-6);
  c = {1.0, 3.0};
  NashOptions lin;
  lin.loss = Loss::linear;
  nash_bargaining(ActorsView{c, x, s}, d, lin, out);
  EXPECT_NEAR(out[0] + out[1], 1.5, 1e-6);  // linear: only the total concession is determined
}

TEST(Compromise, SeveralIssuesUseTheirOwnSalience) {
  std::array<double, 2> c{1.0, 3.0};
  std::array<double, 4> x{0.0, 10.0, 0.0, 10.0};
  std::array<double, 4> s{1.0, 1.0, 1.0, 0.0};
  std::array<double, 2> out{};
  compromise(ActorsView{c, x, s}, out);
  EXPECT_DOUBLE_EQ(out[0], 7.5);
  EXPECT_DOUBLE_EQ(out[1], 0.0);
  std::array<std::size_t, 2> scratch{};
  weighted_median(ActorsView{c, x, s}, out, scratch);
  EXPECT_EQ(out[0], 10.0);
  EXPECT_EQ(out[1], 0.0);
}

TEST(Spatial, RejectsBadShapes) {
  std::array<double, 2> c{1.0, 1.0};
  std::array<double, 3> x{0.0, 1.0, 2.0};
  std::array<double, 3> s{1.0, 1.0, 1.0};
  std::array<double, 1> out{};
  EXPECT_THROW(compromise(ActorsView{c, x, s}, out), std::invalid_argument);
  std::array<double, 2> x2{0.0, 1.0};
  std::array<double, 2> s2{1.0, 1.5};
  EXPECT_THROW(compromise(ActorsView{c, x2, s2}, out), std::invalid_argument);
}

}  // namespace
}  // namespace concord::bargain

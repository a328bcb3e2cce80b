// Closed forms of the bargaining and arms-race kernels (REFERENCES.md: Fearon 1995, Powell 2006,
// Richardson 1960).
#include "concord/engine/kernels.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace concord::engine {
namespace {

TEST(Fearon, BargainingRangeOfTheReferenceExample) {
  // REFERENCES.md: p = .6, c_A = .1, c_B = .15 gives [0.5, 0.75].
  const auto r = fearon_range(0.6, 0.1, 0.15);
  EXPECT_NEAR(r.low, 0.5, 1e-15);
  EXPECT_NEAR(r.high, 0.75, 1e-15);
  // the Nash point (equal weights, linear utilities) is the middle of the range
  EXPECT_NEAR(nash_share(0.6, 0.1, 0.15), 0.625, 1e-15);
}

TEST(Powell, WarIffTheShiftOutrunsTheCosts) {
  // delta * p' - p > c_D + delta * c_A
  const double delta = 0.9;
  // p = 0.3 -> 0.8: 0.72 - 0.3 = 0.42 > 0.1 + 0.09 = 0.19
  EXPECT_TRUE(powell_commitment_war(0.3, 0.8, 0.1, 0.1, delta));
  // no shift: delta p - p < 0 < costs
  EXPECT_FALSE(powell_commitment_war(0.5, 0.5, 0.1, 0.1, delta));
  // exactly at the boundary the strict inequality fails: 0.9 * p' - 0.3 = 0.19 -> p' = 0.5444...
  const double boundary = (0.19 + 0.3) / 0.9;
  EXPECT_FALSE(powell_commitment_war(0.3, boundary - 1e-12, 0.1, 0.1, delta));
  EXPECT_TRUE(powell_commitment_war(0.3, boundary + 1e-12, 0.1, 0.1, delta));
  // the smooth version tends to the sharp one as sigma_c -> 0 and is 1/2 on the boundary
  EXPECT_EQ(p_war_commitment(0.3, 0.8, 0.1, 0.1, delta, 0.0), 1.0);
  EXPECT_EQ(p_war_commitment(0.5, 0.5, 0.1, 0.1, delta, 0.0), 0.0);
  EXPECT_NEAR(p_war_commitment(0.3, boundary, 0.1, 0.1, delta, 0.05), 0.5, 1e-12);
}

TEST(PrivateInformation, ClosedFormAndCalibration) {
  // perfect information: no war when the range is non-empty
  EXPECT_EQ(p_war_information(0.1, 0.15, 0.0), 0.0);
  // 1 - Phi(x) at x = (c_A + c_D) / (sigma sqrt 2) = 1: 0.158655...
  const double sigma = 0.25 / std::sqrt(2.0);
  EXPECT_NEAR(p_war_information(0.1, 0.15, sigma), 0.15865525393145707, 1e-12);
  // sigma_info_for inverts it
  EXPECT_NEAR(sigma_info_for(0.15865525393145707, 0.1, 0.15), sigma, 1e-10);
  EXPECT_NEAR(p_war_information(0.1, 0.1, sigma_info_for(0.05, 0.1, 0.1)), 0.05, 1e-12);
  // combination of the two sources
  EXPECT_NEAR(p_war_given_crisis(0.2, 0.5), 0.6, 1e-15);
  EXPECT_EQ(p_war_given_crisis(0.0, 0.0), 0.0);
}

std::vector<double> iterate_richardson(double k, double a, double g, double l, double b, double h, int steps,
                                       double dt) {
  std::vector<double> x{0.0, 0.0};
  std::vector<double> out(2);
  const std::vector<double> threat{0.0, 1.0, 1.0, 0.0};
  const std::vector<double> reaction{k, l};
  const std::vector<double> fatigue{a, b};
  const std::vector<double> grievance{g, h};
  for (int s = 0; s < steps; ++s) {
    richardson_step(x, threat, reaction, fatigue, grievance, dt, out);
    x = out;
  }
  return x;
}

TEST(Richardson, ConvergesToTheClosedFormWhenStable) {
  // a b = 0.5 * 0.6 = 0.3 > k l = 0.2 * 0.3 = 0.06
  const double k = 0.2, a = 0.5, g = 0.1, l = 0.3, b = 0.6, h = 0.05;
  const auto eq = richardson_equilibrium(k, a, g, l, b, h);
  ASSERT_TRUE(eq.stable);
  EXPECT_NEAR(eq.x, (b * g + k * h) / (a * b - k * l), 1e-15);
  const auto x = iterate_richardson(k, a, g, l, b, h, 2000, 0.5);
  EXPECT_NEAR(x[0], eq.x, 1e-9);
  EXPECT_NEAR(x[1], eq.y, 1e-9);
  // the equilibrium is a fixed point of the discrete step
  std::vector<double> out(2);
  richardson_step(std::vector<double>{eq.x, eq.y}, std::vector<double>{0, 1, 1, 0}, std::vector<double>{k, l},
                  std::vector<double>{a, b}, std::vector<double>{g, h}, 1.0, out);
  EXPECT_NEAR(out[0], eq.x, 1e-12);
  EXPECT_NEAR(out[1], eq.y, 1e-12);
}

TEST(Richardson, DivergesWhenUnstable) {
  // a b = 0.1 * 0.1 = 0.01 < k l = 0.4 * 0.5 = 0.2: the race runs away
  const double k = 0.4, a = 0.1, g = 0.1, l = 0.5, b = 0.1, h = 0.1;
  EXPECT_FALSE(richardson_equilibrium(k, a, g, l, b, h).stable);
  const auto x50 = iterate_richardson(k, a, g, l, b, h, 50, 0.5);
  const auto x100 = iterate_richardson(k, a, g, l, b, h, 100, 0.5);
  EXPECT_GT(x100[0], 10.0 * x50[0]);
  EXPECT_GT(x100[1], 1e3);
}

}  // namespace
}  // namespace concord::engine

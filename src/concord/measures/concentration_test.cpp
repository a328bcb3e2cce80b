#include "concord/measures/concentration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace concord::measures {
namespace {

TEST(Concentration, RawCapabilitiesAreNormalised) {
  // CINC scores of a regional subset do not sum to 1; scaling all values leaves CON unchanged.
  const std::vector<double> shares{.5, .3, .2};
  const std::vector<double> raw{.05, .03, .02};
  EXPECT_NEAR(concentration(raw).con, concentration(shares).con, 1e-14);
  EXPECT_NEAR(concentration(raw).effective_poles, concentration(shares).effective_poles, 1e-12);
}

TEST(Concentration, MonopolyIsOneAndOnePole) {
  const std::vector<double> s{1.0, 0.0, 0.0, 0.0};
  const Concentration c = concentration(s);
  EXPECT_DOUBLE_EQ(c.con, 1.0);
  EXPECT_DOUBLE_EQ(c.effective_poles, 1.0);
  EXPECT_DOUBLE_EQ(c.sum_squared_shares, 1.0);
  EXPECT_EQ(c.n, 4U);
}

TEST(Concentration, TwoEqualPolesAmongZerosClosedForm) {
  // H = 1/2, N = 4: CON = sqrt((1/2 - 1/4) / (3/4)) = sqrt(1/3).
  const std::vector<double> s{.5, .5, 0.0, 0.0};
  EXPECT_NEAR(ray_singer_con(s), std::sqrt(1.0 / 3.0), 1e-15);
  EXPECT_NEAR(effective_poles(s), 2.0, 1e-15);
}

TEST(Concentration, RejectsBadInput) {
  EXPECT_THROW((void)concentration(std::vector<double>{1.0}), std::invalid_argument);
  EXPECT_THROW((void)concentration(std::vector<double>{0.5, -0.1, 0.6}), std::invalid_argument);
  EXPECT_THROW((void)concentration(std::vector<double>{0.0, 0.0}), std::invalid_argument);
  EXPECT_THROW((void)concentration(std::vector<double>{0.5, std::nan("")}), std::invalid_argument);
  EXPECT_DOUBLE_EQ(effective_poles(std::vector<double>{0.3}), 1.0);
  EXPECT_THROW((void)effective_poles(std::vector<double>{}), std::invalid_argument);
}

}  // namespace
}  // namespace concord::measures

// Reference tests: Ray & Singer (1973) concentration and the effective number of poles
// (REFERENCES.md: shares (.5, .3, .2) give CON 0.26458 and 2.6316 poles; equal shares give 0).
#include <gtest/gtest.h>

#include <vector>

#include "concord/measures/concentration.hpp"

namespace concord::measures {
namespace {

TEST(RaySinger, PublishedValuesForPointFiveThreeTwo) {
  const std::vector<double> s{.5, .3, .2};
  const Concentration c = concentration(s);
  EXPECT_NEAR(c.con, 0.26458, 5e-6);
  EXPECT_NEAR(c.effective_poles, 2.6316, 5e-5);
  EXPECT_NEAR(ray_singer_con(s), 0.26458, 5e-6);
  EXPECT_NEAR(effective_poles(s), 2.6316, 5e-5);
}

TEST(RaySinger, EqualSharesGiveZero) {
  for (std::size_t n : {2U, 3U, 7U, 193U}) {
    const std::vector<double> s(n, 1.0 / static_cast<double>(n));
    EXPECT_NEAR(ray_singer_con(s), 0.0, 1e-12) << n;                        // 1/n is rounded
    EXPECT_EQ(ray_singer_con(std::vector<double>(n, 0.25)), 0.0) << n;     // exact in binary
    EXPECT_NEAR(effective_poles(s), static_cast<double>(n), 1e-9) << n;
  }
}

}  // namespace
}  // namespace concord::measures

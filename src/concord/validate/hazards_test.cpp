#include "concord/validate/hazards.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "concord/validate/dyad_years.hpp"

namespace concord::validate {
namespace {

// Beck, Katz & Tucker / Carter & Signorino count: years since the last dispute year.
// Disputes {1950, 1951, 1960}, entry 1946:
//   1946 -> 0 (entry year), 1950 -> 1950 - 1946 = 4, 1951 -> 1 (1950 was a dispute year),
//   1952 -> 1, 1960 -> 1960 - 1951 = 9, 1965 -> 1965 - 1960 = 5.
TEST(PeaceYears, CountsYearsSinceLastDispute) {
  const std::vector<int> d{1950, 1951, 1960};
  EXPECT_EQ(peace_years(d, 1946, 1946), 0);
  EXPECT_EQ(peace_years(d, 1946, 1950), 4);
  EXPECT_EQ(peace_years(d, 1946, 1951), 1);
  EXPECT_EQ(peace_years(d, 1946, 1952), 1);
  EXPECT_EQ(peace_years(d, 1946, 1960), 9);
  EXPECT_EQ(peace_years(d, 1946, 1965), 5);
  EXPECT_EQ(peace_years({}, 1816, 1946), 130);
  EXPECT_EQ(peace_years({}, 1950, 1946), 0);  // never negative
}

// s = t / 10: t = 25 gives (2.5, 6.25, 15.625).
TEST(PeaceYears, CubicTermsAreRescaled) {
  const auto s = peace_year_terms(25.0);
  EXPECT_DOUBLE_EQ(s[0], 2.5);
  EXPECT_DOUBLE_EQ(s[1], 6.25);
  EXPECT_DOUBLE_EQ(s[2], 15.625);
}

// Wilson (1927) interval for 5 successes in 100 at 95% (z = 1.96):
// centre = (0.05 + 1.96^2/200) / (1 + 1.96^2/100) = 0.069208 / 1.038416 = 0.066648;
// half = 1.96 sqrt(0.05*0.95/100 + 1.96^2/40000) / 1.038416 = 0.045105;
// interval [0.02154, 0.11175].
TEST(Escalation, WilsonIntervalHandComputed) {
  const Escalation e = wilson_interval(5, 100);
  EXPECT_DOUBLE_EQ(e.rate, 0.05);
  EXPECT_NEAR(e.lower, 0.02154, 5e-5);
  EXPECT_NEAR(e.upper, 0.11175, 5e-5);
  const Escalation none = wilson_interval(0, 40);
  EXPECT_DOUBLE_EQ(none.lower, 0.0);
  EXPECT_GT(none.upper, 0.0);
  EXPECT_THROW(wilson_interval(0, 0), std::invalid_argument);
}

TEST(Region, ParsesAndClassifies) {
  EXPECT_EQ(parse_region("asia"), Region::asia);
  EXPECT_EQ(parse_region("asia-pacific"), Region::asia);
  EXPECT_EQ(parse_region("world"), Region::world);
  EXPECT_EQ(parse_region("europe"), Region::europe);
  EXPECT_THROW(parse_region("mars"), std::invalid_argument);
  EXPECT_TRUE(in_region(Region::europe, 255));   // Germany
  EXPECT_TRUE(in_region(Region::europe, 640));   // Ottoman Empire
  EXPECT_FALSE(in_region(Region::europe, 2));    // United States
  EXPECT_EQ(region_name(Region::europe), "europe");
  EXPECT_TRUE(in_region(Region::asia, 710));   // China
  EXPECT_TRUE(in_region(Region::asia, 2));     // United States
  EXPECT_TRUE(in_region(Region::asia, 365));   // Russia
  EXPECT_FALSE(in_region(Region::asia, 200));  // United Kingdom
  EXPECT_TRUE(in_region(Region::world, 200));
}

}  // namespace
}  // namespace concord::validate

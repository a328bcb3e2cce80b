#include "concord/ensemble/stats.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

namespace concord::ensemble {
namespace {

// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
// seven methods", Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score, no
// continuity correction), 95%: 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605;
// 0/20 -> 0-0.1611; 1/29 -> 0.0061-0.1718.
TEST(Wilson, ReproducesNewcombe1998TableI) {
  struct Case { std::uint64_t k, n; double lo, hi; };
  for (const Case c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605},
                       Case{0, 20, 0.0, 0.1611}, Case{1, 29, 0.0061, 0.1718}}) {
    Proportion p;
    p.add_counts(c.k, c.n);
    const auto e = p.wilson();
    EXPECT_NEAR(e.lo, c.lo, 5e-5) << c.k << "/" << c.n;
    EXPECT_NEAR(e.hi, c.hi, 5e-5) << c.k << "/" << c.n;
    EXPECT_EQ(e.n, c.n);
  }
}

// 8 successes in 10, z = 1.959964: p = 0.8, z^2/n = 0.3841459, denominator 1.3841459,
// centre = (0.8 + 0.1920729) / 1.3841459 = 0.7167401,
// half = 1.959964 / 1.3841459 * sqrt(0.016 + 0.0096036) = 1.4160113 * 0.1600113 = 0.2265777,
// interval [0.4901625, 0.9433178].
TEST(Wilson, HandComputedEightOfTen) {
  Proportion p;
  for (int i = 0; i < 10; ++i) p.add(i < 8);
  const auto e = p.wilson(0.95);
  EXPECT_DOUBLE_EQ(e.value, 0.8);
  EXPECT_NEAR(e.lo, 0.4901625, 1e-6);
  EXPECT_NEAR(e.hi, 0.9433178, 1e-6);
}

TEST(Wilson, EmptyIsWholeUnitInterval) {
  const auto e = Proportion{}.wilson();
  EXPECT_TRUE(std::isnan(e.value));
  EXPECT_EQ(e.lo, 0.0);
  EXPECT_EQ(e.hi, 1.0);
}

// x = 1..5: mean 3, s^2 = 10/4 = 2.5, se = sqrt(2.5/5) = 0.7071068,
// t_{0.975,4} = 2.7764451 (any t table), half-width 1.9632432, interval [1.0367568, 4.9632432].
TEST(Student, HandComputedOneToFive) {
  Mean m;
  for (int i = 1; i <= 5; ++i) m.add(i);
  EXPECT_DOUBLE_EQ(m.mean(), 3.0);
  EXPECT_DOUBLE_EQ(m.variance(), 2.5);
  EXPECT_NEAR(student_quantile_two_sided(0.95, 4), 2.7764451, 1e-7);
  const auto e = m.student();
  EXPECT_NEAR(e.lo, 1.0367568, 1e-7);
  EXPECT_NEAR(e.hi, 4.9632432, 1e-7);
  EXPECT_EQ(e.n, 5U);
}

TEST(Student, UndefinedBelowTwoObservations) {
  Mean m;
  m.add(4.0);
  const auto e = m.student();
  EXPECT_EQ(e.value, 4.0);
  EXPECT_TRUE(std::isnan(e.lo));
  EXPECT_TRUE(std::isnan(e.hi));
}

// Welford stays accurate where the naive sum of squares cancels: 1e9 + {4, 7, 13, 16} has
// variance 30 exactly (Knuth's example shifted).
TEST(Student, WelfordIsStableUnderLargeOffset) {
  Mean m;
  for (double x : {4.0, 7.0, 13.0, 16.0}) m.add(1e9 + x);
  EXPECT_NEAR(m.variance(), 30.0, 1e-6);
}

// Ten runs, horizon 3: events d = (1, 2, 1) at t = 1, 2, 3; censored c = (0, 1, 5).
// Risk sets n = (10, 10-1 = 9, 9-3 = 6).
// S(1) = 9/10 = 0.9; S(2) = 0.9 * 7/9 = 0.7; S(3) = 0.7 * 5/6 = 0.5833333.
// Greenwood sums: 1/(10*9) = 0.0111111; + 2/(9*7) = 0.0428571; + 1/(6*5) = 0.0761905.
// se(3) = 0.5833333 * sqrt(0.0761905) = 0.1610153;
// linear 95%: 0.5833333 -+ 1.959964 * 0.1610153 = [0.2677491, 0.8989175];
// log-log: w = 1.959964 * sqrt(0.0761905) / |ln 0.5833333| = 1.0036, S^exp(+-w) =
// [0.2297865, 0.8207395].
TEST(KaplanMeier, GreenwoodHandComputed) {
  KaplanMeier km(3);
  km.add_event(1);
  km.add_event(2);
  km.add_event(2);
  km.add_censored(2);
  km.add_event(3);
  for (int i = 0; i < 5; ++i) km.add_censored(3);
  EXPECT_EQ(km.runs(), 10U);
  const auto c = km.curve();
  ASSERT_EQ(c.size(), 3U);
  EXPECT_EQ(c[0].at_risk, 10U);
  EXPECT_EQ(c[1].at_risk, 9U);
  EXPECT_EQ(c[2].at_risk, 6U);
  EXPECT_DOUBLE_EQ(c[0].survival, 0.9);
  EXPECT_NEAR(c[1].survival, 0.7, 1e-15);
  EXPECT_NEAR(c[2].survival, 0.5833333333, 1e-9);
  EXPECT_NEAR(c[0].se, 0.9 * std::sqrt(1.0 / 90.0), 1e-12);
  EXPECT_NEAR(c[2].se, 0.1610153, 1e-7);
  EXPECT_NEAR(c[2].lo, 0.2677491, 1e-7);
  EXPECT_NEAR(c[2].hi, 0.8989175, 1e-7);
  const auto ll = km.curve(0.95, SurvivalInterval::log_log);
  EXPECT_NEAR(ll[2].lo, 0.2297865, 1e-7);
  EXPECT_NEAR(ll[2].hi, 0.8207395, 1e-7);
}

TEST(KaplanMeier, NoCensoringEqualsEmpiricalSurvival) {
  // Without censoring before the horizon, S(t) is the share of runs with no event by t.
  KaplanMeier km(4);
  for (int t : {1, 1, 2, 4}) km.add_event(t);
  for (int i = 0; i < 4; ++i) km.add_censored(4);
  const auto c = km.curve();
  EXPECT_DOUBLE_EQ(c[0].survival, 6.0 / 8.0);
  EXPECT_DOUBLE_EQ(c[1].survival, 5.0 / 8.0);
  EXPECT_DOUBLE_EQ(c[2].survival, 5.0 / 8.0);
  EXPECT_DOUBLE_EQ(c[3].survival, 4.0 / 8.0);
}

TEST(KaplanMeier, RejectsTimesOutsideHorizon) {
  KaplanMeier km(2);
  EXPECT_THROW(km.add_event(0), std::out_of_range);
  EXPECT_THROW(km.add_censored(3), std::out_of_range);
  EXPECT_THROW(KaplanMeier(0), std::invalid_argument);
}

// Paired differences: a = b + 1 exactly gives difference 1 with zero width, although both
// means vary widely.
TEST(PairedDifference, ConstantShiftHasZeroWidth) {
  PairedDifference d;
  for (int i = 0; i < 20; ++i) d.add(i * i + 1.0, i * i);
  const auto e = d.student();
  EXPECT_DOUBLE_EQ(e.value, 1.0);
  EXPECT_DOUBLE_EQ(e.lo, 1.0);
  EXPECT_DOUBLE_EQ(e.hi, 1.0);
  EXPECT_GT(d.first().sd(), 10.0);
}

// Pairs (3,1), (5,4), (4,4): differences 2, 1, 0: mean 1, s = 1, se = 1/sqrt(3),
// t_{0.975,2} = 4.3026527: interval 1 -+ 2.4841377.
TEST(PairedDifference, HandComputed) {
  PairedDifference d;
  d.add(3, 1);
  d.add(5, 4);
  d.add(4, 4);
  const auto e = d.student();
  EXPECT_DOUBLE_EQ(e.value, 1.0);
  EXPECT_NEAR(e.lo, 1.0 - 2.4841377, 1e-6);
  EXPECT_NEAR(e.hi, 1.0 + 2.4841377, 1e-6);
}

// 0, 0, 3 (wars per decade in three runs): mean 1, s^2 = (1 + 1 + 4) / 2 = 3, se = 1,
// t_{0.975,2} = 4.3026527 (any t table): Student interval [-3.3026527, 5.3026527]. A mean
// count cannot be negative: with the support [0, inf) the interval is [0, 5.3026527].
TEST(Student, CountIntervalStopsAtZero) {
  Mean unbounded;
  Mean count(Support{0.0, std::numeric_limits<double>::infinity()});
  for (double x : {0.0, 0.0, 3.0}) {
    unbounded.add(x);
    count.add(x);
  }
  EXPECT_NEAR(unbounded.student().lo, -3.3026527, 1e-7);
  const auto e = count.student();
  EXPECT_DOUBLE_EQ(e.value, 1.0);
  EXPECT_EQ(e.lo, 0.0);
  EXPECT_NEAR(e.hi, 5.3026527, 1e-7);
}

// A share: 1, 1, 0.7 -> mean 0.9, s^2 = 0.03, se = 0.1, half-width 0.43026527:
// [0.46973473, 1.33026527] -> upper bound 1 in [0, 1].
TEST(Student, ShareIntervalStopsAtOne) {
  Mean share(Support{0.0, 1.0});
  for (double x : {1.0, 1.0, 0.7}) share.add(x);
  const auto e = share.student();
  EXPECT_NEAR(e.lo, 0.46973473, 1e-7);
  EXPECT_EQ(e.hi, 1.0);
}

TEST(Student, ObservationOutsideTheSupportIsAnError) {
  Mean count(Support{0.0, std::numeric_limits<double>::infinity()});
  EXPECT_THROW(count.add(-1.0), std::domain_error);
  EXPECT_THROW(Mean(Support{1.0, 0.0}), std::invalid_argument);
}

// Differences of two shares lie in [-1, 1]: 0 - 1, 0 - 1, 1 - 1 -> mean -2/3, s^2 = 1/3,
// se = 1/3, half-width 1.4342176: [-2.1008842, 0.7675509] -> [-1, 0.7675509].
TEST(PairedDifference, ShareDifferenceStaysInsideMinusOneOne) {
  PairedDifference d(Support{0.0, 1.0});
  d.add(0.0, 1.0);
  d.add(0.0, 1.0);
  d.add(1.0, 1.0);
  const auto e = d.student();
  EXPECT_NEAR(e.value, -2.0 / 3.0, 1e-12);
  EXPECT_EQ(e.lo, -1.0);
  EXPECT_NEAR(e.hi, 0.7675509, 1e-7);
}

// Hyndman & Fan (1996) type 7 (R's quantile() default): for 1..10, h = 9p, so the 2.5% quantile
// is 1 + 0.225 = 1.225, the median 5.5 and the 97.5% quantile 9.775.
TEST(Quantiles, ExactTypeSevenQuantiles) {
  Quantiles q;
  for (int x = 10; x >= 1; --x) q.add(x);
  EXPECT_TRUE(q.exact());
  EXPECT_NEAR(q.at(0), 1.225, 1e-12);
  EXPECT_NEAR(q.at(1), 5.5, 1e-12);
  EXPECT_NEAR(q.at(2), 9.775, 1e-12);
  Quantiles one;
  one.add(3.0);
  EXPECT_EQ(one.at(0), 3.0);
  EXPECT_TRUE(std::isnan(Quantiles().at(1)));
}

// The predictive interval of a count never leaves the count's range, whatever its skew: a count
// that is 0 in 95 runs of 100 and large in 5 has [0, x] (a Student interval of the same values
// would reach below 0).
TEST(Quantiles, CountsKeepTheirRange) {
  Quantiles q;
  Mean m;
  for (int r = 0; r < 100; ++r) {
    const double v = r % 20 == 0 ? 1e6 : 0.0;
    q.add(v);
    m.add(v);
  }
  EXPECT_EQ(q.at(0), 0.0);
  EXPECT_GE(q.at(2), 0.0);
  EXPECT_LT(m.mean() - 1.96 * m.sd(), 0.0) << "the symmetric interval of the values would go below 0";
}

// Beyond the exact limit the P2 estimator (Jain & Chlamtac 1985) tracks the quantiles of a uniform
// sequence (a deterministic low-discrepancy one: x_k = frac(k * golden ratio)) within 0.01.
TEST(Quantiles, P2BeyondTheExactLimitTracksUniformQuantiles) {
  Quantiles q({0.025, 0.5, 0.975}, 1000);
  const double phi = 0.6180339887498949;
  double x = 0.0;
  for (int k = 0; k < 200000; ++k) {
    x += phi;
    x -= std::floor(x);
    q.add(x);
  }
  EXPECT_FALSE(q.exact());
  EXPECT_NEAR(q.at(0), 0.025, 0.01);
  EXPECT_NEAR(q.at(1), 0.5, 0.01);
  EXPECT_NEAR(q.at(2), 0.975, 0.01);
}

}  // namespace
}  // namespace concord::ensemble

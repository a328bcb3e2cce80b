// Reference tests: Signorino & Ritter (1999), "Tau-b or not tau-b", International Studies
// Quarterly 43(1): Table 5 (S and tau-b of toy alliance portfolios, unweighted, range 3) and the
// multi-dimension example with per-dimension ranges. Values from REFERENCES.md.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "concord/measures/similarity.hpp"

namespace concord::measures {
namespace {

struct Table5Case {
  const char* name;
  std::vector<double> a;
  std::vector<double> b;
  double s;
  std::optional<double> tau_b;
};

std::vector<double> repeat(double v, int n) { return std::vector<double>(static_cast<std::size_t>(n), v); }
std::vector<double> cat(std::vector<double> x, const std::vector<double>& y) {
  x.insert(x.end(), y.begin(), y.end());
  return x;
}

std::vector<Table5Case> table5() {
  return {
      {"a", {0, 1, 2, 3}, {3, 2, 1, 0}, -1.0 / 3.0, -1.0},
      {"b", {1, 2, 2, 3}, {3, 2, 2, 1}, 1.0 / 3.0, -1.0},
      {"c", {2, 2, 3, 3}, {3, 3, 2, 2}, 1.0 / 3.0, -1.0},
      {"d", {3, 3, 3, 3}, {3, 3, 3, 3}, 1.0, std::nullopt},
      {"e", cat(repeat(0, 10), {0, 3}), cat(repeat(0, 10), {3, 0}), 2.0 / 3.0, -1.0 / 11.0},
      {"f", cat(cat({0}, repeat(1, 10)), {3}), cat(cat({3}, repeat(1, 10)), {0}), 2.0 / 3.0, -1.0},
      {"g", cat(cat({0}, repeat(2, 10)), {3}), cat(cat({3}, repeat(2, 10)), {0}), 2.0 / 3.0, -1.0},
      {"h", cat({0, 3}, repeat(3, 10)), cat({3, 0}, repeat(3, 10)), 2.0 / 3.0, -1.0 / 11.0},
  };
}

TEST(SignorinoRitterTable5, SScoreOfEveryCase) {
  for (const auto& c : table5()) {
    SCOPED_TRACE(c.name);
    EXPECT_NEAR(s_score(c.a, c.b, {}, SScoreOptions{}), c.s, 1e-12);
  }
}

TEST(SignorinoRitterTable5, TauBOfEveryCase) {
  for (const auto& c : table5()) {
    SCOPED_TRACE(c.name);
    const auto tau = kendall_tau_b(c.a, c.b);
    ASSERT_EQ(tau.has_value(), c.tau_b.has_value());
    if (c.tau_b) {
      EXPECT_NEAR(*tau, *c.tau_b, 1e-12);
    }
  }
}

TEST(SignorinoRitterTable5, PublishedRoundedTauBOfCasesEAndH) {
  // The paper prints -0.0909 for cases e and h.
  for (const auto& c : table5()) {
    if (std::string(c.name) != "e" && std::string(c.name) != "h") continue;
    EXPECT_NEAR(*kendall_tau_b(c.a, c.b), -0.0909, 5e-5);
  }
}

TEST(SignorinoRitterMultiDimension, WeightedWithOwnRangesGivesPointFourSevenFive) {
  const std::vector<double> a{3, 2, 3, 0, 3, 3, 1, 2};
  const std::vector<double> b{2, 3, 0, 3, 3, 3, 1, 3};
  const std::vector<double> w{.5, .4, .05, .05, .25, .25, .25, .25};
  const std::vector<double> m{3, 3, 3, 3, 2, 2, 2, 2};
  EXPECT_NEAR(s_score_multi(a, b, w, m), 0.475, 1e-12);
}

TEST(SignorinoRitterMultiDimension, EqualRangesReduceToTheSingleRangeForm) {
  const std::vector<double> a{0, 1, 2, 3};
  const std::vector<double> b{3, 2, 1, 0};
  const std::vector<double> m(4, 3.0);
  EXPECT_NEAR(s_score_multi(a, b, {}, m), -1.0 / 3.0, 1e-12);
}

}  // namespace
}  // namespace concord::measures

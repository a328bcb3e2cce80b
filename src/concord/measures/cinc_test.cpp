#include "concord/measures/cinc.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace concord::measures {
namespace {

using Spans = std::array<std::span<const double>, kCincComponentCount>;

// Closed form: with every component present, CINC is the mean of the six shares.
TEST(Cinc, MeanOfSharesWhenComplete) {
  std::vector<double> a{1, 1, 1, 1, 1, 1};
  std::vector<double> b{3, 1, 1, 1, 1, 3};
  std::array<std::vector<double>, 6> comp;
  for (std::size_t k = 0; k < 6; ++k) comp[k] = {a[k], b[k]};
  Spans s{comp[0], comp[1], comp[2], comp[3], comp[4], comp[5]};
  std::vector<double> out(2);
  cinc(s, out);
  // shares of state 0: 1/4, 1/2, 1/2, 1/2, 1/2, 1/4 -> mean 2.5/6
  EXPECT_DOUBLE_EQ(out[0], 2.5 / 6.0);
  EXPECT_DOUBLE_EQ(out[1], 3.5 / 6.0);
  EXPECT_DOUBLE_EQ(out[0] + out[1], 1.0);
}

// A missing component leaves the state out of that total and out of its own mean.
TEST(Cinc, MissingDroppedFromTotalAndMean) {
  const double nan = std::nan("");
  std::array<std::vector<double>, 6> comp;
  for (auto& c : comp) c = {1.0, 1.0};
  comp[0] = {nan, 5.0};  // state 0 lacks milex: state 1 holds all of milex
  Spans s{comp[0], comp[1], comp[2], comp[3], comp[4], comp[5]};
  std::vector<double> out(2);
  cinc(s, out);
  EXPECT_DOUBLE_EQ(out[0], 0.5);                    // five shares of 1/2, mean over 5
  EXPECT_DOUBLE_EQ(out[1], (1.0 + 5 * 0.5) / 6.0);  // milex share 1
  EXPECT_GT(out[0] + out[1], 1.0);                  // sums exceed 1 when data are missing
}

TEST(Cinc, ZeroIsARealValue) {
  std::array<std::vector<double>, 6> comp;
  for (auto& c : comp) c = {0.0, 2.0};
  Spans s{comp[0], comp[1], comp[2], comp[3], comp[4], comp[5]};
  std::vector<double> out(2);
  cinc(s, out);
  EXPECT_DOUBLE_EQ(out[0], 0.0);
  EXPECT_DOUBLE_EQ(out[1], 1.0);
}

TEST(Cinc, AllMissingGivesNaN) {
  const double nan = std::nan("");
  std::array<std::vector<double>, 6> comp;
  for (auto& c : comp) c = {nan, 1.0};
  Spans s{comp[0], comp[1], comp[2], comp[3], comp[4], comp[5]};
  std::vector<double> out(2);
  cinc(s, out);
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_DOUBLE_EQ(out[1], 1.0);
}

TEST(Cinc, RejectsRawMissingCodeAndLengthMismatch) {
  std::array<std::vector<double>, 6> comp;
  for (auto& c : comp) c = {1.0, 1.0};
  comp[3] = {-9.0, 1.0};
  Spans s{comp[0], comp[1], comp[2], comp[3], comp[4], comp[5]};
  std::vector<double> out(2);
  EXPECT_THROW(cinc(s, out), std::invalid_argument);
  std::vector<double> short_out(1);
  comp[3] = {1.0, 1.0};
  Spans s2{comp[0], comp[1], comp[2], comp[3], comp[4], comp[5]};
  EXPECT_THROW(cinc(s2, short_out), std::invalid_argument);
}

TEST(Cinc, RowsVariantMatchesWholeSpan) {
  std::array<std::vector<double>, 6> comp;
  for (std::size_t k = 0; k < 6; ++k) comp[k] = {1.0 + static_cast<double>(k), 2.0, 7.0};
  Spans s{comp[0], comp[1], comp[2], comp[3], comp[4], comp[5]};
  std::vector<double> whole(3);
  std::vector<double> by_rows(3, -1.0);
  cinc(s, whole);
  std::vector<std::size_t> rows{0, 1, 2};
  cinc_rows(s, rows, by_rows);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(whole[i], by_rows[i]);
}

}  // namespace
}  // namespace concord::measures

// The dyad-year table against facts of the record (COW, ATOP, V-Dem) that any correct build
// must reproduce. Skips when the datasets are not found.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

#include "concord/common/data_dir.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"
#include "concord/validate/dyad_years.hpp"

namespace concord::validate {
namespace {

class AsiaDyadYears : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto dir = resolve_data_dir();
    if (!std::filesystem::exists(dir / data::paths::kMidDyadYears)) return;
    sources_ = read_dyad_year_sources(dir);
    table_ = std::make_unique<DyadYearTable>(build_dyad_years(*sources_, Region::asia, 1946, 2014));
    states_ = std::make_unique<data::StateSpells>(data::read_state_list(dir / data::paths::kStateList2024));
  }
  void SetUp() override {
    if (!table_)
      GTEST_SKIP() << "datasets not found under " << resolve_data_dir() << " (set CONCORD_DATA_DIR)";
  }
  // Row of the pair {a, b} in `year`, or -1.
  static long row(int a, int b, int year) {
    if (a > b) std::swap(a, b);
    for (std::size_t i = 0; i < table_->size(); ++i) {
      if (table_->year[i] == year && table_->ccode_a[i] == a && table_->ccode_b[i] == b)
        return static_cast<long>(i);
    }
    return -1;
  }
  static inline std::shared_ptr<const DyadYearSources> sources_;
  static inline std::unique_ptr<DyadYearTable> table_;
  static inline std::unique_ptr<data::StateSpells> states_;
};

// Every pair of region members appears once a year: n (n - 1) / 2 rows, less the pairs that
// were never members on the same day (the day-resolution rule).
TEST_F(AsiaDyadYears, OneRowPerPairOfSystemMembers) {
  std::map<int, long> rows_per_year;
  for (const int y : table_->year) ++rows_per_year[y];
  for (int y = 1946; y <= 2014; ++y) {
    long n = 0;
    for (const int c : states_->members(y)) n += in_region(Region::asia, c) ? 1 : 0;
    const long apart = y == 1975 ? 1 : 0;  // RVN 817 to 30 April 1975, PNG 910 from 16 September
    EXPECT_EQ(rows_per_year[y], n * (n - 1) / 2 - apart) << y;
  }
  EXPECT_EQ(row(817, 910, 1975), -1);
  EXPECT_GE(row(817, 816, 1975), 0);  // both members from 1 January to 30 April
  for (std::size_t i = 0; i < table_->size(); ++i) ASSERT_LT(table_->ccode_a[i], table_->ccode_b[i]);
}

// COW inter-state wars: Korean War 1950 (USA-North Korea), Sino-Indian War 1962, Second
// Kashmir War 1965 and the Bangladesh War 1971 (India-Pakistan) (Sarkees & Wayman 2010).
TEST_F(AsiaDyadYears, KnownWarOnsets) {
  for (const auto& [a, b, y] : std::vector<std::array<int, 3>>{
           {2, 731, 1950}, {710, 750, 1962}, {750, 770, 1965}, {750, 770, 1971}}) {
    const long r = row(a, b, y);
    ASSERT_GE(r, 0) << a << "-" << b << " " << y;
    EXPECT_EQ(table_->war_onset[static_cast<std::size_t>(r)], 1) << a << "-" << b << " " << y;
  }
  EXPECT_EQ(table_->war_onset[static_cast<std::size_t>(row(750, 770, 1966))], 0);
}

// Covariates against facts: China and India share a land border; the US-Japan security treaty is
// a defense pledge (ATOP), the US and China have none; the US and China are COW majors in 2000,
// Japan and India were not in 1980; Japan and the US were both democracies in 2000 (polyarchy
// well above 0.8); Beijing-New Delhi is about 3,780 km by great circle.
TEST_F(AsiaDyadYears, CovariatesMatchTheRecord) {
  const auto r1 = static_cast<std::size_t>(row(710, 750, 2000));
  EXPECT_EQ(table_->contiguity[r1], 1.0);
  const double km = std::expm1(table_->log_distance[r1]);
  EXPECT_GT(km, 3700.0);
  EXPECT_LT(km, 3850.0);
  EXPECT_EQ(table_->alliance[static_cast<std::size_t>(row(2, 740, 1970))], 1.0);
  EXPECT_EQ(table_->alliance[static_cast<std::size_t>(row(2, 710, 1970))], 0.0);
  EXPECT_EQ(table_->major_power[static_cast<std::size_t>(row(2, 710, 2000))], 1.0);
  EXPECT_EQ(table_->major_power[static_cast<std::size_t>(row(740, 750, 1980))], 0.0);
  EXPECT_GT(table_->joint_democracy[static_cast<std::size_t>(row(2, 740, 2000))], 0.8);
  EXPECT_EQ(table_->contiguity[static_cast<std::size_t>(row(740, 750, 2000))], 0.0);
  for (std::size_t i = 0; i < table_->size(); ++i) {
    if (!std::isnan(table_->parity[i])) {
      ASSERT_LE(table_->parity[i], 0.0);
    }
    if (!std::isnan(table_->power_shift[i])) {
      ASSERT_LE(table_->power_shift[i], 1.0);
    }
    ASSERT_GE(table_->peace_years[i], 0.0);
    ASSERT_FALSE(table_->mid_onset[i] && table_->mid_continuing[i]);
    ASSERT_LE(table_->mid_war[i], table_->mid_onset[i]);
  }
}

}  // namespace
}  // namespace concord::validate

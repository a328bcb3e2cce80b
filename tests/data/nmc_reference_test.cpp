// Reference tests: CINC recomputed from the six NMC components reproduces the published `cinc`
// column of NMC v6 and v7 on every row (REFERENCES.md "CINC"; Singer, Bremer & Stuckey 1972),
// and the naive missing-as-zero rule does not (China 1860).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "concord/common/data_dir.hpp"
#include "concord/data/nmc.hpp"

namespace concord::data {
namespace {

std::filesystem::path nmc_or_skip(NmcVersion v) {
  std::filesystem::path p = nmc_path(resolve_data_dir(), v);
  return std::filesystem::exists(p) ? p : std::filesystem::path();
}

void expect_every_row_reproduced(NmcVersion v, std::size_t expected_rows) {
  std::filesystem::path p = nmc_or_skip(v);
  if (p.empty()) GTEST_SKIP() << "NMC file not found under the data dir (set CONCORD_DATA_DIR)";
  NmcTable nmc = read_nmc(p, v);
  ASSERT_EQ(nmc.size(), expected_rows);
  std::vector<double> cinc = recompute_cinc(nmc);
  std::size_t bad = 0;
  double worst = 0.0;
  for (std::size_t i = 0; i < nmc.size(); ++i) {
    double d = std::abs(cinc[i] - nmc.cinc[i]);
    worst = std::max(worst, d);
    if (!(d <= 1e-7)) ++bad;
  }
  EXPECT_EQ(bad, 0U) << "worst difference " << worst;
}

TEST(NmcReference, CincRecomputedEqualsPublishedOnEveryRowV6) { expect_every_row_reproduced(NmcVersion::v6, 15951); }
TEST(NmcReference, CincRecomputedEqualsPublishedOnEveryRowV7) { expect_every_row_reproduced(NmcVersion::v7, 17121); }

// Missing counts documented in cow_nmc_v6/PROVENANCE.md.
TEST(NmcReference, V6MissingCountsMatchCodebookNotes) {
  std::filesystem::path p = nmc_or_skip(NmcVersion::v6);
  if (p.empty()) GTEST_SKIP() << "NMC v6 not found under the data dir";
  NmcTable nmc = read_nmc(p, NmcVersion::v6);
  EXPECT_EQ(nmc.report.missing_in("milex"), 2217U);
  EXPECT_EQ(nmc.report.missing_in("milper"), 426U);
  EXPECT_EQ(nmc.report.missing_in("irst"), 26U);
  EXPECT_EQ(nmc.report.missing_in("pec"), 448U);
  EXPECT_EQ(nmc.report.missing_in("tpop"), 0U);
  EXPECT_EQ(nmc.report.missing_in("upop"), 68U);
  EXPECT_EQ(nmc.report.rows_skipped(), 0U);
}

// Counting a missing component as 0 and dividing by 6 is wrong by 0.058 for China in 1860
// (REFERENCES.md).
TEST(NmcReference, NaiveMissingAsZeroRuleFailsOnChina1860) {
  std::filesystem::path p = nmc_or_skip(NmcVersion::v7);
  if (p.empty()) GTEST_SKIP() << "NMC v7 not found under the data dir";
  NmcTable nmc = read_nmc(p, NmcVersion::v7);
  auto row = nmc.index.find(710, 1860);
  ASSERT_TRUE(row.has_value());
  const auto comps = nmc.components();
  double naive = 0.0;
  for (std::size_t k = 0; k < comps.size(); ++k) {
    double total = 0.0;
    for (std::size_t i = 0; i < nmc.size(); ++i) {
      if (nmc.year[i] == 1860 && !std::isnan(comps[k][i])) total += comps[k][i];
    }
    double x = comps[k][*row];
    naive += std::isnan(x) ? 0.0 : x / total;
  }
  naive /= 6.0;
  std::vector<double> cinc = recompute_cinc(nmc);
  EXPECT_NEAR(cinc[*row], nmc.cinc[*row], 1e-7);
  EXPECT_NEAR(nmc.cinc[*row] - naive, 0.058, 0.001);
  // Yearly CINC sums are not 1 under the mean-of-available-shares rule (1.0747 in 1860).
  double sum = 0.0;
  for (std::size_t i = 0; i < nmc.size(); ++i) {
    if (nmc.year[i] == 1860) sum += cinc[i];
  }
  EXPECT_NEAR(sum, 1.0747, 1e-4);
}

// Sample values printed in cow_nmc_v6/PROVENANCE.md and cow_nmc_v7/PROVENANCE.md.
TEST(NmcReference, PublishedSampleValues) {
  std::filesystem::path p6 = nmc_or_skip(NmcVersion::v6);
  std::filesystem::path p7 = nmc_or_skip(NmcVersion::v7);
  if (p6.empty() || p7.empty()) GTEST_SKIP() << "NMC files not found under the data dir";
  NmcTable v6 = read_nmc(p6, NmcVersion::v6);
  NmcTable v7 = read_nmc(p7, NmcVersion::v7);
  std::vector<double> c6 = recompute_cinc(v6);
  std::vector<double> c7 = recompute_cinc(v7);
  EXPECT_NEAR(c6[*v6.index.find(2, 2016)], 0.13305758, 1e-8);
  EXPECT_NEAR(c6[*v6.index.find(710, 2016)], 0.23061772, 1e-8);
  EXPECT_NEAR(c6[*v6.index.find(750, 2016)], 0.08684130, 1e-8);
  EXPECT_EQ(v6.stateabb[*v6.index.find(710, 2016)], "CHN");
  EXPECT_NEAR(c7[*v7.index.find(2, 2022)], 0.12356574, 1e-8);
  EXPECT_NEAR(c7[*v7.index.find(710, 2022)], 0.23409663, 1e-8);
}

}  // namespace
}  // namespace concord::data

// Reference tests for every reader on the real datasets: row counts and values published in each
// folder's PROVENANCE.md (the codebooks' documented sizes and the sample values checked there).
// Skips when the data directory is not found.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "concord/common/data_dir.hpp"
#include "concord/data/alliances.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/democracy.hpp"
#include "concord/data/economy.hpp"
#include "concord/data/geography.hpp"
#include "concord/data/institutions.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"
#include "concord/data/trade.hpp"

namespace concord::data {
namespace {

class RealData : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = resolve_data_dir();
    if (!std::filesystem::exists(dir_ / paths::kStateList2024)) {
      GTEST_SKIP() << "data directory " << dir_
                   << " not found: set CONCORD_DATA_DIR to run the reference tests";
    }
  }
  std::filesystem::path path(const char* rel) const { return dir_ / rel; }
  std::filesystem::path dir_;
};

TEST_F(RealData, StateSystemSpellsReproduceStateYears) {
  // The any-overlap rule gives system2016.csv exactly from states2016.csv ...
  StateYears sys = read_system_years(path(paths::kSystem2016));
  EXPECT_EQ(sys.size(), 15951U);
  StateYears derived = state_years_from_spells(read_state_list(path(paths::kStates2016)), 1816, 2016);
  ASSERT_EQ(derived.size(), sys.size());
  for (std::size_t i = 0; i < sys.size(); ++i) EXPECT_TRUE(derived.contains(sys.ccode[i], sys.year[i]));
  // ... and the 17,121 state-years of NMC v7 from statelist2024.csv.
  StateSpells v2024 = read_state_list(path(paths::kStateList2024));
  EXPECT_EQ(v2024.size(), 244U);
  StateYears d2024 = state_years_from_spells(v2024, 1816, 2022);
  NmcTable v7 = read_nmc(path(paths::kNmcV7), NmcVersion::v7);
  ASSERT_EQ(d2024.size(), v7.size());
  for (std::size_t i = 0; i < v7.size(); ++i) EXPECT_TRUE(d2024.contains(v7.ccode[i], v7.year[i]));
  // Serbia (SRB, 345) from 2006-06-03 is the v2024 change.
  EXPECT_EQ(v2024.abbreviation(345), "SRB");
  EXPECT_EQ(v2024.abbreviation(345, 1990), "YUG");
  EXPECT_EQ(v2024.abbreviation(345, 2010), "SRB");
  EXPECT_TRUE(v2024.member(255, 1990));
  EXPECT_TRUE(v2024.member(260, 1990));
  EXPECT_FALSE(v2024.member(260, 1991));
  StateSpells majors = read_major_powers(path(paths::kMajors2024));
  EXPECT_EQ(majors.size(), 14U);
  EXPECT_TRUE(majors.member(710, 2024));
}

TEST_F(RealData, SipriConstant2022ReferenceValuesAndNoUnknownNames) {
  SipriMilex raw = read_sipri_milex(path(paths::kSipriConstant2022));
  EXPECT_EQ(raw.size(), 13050U);
  StateYearSeries m = sipri_state_years(raw);
  for (const auto& s : m.report.skipped)
    EXPECT_EQ(s.reason.find("not in the crosswalk"), std::string::npos) << s.reason;
  EXPECT_NEAR(m.at(2, 2023), 880070.56, 0.01);
  EXPECT_NEAR(m.at(710, 2023), 309484.32, 0.01);
  EXPECT_NEAR(m.at(750, 2023), 83334.46, 0.01);
  EXPECT_NEAR(m.at(740, 2023), 51887.98, 0.01);
  EXPECT_NEAR(m.at(732, 2023), 46897.51, 0.01);
  EXPECT_FALSE(std::isnan(m.at(260, 1985)));  // West Germany from SIPRI "Germany"
  EXPECT_FALSE(std::isnan(m.at(255, 2000)));
  EXPECT_EQ(m.report.rows_kept + m.report.rows_skipped(), raw.size());
}

TEST_F(RealData, MaddisonGdpIsPerCapitaTimesPopulationAndSumsAddUp) {
  MaddisonData raw = read_maddison(path(paths::kMaddison2023Data));
  EXPECT_EQ(raw.size(), 23280U);
  StateEconomy e = maddison_state_years(raw);
  for (const auto& s : e.report.skipped)
    EXPECT_EQ(s.reason.find("not in the crosswalk"), std::string::npos) << s.reason;
  auto raw_row = [&](const char* iso, int year) {
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw.iso[i] == iso && raw.year[i] == year) return i;
    }
    ADD_FAILURE() << iso << " " << year;
    return std::size_t{0};
  };
  auto usa = e.index.find(2, 2022);
  ASSERT_TRUE(usa);
  std::size_t u = raw_row("USA", 2022);
  EXPECT_DOUBLE_EQ(e.gdp[*usa], raw.gdppc[u] * raw.pop[u] * 1000.0);
  // Pakistan 1960 = PAK + BGD (East Pakistan).
  auto pak = e.index.find(770, 1960);
  ASSERT_TRUE(pak);
  std::size_t p = raw_row("PAK", 1960);
  std::size_t b = raw_row("BGD", 1960);
  EXPECT_DOUBLE_EQ(e.pop[*pak], raw.pop[p] + raw.pop[b]);
  EXPECT_NEAR(e.gdp[*pak], (raw.gdppc[p] * raw.pop[p] + raw.gdppc[b] * raw.pop[b]) * 1000.0,
              1e-6 * e.gdp[*pak]);
  EXPECT_TRUE(e.index.find(771, 1980).has_value());
  EXPECT_FALSE(e.index.find(260, 1980).has_value());                    // DEU covers both German states
  EXPECT_LE(e.report.rows_kept + e.report.rows_skipped(), raw.size());  // sums merge rows
}

TEST_F(RealData, DemocracySampleValues) {
  DemocracyTable ps = read_democracy(path(paths::kDemocracyPeacesciencer), DemocracySource::peacesciencer);
  EXPECT_EQ(ps.size(), 16731U);
  EXPECT_DOUBLE_EQ(ps.polyarchy(710, 2019), 0.083);
  EXPECT_DOUBLE_EQ(ps.polyarchy(713, 2019), 0.811);
  EXPECT_DOUBLE_EQ(ps.polyarchy(731, 2019), 0.099);
  EXPECT_DOUBLE_EQ(ps.polyarchy(732, 2019), 0.842);
  EXPECT_TRUE(std::isnan(ps.polyarchy(2, 2020)));  // every score is empty in 2020
  DemocracyTable is = read_democracy(path(paths::kDemocracyIsard), DemocracySource::isard);
  EXPECT_EQ(is.size(), 17706U);
  EXPECT_NEAR(is.aeuds[*is.index.find(710, 2025)], -1.3505, 5e-5);
  EXPECT_NEAR(is.aeuds[*is.index.find(713, 2025)], 1.3652, 5e-5);
  EXPECT_NEAR(is.aeuds[*is.index.find(732, 2025)], 0.9587, 5e-5);
}

TEST_F(RealData, AtopDyadYearsAndAllianceLevel) {
  AtopDyadYears a = read_atop_dyad_years(path(paths::kAtop51DyadYear));
  EXPECT_EQ(a.size(), 273296U);           // the build script's assertion
  EXPECT_EQ(a.level_of(2, 20, 1942), 3);  // USA-Canada defense pact
  EXPECT_EQ(a.level_of(2, 20, 1800), 0);  // absent dyad-year
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a.level[i],
              atop_alliance_level(a.defense[i], a.offense[i], a.neutral[i], a.nonagg[i], a.consul[i]));
  }
}

TEST_F(RealData, GeographySampleValues) {
  MinDistance md = read_min_distance(path(paths::kMinDistAsiaPacific));
  EXPECT_EQ(md.size(), 34766U);
  EXPECT_NEAR(md.km(2, 710, 2019), 3333.98, 0.005);
  EXPECT_NEAR(md.km(713, 710, 2019), 133.03, 0.005);
  EXPECT_NEAR(md.km(2, 365, 2019), 79.98, 0.005);
  EXPECT_EQ(md.km(731, 732, 2019), 0.0);
  ContiguitySpells c = read_contiguity(path(paths::kContiguity32));
  EXPECT_EQ(c.size(), 1874U);
  EXPECT_EQ(std::count(c.conttype.begin(), c.conttype.end(), 0), 180);
  EXPECT_EQ(c.conttype_in(2, 20, 2000), 1);
  EXPECT_EQ(c.conttype_in(731, 732, 2000), 1);
  Capitals cap = read_capitals(path(paths::kCapitals));
  EXPECT_EQ(cap.size(), 242U);
  auto w = cap.find(2, 2000);
  ASSERT_TRUE(w);
  EXPECT_EQ(cap.capital[*w], "Washington D.C.");
}

TEST_F(RealData, TradeSampleValues) {
  DyadicTrade t = read_dyadic_trade(path(paths::kTradeDyadicAsiaPacific));
  EXPECT_EQ(t.size(), 26366U);
  EXPECT_EQ(t.imports(2, 710, 2014), 472525.0);
  EXPECT_EQ(t.imports(710, 2, 2014), 183283.0);
  EXPECT_EQ(t.imports(710, 740, 2014), 200631.0);
  EXPECT_EQ(t.imports(740, 710, 2014), 182579.0);
  EXPECT_EQ(t.report.missing_in("flow1"), 552U);
  EXPECT_EQ(t.report.missing_in("flow2"), 639U);
  NationalTrade n = read_national_trade(path(paths::kTradeNational40));
  EXPECT_EQ(n.size(), 14410U);
}

TEST_F(RealData, InstitutionMemberships2014) {
  IgoMemberships igo = read_igo_memberships(path(paths::kIgoMemberships));
  EXPECT_EQ(igo.size(), 21649U);
  EXPECT_EQ(igo.members("ASEAN", 2014), (std::vector<int>{775, 800, 811, 812, 816, 820, 830, 835, 840, 850}));
  EXPECT_EQ(igo.members("ASEAN", 2014, 3), (std::vector<int>{860, 910}));
  EXPECT_EQ(igo.members("SCO", 2014), (std::vector<int>{365, 702, 703, 704, 705, 710}));
  EXPECT_EQ(igo.members("APEC", 2014).size(), 20U);
  EXPECT_EQ(igo.members("CICA", 2014).size(), 25U);
  IgoStateYearCounts sy = read_igo_state_year_counts(path(paths::kIgoStateYear));
  EXPECT_EQ(sy.size(), 15557U);
  InstitutionMemberships ap = read_institution_memberships(path(paths::kAsiaPacificInstitutions));
  EXPECT_EQ(ap.size(), 112U);  // the row with a comma in its note is kept, not dropped
  EXPECT_EQ(ap.note[0], "ASEAN member; founding participant at the first ARF meeting (Bangkok, July 1994)");
  EXPECT_FALSE(ap.report.notes.empty());
}

TEST_F(RealData, ConflictFileSizes) {
  EXPECT_EQ(read_mid_disputes(path(paths::kMidA50)).size(), 2436U);
  EXPECT_EQ(read_mid_participants(path(paths::kMidB50)).size(), 5883U);
  EXPECT_EQ(read_mid_dyad_years(path(paths::kMidDyadYears)).size(), 10234U);
  EXPECT_EQ(read_mid_directed_dispute_years(path(paths::kMidDirectedDisputeYears)).size(), 11390U);
  InterStateWarParticipants w = read_inter_state_wars(path(paths::kInterStateWar40));
  EXPECT_EQ(w.size(), 337U);
  EXPECT_EQ(std::set<int>(w.warnum.begin(), w.warnum.end()).size(), 95U);  // 95 wars
  EXPECT_EQ(read_war_dyad_years(path(paths::kInterStateWarDyadYears)).size(), 1932U);
  EXPECT_EQ(read_directed_dyadic_war(path(paths::kDirectedDyadicWar)).size(), 1364U);
  Rivalries r = read_rivalries(path(paths::kRivalries));
  EXPECT_EQ(r.size(), 197U);
  EXPECT_TRUE(r.rivals(220, 300, 1900));  // Austria-France
  EXPECT_TRUE(r.rivals(300, 220, 1900));
  EXPECT_FALSE(r.rivals(220, 300, 1950));
}

// Bleek (2017) acquisition years as the PROVENANCE table gives them (first year coded 3).
TEST_F(RealData, NuclearStatusFollowsBleek) {
  NuclearStatus t = read_nuclear_status(path(paths::kNuclearStatus));
  EXPECT_EQ(t.size() + t.report.rows_skipped(), 16848U);
  EXPECT_EQ(t.report.rows_skipped(), 183U);  // Abkhazia, South Ossetia, Tibet
  EXPECT_EQ(t.last_year(), 2022);
  const std::vector<std::pair<int, int>> first_possess = {{2, 1945},   {365, 1949}, {200, 1952}, {220, 1960},
                                                          {710, 1964}, {666, 1967}, {750, 1987}, {770, 1987},
                                                          {731, 2006}};
  for (auto [ccode, year] : first_possess) {
    EXPECT_FALSE(t.possesses(ccode, year - 1)) << ccode;
    EXPECT_TRUE(t.possesses(ccode, year)) << ccode;
    EXPECT_TRUE(t.possesses(ccode, 2022)) << ccode;
  }
  EXPECT_TRUE(t.possesses(560, 1991));   // South Africa 1979-91
  EXPECT_FALSE(t.possesses(560, 1992));
  EXPECT_EQ(t.status_of(630, 2022), 2);  // Iran pursues
  EXPECT_EQ(t.status_of(2, 2023), -1);   // past the panel: missing, not 0
}

}  // namespace
}  // namespace concord::data

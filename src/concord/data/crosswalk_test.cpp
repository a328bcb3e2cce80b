// Every trap of issue 2's crosswalk: the same country name or ISO code means different COW
// states in different years, or several source units make one COW state.
#include "concord/data/crosswalk.hpp"

#include <gtest/gtest.h>

namespace concord::data {
namespace {

int sipri(std::string_view name, int year) {
  auto m = sipri_to_cow(name, year);
  return m ? m->ccode : -1;
}
int maddison(std::string_view iso, int year) {
  auto m = maddison_to_cow(iso, year);
  return m ? m->ccode : -1;
}
bool maddison_summed(std::string_view iso, int year) {
  auto m = maddison_to_cow(iso, year);
  return m && m->summed;
}

TEST(Crosswalk, GermanyIs255Or260Or265ByYear) {
  EXPECT_EQ(sipri("Germany", 1985), 260);  // SIPRI's Germany before unification is the FRG
  EXPECT_EQ(sipri("Germany", 1990), 260);
  EXPECT_EQ(sipri("Germany", 1991), 255);
  EXPECT_EQ(sipri("German Democratic Republic", 1985), 265);
  EXPECT_EQ(sipri("German Democratic Republic", 1991), 0);
  EXPECT_EQ(maddison("DEU", 1913), 255);
  EXPECT_EQ(maddison("DEU", 1860), 0);  // COW 255 is Prussia before 1871
  EXPECT_EQ(maddison("DEU", 1970), 0);  // DEU covers both 260 and 265
  EXPECT_EQ(maddison("DEU", 2000), 255);
}

TEST(Crosswalk, VietnamIs816NeverSouth817) {
  EXPECT_EQ(sipri("Viet Nam", 2000), 816);
  EXPECT_EQ(maddison("VNM", 2000), 816);
  EXPECT_EQ(maddison("VNM", 1965), 0);  // covers both 816 and 817
  EXPECT_EQ(maddison("VNM", 1976), 816);
}

TEST(Crosswalk, YemenIs678Or679) {
  EXPECT_EQ(sipri("Yemen, North", 1988), 678);
  EXPECT_EQ(sipri("Yemen", 1990), 679);
  EXPECT_EQ(sipri("Yemen", 2010), 679);
  EXPECT_EQ(maddison("YEM", 1980), 0);  // covers 678 and 680
  EXPECT_EQ(maddison("YEM", 1995), 679);
}

TEST(Crosswalk, SerbiaAndYugoslaviaAre345) {
  EXPECT_EQ(sipri("Yugoslavia", 1985), 345);
  EXPECT_EQ(sipri("Serbia", 2000), 345);
  EXPECT_EQ(sipri("Serbia", 2015), 345);
  EXPECT_EQ(sipri("Montenegro", 2015), 341);
  EXPECT_EQ(maddison("YUG", 1985), 345);
  EXPECT_EQ(maddison("YUG", 2000), 0);  // aggregate of the successor states
  EXPECT_EQ(maddison("SRB", 2000), 345);
  EXPECT_TRUE(maddison_summed("SRB", 2000));  // FRY = Serbia + Montenegro
  EXPECT_TRUE(maddison_summed("MNE", 2000));
  EXPECT_EQ(maddison("MNE", 2000), 345);
  EXPECT_EQ(maddison("MNE", 2010), 341);
  EXPECT_FALSE(maddison_summed("SRB", 2010));
}

TEST(Crosswalk, RussiaAndUssrAre365) {
  EXPECT_EQ(sipri("USSR", 1989), 365);
  EXPECT_EQ(sipri("Russia", 1995), 365);
  EXPECT_EQ(maddison("SUN", 1960), 365);
  EXPECT_EQ(maddison("SUN", 2000), 0);
  EXPECT_EQ(maddison("RUS", 1960), 0);  // Russian Federation territory only
  EXPECT_EQ(maddison("RUS", 2000), 365);
  EXPECT_EQ(maddison("UKR", 1980), 0);
  EXPECT_EQ(maddison("UKR", 2000), 369);
}

TEST(Crosswalk, TaiwanIs713) {
  EXPECT_EQ(sipri("Taiwan", 2020), 713);
  EXPECT_EQ(maddison("TWN", 2020), 713);
}

TEST(Crosswalk, KoreaIs730Or731Or732) {
  EXPECT_EQ(sipri("Korea, North", 1990), 731);
  EXPECT_EQ(sipri("Korea, South", 1990), 732);
  EXPECT_EQ(maddison("KOR", 1990), 732);
  EXPECT_EQ(maddison("PRK", 1990), 731);
  EXPECT_EQ(maddison("KOR", 1900), 730);
  EXPECT_EQ(maddison("PRK", 1900), 730);
  EXPECT_TRUE(maddison_summed("KOR", 1900));
  EXPECT_EQ(maddison("KOR", 1930), 0);  // no COW Korean state 1906-1948
}

TEST(Crosswalk, CzechoslovakiaIs315ThenCzechia316) {
  EXPECT_EQ(sipri("Czechoslovakia", 1980), 315);
  EXPECT_EQ(sipri("Czechia", 2000), 316);
  EXPECT_EQ(sipri("Czechia", 1980), 0);
  EXPECT_EQ(sipri("Slovakia", 2000), 317);
  EXPECT_EQ(maddison("CSK", 1980), 315);
  EXPECT_EQ(maddison("CSK", 2000), 0);
  EXPECT_EQ(maddison("CZE", 1980), 0);
  EXPECT_EQ(maddison("CZE", 2000), 316);
}

TEST(Crosswalk, SudanIs625SouthSudan626) {
  EXPECT_EQ(sipri("Sudan", 2000), 625);
  EXPECT_EQ(sipri("Sudan", 2015), 625);
  EXPECT_EQ(sipri("South Sudan", 2015), 626);
  EXPECT_EQ(sipri("South Sudan", 2008), 0);  // not a state before July 2011
  EXPECT_EQ(maddison("SDN", 2000), 625);
  EXPECT_EQ(maddison("SDN", 2015), 0);  // "Sudan (Former)" covers 625 and 626
}

TEST(Crosswalk, PakistanIs770BangladeshIs771) {
  EXPECT_EQ(sipri("Pakistan", 1960), 770);
  EXPECT_EQ(sipri("Bangladesh", 1980), 771);
  EXPECT_EQ(maddison("PAK", 1960), 770);
  EXPECT_EQ(maddison("BGD", 1960), 770);  // East Pakistan was part of 770
  EXPECT_TRUE(maddison_summed("BGD", 1960));
  EXPECT_EQ(maddison("BGD", 1980), 771);
  EXPECT_EQ(maddison("PAK", 1980), 770);
  EXPECT_FALSE(maddison_summed("PAK", 1980));
}

TEST(Crosswalk, IsoAusIsAustraliaNotCowAustria) {
  EXPECT_EQ(maddison("AUS", 2000), 900);
  EXPECT_EQ(maddison("AUT", 2000), 305);
  EXPECT_EQ(maddison("AUT", 1900), 0);  // COW 300 Austria-Hungary
}

TEST(Crosswalk, UnknownAndNonStatesAreReportedNotGuessed) {
  EXPECT_FALSE(sipri_to_cow("Atlantis", 2000).has_value());
  EXPECT_FALSE(maddison_to_cow("XXX", 2000).has_value());
  EXPECT_EQ(sipri("European Union", 2000), 0);
  EXPECT_EQ(maddison("HKG", 2000), 0);
}

// Each source unit's rules must not overlap in years (a year maps to one rule).
TEST(Crosswalk, RulesOfOneSourceNeverOverlap) {
  for (const auto* rules : {&sipri_crosswalk(), &maddison_crosswalk()}) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      for (std::size_t j = i + 1; j < rules->size(); ++j) {
        const auto& a = (*rules)[i];
        const auto& b = (*rules)[j];
        if (a.source != b.source) continue;
        EXPECT_TRUE(a.last_year < b.first_year || b.last_year < a.first_year) << a.source;
      }
    }
  }
}

}  // namespace
}  // namespace concord::data

// Crosswalk from SIPRI country names and Maddison ISO3 codes to COW state codes (ccode).
//
// Year-aware: a source unit maps to a COW state only for the years in which they denote the same
// territory. Rules (docs/data.md lists them all; crosswalk_test.cpp tests every trap):
// - Germany. SIPRI "Germany" is West Germany (260) to 1990 and Germany (255) from 1991; SIPRI
//   "German Democratic Republic" is 265. Maddison DEU (territory of Germany) -> 255 for
//   1871-1945 and from 1991; unmatched before 1871 (COW 255 is then Prussia) and 1946-1990
//   (DEU covers both 260 and 265).
// - Russia / USSR: SIPRI "USSR" and Maddison SUN -> 365 to 1991; "Russia" / RUS -> 365 from 1992.
// - Serbia / Yugoslavia: SIPRI "Yugoslavia" and Maddison YUG -> 345 to 1991; SIPRI "Serbia" -> 345
//   from 1992; Maddison SRB + MNE are summed into 345 for 1992-2005, SRB alone from 2006 (MNE ->
//   341 from 2006).
// - Vietnam: SIPRI "Viet Nam" -> 816. Maddison VNM -> 816 from 1976; 1954-1975 unmatched (it
//   covers both 816 and 817, the Republic of Vietnam).
// - Yemen: SIPRI "Yemen, North" -> 678 (to 1989), "Yemen" -> 679 (from 1990); Maddison YEM -> 679
//   from 1990, unmatched before (it covers 678 and 680).
// - Korea: SIPRI "Korea, North" -> 731, "Korea, South" -> 732; Maddison PRK -> 731 from 1948, KOR
//   -> 732 from 1949, and PRK + KOR summed into 730 (Korea) for 1887-1905.
// - Taiwan: SIPRI "Taiwan" and Maddison TWN -> 713 (from 1949).
// - Czechoslovakia: SIPRI "Czechoslovakia" and Maddison CSK -> 315 (to 1992); "Czechia" / CZE ->
//   316 (from 1993).
// - Sudan: SIPRI "Sudan" -> 625, "South Sudan" -> 626 from 2011. Maddison SDN ("Sudan (Former)")
//   -> 625 to 2010; unmatched from 2011 (it covers 625 and 626).
// - Pakistan / Bangladesh: SIPRI "Pakistan" -> 770, "Bangladesh" -> 771. Maddison PAK + BGD are
//   summed into 770 up to 1970 (East Pakistan was part of 770); from 1971 (771 joins the system
//   in December 1971) PAK -> 770 and BGD -> 771.
// - Other territorial changes in Maddison: former Soviet republics -> their codes from 1991
//   (Baltic states also to 1939); former Yugoslav republics from 1992; AUT -> 305 from 1919 (300
//   is Austria-Hungary); HUN -> 310 from 1918; ITA -> 325 from 1861 (before: Sardinia); TUR ->
//   640 from 1923 (before: the Ottoman Empire). Unmatched outside those years.
// - Non-states (SIPRI "European Union"; Maddison HKG, PRI, PSE) are never matched.
// A mapping outside a state's COW membership years is still returned; joining to the system is
// the caller's business. Note the two code systems: Maddison "AUS" is Australia (900), COW "AUS"
// is Austria (305).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace concord::data {

/// How a source unit maps to a COW state over a span of years.
struct CrosswalkRule {
  std::string_view source;  ///< SIPRI country name, or Maddison ISO3 code
  int first_year;           ///< inclusive
  int last_year;            ///< inclusive
  int ccode;                ///< COW code; 0 = deliberately unmatched in these years (see note)
  bool summed;              ///< several source units add up to this ccode in these years
  std::string_view note;    ///< why, for the documentation and the report
};

/// Result of a lookup.
struct CrosswalkMatch {
  int ccode = 0;          ///< 0 when deliberately unmatched in that year
  bool summed = false;
  std::string_view note;
};

/// The SIPRI rules (one or more per SIPRI country name of the 2024 release).
const std::vector<CrosswalkRule>& sipri_crosswalk();
/// The Maddison 2023 rules (one or more per ISO3 code).
const std::vector<CrosswalkRule>& maddison_crosswalk();

/// COW code for a SIPRI country name in `year`. nullopt if the name is unknown; a match with
/// ccode 0 if the name is known but deliberately unmatched that year.
std::optional<CrosswalkMatch> sipri_to_cow(std::string_view country, int year);
/// COW code for a Maddison ISO3 code in `year` (same conventions).
std::optional<CrosswalkMatch> maddison_to_cow(std::string_view iso3, int year);

}  // namespace concord::data

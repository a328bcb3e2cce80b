// Economic and military-expenditure series by state-year: SIPRI military expenditure (constant
// 2022 US$) and the Maddison Project 2023 (GDP per capita x population -> GDP), both mapped to
// COW codes through the crosswalk (crosswalk.hpp).
//
// Sources: SIPRI Military Expenditure Database (2024 release, data 1949-2023),
// https://www.sipri.org/databases/milex. Bolt & van Zanden (2024), "Maddison style estimates of
// the evolution of the world economy: A new 2023 update", Journal of Economic Surveys.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

/// SIPRI cell status. SIPRI codes: "..." data unavailable, "xxx" country did not exist or was
/// not independent.
enum class SipriFlag : unsigned char { value = 0, unavailable, not_independent };

/// A SIPRI long-format sheet as read (one row per country-year).
struct SipriMilex {
  std::vector<std::string> country;
  std::vector<std::string> region;
  std::vector<std::string> subregion;
  std::vector<int> year;
  std::vector<double>
      value;  ///< the sheet's unit (US$ m, constant 2022 for the default sheet); NaN if flagged
  std::vector<SipriFlag> flag;
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
};

/// Reads a SIPRI long-format sheet (country, region, subregion, notes, year, value, flag).
/// A value and a flag both empty, or both present, is an InputError; an unknown flag is one too.
/// Duplicate (country, year) is an InputError.
SipriMilex read_sipri_milex(const std::filesystem::path& file);

/// A state-year series with one value (e.g. military expenditure), keyed by COW code.
struct StateYearSeries {
  std::vector<int> ccode;
  std::vector<int> year;
  std::vector<double> value;
  StateYearIndex index;
  ReadReport report;  ///< copy of the source report plus notes on unmatched names (with counts)
  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
  /// Value at (ccode, year), or NaN.
  [[nodiscard]] double at(int state, int in_year) const noexcept;
};

/// SIPRI rows mapped to ccode (sipri_to_cow). Rows whose name is unknown to the crosswalk, or
/// deliberately unmatched in that year, are counted in report.skipped with the name in the
/// reason; flagged cells ("..." or "xxx") are skipped as "no value". Rows are not filtered by
/// COW system membership: join with the state system for that. Two source rows landing on one
/// state-year is an InputError. value is in the sheet's unit (US$ m, constant 2022 prices).
StateYearSeries sipri_state_years(const SipriMilex& sipri);

/// Maddison Project 2023 data as read (ISO, year, gdppc in 2011 int'l $ PPP, pop in thousands).
struct MaddisonData {
  std::vector<std::string> iso;
  std::vector<int> year;
  std::vector<double> gdppc;  ///< NaN missing
  std::vector<double> pop;    ///< thousands; NaN missing
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
};

/// Reads mpd2023_MaddisonData.csv. Duplicate (ISO, year) is an InputError.
MaddisonData read_maddison(const std::filesystem::path& file);

/// State-year economy in COW units.
struct StateEconomy {
  std::vector<int> ccode;
  std::vector<int> year;
  std::vector<double> gdp;    ///< GDP, 2011 international $ PPP (gdppc * pop * 1000); NaN if unknown
  std::vector<double> pop;    ///< population, thousands
  std::vector<double> gdppc;  ///< 2011 international $ PPP per person (gdp / (pop*1000) for sums)
  StateYearIndex index;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
};

/// Maddison rows mapped to ccode (maddison_to_cow), summing units where the crosswalk says so
/// (GDP and population add; GDP per capita is recomputed). A sum with a part missing that year is
/// skipped with its reason. Unmatched ISO codes and deliberately unmatched years are counted in
/// report.skipped. Not filtered by COW system membership.
StateEconomy maddison_state_years(const MaddisonData& maddison);

struct StateSpells;

/// Keeps only the state-years in which the state was a COW system member (a spell of `states`
/// overlaps the year): a national series is never assigned to a COW state before its entry,
/// after its exit or between its spells. Dropped rows are counted in report.skipped ("outside
/// the state's COW system membership"). The index is rebuilt.
void keep_member_years(StateYearSeries& series, const StateSpells& states);
void keep_member_years(StateEconomy& economy, const StateSpells& states);

}  // namespace concord::data

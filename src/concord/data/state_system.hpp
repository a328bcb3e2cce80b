// COW State System Membership (v2016 and v2024): membership spells, state-years and major powers.
//
// Source: Correlates of War Project, "State System Membership List, v2024" (and v2016, 2017),
// http://correlatesofwar.org. A state is a system member in year Y when one of its spells
// overlaps Y at any point; this rule reproduces system2016.csv exactly from states2016.csv
// (15,951 state-years) and NMC v7's 17,121 state-years from statelist2024.csv.
#pragma once

#include <filesystem>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

/// The days of one state's system membership within a calendar year: a spell clipped to the year.
struct MemberDays {
  int ccode = 0;
  Date first;
  Date last;
};

/// True if `a` and `b` were both members on at least one common day, given the member days of
/// one year (sorted by ccode, as StateSpells::member_days returns them). States that are members
/// in the same year but never on the same day (a predecessor and its successor: 260 West Germany
/// to 2 October 1990 and 255 Germany from 3 October; a state that left before another entered)
/// do not share a day.
[[nodiscard]] bool share_a_day(std::span<const MemberDays> days, int a, int b) noexcept;

/// Membership spells (statelist2024.csv, states2016.csv) or major-power spells (majors*.csv;
/// statenme empty). One row per spell; a state can have several (e.g. 255 Germany).
struct StateSpells {
  std::vector<int> ccode;
  std::vector<std::string> stateabb;
  std::vector<std::string> statenme;  ///< empty for the majors files
  std::vector<Date> start;
  std::vector<Date> end;
  std::vector<int> version;
  std::vector<std::uint32_t> line;
  ReadReport report;
  /// Year of the latest spell end (v2024: 2024). After it membership (and major-power status)
  /// is unknown: member() is false there, and callers must treat it as missing.
  int last_year = 0;

  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
  /// True if a spell of `ccode` overlaps calendar year `year`.
  [[nodiscard]] bool member(int state, int in_year) const noexcept;
  /// Abbreviation of `ccode` (from its latest spell), or empty if unknown.
  [[nodiscard]] std::string_view abbreviation(int state) const noexcept;
  /// Abbreviation of `ccode` in `year`: from the latest spell that overlaps the year (345 is
  /// YUG in 1990 and SRB in 2010), else as abbreviation(state).
  [[nodiscard]] std::string_view abbreviation(int state, int in_year) const noexcept;
  /// Name of `ccode` (latest spell), or empty.
  [[nodiscard]] std::string_view name(int state) const noexcept;
  /// ccodes of every state with a spell overlapping `year`, ascending.
  [[nodiscard]] std::vector<int> members(int in_year) const;
  /// Every spell overlapping `year`, clipped to the year, sorted by ccode then first day.
  [[nodiscard]] std::vector<MemberDays> member_days(int in_year) const;
  /// True if `a` and `b` were both members on a common day of `year` (share_a_day).
  [[nodiscard]] bool same_day_members(int a, int b, int in_year) const;
  /// The last day of `year` on which `state` was a member, or nullopt.
  [[nodiscard]] std::optional<Date> last_member_day(int state, int in_year) const;
};

/// Reads statelist2024.csv or states2016.csv (columns stateabb, ccode, statenme, styear,
/// stmonth, stday, endyear, endmonth, endday, version). Throws InputError on a malformed field
/// or a spell that ends before it starts.
StateSpells read_state_list(const std::filesystem::path& file);
/// Reads majors2024.csv or majors2016.csv (same columns without statenme).
StateSpells read_major_powers(const std::filesystem::path& file);

/// State-years: system2016.csv, or derived from spells.
struct StateYears {
  std::vector<int> ccode;
  std::vector<int> year;
  std::vector<std::string> stateabb;
  std::vector<std::uint32_t> line;  ///< file line, or 0 when derived
  StateYearIndex index;
  ReadReport report;

  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
  [[nodiscard]] bool contains(int state, int in_year) const noexcept {
    return index.find(state, in_year).has_value();
  }
};

/// Reads system2016.csv (stateabb, ccode, year, version). A duplicate state-year is an InputError.
StateYears read_system_years(const std::filesystem::path& file);
/// Expands spells into state-years for years in [first_year, last_year] (overlap rule above).
StateYears state_years_from_spells(const StateSpells& spells, int first_year, int last_year);

}  // namespace concord::data

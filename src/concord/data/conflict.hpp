// Conflict: COW Militarized Interstate Disputes 5.0 (A: disputes, B: participants), the MID
// dyad-year files of peacesciencer, COW Inter-State War 4.0 participants and its dyadic forms.
//
// Sources: Palmer et al. (2022), "The MID5 Dataset, 2011-2014: Procedures, Coding Rules, and
// Description", CMPS 39(4): 470-482. Sarkees & Wayman (2010), Resort to War: 1816-2007, CQ Press.
// Maoz et al. (2019), JCR 63(3) (dyadic war). Miller (2022), peacesciencer, CMPS 39(6).
// COW codes are kept as coded: -9 missing/unknown, -8 not applicable, -7 ongoing. The report
// counts them per field. Dates are Date{year, month, day} with -9 for an unknown part.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

/// MIDA 5.0: one row per dispute.
struct MidDisputes {
  std::vector<int> dispnum;
  std::vector<Date> start, end;
  std::vector<int> outcome, settle, fatality, fatalpre, maxdur, mindur, hiact, hostlev, recip, numa, numb,
      ongo2014;
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return dispnum.size(); }
};
/// Reads MIDA_5.0.csv. Duplicate dispnum or hostlev outside 1..5 is an InputError.
MidDisputes read_mid_disputes(const std::filesystem::path& file);

/// MIDB 5.0: one row per participant spell (a state may have several in one dispute).
struct MidParticipants {
  std::vector<int> dispnum;
  std::vector<std::string> stabb;
  std::vector<int> ccode;
  std::vector<Date> start, end;
  std::vector<int> sidea, revstate, revtype1, revtype2, fatality, fatalpre, hiact, hostlev, orig;
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return dispnum.size(); }
};
MidParticipants read_mid_participants(const std::filesystem::path& file);

/// peacesciencer cow_mid_ddydisps: directed dyad-years, one dispute per dyad-year (unique key).
/// Or cow_mid_dirdisps: directed dispute-dyad-years (several disputes per dyad-year possible).
struct MidDyadYears {
  bool one_dispute_per_dyad_year = true;  ///< true for ddydisps (index built), false for dirdisps
  std::vector<int> dispnum;
  std::vector<int> ccode1, ccode2, year;
  std::vector<int> ongoing, onset;  ///< 0/1
  std::vector<int> sidea1, sidea2, fatality1, fatality2, fatalpre1, fatalpre2, hiact1, hiact2, hostlev1,
      hostlev2, orig1, orig2;
  std::vector<int> hostlev;  ///< dispute-level (ddydisps only; -9 for dirdisps)
  std::vector<std::uint32_t> line;
  DyadYearIndex index;  ///< ddydisps only
  ReadReport report;
  /// Last year of the file (MID 5.0: 2014). After it MID onsets are missing, not 0.
  int last_year = 0;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
};
/// Reads cow_mid_ddydisps.csv: duplicate directed dyad-year is an InputError.
MidDyadYears read_mid_dyad_years(const std::filesystem::path& file);
/// Reads cow_mid_dirdisps.csv: duplicate (dispnum, ccode1, ccode2, year) is an InputError.
MidDyadYears read_mid_directed_dispute_years(const std::filesystem::path& file);

/// COW Inter-State War 4.0: one row per participant (a state may re-enter a war: two rows).
struct InterStateWarParticipants {
  std::vector<int> warnum;
  std::vector<std::string> warname;
  std::vector<int> ccode;
  std::vector<std::string> statename;
  std::vector<int> side;                         ///< 1 or 2
  std::vector<Date> start1, end1, start2, end2;  ///< second spell -8 if none; -7 ongoing
  std::vector<int> where_fought, initiator, outcome;
  std::vector<double> batdeath;  ///< battle deaths; NaN if -9 (unknown)
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return warnum.size(); }
};
InterStateWarParticipants read_inter_state_wars(const std::filesystem::path& file);

/// Directed war dyad-years: peacesciencer cow_war_inter (from COW inter-state war 4.0).
/// Not unique by dyad-year (a dyad can fight two wars, or resume one in a year).
struct WarDyadYears {
  std::vector<int> warnum, ccode1, ccode2, year;
  std::vector<int> ongoing, onset, sidea1, sidea2, initiator1, initiator2, outcome1, outcome2, resume;
  std::vector<double> batdeath1, batdeath2;  ///< NaN missing
  std::vector<std::uint32_t> line;
  ReadReport report;
  /// Last year covered: COW inter-state wars 4.0 end in 2007 (kInterStateWar40), though the last
  /// war in the file began in 2003; the later of the two if the file holds later years. After
  /// it war onsets are missing, not 0.
  int last_year = 0;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
};
WarDyadYears read_war_dyad_years(const std::filesystem::path& file);

/// COW Dyadic Inter-State War (directed_dyadic_war.csv), directed war-dyad-years 1823-2003.
struct DirectedDyadicWar {
  std::vector<int> warnum, statea, stateb, year;
  std::vector<Date> start, end;
  std::vector<int> warolea, waroleb, outcomea;
  std::vector<double> batdtha, batdthb;  ///< NaN missing
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
};
/// Duplicate (warnum, statea, stateb, year) is an InputError.
DirectedDyadicWar read_directed_dyadic_war(const std::filesystem::path& file);

/// Thompson & Dreyer (2012) strategic rivalries, Handbook of International Rivalries 1494-2010.
struct Rivalries {
  std::vector<int> rivalryno;
  std::vector<std::string> rivalryname;
  std::vector<int> ccode1, ccode2, styear, endyear;
  std::vector<std::string> region, type1, type2, type3;
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return rivalryno.size(); }
  /// True if a rivalry between a and b (either order) is active in `year`.
  [[nodiscard]] bool rivals(int a, int b, int in_year) const noexcept;
};
/// Reads td_rivalries.csv. endyear before styear or a duplicate rivalryno is an InputError.
Rivalries read_rivalries(const std::filesystem::path& file);

/// Nuclear-weapons status by country-year 1938-2022 (Our World in Data's panel of Bleek 2017,
/// "When Did (and Didn't) States Proliferate?", Belfer Center; NTI 2022). status: 0 does not
/// consider, 1 considers, 2 pursues, 3 possesses (a deliverable device; acquisition dates follow
/// Bleek, not test dates: India and Pakistan 1987, Israel 1967). Rows without a COW code
/// (Abkhazia, South Ossetia, Tibet; all status 0) are skipped and counted in the report.
struct NuclearStatus {
  std::vector<int> ccode, year, status;
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
  /// Status of `ccode` in `year` (0..3); -1 when the panel has no row for it (a year outside
  /// 1938-2022, or a code the panel does not know): missing, never "does not consider".
  [[nodiscard]] int status_of(int ccode_, int year_) const noexcept;
  /// True if `ccode` possesses nuclear weapons (status 3) in `year`; false if not or unknown.
  [[nodiscard]] bool possesses(int ccode_, int year_) const noexcept { return status_of(ccode_, year_) == 3; }
  /// Last year the panel covers (2022 in the 2022 release).
  [[nodiscard]] int last_year() const noexcept;
  StateYearIndex index;  ///< (ccode, year) -> row, built by the reader
};
/// Reads nuclear_status_bleek2017.csv. A status outside 0..3, `possess` that disagrees with
/// status, or a duplicate (ccode, year) is an InputError.
NuclearStatus read_nuclear_status(const std::filesystem::path& file);

}  // namespace concord::data

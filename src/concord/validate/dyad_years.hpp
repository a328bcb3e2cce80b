// The non-directed dyad-year table of the field's conflict-onset studies (Bremer 1992; Oneal &
// Russett 1999; Bennett & Stam 2000), built from the project's datasets.
//
// Unit: a pair of COW system members {a, b}, a < b, members on a common day of a calendar year
// (day-resolution rule, docs/data.md). Covariates (all for the
// pair in that year):
//   contiguity        1 if COW Direct Contiguity 3.2 codes any land/river or water contiguity
//                     (conttype 1-5), else 0
//   log_distance      ln(1 + capital-to-capital great-circle distance in km) (capitals of
//                     peacesciencer cow_capitals; measures::great_circle_km)
//   parity            ln(weaker CINC / stronger CINC), <= 0 (COW NMC 7.0 published cinc)
//   power_shift       |r_t - r_{t-1}| with r = cinc_a / (cinc_a + cinc_b)
//   alliance          1 if ATOP 5.1 records a defense pledge between them in either direction
//   joint_democracy   min of the two V-Dem polyarchy scores (0..1; weakest-link, Dixon 1994)
//   trade_dependence  min over the two of (imports + exports of the dyad) / GDP (weakest link,
//                     Oneal & Russett 1997); trade COW 4.0 dyadic (US$ m current), GDP Maddison
//                     2023 (2011 int'l $ PPP). NaN where either is missing (see trade_missing).
//   major_power       1 if either is a COW major power that year
//   peace_years       t = years since the pair's last MID onset (MID 5.0 dyadic, from 1816), or
//                     since both entered the system if they never had one (Beck, Katz &
//                     Tucker 1998; used with t, t^2, t^3 as in Carter & Signorino 2010). The
//                     clock the engine carries: it resets at each dispute onset.
//   rivalry           1 if Thompson & Dreyer (2012) code a strategic rivalry between them in
//                     min(year, 2010) (the data end in 2010; later years carry 2010 forward)
//   nuclear_both      1 if both possess nuclear weapons (Bleek 2017 status 3) that year
//   nuclear_one       1 if exactly one of them does
//   igo_shared        shared full memberships among the 23 listed IGOs of the project's COW IGO
//                     3.0 extract (data/igo_dyads.hpp: the UN left out)
//   igo_security_shared  the same among the listed IGOs with a security mandate
// Outcomes:
//   mid_onset         a new MID between the two began that year (cow_mid_ddydisps onset)
//   mid_continuing    a MID between them continued from an earlier year and none began:
//                     such dyad-years are not at risk of onset and are left out of fits
//   mid_war           a MID that began that year reached war for both (hostlev 5 on each side)
//   war_onset         the pair began fighting a COW inter-state war that year (cow_war_inter)
// Missing covariates are NaN; fits use only rows where every covariate they need is present.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concord::validate {

/// Which dyads: `asia` = pairs of the 37 Asia-Pacific COW codes of the project's Asia-Pacific
/// extracts (kAsiaPacificCcodes), `europe` = pairs of the 20 European codes of the 1890
/// backtest (kEuropeCcodes), `world` = every pair of system members.
enum class Region { asia, europe, world };

/// The 37 Asia-Pacific codes: the US, Canada, Russia, Iran and COW codes 700-920 that the
/// project's dyadic trade and minimum-distance extracts cover (their PROVENANCE.md).
inline constexpr std::array<int, 37> kAsiaPacificCcodes{
    2,   20,  365, 630, 700, 701, 702, 703, 704, 705, 710, 712, 713, 731, 732, 740, 750, 760, 770,
    771, 775, 780, 790, 800, 811, 812, 816, 817, 820, 830, 835, 840, 850, 860, 900, 910, 920};

/// The European great powers of 1890 and their neighbours (COW codes): UK 200, Netherlands 210,
/// Belgium 211, France 220, Switzerland 225, Spain 230, Portugal 235, Germany 255,
/// Austria-Hungary 300, Italy 325, Montenegro 341, Serbia 345, Greece 350, Bulgaria 355,
/// Romania 360, Russia 365, Sweden 380, Norway 385, Denmark 390, Ottoman Empire 640. A dyad-year
/// needs both to be system members that year (Bulgaria from 1908, Norway from 1905, ...).
inline constexpr std::array<int, 20> kEuropeCcodes{200, 210, 211, 220, 225, 230, 235, 255, 300, 325,
                                                   341, 345, 350, 355, 360, 365, 380, 385, 390, 640};

/// "asia", "europe" or "world".
std::string_view region_name(Region region);
/// Parses "asia" (also "asia-pacific"), "europe" or "world"; throws std::invalid_argument otherwise.
Region parse_region(std::string_view text);
/// True if `ccode` belongs to the region.
bool in_region(Region region, int ccode);

/// Carter & Signorino peace-years for one pair: `sorted_dispute_years` are the years with a MID
/// onset (sorted); the count in `year` is year - (latest onset year before `year`), or
/// year - `entry_year` if none (never below 0).
/// Example: onsets {1950, 1951, 1960}, entry 1946: 1950 -> 4, 1952 -> 1, 1960 -> 9, 1965 -> 5.
int peace_years(std::span<const int> sorted_dispute_years, int entry_year, int year);

/// The table, structure of arrays, one element per dyad-year, ordered by (year, a, b).
struct DyadYearTable {
  Region region = Region::world;
  int first_year = 0;
  int last_year = 0;
  int mid_last_year = 0;  ///< MID data end (the window never passes it)
  int war_last_year = 0;  ///< COW war data end: war_onset after it is missing, not 0
  std::vector<int> ccode_a, ccode_b, year;
  std::vector<double> contiguity, log_distance, parity, power_shift, alliance, joint_democracy,
      trade_dependence, major_power, peace_years, rivalry, nuclear_both, nuclear_one, igo_shared,
      igo_security_shared;
  std::vector<std::uint8_t> mid_onset, mid_continuing, mid_war, war_onset;

  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
  /// Column of a covariate by name (the names above); throws std::out_of_range.
  [[nodiscard]] const std::vector<double>& covariate(std::string_view name) const;
};

/// The covariate names of the standard dyad-year logit (Bremer 1992; Oneal & Russett 1999).
inline constexpr std::array<const char*, 8> kHazardCovariates{
    "contiguity", "log_distance",    "parity",           "power_shift",
    "alliance",   "joint_democracy", "trade_dependence", "major_power"};

/// The terms issue 11 adds to the engine's contract (data/hazards*.toml), after the standard
/// covariates and the peace-years cubic.
inline constexpr std::array<const char*, 5> kDyadRecordCovariates{"rivalry", "nuclear_both", "nuclear_one",
                                                                  "igo_shared", "igo_security_shared"};

/// Every dataset the table needs, read once from a data directory (owning).
struct DyadYearSources;

/// Reads the datasets under `data_dir` (paths of concord/data/paths.hpp). Throws
/// concord::InputError from the readers on malformed files.
std::shared_ptr<const DyadYearSources> read_dyad_year_sources(const std::filesystem::path& data_dir);

/// Builds the table for years [first_year, last_year] of `region`. A pair is a dyad-year only if
/// both were system members on a common day of the year (StateSpells::member_days). Peace-years
/// use the whole MID record back to 1816. Covariates past their dataset's last year (ATOP,
/// contiguity, the majors list) are NaN. Throws std::invalid_argument if last_year <
/// first_year, concord::InputError if last_year is past the MID data's last year.
DyadYearTable build_dyad_years(const DyadYearSources& sources, Region region, int first_year, int last_year);

}  // namespace concord::validate

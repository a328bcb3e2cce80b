#include "concord/data/conflict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "concord/data/coverage.hpp"
#include "concord/data/csv.hpp"

namespace concord::data {

namespace {

constexpr unsigned kCowCodes = kEmpty | kMinus9 | kMinus8 | kMinus7;

template <unsigned N>
Date cow_date(CsvFile<N>& csv, unsigned year_col, unsigned month_col, unsigned day_col) {
  return Date{csv.coded(year_col, kCowCodes), csv.coded(month_col, kCowCodes), csv.coded(day_col, kCowCodes)};
}

template <class Key>
void require_unique(const std::vector<Key>& keys, const std::vector<std::uint32_t>& lines,
                    const std::string& file, const std::string& what) {
  std::map<Key, std::uint32_t> first;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto [it, inserted] = first.emplace(keys[i], lines[i]);
    if (!inserted) {
      throw InputError(
          Location{file, static_cast<long>(lines[i]), 0, ""},
          fmt::format("duplicate {}; first on line {}; each must appear once", what, it->second));
    }
  }
}

}  // namespace

MidDisputes read_mid_disputes(const std::filesystem::path& file) {
  CsvFile<19> csv(
      file, "COW MID 5.0 disputes (MIDA)",
      {"dispnum", "stday", "stmon", "styear", "endday", "endmon", "endyear", "outcome", "settle", "fatality",
       "fatalpre", "maxdur", "mindur", "hiact", "hostlev", "recip", "numa", "numb", "ongo2014"});
  MidDisputes t;
  while (csv.next()) {
    t.dispnum.push_back(csv.integer(0));
    t.start.push_back(cow_date(csv, 3, 2, 1));
    t.end.push_back(cow_date(csv, 6, 5, 4));
    t.outcome.push_back(csv.coded(7, kCowCodes));
    t.settle.push_back(csv.coded(8, kCowCodes));
    t.fatality.push_back(csv.coded(9, kCowCodes));
    t.fatalpre.push_back(csv.coded(10, kCowCodes));
    t.maxdur.push_back(csv.coded(11, kCowCodes));
    t.mindur.push_back(csv.coded(12, kCowCodes));
    t.hiact.push_back(csv.coded(13, kCowCodes));
    int h = csv.integer(14);
    if (h < 1 || h > 5) csv.fail(14, "expected a hostility level 1..5");
    t.hostlev.push_back(h);
    t.recip.push_back(csv.coded(15, kCowCodes));
    t.numa.push_back(csv.integer(16));
    t.numb.push_back(csv.integer(17));
    t.ongo2014.push_back(csv.coded(18, kCowCodes));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  require_unique(t.dispnum, t.line, t.report.file, "dispnum");
  return t;
}

MidParticipants read_mid_participants(const std::filesystem::path& file) {
  CsvFile<18> csv(
      file, "COW MID 5.0 participants (MIDB)",
      {"dispnum", "stabb", "ccode", "stday", "stmon", "styear", "endday", "endmon", "endyear", "sidea",
       "revstate", "revtype1", "revtype2", "fatality", "fatalpre", "hiact", "hostlev", "orig"});
  MidParticipants t;
  while (csv.next()) {
    t.dispnum.push_back(csv.integer(0));
    t.stabb.push_back(csv.str(1));
    t.ccode.push_back(csv.integer(2));
    t.start.push_back(cow_date(csv, 5, 4, 3));
    t.end.push_back(cow_date(csv, 8, 7, 6));
    t.sidea.push_back(csv.integer(9));
    t.revstate.push_back(csv.coded(10, kCowCodes));
    t.revtype1.push_back(csv.coded(11, kCowCodes));
    t.revtype2.push_back(csv.coded(12, kCowCodes));
    t.fatality.push_back(csv.coded(13, kCowCodes));
    t.fatalpre.push_back(csv.coded(14, kCowCodes));
    t.hiact.push_back(csv.coded(15, kCowCodes));
    int h = csv.integer(16);
    if (h < 1 || h > 5) csv.fail(16, "expected a hostility level 1..5");
    t.hostlev.push_back(h);
    t.orig.push_back(csv.coded(17, kCowCodes));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  return t;
}

namespace {

template <unsigned N>
void read_mid_dyad_rows(CsvFile<N>& csv, MidDyadYears& t, bool with_hostlev) {
  while (csv.next()) {
    t.dispnum.push_back(csv.integer(0));
    t.ccode1.push_back(csv.integer(1));
    t.ccode2.push_back(csv.integer(2));
    t.year.push_back(csv.integer(3));
    t.ongoing.push_back(csv.integer(4));
    t.onset.push_back(csv.integer(5));
    t.sidea1.push_back(csv.coded(6, kEmptyOrMinus9));
    t.sidea2.push_back(csv.coded(7, kEmptyOrMinus9));
    t.fatality1.push_back(csv.coded(8, kEmptyOrMinus9));
    t.fatality2.push_back(csv.coded(9, kEmptyOrMinus9));
    t.fatalpre1.push_back(csv.coded(10, kEmptyOrMinus9));
    t.fatalpre2.push_back(csv.coded(11, kEmptyOrMinus9));
    t.hiact1.push_back(csv.coded(12, kEmptyOrMinus9));
    t.hiact2.push_back(csv.coded(13, kEmptyOrMinus9));
    t.hostlev1.push_back(csv.coded(14, kEmptyOrMinus9));
    t.hostlev2.push_back(csv.coded(15, kEmptyOrMinus9));
    t.orig1.push_back(csv.coded(16, kEmptyOrMinus9));
    t.orig2.push_back(csv.coded(17, kEmptyOrMinus9));
    if constexpr (N > 18) {
      t.hostlev.push_back(with_hostlev ? csv.coded(18, kEmptyOrMinus9) : -9);
    } else {
      t.hostlev.push_back(-9);
    }
    if (t.onset.back() != 0 && t.onset.back() != 1) csv.fail(5, "expected an onset flag 0 or 1");
    t.line.push_back(csv.line32());
  }
  for (const int y : t.year) t.last_year = std::max(t.last_year, y);
  t.report = csv.finish();
}

}  // namespace

MidDyadYears read_mid_dyad_years(const std::filesystem::path& file) {
  CsvFile<19> csv(file, "COW MID 5.0 directed dyad-years (peacesciencer cow_mid_ddydisps)",
                  {"dispnum", "ccode1", "ccode2", "year", "cowmidongoing", "cowmidonset", "sidea1", "sidea2",
                   "fatality1", "fatality2", "fatalpre1", "fatalpre2", "hiact1", "hiact2", "hostlev1",
                   "hostlev2", "orig1", "orig2", "hostlev"});
  MidDyadYears t;
  t.one_dispute_per_dyad_year = true;
  read_mid_dyad_rows(csv, t, true);
  t.index = DyadYearIndex::build(t.ccode1, t.ccode2, t.year, t.line, t.report.file, "directed dyad-year");
  return t;
}

MidDyadYears read_mid_directed_dispute_years(const std::filesystem::path& file) {
  CsvFile<18> csv(
      file, "COW MID 5.0 directed dispute-dyad-years (peacesciencer cow_mid_dirdisps)",
      {"dispnum", "ccode1", "ccode2", "year", "dispongoing", "disponset", "sidea1", "sidea2", "fatality1",
       "fatality2", "fatalpre1", "fatalpre2", "hiact1", "hiact2", "hostlev1", "hostlev2", "orig1", "orig2"});
  MidDyadYears t;
  t.one_dispute_per_dyad_year = false;
  read_mid_dyad_rows(csv, t, false);
  std::vector<std::tuple<int, int, int, int>> keys;
  keys.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i)
    keys.emplace_back(t.dispnum[i], t.ccode1[i], t.ccode2[i], t.year[i]);
  require_unique(keys, t.line, t.report.file, "(dispnum, ccode1, ccode2, year)");
  return t;
}

InterStateWarParticipants read_inter_state_wars(const std::filesystem::path& file) {
  CsvFile<21> csv(
      file, "COW Inter-State War 4.0 (participants)",
      {"WarNum",     "WarName",   "ccode",    "StateName",   "Side",        "StartMonth1", "StartDay1",
       "StartYear1", "EndMonth1", "EndDay1",  "EndYear1",    "StartMonth2", "StartDay2",   "StartYear2",
       "EndMonth2",  "EndDay2",   "EndYear2", "WhereFought", "Initiator",   "Outcome",     "BatDeath"});
  InterStateWarParticipants t;
  while (csv.next()) {
    t.warnum.push_back(csv.integer(0));
    t.warname.push_back(csv.str(1));
    t.ccode.push_back(csv.integer(2));
    t.statename.push_back(csv.str(3));
    int side = csv.integer(4);
    if (side != 1 && side != 2) csv.fail(4, "expected side 1 or 2");
    t.side.push_back(side);
    t.start1.push_back(cow_date(csv, 7, 5, 6));
    t.end1.push_back(cow_date(csv, 10, 8, 9));
    t.start2.push_back(cow_date(csv, 13, 11, 12));
    t.end2.push_back(cow_date(csv, 16, 14, 15));
    t.where_fought.push_back(csv.coded(17, kCowCodes));
    t.initiator.push_back(csv.coded(18, kCowCodes));
    t.outcome.push_back(csv.coded(19, kCowCodes));
    t.batdeath.push_back(csv.real(20, kCowCodes));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  return t;
}

WarDyadYears read_war_dyad_years(const std::filesystem::path& file) {
  CsvFile<15> csv(
      file, "COW Inter-State War 4.0 directed dyad-years (peacesciencer cow_war_inter)",
      {"warnum", "ccode1", "ccode2", "year", "cowinterongoing", "cowinteronset", "sidea1", "sidea2",
       "initiator1", "initiator2", "outcome1", "outcome2", "batdeath1", "batdeath2", "resume"});
  WarDyadYears t;
  while (csv.next()) {
    t.warnum.push_back(csv.integer(0));
    t.ccode1.push_back(csv.integer(1));
    t.ccode2.push_back(csv.integer(2));
    t.year.push_back(csv.integer(3));
    t.ongoing.push_back(csv.integer(4));
    t.onset.push_back(csv.integer(5));
    t.sidea1.push_back(csv.coded(6, kCowCodes));
    t.sidea2.push_back(csv.coded(7, kCowCodes));
    t.initiator1.push_back(csv.coded(8, kCowCodes));
    t.initiator2.push_back(csv.coded(9, kCowCodes));
    t.outcome1.push_back(csv.coded(10, kCowCodes));
    t.outcome2.push_back(csv.coded(11, kCowCodes));
    t.batdeath1.push_back(csv.real(12, kCowCodes));
    t.batdeath2.push_back(csv.real(13, kCowCodes));
    t.resume.push_back(csv.coded(14, kCowCodes));
    t.line.push_back(csv.line32());
  }
  t.last_year = kInterStateWar40.last_year;
  for (const int y : t.year) t.last_year = std::max(t.last_year, y);
  t.report = csv.finish();
  return t;
}

DirectedDyadicWar read_directed_dyadic_war(const std::filesystem::path& file) {
  CsvFile<15> csv(
      file, "COW Dyadic Inter-State War (directed war-dyad-years)",
      {"warnum", "statea", "stateb", "year", "warstrtmnth", "warstrtday", "warstrtyr", "warendmnth",
       "warenday", "warendyr", "warolea", "waroleb", "outcomea", "batdtha", "batdthb"});
  DirectedDyadicWar t;
  while (csv.next()) {
    t.warnum.push_back(csv.integer(0));
    t.statea.push_back(csv.integer(1));
    t.stateb.push_back(csv.integer(2));
    t.year.push_back(csv.integer(3));
    t.start.push_back(cow_date(csv, 6, 4, 5));
    t.end.push_back(cow_date(csv, 9, 7, 8));
    t.warolea.push_back(csv.coded(10, kCowCodes));
    t.waroleb.push_back(csv.coded(11, kCowCodes));
    t.outcomea.push_back(csv.coded(12, kCowCodes));
    t.batdtha.push_back(csv.real(13, kCowCodes));
    t.batdthb.push_back(csv.real(14, kCowCodes));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  std::vector<std::tuple<int, int, int, int>> keys;
  for (std::size_t i = 0; i < t.size(); ++i)
    keys.emplace_back(t.warnum[i], t.statea[i], t.stateb[i], t.year[i]);
  require_unique(keys, t.line, t.report.file, "(warnum, statea, stateb, year)");
  return t;
}

Rivalries read_rivalries(const std::filesystem::path& file) {
  CsvFile<10> csv(file, "Thompson & Dreyer strategic rivalries (peacesciencer td_rivalries)",
                  {"rivalryno", "rivalryname", "ccode1", "ccode2", "styear", "endyear", "region", "type1",
                   "type2", "type3"});
  Rivalries t;
  while (csv.next()) {
    t.rivalryno.push_back(csv.integer(0));
    t.rivalryname.push_back(csv.str(1));
    t.ccode1.push_back(csv.integer(2));
    t.ccode2.push_back(csv.integer(3));
    t.styear.push_back(csv.integer(4));
    t.endyear.push_back(csv.integer(5));
    if (t.endyear.back() < t.styear.back()) csv.fail(5, "rivalry ends before it starts");
    t.region.push_back(csv.str(6));
    t.type1.push_back(csv.str_or_missing(7));
    t.type2.push_back(csv.str_or_missing(8));
    t.type3.push_back(csv.str_or_missing(9));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  require_unique(t.rivalryno, t.line, t.report.file, "rivalryno");
  return t;
}

bool Rivalries::rivals(int a, int b, int in_year) const noexcept {
  for (std::size_t i = 0; i < rivalryno.size(); ++i) {
    bool pair = (ccode1[i] == a && ccode2[i] == b) || (ccode1[i] == b && ccode2[i] == a);
    if (pair && styear[i] <= in_year && endyear[i] >= in_year) return true;
  }
  return false;
}

NuclearStatus read_nuclear_status(const std::filesystem::path& file) {
  CsvFile<4> csv(file, "Nuclear-weapons status (OWID from Bleek 2017)", {"ccode", "year", "status", "possess"});
  NuclearStatus t;
  while (csv.next()) {
    if (csv.text(0).empty()) {  // Abkhazia, South Ossetia, Tibet: no COW code, all status 0
      csv.report().skip("no COW code (Abkhazia, South Ossetia, Tibet)", csv.line());
      continue;
    }
    t.ccode.push_back(csv.integer(0));
    t.year.push_back(csv.integer(1));
    const int status = csv.integer(2);
    if (status < 0 || status > 3) csv.fail(2, "expected a status 0..3 (0 none, 1 considers, 2 pursues, 3 possesses)");
    const int possess = csv.integer(3);
    if (possess != (status == 3 ? 1 : 0)) csv.fail(3, "expected possess = 1 exactly when status = 3");
    t.status.push_back(status);
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  t.index = StateYearIndex::build(t.ccode, t.year, t.line, t.report.file);
  return t;
}

int NuclearStatus::status_of(int ccode_, int year_) const noexcept {
  const auto row = index.find(ccode_, year_);
  return row ? status[*row] : -1;
}

int NuclearStatus::last_year() const noexcept {
  return year.empty() ? 0 : *std::max_element(year.begin(), year.end());
}

}  // namespace concord::data

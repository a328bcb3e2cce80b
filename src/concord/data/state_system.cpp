#include "concord/data/state_system.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "concord/data/csv.hpp"

namespace concord::data {

namespace {

void check_spell(const Date& start, const Date& end, const Location& where) {
  if (end < start) {
    throw InputError(where, fmt::format("spell ends ({}-{}-{}) before it starts ({}-{}-{})", end.year,
                                        end.month, end.day, start.year, start.month, start.day));
  }
}

template <unsigned N, std::size_t... I>
void read_spell_rows(CsvFile<N>& csv, StateSpells& s, bool with_name) {
  // Column layout: stateabb, ccode, [statenme], styear, stmonth, stday, endyear, endmonth, endday, version
  const unsigned o = with_name ? 1U : 0U;
  while (csv.next()) {
    s.stateabb.push_back(csv.str(0));
    s.ccode.push_back(csv.integer(1));
    s.statenme.push_back(with_name ? csv.str(2) : std::string());
    Date st{csv.integer(2 + o), csv.integer(3 + o), csv.integer(4 + o)};
    Date en{csv.integer(5 + o), csv.integer(6 + o), csv.integer(7 + o)};
    check_spell(st, en, csv.where(5 + o));
    s.start.push_back(st);
    s.end.push_back(en);
    s.version.push_back(csv.integer(8 + o));
    s.line.push_back(csv.line32());
    s.last_year = std::max(s.last_year, en.year);
  }
  s.report = csv.finish();
}

}  // namespace

StateSpells read_state_list(const std::filesystem::path& file) {
  CsvFile<10> csv(file, "COW State System Membership (spells)",
                  {"stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear", "endmonth",
                   "endday", "version"});
  StateSpells s;
  read_spell_rows(csv, s, true);
  return s;
}

StateSpells read_major_powers(const std::filesystem::path& file) {
  CsvFile<9> csv(
      file, "COW major powers (spells)",
      {"stateabb", "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday", "version"});
  StateSpells s;
  read_spell_rows(csv, s, false);
  return s;
}

bool StateSpells::member(int c, int y) const noexcept {
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (ccode[i] == c && start[i].year <= y && end[i].year >= y) return true;
  }
  return false;
}

std::string_view StateSpells::abbreviation(int c) const noexcept {
  std::string_view out;
  Date latest{-100000, 0, 0};
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (ccode[i] == c && latest <= start[i]) {
      latest = start[i];
      out = stateabb[i];
    }
  }
  return out;
}

std::string_view StateSpells::abbreviation(int c, int y) const noexcept {
  std::string_view out;
  Date latest{-100000, 0, 0};
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (ccode[i] == c && start[i].year <= y && end[i].year >= y && latest <= start[i]) {
      latest = start[i];
      out = stateabb[i];
    }
  }
  return out.empty() ? abbreviation(c) : out;
}

std::string_view StateSpells::name(int c) const noexcept {
  std::string_view out;
  Date latest{-100000, 0, 0};
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (ccode[i] == c && latest <= start[i]) {
      latest = start[i];
      out = statenme[i];
    }
  }
  return out;
}

std::vector<int> StateSpells::members(int y) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (start[i].year <= y && end[i].year >= y) out.push_back(ccode[i]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<MemberDays> StateSpells::member_days(int y) const {
  std::vector<MemberDays> out;
  const Date jan1{y, 1, 1};
  const Date dec31{y, 12, 31};
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (start[i].year > y || end[i].year < y) continue;
    out.push_back(MemberDays{ccode[i], std::max(start[i], jan1), std::min(end[i], dec31)});
  }
  std::sort(out.begin(), out.end(), [](const MemberDays& a, const MemberDays& b) {
    return a.ccode != b.ccode ? a.ccode < b.ccode : a.first < b.first;
  });
  return out;
}

bool share_a_day(std::span<const MemberDays> days, int a, int b) noexcept {
  auto range = [&](int c) {
    auto lo = std::lower_bound(days.begin(), days.end(), c, [](const MemberDays& d, int v) { return d.ccode < v; });
    auto hi = lo;
    while (hi != days.end() && hi->ccode == c) ++hi;
    return std::pair{lo, hi};
  };
  const auto [a0, a1] = range(a);
  const auto [b0, b1] = range(b);
  for (auto i = a0; i != a1; ++i) {
    for (auto j = b0; j != b1; ++j) {
      if (i->first <= j->last && j->first <= i->last) return true;
    }
  }
  return false;
}

bool StateSpells::same_day_members(int a, int b, int y) const {
  const std::vector<MemberDays> days = member_days(y);
  return share_a_day(days, a, b);
}

std::optional<Date> StateSpells::last_member_day(int state, int y) const {
  std::optional<Date> out;
  for (const MemberDays& d : member_days(y)) {
    if (d.ccode == state && (!out || *out < d.last)) out = d.last;
  }
  return out;
}

StateYears read_system_years(const std::filesystem::path& file) {
  CsvFile<4> csv(file, "COW State System Membership (state-years)", {"stateabb", "ccode", "year", "version"});
  StateYears s;
  while (csv.next()) {
    s.stateabb.push_back(csv.str(0));
    s.ccode.push_back(csv.integer(1));
    s.year.push_back(csv.integer(2));
    (void)csv.integer(3);
    s.line.push_back(csv.line32());
  }
  s.report = csv.finish();
  s.index = StateYearIndex::build(s.ccode, s.year, s.line, s.report.file);
  return s;
}

StateYears state_years_from_spells(const StateSpells& spells, int first_year, int last_year) {
  StateYears s;
  s.report.dataset = spells.report.dataset + " -> state-years";
  s.report.file = spells.report.file;
  for (int y = first_year; y <= last_year; ++y) {
    for (int c : spells.members(y)) {
      s.ccode.push_back(c);
      s.year.push_back(y);
      s.stateabb.emplace_back(spells.abbreviation(c, y));
      s.line.push_back(0);
    }
  }
  s.report.rows_read = s.report.rows_kept = s.ccode.size();
  s.index = StateYearIndex::build(s.ccode, s.year, s.line, s.report.file);
  return s;
}

}  // namespace concord::data

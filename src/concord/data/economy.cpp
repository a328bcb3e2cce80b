#include "concord/data/economy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "concord/data/crosswalk.hpp"
#include "concord/data/csv.hpp"
#include "concord/data/state_system.hpp"

namespace concord::data {

SipriMilex read_sipri_milex(const std::filesystem::path& file) {
  CsvFile<7> csv(file, "SIPRI Military Expenditure Database 1949-2023 (2024 release)",
                 {"country", "region", "subregion", "notes", "year", "value", "flag"});
  SipriMilex t;
  std::map<std::pair<std::string, int>, std::uint32_t> seen;
  while (csv.next()) {
    t.country.push_back(csv.str(0));
    t.region.push_back(csv.str(1));
    t.subregion.push_back(csv.str(2));
    t.year.push_back(csv.integer(4));
    std::string_view flag = csv.text(6);
    const bool has_value = !csv.text(5).empty();
    if (has_value && !flag.empty()) csv.fail(6, "expected an empty flag when the value is given");
    if (has_value) {
      t.value.push_back(csv.real(5, kNotMissing));
      t.flag.push_back(SipriFlag::value);
    } else {
      ++csv.report().missing[5].count;
      t.value.push_back(std::nan(""));
      if (flag == "...") {
        t.flag.push_back(SipriFlag::unavailable);
      } else if (flag == "xxx") {
        t.flag.push_back(SipriFlag::not_independent);
      } else {
        csv.fail(
            6, fmt::format("expected SIPRI flag '...' (unavailable) or 'xxx' (not independent) for an empty "
                           "value, got '{}'",
                           flag));
      }
    }
    t.line.push_back(csv.line32());
    auto [it, inserted] = seen.emplace(std::make_pair(t.country.back(), t.year.back()), csv.line32());
    if (!inserted) {
      csv.fail(4, fmt::format("duplicate country-year ({}, {}); first on line {}", t.country.back(),
                              t.year.back(), it->second));
    }
  }
  t.report = csv.finish();
  return t;
}

double StateYearSeries::at(int state, int in_year) const noexcept {
  auto r = index.find(state, in_year);
  return r ? value[*r] : std::nan("");
}

StateYearSeries sipri_state_years(const SipriMilex& sipri) {
  StateYearSeries out;
  out.report = sipri.report;
  out.report.dataset += " -> COW state-years";
  out.report.skipped.clear();
  std::vector<std::uint32_t> lines;
  std::set<std::string> unknown;
  for (std::size_t i = 0; i < sipri.size(); ++i) {
    const long line = static_cast<long>(sipri.line[i]);
    auto match = sipri_to_cow(sipri.country[i], sipri.year[i]);
    if (!match) {
      out.report.skip(fmt::format("country name not in the crosswalk: '{}'", sipri.country[i]), line);
      unknown.insert(sipri.country[i]);
      continue;
    }
    if (match->ccode == 0) {
      out.report.skip(fmt::format("deliberately unmatched: '{}' ({})", sipri.country[i], match->note), line);
      continue;
    }
    if (sipri.flag[i] != SipriFlag::value) {
      out.report.skip(sipri.flag[i] == SipriFlag::unavailable ? "no value: SIPRI '...' (data unavailable)"
                                                              : "no value: SIPRI 'xxx' (not independent)",
                      line);
      continue;
    }
    out.ccode.push_back(match->ccode);
    out.year.push_back(sipri.year[i]);
    out.value.push_back(sipri.value[i]);
    lines.push_back(sipri.line[i]);
  }
  if (!unknown.empty()) {
    out.report.notes.push_back(fmt::format("{} SIPRI country name(s) not in the crosswalk", unknown.size()));
  }
  out.report.rows_kept = out.ccode.size();
  out.index = StateYearIndex::build(out.ccode, out.year, lines, out.report.file);
  return out;
}

MaddisonData read_maddison(const std::filesystem::path& file) {
  CsvFile<4> csv(file, "Maddison Project Database 2023", {"ISO", "year", "gdppc", "pop"});
  MaddisonData t;
  std::map<std::pair<std::string, int>, std::uint32_t> seen;
  while (csv.next()) {
    t.iso.push_back(csv.str(0));
    if (t.iso.back().size() != 3) csv.fail(0, fmt::format("expected an ISO3 code, got '{}'", t.iso.back()));
    t.year.push_back(csv.integer(1));
    double g = csv.real(2, kEmpty);
    double p = csv.real(3, kEmpty);
    if (g < 0.0) csv.fail(2, "expected a non-negative GDP per capita");
    if (p < 0.0) csv.fail(3, "expected a non-negative population");
    t.gdppc.push_back(g);
    t.pop.push_back(p);
    t.line.push_back(csv.line32());
    auto [it, inserted] = seen.emplace(std::make_pair(t.iso.back(), t.year.back()), csv.line32());
    if (!inserted) {
      csv.fail(1, fmt::format("duplicate ISO-year ({}, {}); first on line {}", t.iso.back(), t.year.back(),
                              it->second));
    }
  }
  t.report = csv.finish();
  return t;
}

StateEconomy maddison_state_years(const MaddisonData& m) {
  StateEconomy out;
  out.report = m.report;
  out.report.dataset += " -> COW state-years";
  out.report.skipped.clear();
  std::vector<std::uint32_t> lines;
  std::map<std::uint64_t, std::size_t> summed_row;  // (ccode, year) -> output row of a sum
  std::map<std::uint64_t, int> summed_parts;        // parts seen
  for (std::size_t i = 0; i < m.size(); ++i) {
    const long line = static_cast<long>(m.line[i]);
    auto match = maddison_to_cow(m.iso[i], m.year[i]);
    if (!match) {
      out.report.skip(fmt::format("ISO code not in the crosswalk: '{}'", m.iso[i]), line);
      continue;
    }
    if (match->ccode == 0) {
      out.report.skip(fmt::format("deliberately unmatched: '{}' ({})", m.iso[i], match->note), line);
      continue;
    }
    const double gdp = m.gdppc[i] * m.pop[i] * 1000.0;
    if (match->summed) {
      const std::uint64_t key = state_year_key(match->ccode, m.year[i]);
      auto it = summed_row.find(key);
      if (it == summed_row.end()) {
        summed_row.emplace(key, out.ccode.size());
        summed_parts[key] = 1;
        out.ccode.push_back(match->ccode);
        out.year.push_back(m.year[i]);
        out.gdp.push_back(gdp);
        out.pop.push_back(m.pop[i]);
        out.gdppc.push_back(0.0);
        lines.push_back(m.line[i]);
      } else {
        out.gdp[it->second] += gdp;
        out.pop[it->second] += m.pop[i];
        ++summed_parts[key];
      }
      continue;
    }
    out.ccode.push_back(match->ccode);
    out.year.push_back(m.year[i]);
    out.gdp.push_back(gdp);
    out.pop.push_back(m.pop[i]);
    out.gdppc.push_back(m.gdppc[i]);
    lines.push_back(m.line[i]);
  }
  // Sums: every part must be present; GDP per capita follows from the sums.
  std::vector<bool> drop(out.ccode.size(), false);
  for (const auto& [key, row] : summed_row) {
    int expected = 0;
    for (const auto& r : maddison_crosswalk()) {
      if (r.summed && r.ccode == out.ccode[row] && r.first_year <= out.year[row] &&
          out.year[row] <= r.last_year) {
        ++expected;
      }
    }
    if (summed_parts[key] < expected) {
      drop[row] = true;
      out.report.skip(
          fmt::format("sum into ccode {} incomplete (a part has no row that year)", out.ccode[row]),
          static_cast<long>(lines[row]), static_cast<std::size_t>(summed_parts[key]));
    } else {
      out.gdppc[row] = out.gdp[row] / (out.pop[row] * 1000.0);
    }
  }
  if (std::find(drop.begin(), drop.end(), true) != drop.end()) {
    StateEconomy kept;
    kept.report = std::move(out.report);
    std::vector<std::uint32_t> kept_lines;
    for (std::size_t r = 0; r < drop.size(); ++r) {
      if (drop[r]) continue;
      kept.ccode.push_back(out.ccode[r]);
      kept.year.push_back(out.year[r]);
      kept.gdp.push_back(out.gdp[r]);
      kept.pop.push_back(out.pop[r]);
      kept.gdppc.push_back(out.gdppc[r]);
      kept_lines.push_back(lines[r]);
    }
    out = std::move(kept);
    lines = std::move(kept_lines);
  }
  out.report.rows_kept = out.ccode.size();
  out.index = StateYearIndex::build(out.ccode, out.year, lines, out.report.file);
  return out;
}

namespace {

// Indices of the rows whose (ccode, year) is a member year; counts the others in `report`.
std::vector<std::size_t> member_rows(const std::vector<int>& ccode, const std::vector<int>& year,
                                     const StateSpells& states, ReadReport& report) {
  std::vector<std::size_t> keep;
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (states.member(ccode[i], year[i])) {
      keep.push_back(i);
    } else {
      ++dropped;
    }
  }
  if (dropped > 0) report.skip("outside the state's COW system membership (before entry, after exit)", 0, dropped);
  report.rows_kept = keep.size();
  return keep;
}

template <class T>
void take(std::vector<T>& v, const std::vector<std::size_t>& rows) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const std::size_t i : rows) out.push_back(v[i]);
  v = std::move(out);
}

}  // namespace

void keep_member_years(StateYearSeries& s, const StateSpells& states) {
  const auto rows = member_rows(s.ccode, s.year, states, s.report);
  take(s.ccode, rows);
  take(s.year, rows);
  take(s.value, rows);
  const std::vector<std::uint32_t> lines(s.ccode.size(), 0);
  s.index = StateYearIndex::build(s.ccode, s.year, lines, s.report.file);
}

void keep_member_years(StateEconomy& e, const StateSpells& states) {
  const auto rows = member_rows(e.ccode, e.year, states, e.report);
  take(e.ccode, rows);
  take(e.year, rows);
  take(e.gdp, rows);
  take(e.pop, rows);
  take(e.gdppc, rows);
  const std::vector<std::uint32_t> lines(e.ccode.size(), 0);
  e.index = StateYearIndex::build(e.ccode, e.year, lines, e.report.file);
}

}  // namespace concord::data

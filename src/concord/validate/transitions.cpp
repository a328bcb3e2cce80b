#include "concord/validate/transitions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "concord/common/error.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/coverage.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"

namespace concord::validate {

struct TransitionsSources {
  data::StateSpells majors;
  data::NmcTable nmc;
  data::WarDyadYears wars;
};

namespace {

// First war onset between a and b in [from, to], by year then war number; censored if none is
// found and `to` is after the war data's last year.
FollowingWar first_war(const std::multimap<std::pair<int, int>, std::pair<int, int>>& onsets, int a, int b,
                       int from, int to, int war_last_year = std::numeric_limits<int>::max()) {
  FollowingWar best;
  const auto range = onsets.equal_range({std::min(a, b), std::max(a, b)});
  for (auto it = range.first; it != range.second; ++it) {
    const auto [year, warnum] = it->second;
    if (year < from || year > to) continue;
    if (best.warnum == 0 || year < best.year || (year == best.year && warnum < best.warnum))
      best = {warnum, year, false};
  }
  best.censored = best.warnum == 0 && to > war_last_year;
  return best;
}

}  // namespace

std::shared_ptr<const TransitionsSources> read_transitions_sources(const std::filesystem::path& dir) {
  auto s = std::make_shared<TransitionsSources>();
  s->majors = data::read_major_powers(dir / data::paths::kMajors2024);
  s->nmc = data::read_nmc(dir / data::paths::kNmcV7, data::NmcVersion::v7);
  s->wars = data::read_war_dyad_years(dir / data::paths::kInterStateWarDyadYears);
  return s;
}

TransitionsResult run_transitions(const TransitionsSources& s, const TransitionsOptions& o) {
  if (o.last_year < o.first_year)
    throw std::invalid_argument("validate transitions: last year before first year");
  if (o.within_years < 0) throw std::invalid_argument("validate transitions: --within must be >= 0");
  data::require_within(data::kInterStateWar40.dataset, s.wars.last_year, o.first_year, o.last_year,
                       Location{"command line", 0, 0, "--years"}, "the window");
  TransitionsResult r;
  r.options = o;
  std::vector<int> ids;
  for (const int c : s.majors.ccode) {
    if (std::find(ids.begin(), ids.end(), c) == ids.end()) ids.push_back(c);
  }
  std::sort(ids.begin(), ids.end());
  std::vector<int> years;
  for (int y = o.first_year; y <= o.last_year; ++y) years.push_back(y);
  const std::size_t T = years.size();
  std::vector<double> cap(ids.size() * T, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (std::size_t t = 0; t < T; ++t) {
      if (!s.majors.member(ids[i], years[t])) continue;
      if (const auto row = s.nmc.index.find(ids[i], years[t])) cap[i * T + t] = s.nmc.cinc[*row];
    }
  }
  const measures::CapabilitySeries series{years, ids, cap};

  std::multimap<std::pair<int, int>, std::pair<int, int>> onsets;
  for (std::size_t i = 0; i < s.wars.size(); ++i) {
    if (s.wars.onset[i] == 0 || s.wars.ccode1[i] > s.wars.ccode2[i]) continue;
    onsets.insert({{s.wars.ccode1[i], s.wars.ccode2[i]}, {s.wars.year[i], s.wars.warnum[i]}});
  }

  std::vector<measures::ParitySpell> spells(measures::find_parity_spells(series, {}, o.parity_threshold));
  measures::find_parity_spells(series, spells, o.parity_threshold);
  std::vector<measures::OvertakingEvent> overs(measures::find_overtakings(series, {}));
  measures::find_overtakings(series, overs);

  for (const auto& sp : spells) {
    ParityRow row;
    row.spell = sp;
    for (const auto& ev : overs) {
      const bool same =
          (ev.overtaker == sp.a && ev.overtaken == sp.b) || (ev.overtaker == sp.b && ev.overtaken == sp.a);
      if (same && ev.year >= sp.first_year && ev.year <= sp.last_year) ++row.overtakings;
    }
    row.war = first_war(onsets, sp.a, sp.b, sp.first_year, sp.last_year + o.within_years, s.wars.last_year);
    r.parity.push_back(row);
  }
  for (const auto& ev : overs) {
    r.overtakings.push_back(
        {ev, first_war(onsets, ev.overtaker, ev.overtaken, ev.year, ev.year + o.within_years, s.wars.last_year)});
  }
  // Base rate: war onsets per major-power dyad-year with both capabilities known.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (std::size_t j = i + 1; j < ids.size(); ++j) {
      for (std::size_t t = 0; t < T; ++t) {
        if (std::isnan(cap[i * T + t]) || std::isnan(cap[j * T + t])) continue;
        ++r.major_dyad_years;
        if (first_war(onsets, ids[i], ids[j], years[t], years[t]).warnum != 0) ++r.major_dyad_war_onsets;
      }
    }
  }
  return r;
}

std::string format_transitions_report(const TransitionsResult& r, const TransitionsSources& s) {
  auto abb = [&](int c) { return std::string(s.majors.abbreviation(c)); };
  auto war = [&](const FollowingWar& w) {
    if (w.censored) return fmt::format("- (censored: the war data end in {})", s.wars.last_year);
    return w.warnum == 0 ? std::string("-") : fmt::format("war #{} ({})", w.warnum, w.year);
  };
  long censored = 0;
  for (const auto& p : r.parity) censored += p.war.censored ? 1 : 0;
  for (const auto& o : r.overtakings) censored += o.war.censored ? 1 : 0;
  std::string out = fmt::format(
      "Great-power parity and overtaking (COW majors, NMC 7.0 CINC), {}-{}; parity: weaker/stronger >= {}; "
      "war counted if it began within {} years\n\n",
      r.options.first_year, r.options.last_year, r.options.parity_threshold, r.options.within_years);
  out += fmt::format("Parity spells ({})\n  {:<9} {:>5} {:>5} {:>11}  {}\n", r.parity.size(), "dyad", "from",
                     "to", "overtakings", "war followed");
  long spells_war = 0;
  for (const auto& p : r.parity) {
    out += fmt::format("  {:<9} {:>5} {:>5} {:>11}  {}\n", abb(p.spell.a) + "-" + abb(p.spell.b),
                       p.spell.first_year, p.spell.last_year, p.overtakings, war(p.war));
    spells_war += p.war.warnum != 0 ? 1 : 0;
  }
  out += fmt::format("\nOvertakings ({})\n  {:>5} {:<10} {:<10}  {}\n", r.overtakings.size(), "year",
                     "overtaker", "overtaken", "war followed");
  long overs_war = 0;
  for (const auto& o : r.overtakings) {
    out += fmt::format("  {:>5} {:<10} {:<10}  {}\n", o.event.year, abb(o.event.overtaker),
                       abb(o.event.overtaken), war(o.war));
    overs_war += o.war.warnum != 0 ? 1 : 0;
  }
  const double base = r.major_dyad_years > 0 ? static_cast<double>(r.major_dyad_war_onsets) /
                                                   static_cast<double>(r.major_dyad_years)
                                             : 0.0;
  const double window = 1.0 - std::pow(1.0 - base, r.options.within_years + 1);
  out += fmt::format(
      "\nSummary: {}/{} parity spells and {}/{} overtakings were followed by a war between the two within {} "
      "years.\nBase rate: {} war onsets in {} major-power dyad-years = {:.4f} a year, i.e. {:.3f} over a "
      "window "
      "of {} years.\n",
      spells_war, r.parity.size(), overs_war, r.overtakings.size(), r.options.within_years,
      r.major_dyad_war_onsets, r.major_dyad_years, base, window, r.options.within_years + 1);
  if (censored > 0) {
    out += fmt::format("{} event(s) without a war are censored: their window runs past {}, the last year of {}, "
                       "so whether a war followed is unknown.\n",
                       censored, s.wars.last_year, data::kInterStateWar40.dataset);
  }
  return out;
}

}  // namespace concord::validate

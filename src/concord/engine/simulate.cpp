#include "concord/engine/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "concord/engine/phase_common.hpp"
#include "concord/engine/phases.hpp"

namespace concord::engine {

namespace {

enum Y : std::size_t {
  y_mids, y_crises, y_wars, y_gp_wars, y_con, y_poles, y_largest_coalition, y_balanced_disparity, y_overtakes,
  y_alliance_shifts, y_gdp_total, y_gdp_growth, y_gp_trust, y_region_trust, y_satisfaction, y_burden,
  y_voice_supported, y_voice_total, y_vetoes, y_measures_adopted, y_autonomy_lost, y_arms_control, y_battle_deaths, y_count
};

enum S : std::size_t {
  s_gp_war, s_first_gp_war, s_wars, s_mids, s_crises, s_wars_per_decade, s_mids_per_decade,
  s_years_balanced_disparity, s_con_final, s_gdp_growth, s_gp_trust_final, s_region_trust_final, s_voice,
  s_vetoes, s_measures_adopted, s_alliance_shifts, s_overtakes, s_small_states_autonomous, s_battle_deaths,
  s_small_power_banzhaf, s_small_power_shapley, s_gp_war_direct, s_gp_war_joining, s_count
};

double mean_trust(const Model& m, const State& s, bool great_powers_only) {
  const std::size_t n = m.n;
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (great_powers_only && s.great_power[i] == 0) continue;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (great_powers_only && s.great_power[j] == 0) continue;
      sum += 0.5 * (s.trust[i * n + j] + s.trust[j * n + i]);
      ++count;
    }
  }
  return count > 0 ? sum / static_cast<double>(count) : std::numeric_limits<double>::quiet_NaN();
}

// With an evolving great-power set (Model::great_power_evolve) a war is a great-power war when each
// side holds a great power of its onset year: relabels the war events, recounts the yearly gp_wars
// column and returns the first great-power war's time (years since the start; -1 if none). Drops the
// war events when the caller did not ask for them.
int classify_wars_by_yearly_set(const Model& m, int years, const std::vector<std::uint8_t>& history,
                                const EventOptions& asked, RunRecord& rec) {
  const std::size_t n = m.n;
  auto index_of = [&](int ccode) {
    const auto it = std::find(m.ccode.begin(), m.ccode.end(), ccode);
    return it == m.ccode.end() ? n : static_cast<std::size_t>(it - m.ccode.begin());
  };
  for (int t = 0; t < years; ++t) rec.yearly[static_cast<std::size_t>(t) * y_count + y_gp_wars] = 0.0;
  int first = -1;
  for (auto& e : rec.events) {
    if (e.kind != "war" && e.kind != "great_power_war") continue;
    const int t = e.year - m.start_year - 1;
    if (t < 0 || t >= years) continue;
    const std::uint8_t* row = history.data() + static_cast<std::size_t>(t) * n;
    auto has_gp = [&](const std::vector<int>& side) {
      for (int c : side) {
        const std::size_t i = index_of(c);
        if (i < n && row[i] != 0) return true;
      }
      return false;
    };
    const bool gp = has_gp(e.side_a) && has_gp(e.side_b);
    e.kind = gp ? "great_power_war" : "war";
    if (gp) {
      rec.yearly[static_cast<std::size_t>(t) * y_count + y_gp_wars] += 1.0;
      if (first < 0 || t + 1 < first) first = t + 1;
    }
  }
  if (!asked.wars) {
    std::erase_if(rec.events, [](const EventRecord& e) {
      return e.kind == "war" || e.kind == "great_power_war" || e.kind == "autonomy_lost";
    });
  }
  return first;
}

}  // namespace

void record_year(const Model& m, const State& s, const YearTally& y, double prev_gdp, double* row) {
  const double gdp = std::accumulate(s.gdp.begin(), s.gdp.end(), 0.0);
  row[y_mids] = y.mids;
  row[y_crises] = y.crises;
  row[y_wars] = y.wars;
  row[y_gp_wars] = y.gp_wars;
  row[y_con] = y.con;
  row[y_poles] = y.poles;
  row[y_largest_coalition] = y.largest_coalition;
  row[y_balanced_disparity] = y.balanced_disparity ? 1.0 : 0.0;
  row[y_overtakes] = y.overtakes;
  row[y_alliance_shifts] = y.alliance_shifts;
  row[y_gdp_total] = gdp;
  row[y_gdp_growth] = prev_gdp > 0.0 ? gdp / prev_gdp - 1.0 : 0.0;
  row[y_gp_trust] = mean_trust(m, s, true);
  row[y_region_trust] = mean_trust(m, s, false);
  row[y_satisfaction] = std::accumulate(s.satisfaction.begin(), s.satisfaction.end(), 0.0) / static_cast<double>(m.n);
  row[y_burden] = std::accumulate(s.burden.begin(), s.burden.end(), 0.0) / static_cast<double>(m.n);
  row[y_voice_supported] = y.voice_supported;
  row[y_voice_total] = y.voice_total;
  row[y_vetoes] = y.vetoes;
  row[y_measures_adopted] = y.measures_adopted;
  row[y_autonomy_lost] = y.autonomy_lost;
  row[y_arms_control] = s.arms_control;
  row[y_battle_deaths] = y.battle_deaths;
}

const std::vector<std::string>& yearly_metric_names() {
  static const std::vector<std::string> names{
      "mids", "crises", "wars", "gp_wars", "con", "poles", "largest_coalition", "balanced_disparity",
      "overtakes", "alliance_shifts", "gdp_total", "gdp_growth", "gp_trust", "region_trust", "satisfaction",
      "burden", "voice_supported", "voice_total", "vetoes", "measures_adopted", "autonomy_lost", "arms_control",
      "battle_deaths"};
  return names;
}

const std::vector<std::string>& summary_names() {
  static const std::vector<std::string> names{
      "gp_war", "first_gp_war", "wars", "mids", "crises", "wars_per_decade", "mids_per_decade",
      "years_balanced_disparity", "con_final", "gdp_growth", "gp_trust_final", "region_trust_final", "voice",
      "vetoes", "measures_adopted", "alliance_shifts", "overtakes", "small_states_autonomous", "battle_deaths",
      "small_power_banzhaf", "small_power_shapley", "gp_war_direct", "gp_war_joining"};
  return names;
}

std::size_t yearly_index(const std::string& name) {
  const auto& v = yearly_metric_names();
  const auto it = std::find(v.begin(), v.end(), name);
  if (it == v.end()) throw std::out_of_range("unknown yearly metric " + name);
  return static_cast<std::size_t>(it - v.begin());
}

std::size_t summary_index(const std::string& name) {
  const auto& v = summary_names();
  const auto it = std::find(v.begin(), v.end(), name);
  if (it == v.end()) throw std::out_of_range("unknown summary value " + name);
  return static_cast<std::size_t>(it - v.begin());
}

RunRecord simulate_run(const Model& m, RunKey key, int years, const EventOptions& events, Workspace& ws) {
  RunRecord rec;
  rec.key = std::move(key);
  simulate_run_into(m, years, events, ws, rec);
  return rec;
}

void simulate_run_into(const Model& m, int years, const EventOptions& events, Workspace& ws, RunRecord& rec) {
  static_assert(y_count == 23 && s_count == 23);
  if (ws.cur.gdp.size() != m.n || ws.cur.status_quo.size() != m.flashpoints.size() ||
      ws.cur.capacity.size() != m.institutions.size() || ws.threat.size() != m.n * m.n) {
    ws.prepare(m);
  }
  rec.start_year = m.start_year;
  rec.years = years;
  rec.yearly_names = yearly_metric_names();
  rec.summary_names = summary_names();
  rec.yearly.assign(static_cast<std::size_t>(years) * y_count, 0.0);
  rec.summary.assign(s_count, 0.0);
  rec.events.clear();

  initial_state(m, ws.cur, ws);
  ws.nxt = ws.cur;  // same sizes; every phase overwrites what it owns
  YearContext ctx;
  ctx.seed = rec.key.seed;
  ctx.run = rec.key.replicate;  // common random numbers: streams follow the replicate, not the run id
  ctx.events = events;
  // an evolving great-power set classifies wars after the run, from their events (below)
  if (m.great_power_evolve) ctx.events.wars = true;
  ctx.out_events = &rec.events;
  if (m.great_power_evolve) ws.great_power_history.assign(static_cast<std::size_t>(years) * m.n, 0);

  const double gdp0 = std::accumulate(ws.cur.gdp.begin(), ws.cur.gdp.end(), 0.0);
  double prev_gdp = gdp0;
  long voice_supported = 0;
  long voice_total = 0;
  int first_gp_war = -1;
  bool first_gp_war_direct = false;
  for (int t = 0; t < years; ++t) {
    ctx.year_index = t;
    ctx.year = m.start_year + t + 1;
    ws.tally = YearTally{};
    ctx.row = rec.yearly.data() + static_cast<std::size_t>(t) * y_count;
    ctx.prev_gdp = prev_gdp;
    for (const auto& phase : kPhases) phase.fn(m, ws.cur, ws.nxt, ws, ctx);
    // phase 11 (record) wrote row t of rec.yearly through ctx.row
    const YearTally& y = ws.tally;
    const double gdp = ctx.row[y_gdp_total];
    prev_gdp = gdp;
    voice_supported += y.voice_supported;
    voice_total += y.voice_total;
    if (y.gp_wars > 0 && first_gp_war < 0) {
      first_gp_war = t + 1;
      first_gp_war_direct = y.gp_wars_direct > 0;
    }
    if (m.great_power_evolve) {
      std::copy(ws.nxt.great_power.begin(), ws.nxt.great_power.end(),
                ws.great_power_history.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(t) * m.n));
    }
    std::swap(ws.cur, ws.nxt);
  }
  // wars still going on at the horizon: one event each, outcome "ongoing", ended = the last year
  const OngoingWars& ow = ws.cur.ongoing;
  if (events.wars && years > 0) {
    for (std::size_t w = 0; w < ow.count; ++w) {
      ow.sides(w, m.ccode, ws.side_a, ws.side_d);
      const int f = ow.flashpoint[w];
      rec.events.push_back(detail::war_event(m, ow, w, f >= 0 ? m.flashpoints[static_cast<std::size_t>(f)].name : "",
                                             ws.side_a, ws.side_d, "ongoing", m.start_year + years));
    }
  }
  // a war's event is written when it ends but dated at its onset: restore year order (stable, so
  // events of one year keep the order they were written in)
  auto by_year = [](const EventRecord& x, const EventRecord& y) { return x.year < y.year; };
  if (!std::is_sorted(rec.events.begin(), rec.events.end(), by_year)) {
    std::stable_sort(rec.events.begin(), rec.events.end(), by_year);
  }
  if (m.great_power_evolve) first_gp_war = classify_wars_by_yearly_set(m, years, ws.great_power_history, events, rec);
  // summary
  auto col_sum = [&](std::size_t c) {
    double v = 0.0;
    for (int t = 0; t < years; ++t) v += rec.yearly[static_cast<std::size_t>(t) * y_count + c];
    return v;
  };
  const double decades = years / 10.0;
  double* sum = rec.summary.data();
  sum[s_gp_war] = first_gp_war > 0 ? 1.0 : 0.0;
  // missing (NaN, stored NULL) when no great-power war happened: never the horizon
  sum[s_first_gp_war] = first_gp_war > 0 ? first_gp_war : std::numeric_limits<double>::quiet_NaN();
  // the run's first great-power war, by how it began (the two add up to gp_war)
  sum[s_gp_war_direct] = first_gp_war > 0 && first_gp_war_direct ? 1.0 : 0.0;
  sum[s_gp_war_joining] = first_gp_war > 0 && !first_gp_war_direct ? 1.0 : 0.0;
  sum[s_wars] = col_sum(y_wars);
  sum[s_mids] = col_sum(y_mids);
  sum[s_crises] = col_sum(y_crises);
  sum[s_wars_per_decade] = decades > 0 ? sum[s_wars] / decades : 0.0;
  sum[s_mids_per_decade] = decades > 0 ? sum[s_mids] / decades : 0.0;
  sum[s_years_balanced_disparity] = col_sum(y_balanced_disparity);
  const double* last = years > 0 ? rec.yearly.data() + static_cast<std::size_t>(years - 1) * y_count : nullptr;
  sum[s_con_final] = last != nullptr ? last[y_con] : 0.0;
  sum[s_gdp_growth] = years > 0 && gdp0 > 0.0 ? std::pow(prev_gdp / gdp0, 1.0 / years) - 1.0 : 0.0;
  sum[s_gp_trust_final] = last != nullptr ? last[y_gp_trust] : mean_trust(m, ws.cur, true);
  sum[s_region_trust_final] = last != nullptr ? last[y_region_trust] : mean_trust(m, ws.cur, false);
  sum[s_voice] = voice_total > 0 ? static_cast<double>(voice_supported) / static_cast<double>(voice_total)
                                 : std::numeric_limits<double>::quiet_NaN();
  sum[s_vetoes] = col_sum(y_vetoes);
  sum[s_measures_adopted] = col_sum(y_measures_adopted);
  sum[s_alliance_shifts] = col_sum(y_alliance_shifts);
  sum[s_overtakes] = col_sum(y_overtakes);
  sum[s_battle_deaths] = col_sum(y_battle_deaths);
  std::size_t small = 0;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < m.n; ++i) {
    if (ws.cur.great_power[i] != 0) continue;
    ++small;
    kept += ws.cur.autonomous[i];
  }
  sum[s_small_states_autonomous] = small > 0 ? static_cast<double>(kept) / static_cast<double>(small) : 1.0;
  sum[s_small_power_banzhaf] = m.small_power_banzhaf;
  sum[s_small_power_shapley] = m.small_power_shapley;
}

}  // namespace concord::engine

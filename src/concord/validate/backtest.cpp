#include "concord/validate/backtest.hpp"

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/coverage.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/hazards.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/build.hpp"
#include "concord/scenario/scenario.hpp"
#include "concord/validate/dyad_years.hpp"

namespace concord::validate {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMidFirstYear = 1816;
constexpr int kMidLastYear = 2014;

std::size_t pair_index(std::size_t i, std::size_t j, std::size_t n) {
  if (i > j) std::swap(i, j);
  return i * n - i * (i + 1) / 2 + (j - i - 1);
}

// Observed MID and war onsets among `states` in [first, last]: yearly counts and per-dyad counts.
struct Observed {
  std::vector<double> mids, wars;  // [years]
  std::vector<double> dyad_mids;   // [pairs]
  int first_gp_war = 0;
};

Observed observe(const std::filesystem::path& dir, const std::vector<int>& states, const std::set<int>& majors,
                 int first, int last) {
  const std::size_t n = states.size();
  const auto years = static_cast<std::size_t>(last - first + 1);
  Observed o;
  o.mids.assign(years, 0.0);
  o.wars.assign(years, 0.0);
  o.dyad_mids.assign(n * (n - 1) / 2, 0.0);
  std::map<int, std::size_t> slot;
  for (std::size_t i = 0; i < n; ++i) slot[states[i]] = i;

  struct Sides {
    int onset = std::numeric_limits<int>::max();
    std::set<std::size_t> a, b;  // scenario slots on each side
  };
  const auto midb = data::read_mid_participants(dir / data::paths::kMidB50);
  std::map<int, Sides> disputes;
  for (std::size_t r = 0; r < midb.size(); ++r) {
    Sides& d = disputes[midb.dispnum[r]];
    if (midb.start[r].year > 0) d.onset = std::min(d.onset, midb.start[r].year);
    const auto it = slot.find(midb.ccode[r]);
    if (it == slot.end()) continue;
    (midb.sidea[r] == 1 ? d.a : d.b).insert(it->second);
  }
  for (const auto& [dispnum, d] : disputes) {
    if (d.a.empty() || d.b.empty() || d.onset < first || d.onset > last) continue;
    o.mids[static_cast<std::size_t>(d.onset - first)] += 1.0;
    std::set<std::size_t> pairs;
    for (std::size_t a : d.a) {
      for (std::size_t b : d.b) {
        if (a != b) pairs.insert(pair_index(a, b, n));
      }
    }
    for (std::size_t p : pairs) o.dyad_mids[p] += 1.0;
  }

  const auto wars = data::read_inter_state_wars(dir / data::paths::kInterStateWar40);
  std::map<int, Sides> war;
  std::map<int, std::pair<bool, bool>> war_gp;  // a great power on side 1 / side 2
  for (std::size_t r = 0; r < wars.size(); ++r) {
    Sides& w = war[wars.warnum[r]];
    if (wars.start1[r].year > 0) w.onset = std::min(w.onset, wars.start1[r].year);
    const auto it = slot.find(wars.ccode[r]);
    if (it == slot.end()) continue;
    (wars.side[r] == 1 ? w.a : w.b).insert(it->second);
    if (majors.count(wars.ccode[r]) != 0) {
      (wars.side[r] == 1 ? war_gp[wars.warnum[r]].first : war_gp[wars.warnum[r]].second) = true;
    }
  }
  for (const auto& [warnum, w] : war) {
    if (w.a.empty() || w.b.empty() || w.onset < first || w.onset > last) continue;
    o.wars[static_cast<std::size_t>(w.onset - first)] += 1.0;
    const auto gp = war_gp.find(warnum);
    if (gp != war_gp.end() && gp->second.first && gp->second.second &&
        (o.first_gp_war == 0 || w.onset < o.first_gp_war)) {
      o.first_gp_war = w.onset;
    }
  }
  return o;
}

}  // namespace

std::vector<double> average_ranks(std::span<const double> x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> rank(x.size(), 0.0);
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    const double avg = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j + 1));
    for (std::size_t k = i; k <= j; ++k) rank[order[k]] = avg;
    i = j + 1;
  }
  return rank;
}

double spearman_correlation(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) throw std::invalid_argument("spearman_correlation: sizes differ");
  if (x.size() < 2) return kNaN;
  const std::vector<double> rx = average_ranks(x);
  const std::vector<double> ry = average_ranks(y);
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / n;
  const double my = std::accumulate(ry.begin(), ry.end(), 0.0) / n;
  double sxy = 0.0;
  double sxx = 0.0;
  double syy = 0.0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) * (rx[i] - mx);
    syy += (ry[i] - my) * (ry[i] - my);
  }
  if (sxx <= 0.0 || syy <= 0.0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

double empirical_quantile(std::span<const double> sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * std::clamp(q, 0.0, 1.0);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double interval_coverage(std::span<const double> observed, std::span<const double> lo, std::span<const double> hi) {
  if (observed.size() != lo.size() || observed.size() != hi.size()) {
    throw std::invalid_argument("interval_coverage: sizes differ");
  }
  if (observed.empty()) return kNaN;
  std::size_t in = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (lo[i] <= observed[i] && observed[i] <= hi[i]) ++in;
  }
  return static_cast<double>(in) / static_cast<double>(observed.size());
}

const std::vector<int>& europe_candidate_states() {
  static const std::vector<int> states(kEuropeCcodes.begin(), kEuropeCcodes.end());
  return states;
}

std::filesystem::path backtest_hazards_file(const std::string& region) {
  const auto data = project_dir() / "data";
  if (region == "europe") return data / "hazards-europe.toml";
  if (region == "world") return data / "hazards-world.toml";
  return data / "hazards-asia-1946-1994.toml";
}

BacktestResult run_backtest(const BacktestOptions& opt) {
  const int last = opt.start + opt.years - 1;
  if (opt.years < 1 || opt.start < kMidFirstYear + 1 || last > kMidLastYear) {
    throw InputError(Location{"command line", 0, 0, "--start/--years"},
                     fmt::format("the compared years {}-{} must lie within the MID 5.0 years {}-{}", opt.start,
                                 last, kMidFirstYear + 1, kMidLastYear));
  }
  if (opt.runs < 1) throw InputError(Location{"command line", 0, 0, "--runs"}, "expected at least one run");
  BacktestResult res;
  res.options = opt;
  res.scenario_year = opt.start - 1;

  BuildOptions bo;
  bo.year = res.scenario_year;
  bo.data_dir = opt.data_dir;
  bo.catalog_dir = opt.catalog_dir.empty() ? project_dir() / "data" : opt.catalog_dir;
  bo.horizon = opt.years;
  bo.flashpoint_catalog = !opt.flashpoint_catalog.empty() ? opt.flashpoint_catalog
                          : opt.region == "europe"        ? "flashpoints-1890.toml"
                                                          : "flashpoints.toml";
  res.flashpoint_catalog = (bo.catalog_dir / bo.flashpoint_catalog).string();
  if (opt.incident_window_years > 0) {
    bo.incident_window_years = opt.incident_window_years;
  } else if (opt.region == "europe") {
    bo.incident_window_years = 20;
  }
  const auto spells = data::read_state_list(opt.data_dir / data::paths::kStateList2024);
  if (opt.region == "europe") {
    for (int c : europe_candidate_states()) {
      if (spells.member(c, bo.year)) {
        bo.states.push_back(c);
      } else {
        res.notes.push_back(fmt::format("{} ({}) is not a COW system member in {}: left out", c,
                                        spells.abbreviation(c), bo.year));
      }
    }
    res.order = opt.order.empty() ? "balance-of-power" : opt.order;
  } else if (opt.region == "asia-pacific" || opt.region == "world") {
    bo.region = opt.region;
    res.order = opt.order.empty() ? "multiplex" : opt.order;
  } else {
    throw InputError(Location{"command line", 0, 0, "--region"},
                     fmt::format("expected asia-pacific, europe or world, got '{}'", opt.region));
  }
  const Scenario scenario = build_scenario(bo, &res.notes);
  std::set<int> majors;
  for (const auto& a : scenario.actors) {
    res.states.push_back(a.ccode);
    if (a.great_power) {
      res.great_powers.push_back(a.ccode);
      majors.insert(a.ccode);
    }
  }
  res.flashpoints = scenario.flashpoints.size();
  for (const auto& f : scenario.flashpoints) {
    BacktestFlashpoint fp;
    fp.name = f.name;
    for (const auto& p : f.parties) fp.parties.push_back(p.ccode);
    fp.rate = f.incident_rate;
    if (f.fit) {
      fp.window_start = f.fit->window_start;
      fp.window_end = f.fit->window_end;
      fp.onsets = f.fit->onsets;
      fp.lower = f.fit->lower;
      fp.upper = f.fit->upper;
    }
    res.flashpoint_rates.push_back(std::move(fp));
  }

  Order order = load_order_arg(res.order);
  for (auto& line : engine::drop_missing_references(order, scenario)) res.notes.push_back(std::move(line));
  // An order written for the Asia-Pacific may set the alliance reliability of a state absent from
  // a historical scenario (balance-of-power sets the USA's): that override is dropped, with a note.
  auto& rel = order.alliances.reliability;
  std::erase_if(rel, [&](const order::ActorValue& v) {
    const bool present = std::any_of(scenario.actors.begin(), scenario.actors.end(), [&](const Actor& a) {
      return v.state.stateabb.empty() ? a.ccode == v.state.ccode : a.stateabb == v.state.stateabb;
    });
    if (!present) {
      res.notes.push_back(fmt::format("{}: alliances.reliability.{}: not an actor of the scenario; override dropped",
                                      v.state.where.file, v.state.label()));
    }
    return !present;
  });
  const std::filesystem::path hazards_file =
      opt.hazards_file.empty() ? backtest_hazards_file(opt.region) : opt.hazards_file;
  if (!std::filesystem::exists(hazards_file)) {
    throw InputError(Location{hazards_file.string(), 0, 0, "--hazards"}, "hazards file not found");
  }
  const engine::Hazards hazards = engine::read_hazards(hazards_file);
  res.hazards_file = hazards_file.string();
  res.hazards_window = hazards.window;
  res.hazards_region = hazards.region;
  {
    int fit_first = 0;
    int fit_last = 0;
    res.hazards_before_start =
        std::sscanf(hazards.window.c_str(), "%d-%d", &fit_first, &fit_last) == 2 && fit_last < opt.start;
  }
  const engine::Model model = engine::build_model(scenario, order, {}, hazards);

  // simulate: one slot per run, filled in parallel, combined in run order (thread-count invariant)
  const std::size_t n = res.states.size();
  const std::size_t pairs = n * (n - 1) / 2;
  const auto years = static_cast<std::size_t>(opt.years);
  const std::size_t runs = opt.runs;
  std::map<int, std::size_t> slot;
  for (std::size_t i = 0; i < n; ++i) slot[res.states[i]] = i;
  std::vector<double> sim_mids(runs * years, 0.0), sim_wars(runs * years, 0.0);
  // per-thread dyad sums: integer counts, exact in double, so the sum is independent of the split
  tbb::enumerable_thread_specific<std::vector<double>> dyad_sums([pairs] { return std::vector<double>(pairs, 0.0); });
  std::vector<int> first_gp(runs, 0);
  std::vector<std::string> first_gp_subject(runs);
  engine::EventOptions events;
  events.mids = true;
  events.wars = true;
  const std::size_t y_mids = engine::yearly_index("mids");
  const std::size_t y_wars = engine::yearly_index("wars");
  tbb::enumerable_thread_specific<engine::Workspace> workspaces;
  tbb::parallel_for(std::size_t{0}, runs, [&](std::size_t r) {
    RunKey key{model.scenario_hash, res.order, "{}", opt.seed, r, r};
    const RunRecord rec = engine::simulate_run(model, key, opt.years, events, workspaces.local());
    const std::size_t width = rec.yearly_names.size();
    for (std::size_t t = 0; t < years; ++t) {
      sim_mids[r * years + t] = rec.yearly[t * width + y_mids];
      sim_wars[r * years + t] = rec.yearly[t * width + y_wars];
    }
    std::vector<double>& dyad_sum = dyad_sums.local();
    for (const EventRecord& e : rec.events) {
      if (e.kind == "great_power_war" && first_gp[r] == 0) {
        first_gp[r] = e.year;
        first_gp_subject[r] = e.subject.empty() ? std::string("(background dispute)") : e.subject;
      }
      if (e.kind != "mid") continue;
      std::set<std::size_t> seen;
      for (int a : e.side_a) {
        for (int b : e.side_b) {
          const auto ia = slot.find(a);
          const auto ib = slot.find(b);
          if (ia == slot.end() || ib == slot.end() || ia->second == ib->second) continue;
          if (seen.insert(pair_index(ia->second, ib->second, n)).second) {
            dyad_sum[pair_index(ia->second, ib->second, n)] += 1.0;
          }
        }
      }
    }
  });

  const Observed obs = observe(opt.data_dir, res.states, majors, opt.start, last);
  res.war_last_year = data::kInterStateWar40.last_year;
  res.observed_first_gp_war = obs.first_gp_war;
  const double qlo = 0.5 * (1.0 - opt.level);
  const double qhi = 0.5 * (1.0 + opt.level);
  std::vector<double> om, ml, mh, ow, wl, wh, column(runs);
  for (std::size_t t = 0; t < years; ++t) {
    BacktestYear row;
    row.year = opt.start + static_cast<int>(t);
    row.observed_mids = obs.mids[t];
    // COW inter-state wars 4.0 end in 2007: later years are missing, not years without war.
    const bool war_covered = row.year <= res.war_last_year;
    row.observed_wars = war_covered ? obs.wars[t] : kNaN;
    for (std::size_t r = 0; r < runs; ++r) column[r] = sim_mids[r * years + t];
    std::sort(column.begin(), column.end());
    row.mids_mean = std::accumulate(column.begin(), column.end(), 0.0) / static_cast<double>(runs);
    row.mids_lo = empirical_quantile(column, qlo);
    row.mids_hi = empirical_quantile(column, qhi);
    for (std::size_t r = 0; r < runs; ++r) column[r] = sim_wars[r * years + t];
    std::sort(column.begin(), column.end());
    row.wars_mean = std::accumulate(column.begin(), column.end(), 0.0) / static_cast<double>(runs);
    row.wars_lo = empirical_quantile(column, qlo);
    row.wars_hi = empirical_quantile(column, qhi);
    om.push_back(row.observed_mids);
    ml.push_back(row.mids_lo);
    mh.push_back(row.mids_hi);
    if (war_covered) {
      ow.push_back(row.observed_wars);
      wl.push_back(row.wars_lo);
      wh.push_back(row.wars_hi);
      res.observed_wars_total += row.observed_wars;
      res.simulated_wars_mean += row.wars_mean;
    }
    res.observed_mids_total += row.observed_mids;
    res.simulated_mids_mean += row.mids_mean;
    res.rows.push_back(row);
  }
  res.mid_coverage = interval_coverage(om, ml, mh);
  res.war_coverage = interval_coverage(ow, wl, wh);

  std::vector<double> dyad_total(pairs, 0.0);
  for (const auto& part : dyad_sums) {
    for (std::size_t p = 0; p < pairs; ++p) dyad_total[p] += part[p];
  }
  std::vector<double> observed_rate(pairs), simulated_rate(pairs);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const std::size_t p = pair_index(i, j, n);
      const double sum = dyad_total[p];
      BacktestDyad d;
      d.ccode_a = std::min(res.states[i], res.states[j]);
      d.ccode_b = std::max(res.states[i], res.states[j]);
      d.observed_rate = obs.dyad_mids[p] / static_cast<double>(years);
      d.simulated_rate = sum / static_cast<double>(runs) / static_cast<double>(years);
      d.observed_onsets = static_cast<int>(obs.dyad_mids[p]);
      const RateInterval ci = poisson_rate_interval(d.observed_onsets, static_cast<double>(years), opt.level);
      d.observed_lower = ci.lower;
      d.observed_upper = ci.upper;
      observed_rate[p] = d.observed_rate;
      simulated_rate[p] = d.simulated_rate;
      res.dyads.push_back(d);
    }
  }
  res.dyad_spearman = spearman_correlation(observed_rate, simulated_rate);

  res.first_gp_war_counts.assign(years, 0);
  std::size_t with_gp = 0;
  for (std::size_t r = 0; r < runs; ++r) {
    if (first_gp[r] == 0) continue;
    ++res.first_gp_war_subjects[first_gp_subject[r]];
    ++with_gp;
    const int k = first_gp[r] - opt.start;
    if (k >= 0 && k < opt.years) ++res.first_gp_war_counts[static_cast<std::size_t>(k)];
  }
  res.gp_war_share = static_cast<double>(with_gp) / static_cast<double>(runs);
  res.gp_war_share_by_year.assign(years, 0.0);
  double cumulative = 0.0;
  for (std::size_t k = 0; k < years; ++k) {
    cumulative += res.first_gp_war_counts[k];
    res.gp_war_share_by_year[k] = cumulative / static_cast<double>(runs);
  }
  return res;
}

DyadAcceptance dyad_acceptance(const std::vector<BacktestDyad>& dyads, std::size_t k) {
  DyadAcceptance a;
  a.k = std::min(k, dyads.size());
  std::vector<std::size_t> by_record(dyads.size());
  std::iota(by_record.begin(), by_record.end(), std::size_t{0});
  std::vector<std::size_t> by_sim = by_record;
  std::stable_sort(by_record.begin(), by_record.end(), [&](std::size_t x, std::size_t y) {
    if (dyads[x].observed_onsets != dyads[y].observed_onsets) return dyads[x].observed_onsets > dyads[y].observed_onsets;
    return dyads[x].simulated_rate > dyads[y].simulated_rate;
  });
  std::stable_sort(by_sim.begin(), by_sim.end(),
                   [&](std::size_t x, std::size_t y) { return dyads[x].simulated_rate > dyads[y].simulated_rate; });
  if (a.k == 0) return a;
  a.record_top.assign(by_record.begin(), by_record.begin() + static_cast<std::ptrdiff_t>(a.k));
  a.simulated_top.assign(by_sim.begin(), by_sim.begin() + static_cast<std::ptrdiff_t>(a.k));
  const int kth = dyads[a.record_top.back()].observed_onsets;
  for (std::size_t q : by_record) {
    if (dyads[q].observed_onsets >= kth && dyads[q].observed_onsets > 0) a.record_tied.push_back(q);
  }
  auto in_sim = [&](std::size_t q) { return std::find(a.simulated_top.begin(), a.simulated_top.end(), q) != a.simulated_top.end(); };
  for (std::size_t q : a.record_top) a.record_top_in_simulated += in_sim(q) ? 1 : 0;
  for (std::size_t q : a.record_tied) a.record_tied_in_simulated += in_sim(q) ? 1 : 0;
  for (std::size_t q : a.simulated_top) a.simulated_without_record += dyads[q].observed_onsets == 0 ? 1 : 0;
  return a;
}

std::string format_backtest_report(const BacktestResult& r) {
  const auto& o = r.options;
  std::string s = fmt::format(
      "Backtest {} {}-{}: scenario of {} built from the data ({} states, {} great powers, {} flashpoints), "
      "order {}, {} runs, seed {}\n",
      o.region, o.start, o.start + o.years - 1, r.scenario_year, r.states.size(), r.great_powers.size(),
      r.flashpoints, r.order, o.runs, o.seed);
  std::string list;
  for (int c : r.states) list += fmt::format("{}{}", list.empty() ? "" : " ", c);
  s += fmt::format("states: {}\n", list);
  s += fmt::format("hazards: {} (region {}, fitted on {}; {})\n", r.hazards_file, r.hazards_region,
                   r.hazards_window,
                   r.hazards_before_start ? "every fitted year before the compared years"
                                          : "NOT out of sample: the fit window overlaps the compared years");
  s += fmt::format("flashpoints: {}\n", r.flashpoint_catalog);
  for (const auto& f : r.flashpoint_rates) {
    std::string parties;
    for (int c : f.parties) parties += fmt::format("{}{}", parties.empty() ? "" : " ", c);
    s += fmt::format("  {:<40} parties {:<16} MID onsets {}-{}: {:>3}, rate {:.3f}/yr [{:.3f}, {:.3f}]\n", f.name,
                     parties, f.window_start, f.window_end, f.onsets, f.rate, f.lower, f.upper);
  }
  for (const auto& n : r.notes) s += fmt::format("note: {}\n", n);
  s += fmt::format("\nyearly onsets among the scenario's states: observed (MID 5.0, COW inter-state war 4.0) vs "
                   "simulated mean [{:.0f}% interval]\n",
                   100.0 * o.level);
  s += fmt::format("{:>6}  {:>8}  {:<22}  {:>8}  {:<22}\n", "year", "MIDs obs", "MIDs sim", "wars obs", "wars sim");
  std::size_t war_years = 0;
  for (const auto& y : r.rows) {
    war_years += std::isnan(y.observed_wars) ? 0 : 1;
    s += fmt::format("{:>6}  {:>8.0f}  {:<22}  {:>8}  {:<22}\n", y.year, y.observed_mids,
                     fmt::format("{:.2f} [{:.1f}, {:.1f}]", y.mids_mean, y.mids_lo, y.mids_hi),
                     std::isnan(y.observed_wars) ? std::string("n/a") : fmt::format("{:.0f}", y.observed_wars),
                     fmt::format("{:.3f} [{:.1f}, {:.1f}]", y.wars_mean, y.wars_lo, y.wars_hi));
  }
  const bool wars_cut = war_years < r.rows.size();
  if (wars_cut) {
    s += fmt::format("(wars obs n/a: COW inter-state wars 4.0 end in {}; later years are missing, not years without "
                     "war, and are left out of the war totals and coverage)\n",
                     r.war_last_year);
  }
  s += fmt::format("\ntotals: MIDs observed {:.0f}, simulated mean {:.1f}; wars{} observed {:.0f}, simulated mean "
                   "{:.2f}\n",
                   r.observed_mids_total, r.simulated_mids_mean,
                   wars_cut ? fmt::format(" to {}", r.war_last_year) : std::string(), r.observed_wars_total,
                   r.simulated_wars_mean);
  s += fmt::format("coverage of observed yearly counts by the simulated {:.0f}% intervals: MIDs {:.3f} (share of {} "
                   "years), wars {:.3f} (share of {} years)\n",
                   100.0 * o.level, r.mid_coverage, r.rows.size(), r.war_coverage, war_years);
  std::size_t observed_dyads = 0;
  std::size_t simulated_dyads = 0;
  for (const auto& d : r.dyads) {
    observed_dyads += d.observed_rate > 0.0 ? 1 : 0;
    simulated_dyads += d.simulated_rate > 0.0 ? 1 : 0;
  }
  s += fmt::format("Spearman rank correlation of dyad MID rates (simulated vs observed, {} dyads; {} with an "
                   "observed MID, {} with a simulated one): {:.3f}\n",
                   r.dyads.size(), observed_dyads, simulated_dyads, r.dyad_spearman);
  {
    const DyadAcceptance a = dyad_acceptance(r.dyads, 10);
    s += fmt::format(
        "most dispute-prone dyads (dyadic units; observed interval: exact Poisson {:.0f}%): {} of the record's top {} "
        "in the simulated top {} ({} of the {} tied at or above the {}th); {} of the simulated top {} without an "
        "observed onset\n",
        100.0 * o.level, a.record_top_in_simulated, a.k, a.k, a.record_tied_in_simulated, a.record_tied.size(), a.k,
        a.simulated_without_record, a.k);
    s += fmt::format("  {:<11} {:>8} {:>9} {:>19} {:>9} {:>6} {:>6}\n", "dyad", "observed", "obs rate", "interval",
                     "sim rate", "record", "sim");
    std::vector<std::size_t> shown = a.record_tied;
    for (std::size_t q : a.simulated_top) {
      if (std::find(shown.begin(), shown.end(), q) == shown.end()) shown.push_back(q);
    }
    for (std::size_t q : shown) {
      const BacktestDyad& d = r.dyads[q];
      const auto rank_in = [&](const std::vector<std::size_t>& v) {
        const auto it = std::find(v.begin(), v.end(), q);
        return it == v.end() ? std::string("-") : std::to_string(it - v.begin() + 1);
      };
      const bool inside = d.simulated_rate >= d.observed_lower && d.simulated_rate <= d.observed_upper;
      s += fmt::format("  {:>4}-{:<6} {:>8} {:>9.3f} [{:>7.3f}, {:>7.3f}] {:>9.3f} {:>6} {:>6}{}\n", d.ccode_a, d.ccode_b,
                       d.observed_onsets, d.observed_rate, d.observed_lower, d.observed_upper, d.simulated_rate,
                       rank_in(a.record_top), rank_in(a.simulated_top), inside ? "" : "  outside");
    }
  }
  s += fmt::format("great-power war: {:.3f} of runs (observed first in the window: {})\n", r.gp_war_share,
                   r.observed_first_gp_war != 0 ? std::to_string(r.observed_first_gp_war)
                   : wars_cut                   ? fmt::format("none to {}, the war data's last year", r.war_last_year)
                                                : std::string("none"));
  if (r.gp_war_share > 0.0) {
    s += "first great-power war year (runs):";
    for (std::size_t k = 0; k < r.first_gp_war_counts.size(); ++k) {
      if (r.first_gp_war_counts[k] > 0) s += fmt::format(" {}:{}", o.start + static_cast<int>(k), r.first_gp_war_counts[k]);
    }
    s += "\n";
    std::vector<std::pair<int, std::string>> by_count;
    for (const auto& [subject, count] : r.first_gp_war_subjects) by_count.push_back({count, subject});
    std::stable_sort(by_count.begin(), by_count.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    s += "first great-power war, the flashpoint it began over (runs):";
    for (const auto& [count, subject] : by_count) s += fmt::format(" {}: {};", subject, count);
    s += "\n";
    s += "share of runs with a great-power war by the end of:";
    const std::size_t len = r.gp_war_share_by_year.size();
    const std::size_t step = std::max<std::size_t>(1, len / 6);
    for (std::size_t k = 0; k < len; ++k) {
      if (k % step == 0 || k + 1 == len) {
        s += fmt::format(" {}: {:.3f}", o.start + static_cast<int>(k), r.gp_war_share_by_year[k]);
      }
    }
    s += "\n";
  }
  return s;
}

}  // namespace concord::validate

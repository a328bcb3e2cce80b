// `concord sweep` and `concord sensitivity`: parameter designs run as ensembles, results to
// the SQLite store, a table to stdout. See docs/ensembles.md.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "cli/commands.hpp"
#include "concord/common/error.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/hazards.hpp"
#include "concord/engine/params.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"
#include "concord/ensemble/compare.hpp"
#include "concord/ensemble/design.hpp"
#include "concord/ensemble/driver.hpp"
#include "concord/ensemble/reference_model.hpp"
#include "concord/ensemble/report.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/ensemble/sensitivity.hpp"
#include "concord/ensemble/stats.hpp"
#include "concord/ensemble/summary.hpp"

namespace concord::cli {

namespace {

using ensemble::Simulate;

struct CommonArgs {
  std::string scenario;
  std::string order = "multiplex";
  std::string spec_path;
  std::string out = "concord-results.sqlite";
  std::uint64_t seed = 0;
  bool seed_set = false;
  int threads = 1;
  int years = 0;  // 0: the scenario's horizon (35 for the reference models)
  bool resume = false;
  bool quiet = false;
  bool mpi = false;
  bool yearly = false;
  std::uint64_t max_runs = 0;
  std::string format = "table";
  std::vector<std::string> metrics;
};

void add_common(CLI::App* cmd, CommonArgs& a) {
  cmd->add_option("scenario", a.scenario,
                  "Scenario to simulate: a scenario file, or reference:hazard / "
                  "reference:ishigami (built-in reference models with closed-form answers)")
      ->required();
  cmd->add_option("--order", a.order, "Security order preset or file")->capture_default_str();
  cmd->add_option("--spec", a.spec_path, "SWEEP.toml: parameters, ranges and design")->required();
  cmd->add_option("--out", a.out, "SQLite results file")->capture_default_str();
  cmd->add_option("--seed", a.seed, "Master seed (default: the spec's seed)")
      ->each([&a](const std::string&) { a.seed_set = true; });
  cmd->add_option("--threads", a.threads, "Worker threads")->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--years", a.years, "Horizon in years (default: the scenario's)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--resume", a.resume, "Continue the interrupted ensemble with this plan in --out");
  cmd->add_flag("--quiet", a.quiet, "No progress output");
  cmd->add_flag("--mpi", a.mpi, "Distribute runs over the ranks of mpirun/srun");
  cmd->add_flag("--yearly", a.yearly,
                "Also store every run's yearly metrics (large; summaries and events are always "
                "stored)");
  cmd->add_option("--max-runs", a.max_runs,
                  "Stop after this many new runs (continue later with --resume)");
  cmd->add_option("--format", a.format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
}

// What the commands simulate: a scenario file under an order (the engine), or a built-in
// reference model.
struct Simulation {
  Simulate simulate;
  std::string scenario_hash;
  int years = 35;
  std::vector<store::InputRecord> inputs;  // scenario, order and data files with their digests
};

// The engine: one frozen model per parameter set, rebuilt on a thread only when the thread's
// next run belongs to another design point (plans are point-major).
Simulation engine_simulation(const CommonArgs& a, const ensemble::SweepSpec& spec) {
  struct Context {
    Scenario scenario;
    Order order;
    engine::Hazards hazards;
    engine::EventOptions events;
    int years = 0;
  };
  auto ctx = std::make_shared<Context>();
  ctx->scenario = load_scenario(a.scenario);
  ctx->order = load_order_arg(a.order);
  ctx->hazards = engine::load_project_hazards(ctx->scenario.meta.region);
  ctx->events.wars = true;  // survival of the time to the first great-power war needs them
  std::vector<Problem> problems;
  for (const auto& p : spec.parameters) {
    const auto* ps = engine::find_param(p.name);
    if (ps == nullptr) {
      problems.push_back({p.where, fmt::format("'{}' is not an engine parameter (see the "
                                               "parameter table in docs/model.md)",
                                               p.name)});
      continue;
    }
    double lo = p.min, hi = p.max;
    if (!p.values.empty()) {
      lo = *std::min_element(p.values.begin(), p.values.end());
      hi = *std::max_element(p.values.begin(), p.values.end());
    }
    if (lo < ps->lower || hi > ps->upper) {
      problems.push_back({p.where, fmt::format("range [{}, {}] of '{}' leaves its admissible "
                                               "bounds [{}, {}]",
                                               lo, hi, p.name, ps->lower, ps->upper)});
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  // Building once up front reports order and scenario problems before any run starts.
  const engine::Model base = engine::build_model(ctx->scenario, ctx->order, {}, ctx->hazards);
  ctx->years = a.years > 0 ? a.years : ctx->scenario.meta.horizon;
  struct Local {
    engine::Workspace ws;
    std::string params;
    std::optional<engine::Model> model;
  };
  auto locals = std::make_shared<oneapi::tbb::enumerable_thread_specific<Local>>();
  Simulation sim;
  sim.scenario_hash = engine::scenario_hash(ctx->scenario);
  sim.years = ctx->years;
  sim.inputs = ensemble::input_records(ctx->scenario, {ctx->order}, ctx->hazards);
  sim.simulate = [ctx, locals](const RunKey& key, RunRecord& out) {
    Local& l = locals->local();
    if (!l.model || l.params != key.params_json) {
      std::vector<engine::ParamOverride> overrides;
      const auto point = nlohmann::json::parse(key.params_json);
      for (const auto& [name, value] : point.items()) {
        overrides.push_back({name, value.get<double>(), Location{"design point", 0, 0, name}});
      }
      l.model.reset();
      l.model.emplace(engine::build_model(ctx->scenario, ctx->order, overrides, ctx->hazards));
      l.params = key.params_json;
    }
    engine::simulate_run_into(*l.model, ctx->years, ctx->events, l.ws, out);
  };
  return sim;
}

Simulation make_simulation(const CommonArgs& a, const ensemble::SweepSpec& spec) {
  if (a.scenario == "reference:hazard") {
    ensemble::HazardModelParams base;
    base.years = a.years > 0 ? a.years : 35;
    return {[base](const RunKey& key, RunRecord& out) {
              ensemble::simulate_hazard_model(key, base, out);
            },
            a.scenario, base.years, {}};
  }
  if (a.scenario == "reference:ishigami") {
    return {[](const RunKey& key, RunRecord& out) { ensemble::simulate_ishigami(key, out); },
            a.scenario, 0, {}};
  }
  return engine_simulation(a, spec);
}

// The store's description of a design's ensemble, with the simulation's inputs and digests.
store::EnsembleInfo described(const ensemble::Plan& plan, const char* kind, const Simulation& sim,
                              const std::string& spec_json) {
  store::EnsembleInfo info = ensemble::describe(plan, kind, sim.years, spec_json);
  info.inputs = sim.inputs;
  return info;
}

ensemble::ExecuteOptions execute_options(const CommonArgs& a, const char* label) {
  ensemble::ExecuteOptions o;
  o.store = a.out;
  o.resume = a.resume;
  o.threads = a.threads;
  o.mpi = a.mpi;
  o.quiet = a.quiet;
  o.max_runs = a.max_runs;
  o.label = label;
  o.store_options.yearly = a.yearly;
  return o;
}

std::string fmt_num(double v) { return std::isnan(v) ? "NA" : fmt::format("{:.4g}", v); }

void report_interrupted(const ensemble::ExecuteResult& r, const CommonArgs& a) {
  std::fprintf(stderr,
               "stopped after %llu new runs (%llu from the store); ensemble %lld in %s is "
               "marked interrupted: continue with the same command and --resume\n",
               static_cast<unsigned long long>(r.report.simulated),
               static_cast<unsigned long long>(r.report.replayed),
               static_cast<long long>(r.ensemble_id), a.out.c_str());
}

// A text table with aligned columns, or CSV, or JSON (array of objects).
void print_rows(const std::string& format, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  if (format == "json") {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
      nlohmann::ordered_json o;
      for (std::size_t i = 0; i < header.size(); ++i) o[header[i]] = row[i];
      j.push_back(o);
    }
    fmt::print("{}\n", j.dump(2));
    return;
  }
  if (format == "csv") {
    auto quote = [](const std::string& s) {
      if (s.find_first_of(",\"\n") == std::string::npos) return s;
      std::string q = "\"";
      for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      return q + "\"";
    };
    for (std::size_t i = 0; i < header.size(); ++i) fmt::print("{}{}", i ? "," : "", quote(header[i]));
    fmt::print("\n");
    for (const auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) fmt::print("{}{}", i ? "," : "", quote(row[i]));
      fmt::print("\n");
    }
    return;
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) width[i] = header[i].size();
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      fmt::print("{}{:<{}}", i ? "  " : "", cells[i], width[i]);
    }
    fmt::print("\n");
  };
  line(header);
  for (const auto& row : rows) line(row);
}

nlohmann::json spec_json(const CommonArgs& a, const ensemble::SweepSpec& spec,
                         const char* design) {
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : spec.parameters) {
    params.push_back({{"name", p.name}, {"min", p.min}, {"max", p.max}, {"integer", p.integer}});
  }
  return {{"scenario", a.scenario}, {"order", a.order},     {"design", design},
          {"years", a.years},       {"parameters", params}, {"runs_per_point", spec.runs_per_point}};
}

void run_sweep(const CommonArgs& a) {
  const auto spec = ensemble::load_sweep_spec(a.spec_path);
  const auto sim = make_simulation(a, spec);
  const auto design = ensemble::make_design(spec);
  std::vector<std::string> points;
  points.reserve(design.size());
  for (const auto& p : design) points.push_back(ensemble::point_json(p, spec.parameters));
  const std::uint64_t seed = a.seed_set ? a.seed : spec.seed;
  const auto plan =
      ensemble::points_plan(sim.scenario_hash, a.order, points, seed, spec.runs_per_point);
  const char* design_name = spec.design == ensemble::DesignKind::grid ? "grid"
                            : spec.design == ensemble::DesignKind::sobol ? "sobol"
                                                                         : "latin_hypercube";
  auto info_json = spec_json(a, spec, design_name);
  const std::uint64_t per_point = spec.runs_per_point;
  ensemble::SummarySpec sspec;
  sspec.proportions = {"gp_war", "great_power_war"};  // 0/1 per run: Wilson intervals
  sspec.group_of = [per_point](const RunKey& k) {
    return fmt::format("point {}", k.run_id / per_point);
  };
  ensemble::GroupedStatistics stats(sspec);
  const auto result = ensemble::execute(
      plan, described(plan, "sweep", sim, info_json.dump()), sim.simulate,
      [&](const RunRecord& r) { stats.add(r); }, execute_options(a, "sweep"),
      [&](store::ResultsStore& db, std::int64_t id) {
        std::vector<store::DesignPointRow> rows;
        for (std::size_t i = 0; i < points.size(); ++i) rows.push_back({i, points[i]});
        db.write_design_points(id, rows);
        db.write_statistics(id, stats.rows());
      });
  if (!result.root) return;
  if (result.report.interrupted) {
    report_interrupted(result, a);
    throw CLI::RuntimeError(result.interrupted_by_signal ? 130 : 3);
  }
  std::vector<std::string> metrics = a.metrics.empty() ? stats.metrics() : a.metrics;
  std::vector<std::string> header{"point"};
  for (const auto& p : spec.parameters) header.push_back(p.name);
  for (const auto& m : metrics) {
    header.push_back(m);
    header.push_back(m + "_lo");
    header.push_back(m + "_hi");
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < design.size(); ++i) {
    std::vector<std::string> row{std::to_string(i)};
    for (double v : design[i]) row.push_back(fmt_num(v));
    for (const auto& m : metrics) {
      const auto group = fmt::format("point {}", i);
      const auto& share = stats.proportion(group, m);
      const auto e = share.trials() > 0 ? share.wilson() : stats.mean(group, m).student();
      // a share no run resolved is a bound in the text table, never 0 (docs/results.md)
      const bool bound = a.format == "table" && share.trials() > 0 &&
                         (share.successes() == 0 || share.successes() == share.trials());
      row.push_back(bound ? ensemble::format_share(e, share.successes(), 4, false) : fmt_num(e.value));
      row.push_back(fmt_num(e.lo));
      row.push_back(fmt_num(e.hi));
    }
    rows.push_back(std::move(row));
  }
  print_rows(a.format, header, rows);
}

void run_sensitivity(const CommonArgs& a, std::string method, std::string metric) {
  const auto spec = ensemble::load_sweep_spec(a.spec_path);
  if (method.empty()) method = spec.sensitivity.method;
  if (metric.empty()) metric = spec.sensitivity.metric;
  if (metric.empty()) {
    throw InputError(Location{spec.file, 0, 0, "sensitivity.metric"},
                     "name the output to analyse with --metric or [sensitivity] metric");
  }
  const auto sim = make_simulation(a, spec);
  const std::size_t d = spec.parameters.size();
  const std::uint64_t seed = a.seed_set ? a.seed : spec.seed;
  const auto& sens = spec.sensitivity;
  const auto unit = method == "morris"
                        ? ensemble::morris_unit(sens.trajectories, d, sens.levels, seed)
                        : ensemble::saltelli_unit(sens.base_samples, d);
  const auto design = ensemble::scale_design(unit, spec.parameters);
  std::vector<std::string> points;
  points.reserve(design.size());
  for (const auto& p : design) points.push_back(ensemble::point_json(p, spec.parameters));
  const auto plan =
      ensemble::points_plan(sim.scenario_hash, a.order, points, seed, spec.runs_per_point);
  auto info_json = spec_json(a, spec, method == "morris" ? "morris" : "saltelli");
  info_json["metric"] = metric;
  const std::size_t n_points = points.size();
  std::vector<ensemble::Mean> per_point(n_points);
  std::size_t metric_at = SIZE_MAX;
  // Indices are computed on the root once every run is in, and stored with the design points
  // before the ensemble is marked complete.
  std::vector<store::SensitivityRow> stored;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  std::optional<double> constant;  // the metric's only value when it does not vary
  const auto finish = [&](store::ResultsStore& db, std::int64_t id) {
    std::vector<double> y(n_points);
    for (std::size_t i = 0; i < n_points; ++i) {
      if (per_point[i].count() == 0) {
        throw InputError(Location{"--metric", 0, 0, ""},
                         fmt::format("metric '{}' is missing in every run of design point {} (e.g. first_gp_war "
                                     "where no great-power war happened): its sensitivity is undefined; use a "
                                     "metric every run has (gp_war, wars_per_decade)",
                                     metric, i));
      }
      y[i] = per_point[i].mean();
    }
    const auto [lo_it, hi_it] = std::minmax_element(y.begin(), y.end());
    std::vector<std::size_t> rank(d);
    std::iota(rank.begin(), rank.end(), 0);
    const char* m_name = method == "morris" ? "morris" : "sobol";
    if (!y.empty() && *lo_it == *hi_it) {
      // No variance: every index is 0/0. Stored as NULL, printed as "undefined".
      constant = *lo_it;
      header = {"parameter", method == "morris" ? "mu_star" : "ST",
                method == "morris" ? "mu" : "S1"};
      for (const auto& p : spec.parameters) {
        rows.push_back({p.name, "undefined", "undefined"});
        for (const char* index : method == "morris"
                                     ? std::vector<const char*>{"mu_star", "mu", "sigma"}
                                     : std::vector<const char*>{"ST", "S1"}) {
          stored.push_back({m_name, metric, p.name, index, NAN, NAN, NAN});
        }
      }
    } else if (method == "morris") {
      const auto m = ensemble::morris_indices(unit, y, d, sens.bootstrap, seed);
      std::stable_sort(rank.begin(), rank.end(),
                       [&](auto x, auto z) { return m.mu_star[x] > m.mu_star[z]; });
      header = {"parameter", "mu_star", "mu_star_lo", "mu_star_hi", "mu", "sigma"};
      for (auto i : rank) {
        const auto& name = spec.parameters[i].name;
        rows.push_back({name, fmt_num(m.mu_star[i]), fmt_num(m.mu_star_lo[i]),
                        fmt_num(m.mu_star_hi[i]), fmt_num(m.mu[i]), fmt_num(m.sigma[i])});
        stored.push_back({"morris", metric, name, "mu_star", m.mu_star[i], m.mu_star_lo[i],
                          m.mu_star_hi[i]});
        stored.push_back({"morris", metric, name, "mu", m.mu[i], NAN, NAN});
        stored.push_back({"morris", metric, name, "sigma", m.sigma[i], NAN, NAN});
      }
    } else {
      const auto s = ensemble::sobol_indices(y, d, sens.base_samples, sens.bootstrap, seed);
      std::stable_sort(rank.begin(), rank.end(),
                       [&](auto x, auto z) { return s.total[x] > s.total[z]; });
      header = {"parameter", "ST", "ST_lo", "ST_hi", "S1", "S1_lo", "S1_hi"};
      for (auto i : rank) {
        const auto& name = spec.parameters[i].name;
        rows.push_back({name, fmt_num(s.total[i]), fmt_num(s.total_lo[i]),
                        fmt_num(s.total_hi[i]), fmt_num(s.first[i]), fmt_num(s.first_lo[i]),
                        fmt_num(s.first_hi[i])});
        stored.push_back({"sobol", metric, name, "ST", s.total[i], s.total_lo[i], s.total_hi[i]});
        stored.push_back({"sobol", metric, name, "S1", s.first[i], s.first_lo[i], s.first_hi[i]});
      }
    }
    std::vector<store::DesignPointRow> dp;
    for (std::size_t i = 0; i < points.size(); ++i) dp.push_back({i, points[i]});
    db.write_design_points(id, dp);
    db.write_sensitivity(id, stored);
  };
  const auto result = ensemble::execute(
      plan, described(plan, "sensitivity", sim, info_json.dump()), sim.simulate,
      [&](const RunRecord& r) {
        if (metric_at >= r.summary_names.size() || r.summary_names[metric_at] != metric) {
          const auto it = std::find(r.summary_names.begin(), r.summary_names.end(), metric);
          if (it == r.summary_names.end()) {
            std::string names;
            for (const auto& n : r.summary_names) names += (names.empty() ? "" : ", ") + n;
            throw InputError(Location{"--metric", 0, 0, ""},
                             fmt::format("the model has no summary metric '{}'; it has: {}",
                                         metric, names));
          }
          metric_at = static_cast<std::size_t>(it - r.summary_names.begin());
        }
        // a value missing in a run (NULL: first_gp_war without a great-power war, voice without an
        // adoption) is left out of the point's mean
        if (!std::isnan(r.summary[metric_at])) per_point[r.key.run_id / spec.runs_per_point].add(r.summary[metric_at]);
      },
      execute_options(a, "sensitivity"), finish);
  if (!result.root) return;
  if (result.report.interrupted) {
    report_interrupted(result, a);
    throw CLI::RuntimeError(result.interrupted_by_signal ? 130 : 3);
  }
  print_rows(a.format, header, rows);
  if (constant) {
    std::fprintf(stderr,
                 "error: metric '%s' has no variance: its mean is %s at every design point, so "
                 "its sensitivity indices are undefined (0/0; stored as NULL in %s). "
                 "Choose a metric that varies (e.g. wars_per_decade), a longer horizon or wider "
                 "ranges.\n",
                 metric.c_str(), fmt_num(*constant).c_str(), a.out.c_str());
    throw CLI::RuntimeError(4);
  }
}

}  // namespace

void register_ensemble_commands(CLI::App& app) {
  auto sweep_args = std::make_shared<CommonArgs>();
  auto* sweep = app.add_subcommand(
      "sweep", "Run a parameter design (grid, Latin hypercube, Sobol') as an ensemble; one row "
               "per design point with its statistics");
  add_common(sweep, *sweep_args);
  sweep->add_option("--metric", sweep_args->metrics, "Summary metrics to print (default: all)");
  sweep->callback([sweep_args] { run_sweep(*sweep_args); });

  auto sens_args = std::make_shared<CommonArgs>();
  auto method = std::make_shared<std::string>();
  auto metric = std::make_shared<std::string>();
  auto* sens = app.add_subcommand(
      "sensitivity", "Global sensitivity of a metric to the spec's parameters: Morris "
                     "elementary effects or Sobol' indices, ranked, with bootstrap intervals");
  add_common(sens, *sens_args);
  sens->add_option("--method", *method, "morris or sobol (default: the spec's)")
      ->check(CLI::IsMember({"morris", "sobol"}));
  sens->add_option("--metric", *metric, "Summary metric analysed (default: the spec's)");
  sens->callback([sens_args, method, metric] { run_sensitivity(*sens_args, *method, *metric); });
}

}  // namespace concord::cli

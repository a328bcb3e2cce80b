// concord run / concord compare: simulate a scenario under one order, or under several orders on
// common random numbers, and report the ensemble with 95% intervals (MODEL.md section 3).
#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/ensemble/compare.hpp"
#include "concord/ensemble/driver.hpp"
#include "concord/ensemble/interrupt.hpp"
#include "concord/ensemble/metrics.hpp"
#include "concord/ensemble/progress.hpp"
#include "concord/ensemble/report.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/ensemble/summary.hpp"
#include "concord/order/order.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"
#include "concord/store/store.hpp"

namespace concord::cli {

namespace {

struct RunOptions {
  std::string scenario;
  std::string order;           // run
  std::string orders = "all";  // compare
  std::uint64_t runs = 1000;
  int years = 0;  // 0: the scenario's horizon
  std::uint64_t seed = 1;
  int threads = 0;  // 0: all cores
  std::string out;
  std::string format = "table";
  std::string events = "wars";
  std::vector<std::string> params;
  std::string baseline = "multiplex";
  bool resume = false;
  bool quiet = false;
  bool mpi = false;
  bool yearly = false;
  std::uint64_t max_runs = 0;
  std::string columns;        // --columns KEY,KEY
  bool wide = false;          // --wide
  std::string great_powers;   // --great-powers RULE: overrides the scenario's great-power set
};

std::vector<std::string> split_orders(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (ch == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (ch != ' ') {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// "USA, CHN, RUS, JPN" (the start-year set of a built model)
std::string great_power_names(const engine::Model& m) {
  std::string out;
  for (std::size_t i = 0; i < m.n; ++i) {
    if (m.great_power[i] != 0) out += (out.empty() ? "" : ", ") + m.stateabb[i];
  }
  if (m.great_power_evolve) out += "; re-evaluated every year";
  return out.empty() ? "none" : out;
}

void execute(const RunOptions& opt, bool compare) {
  const auto t0 = std::chrono::steady_clock::now();
  // scenario, orders, frozen models, plan and statistics: the library's, as for the server
  ensemble::CompareSettings settings;
  settings.scenario = opt.scenario;
  settings.orders = compare ? (opt.orders == "all" ? preset_names() : split_orders(opt.orders))
                            : std::vector<std::string>{opt.order};
  settings.runs = opt.runs;
  settings.years = opt.years;
  settings.seed = opt.seed;
  settings.params = opt.params;
  settings.events = opt.events;
  settings.baseline = opt.baseline;
  settings.compare = compare;
  settings.yearly = opt.yearly;
  settings.great_powers = opt.great_powers;
  const auto prepared = ensemble::prepare_compare(settings);
  const ensemble::ComparePlan& cp = *prepared;
  for (const auto& line : cp.warnings) fmt::print(stderr, "warning: {}\n", line);
  const int years = cp.years;
  const std::vector<std::string>& names = cp.names;
  const std::string& order_summary = cp.order_summary;
  const ensemble::Plan& plan = cp.plan;
  const ensemble::Simulate simulate = cp.simulate();
  const bool have_baseline = cp.have_baseline;
  ensemble::GroupedStatistics stats(cp.summary);

  const int threads =
      opt.threads > 0 ? opt.threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const char* label = compare ? "compare" : "run";
  const ensemble::OnRun on_run = [&](const RunRecord& r) { stats.add(r); };
  if (opt.out.empty() && (opt.resume || opt.mpi)) {
    throw InputError(Location{opt.resume ? "--resume" : "--mpi", 0, 0, ""},
                     "needs --out: the results store the ensemble is written to and resumed from");
  }
  std::int64_t ensemble_id = 0;
  ensemble::RunnerReport report;
  bool by_signal = false;
  if (!opt.out.empty()) {
    // through the ensemble driver: store, --resume, SIGINT, progress, threads or MPI ranks
    ensemble::ExecuteOptions eo;
    eo.store = opt.out;
    eo.resume = opt.resume;
    eo.threads = threads;
    eo.mpi = opt.mpi;
    eo.quiet = opt.quiet;
    eo.max_runs = opt.max_runs;
    eo.label = label;
    eo.store_options.yearly = opt.yearly;
    const ensemble::ExecuteResult r = ensemble::execute(
        plan, cp.info(), simulate, on_run, eo,
        [&](store::ResultsStore& db, std::int64_t id) { db.write_statistics(id, stats.rows()); });
    if (!r.root) return;  // MPI ranks other than 0 print nothing
    ensemble_id = r.ensemble_id;
    report = r.report;
    by_signal = r.interrupted_by_signal;
  } else {
    // no store: the same runner, SIGINT handling and progress, statistics only
    ensemble::InterruptGuard guard;
    ensemble::ProgressBar bar(label, plan.runs.size(), stderr, ensemble::ProgressOptions{opt.quiet});
    ensemble::RunnerOptions ro;
    ro.threads = threads;
    ro.stop = &guard.flag();
    ro.stop_after = opt.max_runs;
    ro.progress = [&](std::uint64_t done, std::uint64_t) { bar.update(done); };
    report = ensemble::run_plan(plan, simulate, nullptr, 0, on_run, ro);
    bar.finish();
    by_signal = guard.interrupted();
  }
  if (report.interrupted) {
    if (opt.out.empty()) {
      fmt::print(stderr, "stopped after {} runs; nothing was stored (give --out to be able to --resume)\n",
                 report.simulated);
    } else {
      fmt::print(stderr,
                 "stopped after {} new runs ({} from the store); ensemble {} in {} is marked "
                 "interrupted: continue with the same command and --resume\n",
                 report.simulated, report.replayed, ensemble_id, opt.out);
    }
    throw CLI::RuntimeError(by_signal ? 130 : 3);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // the report: one row per order, ranked by P(great-power war) with ties (ensemble/report.hpp)
  const ensemble::Report report_rows =
      ensemble::build_report(stats, names, have_baseline ? opt.baseline : std::string(), compare);
  const std::string& gp_rule = cp.great_power_rule;
  if (opt.format == "json") {
    nlohmann::ordered_json out;
    out["scenario"] = opt.scenario;
    out["runs"] = opt.runs;
    out["years"] = years;
    out["seed"] = opt.seed;
    out["hazards"] = cp.hazards_source;
    out["great_powers"] = gp_rule;
    const auto body = ensemble::render_json(report_rows);
    out["columns"] = body["columns"];
    out["orders"] = body["orders"];
    fmt::print("{}\n", out.dump(2));
    return;
  }
  if (opt.format == "csv") {
    fmt::print("{}", ensemble::render_csv(report_rows));
    return;
  }
  if (opt.format == "lines") {
    fmt::print("{}", ensemble::render_headline(report_rows));
    return;
  }
  if (opt.format != "table") {
    throw InputError(Location{"--format", 0, 0, ""}, "expected table, lines, csv or json, got '" + opt.format + "'");
  }
  ensemble::TableOptions table;
  table.wide = opt.wide;
  for (const auto& key : split_orders(opt.columns)) table.columns.push_back(key);
  std::string rendered;
  try {
    rendered = ensemble::render_table(report_rows, table);
  } catch (const std::invalid_argument& e) {
    throw InputError(Location{"--columns", 0, 0, ""}, e.what());
  }
  fmt::print("{}: {} order(s) x {} runs x {} years, seed {}, {} {}, {:.1f} s\n", cp.scenario_name,
             names.size(), opt.runs, years, opt.seed, opt.mpi ? "MPI" : fmt::format("{}", threads),
             opt.mpi ? "ranks" : "thread(s)", seconds);
  fmt::print("hazards: {}\ngreat powers: {} ({})\n", cp.hazards_source, gp_rule, great_power_names(cp.models.begin()->second));
  if (!order_summary.empty()) fmt::print("\n{}\n", order_summary);
  if (compare) {
    fmt::print("ranked by P(great-power war within {} years), ties where the orders cannot be told apart\n\n", years);
  } else {
    fmt::print("\n");
  }
  fmt::print("{}", rendered);
  if (!opt.out.empty()) {
    fmt::print("\nresults: {} (ensemble {}, {} of {} runs, status complete)\n", opt.out, ensemble_id,
               report.simulated + report.replayed, plan.runs.size());
  }
}

void add_common(CLI::App* cmd, RunOptions& opt) {
  cmd->add_option("SCENARIO", opt.scenario, "Scenario file (scenarios/*.toml)")->required();
  cmd->add_option("--runs", opt.runs, "Runs per order (at least 1)")->check(CLI::Range(1, 100000000));
  cmd->add_option("--years", opt.years, "Horizon in years, 1 to 1000 (default: the scenario's)")->check(CLI::Range(1, 1000));
  cmd->add_option("--seed", opt.seed, "Master seed");
  cmd->add_option("--threads", opt.threads, "Worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", opt.out, "Write runs, events and statistics (yearly metrics with --yearly) to this SQLite file");
  cmd->add_option("--format", opt.format,
                  "Output format: table (fits 100 columns), lines (one headline line per order), csv or json (every "
                  "column, both intervals)")
      ->check(CLI::IsMember({"table", "lines", "csv", "json"}));
  cmd->add_option("--columns", opt.columns,
                  "Table columns, comma-separated keys (gp_war, gp_war_minus_multiplex, wars_per_decade, voice, "
                  "...; docs/results.md)");
  cmd->add_flag("--wide", opt.wide, "Table with every column (wider than 100 characters)");
  cmd->add_option("--great-powers", opt.great_powers,
                  "Great-power set: cow-majors (the scenario's flags), cinc-share:SHARE[:evolve], nuclear "
                  "(overrides the scenario's [meta] great_powers; docs/scenario.md)");
  cmd->add_option("--param", opt.params, "Override an engine parameter, name=value (repeatable; docs/model.md)");
  cmd->add_option("--events", opt.events, "Events to record: wars (default), all (also MIDs, crises, measures), none")
      ->check(CLI::IsMember({"wars", "all", "none"}));
  cmd->add_flag("--resume", opt.resume, "Continue the interrupted ensemble with this plan in --out");
  cmd->add_flag("--quiet", opt.quiet, "No progress output");
  cmd->add_flag("--mpi", opt.mpi, "Distribute runs over the ranks of mpirun/srun (needs --out and an MPI build)");
  cmd->add_flag("--yearly", opt.yearly, "With --out, also store every run's yearly metrics (large)");
  cmd->add_option("--max-runs", opt.max_runs, "Stop after this many new runs (continue later with --resume)");
}

}  // namespace

void register_run_commands(CLI::App& app) {
  CLI::App* metrics = app.add_subcommand(
      "metrics", "Print the dictionary of every stored metric: unit, interval, definition (docs/results.md)");
  metrics->callback([] { fmt::print("{}", ensemble::dictionary_markdown()); });

  auto run_opt = std::make_shared<RunOptions>();
  run_opt->runs = 100;
  CLI::App* run = app.add_subcommand("run", "Simulate a scenario under one security order");
  add_common(run, *run_opt);
  run->add_option("--order", run_opt->order, "Order preset name (orders/) or order file")->required();
  run->callback([run_opt] { execute(*run_opt, false); });

  auto cmp_opt = std::make_shared<RunOptions>();
  CLI::App* cmp = app.add_subcommand(
      "compare", "Simulate a scenario under several orders on common random numbers and rank them");
  add_common(cmp, *cmp_opt);
  cmp->add_option("--orders", cmp_opt->orders, "all, or a comma-separated list of presets / files");
  cmp->add_option("--baseline", cmp_opt->baseline, "Order the others are compared with (paired differences)");
  cmp->callback([cmp_opt] { execute(*cmp_opt, true); });
}

}  // namespace concord::cli

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
#include "concord/ensemble/progress.hpp"
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
};

// One column of the report: a summary metric, how it is shown, and its heading.
struct Column {
  const char* metric;
  const char* heading;
  bool proportion;
};

const std::vector<Column>& columns() {
  static const std::vector<Column> c{
      {"gp_war", "P(GP war)", true},
      {"wars_per_decade", "wars/decade", false},
      {"mids_per_decade", "MIDs/decade", false},
      {"voice", "small-state voice", false},
      {"years_balanced_disparity", "yrs balanced disparity", false},
      {"con_final", "CON at horizon", false},
      {"gdp_growth", "GDP growth", false},
      {"gp_trust_final", "GP trust", false},
  };
  return c;
}

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

// Rounds to `digits` and prints a value that rounds to zero as 0 (never "-0.00").
std::string fmt_num(double v, int digits) {
  std::string out = fmt::format("{:.{}f}", v, digits);
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string fmt_est(const ensemble::Estimate& e, int digits) {
  if (std::isnan(e.value)) return "-";
  if (std::isnan(e.lo) || std::isnan(e.hi)) return fmt_num(e.value, digits);
  return fmt::format("{} [{}, {}]", fmt_num(e.value, digits), fmt_num(e.lo, digits), fmt_num(e.hi, digits));
}

// A probability: as fmt_est, but one that rounds to zero is printed as a bound, never as 0
// (STYLE: "< 0.004", the upper end of its interval rounded up at `digits`).
std::string fmt_prob(const ensemble::Estimate& e, int digits) {
  const std::string est = fmt_est(e, digits);
  if (std::isnan(e.value) || fmt_num(e.value, digits).find_first_not_of("0.") != std::string::npos) return est;
  const double scale = std::pow(10.0, digits);
  const double hi = std::isnan(e.hi) ? 0.0 : std::ceil(e.hi * scale - 1e-9) / scale;
  return fmt::format("< {:.{}f}", std::max(hi, 1.0 / scale), digits);
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

  // rank by P(great-power war within the horizon)
  std::vector<std::string> ranked = names;
  std::stable_sort(ranked.begin(), ranked.end(), [&](const std::string& a, const std::string& b) {
    return stats.proportion(a, "gp_war").proportion() < stats.proportion(b, "gp_war").proportion();
  });
  auto estimate = [&](const std::string& g, const Column& c) {
    return c.proportion ? stats.proportion(g, c.metric).wilson() : stats.mean(g, c.metric).student();
  };

  if (opt.format == "json") {
    nlohmann::ordered_json out;
    out["scenario"] = opt.scenario;
    out["runs"] = opt.runs;
    out["years"] = years;
    out["seed"] = opt.seed;
    out["hazards"] = cp.hazards_source;
    out["orders"] = nlohmann::ordered_json::array();
    for (const auto& g : ranked) {
      nlohmann::ordered_json row;
      row["order"] = g;
      for (const auto& c : columns()) {
        const auto e = estimate(g, c);
        row[c.metric] = {{"estimate", e.value}, {"lo", e.lo}, {"hi", e.hi}, {"n", e.n}};
      }
      for (const char* split : {"gp_war_direct", "gp_war_joining"}) {
        const auto e = stats.proportion(g, split).wilson();
        row[split] = {{"estimate", e.value}, {"lo", e.lo}, {"hi", e.hi}, {"n", e.n}};
      }
      if (have_baseline && g != opt.baseline) {
        const auto d = stats.paired(g, "gp_war").student();
        row["gp_war_minus_" + opt.baseline] = {{"estimate", d.value}, {"lo", d.lo}, {"hi", d.hi}, {"n", d.n}};
      }
      out["orders"].push_back(row);
    }
    fmt::print("{}\n", out.dump(2));
    return;
  }
  if (opt.format == "csv") {
    std::string head = "rank,order";
    for (const auto& c : columns()) head += fmt::format(",{0},{0}_lo,{0}_hi", c.metric);
    if (have_baseline) head += fmt::format(",gp_war_minus_{0},gp_war_minus_{0}_lo,gp_war_minus_{0}_hi", opt.baseline);
    head += ",gp_war_direct,gp_war_direct_lo,gp_war_direct_hi,gp_war_joining,gp_war_joining_lo,gp_war_joining_hi";
    fmt::print("{}\n", head);
    for (std::size_t r = 0; r < ranked.size(); ++r) {
      std::string line = fmt::format("{},{}", r + 1, ranked[r]);
      for (const auto& c : columns()) {
        const auto e = estimate(ranked[r], c);
        line += fmt::format(",{},{},{}", e.value, e.lo, e.hi);
      }
      if (have_baseline) {
        if (ranked[r] == opt.baseline) {
          line += ",0,0,0";
        } else {
          const auto d = stats.paired(ranked[r], "gp_war").student();
          line += fmt::format(",{},{},{}", d.value, d.lo, d.hi);
        }
      }
      for (const char* split : {"gp_war_direct", "gp_war_joining"}) {
        const auto e = stats.proportion(ranked[r], split).wilson();
        line += fmt::format(",{},{},{}", e.value, e.lo, e.hi);
      }
      fmt::print("{}\n", line);
    }
    return;
  }
  if (opt.format != "table") {
    throw InputError(Location{"--format", 0, 0, ""}, "expected table, csv or json, got '" + opt.format + "'");
  }
  fmt::print("{}: {} order(s) x {} runs x {} years, seed {}, {} {}, {:.1f} s\n", cp.scenario_name,
             names.size(), opt.runs, years, opt.seed, opt.mpi ? "MPI" : fmt::format("{}", threads),
             opt.mpi ? "ranks" : "thread(s)", seconds);
  fmt::print("hazards: {}\n", cp.hazards_source);
  if (!order_summary.empty()) fmt::print("\n{}\n", order_summary);
  fmt::print("ranked by P(great-power war within {} years); 95% intervals (Wilson for P, Student for means)\n\n",
             years);
  std::string head = fmt::format("{:>2}  {:<24}", "#", "order");
  const std::vector<int> widths{24, 22, 24, 22, 25, 22, 25, 22};
  for (std::size_t c = 0; c < columns().size(); ++c) head += fmt::format("  {:<{}}", columns()[c].heading, widths[c]);
  if (have_baseline) head += fmt::format("  {:<24}", "P(GP war) - " + opt.baseline);
  fmt::print("{}\n", head);
  for (std::size_t r = 0; r < ranked.size(); ++r) {
    std::string line = fmt::format("{:>2}  {:<24}", r + 1, ranked[r]);
    for (std::size_t c = 0; c < columns().size(); ++c) {
      const int digits = columns()[c].proportion || std::string(columns()[c].metric) == "gdp_growth" ? 3 : 2;
      const auto e = estimate(ranked[r], columns()[c]);
      line += fmt::format("  {:<{}}", columns()[c].proportion ? fmt_prob(e, digits) : fmt_est(e, digits), widths[c]);
    }
    if (have_baseline) {
      line += ranked[r] == opt.baseline ? fmt::format("  {:<24}", "(baseline)")
                                        : fmt::format("  {:<24}", fmt_est(stats.paired(ranked[r], "gp_war").student(), 3));
    }
    fmt::print("{}\n", line);
  }
  // how the first great-power war of a run began (events carry it: docs/results.md)
  fmt::print("\nP(GP war) by how the run's first great-power war began: direct (a crisis between two great\n"
             "powers) or joining (a great power on each side only once allies joined); 95% Wilson\n");
  for (const auto& g : ranked) {
    fmt::print("  {:<24}  direct {:<22}  joining {}\n", g, fmt_prob(stats.proportion(g, "gp_war_direct").wilson(), 3),
               fmt_prob(stats.proportion(g, "gp_war_joining").wilson(), 3));
  }
  fmt::print(
      "\nP(GP war): share of runs with a war between great powers within the horizon. wars, MIDs: counts\n"
      "among the scenario's states per 10 simulated years (a MID is a flashpoint incident or a background\n"
      "dyadic dispute). small-state voice: share of adopted institutional outcomes within a small member's\n"
      "acceptable range (- when no outcome was adopted). CON: Ray-Singer concentration of capability.\n"
      "GDP growth: mean yearly rate. GP trust: mean trust among great powers, 0..1. Orders with equal\n"
      "P(GP war) are tied, listed by name. Definitions: docs/model.md.\n");
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
  cmd->add_option("--format", opt.format, "Output format")->check(CLI::IsMember({"table", "csv", "json"}));
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

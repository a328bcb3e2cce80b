#include "concord/ensemble/compare.hpp"
#include "concord/ensemble/metrics.hpp"

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <thread>

#include "concord/common/build_info.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/common/digest.hpp"
#include "concord/common/error.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/hazards.hpp"
#include "concord/engine/params.hpp"
#include "concord/ensemble/driver.hpp"
#include "concord/ensemble/interrupt.hpp"
#include "concord/ensemble/progress.hpp"
#include "concord/order/order.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"

namespace concord::ensemble {

namespace {

namespace fs = std::filesystem;

// Quotes a command-line word for a POSIX shell when it needs it.
std::string shell_word(const std::string& w) {
  if (!w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-_./,:=+@") == std::string::npos) {
    return w;
  }
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

const char* order_option(bool compare) { return compare ? "--orders" : "--order"; }

void check_specs(const std::vector<std::string>& specs, bool compare) {
  if (specs.empty()) throw InputError(Location{order_option(compare), 0, 0, ""}, "no order given");
  for (const auto& spec : specs) {
    if (!spec.empty() && spec[0] == '-') {
      throw InputError(Location{order_option(compare), 0, 0, ""},
                       fmt::format("expected an order name or file, got the option '{}'", spec));
    }
  }
}

// Everything after loading: models, plan, events, summary spec, inputs. `specs[i]` names
// orders[i] on the command line.
std::unique_ptr<ComparePlan> build_plan(const CompareSettings& settings, Scenario scenario,
                                        std::vector<Order> orders, const std::vector<std::string>& specs) {
  auto c = std::make_unique<ComparePlan>();
  c->settings = settings;
  const bool compare = settings.compare;
  if (!settings.great_powers.empty()) {
    std::string why;
    if (!parse_great_power_rule(settings.great_powers, scenario.meta.great_powers, why)) {
      throw InputError(Location{"--great-powers", 0, 0, ""}, why);
    }
  }
  c->great_power_rule = to_string(scenario.meta.great_powers);
  c->scenario_name = scenario.meta.name;
  c->scenario_file = settings.scenario;
  c->years = settings.years > 0 ? settings.years : scenario.meta.horizon;
  std::vector<engine::ParamOverride> overrides;
  for (const auto& p : settings.params) overrides.push_back(engine::parse_param_assignment(p));
  const engine::Hazards hazards = engine::load_project_hazards(scenario.meta.region);
  c->hazards_source = hazards.source;

  const engine::KnownNames known = engine::project_known_names();
  for (std::size_t i = 0; i < orders.size(); ++i) {
    Order& order = orders[i];
    if (!compare) c->order_summary = describe(order);
    for (auto& line : engine::drop_missing_references(order, scenario, known)) {
      c->warnings.push_back(std::move(line));
    }
    std::string name = order.name.empty() ? specs[i] : order.name;
    if (c->models.count(name) != 0) continue;
    c->models.emplace(name, engine::build_model(scenario, order, overrides, hazards));
    c->names.push_back(name);
    if (order.name.empty()) order.name = name;
    c->orders.push_back(std::move(order));
  }
  const std::string hash = c->models.begin()->second.scenario_hash;
  c->params_json = engine::overrides_json(overrides);
  c->plan = crossed_plan(hash, c->names, {c->params_json}, settings.seed, settings.runs);

  if (settings.events == "all") {
    c->events.mids = c->events.crises = c->events.measures = c->events.wars = true;
  } else if (settings.events == "none") {
    c->events.wars = false;
  } else if (settings.events != "wars") {
    throw InputError(Location{"--events", 0, 0, ""},
                     "expected wars, all or none, got '" + settings.events + "'");
  }
  // survival curves need the great-power war events: keep them even with --events none
  c->events.wars = true;

  // 0/1 outcomes per run (Wilson intervals): the dictionary's (ensemble/metrics.hpp)
  for (const auto& m : engine_metric_dictionary()) {
    if (m.scope == "summary" && m.interval == IntervalKind::wilson) c->summary.proportions.push_back(m.name);
  }
  c->summary.survival_event_kind = "great_power_war";
  if (compare) c->summary.pairwise = {"gp_war"};  // tied ranks (report.hpp)
  if (compare && settings.baseline != "multiplex" && c->models.count(settings.baseline) == 0) {
    throw InputError(Location{"--baseline", 0, 0, ""},
                     "baseline order '" + settings.baseline +
                         "' is not among the orders compared; add it to --orders");
  }
  c->have_baseline = compare && c->models.count(settings.baseline) != 0 && c->names.size() > 1;
  if (c->have_baseline) {
    c->summary.baseline = settings.baseline;
    c->baseline = settings.baseline;
  }
  c->inputs = input_records(scenario, c->orders, hazards);
  c->scenario = std::move(scenario);
  return c;
}

}  // namespace

std::unique_ptr<ComparePlan> prepare_compare(const CompareSettings& settings) {
  const Scenario scenario = load_scenario(settings.scenario);
  std::vector<std::string> specs = settings.orders;
  if (!settings.compare && specs.size() > 1) specs.resize(1);
  check_specs(specs, settings.compare);
  std::vector<Order> orders;
  for (const auto& spec : specs) orders.push_back(load_order_arg(spec));
  return build_plan(settings, scenario, std::move(orders), specs);
}

std::unique_ptr<ComparePlan> prepare_compare(const CompareSettings& settings, Scenario scenario,
                                             std::vector<Order> orders) {
  if (!settings.compare && orders.size() > 1) orders.resize(1);
  if (orders.empty()) throw InputError(Location{order_option(settings.compare), 0, 0, ""}, "no order given");
  CompareSettings s = settings;
  if (s.orders.size() != orders.size()) {
    s.orders.clear();
    for (const auto& o : orders) s.orders.push_back(o.name.empty() ? o.source_file : o.name);
  }
  const std::vector<std::string> specs = s.orders;
  return build_plan(s, std::move(scenario), std::move(orders), specs);
}

const char* build_commit() noexcept { return concord_commit(); }

std::vector<store::InputRecord> input_records(const Scenario& scenario, const std::vector<Order>& orders,
                                              const engine::Hazards& hazards) {
  std::vector<store::InputRecord> out;
  const bool scenario_file = !scenario.file.empty() && fs::is_regular_file(scenario.file);
  out.push_back({"scenario", scenario.meta.name, scenario_file ? scenario.file : "",
                 scenario_file ? file_digest(scenario.file) : content_digest(write_scenario(scenario))});
  for (const auto& o : orders) {
    const bool file = !o.source_file.empty() && fs::is_regular_file(o.source_file);
    out.push_back({"order", o.name.empty() ? o.source_file : o.name, file ? o.source_file : "",
                   file ? file_digest(o.source_file) : content_digest(describe(o))});
  }
  if (hazards.fitted && fs::is_regular_file(hazards.source)) {
    out.push_back({"hazards", fs::path(hazards.source).filename().string(), hazards.source,
                   file_digest(hazards.source)});
  }
  const fs::path wars = project_dir() / "data" / "wars.toml";  // what engine::load_project_wars reads
  if (fs::is_regular_file(wars)) out.push_back({"wars", "wars.toml", wars.string(), file_digest(wars)});
  return out;
}

Simulate ComparePlan::simulate() const {
  auto workspaces = std::make_shared<tbb::enumerable_thread_specific<engine::Workspace>>();
  const auto* models_p = &models;
  const int horizon = years;
  const engine::EventOptions ev = events;
  return [workspaces, models_p, horizon, ev](const RunKey& key, RunRecord& out) {
    engine::Workspace& ws = workspaces->local();
    engine::simulate_run_into(models_p->at(key.order), horizon, ev, ws, out);
  };
}

nlohmann::json ComparePlan::description(const std::string& store) const {
  nlohmann::json j;
  j["scenario"] = settings.scenario;
  j["orders"] = names;
  j["runs"] = settings.runs;
  j["years"] = years;
  j["seed"] = settings.seed;
  j["params"] = nlohmann::json::parse(params_json);
  j["hazards"] = hazards_source;
  j["scenario_name"] = scenario_name;
  if (have_baseline) j["baseline"] = baseline;
  j["events"] = settings.events;
  // the equivalent command line (resumable with --resume while the ensemble is not complete)
  std::string cmd = fmt::format("concord {} {}", kind(), shell_word(settings.scenario));
  if (settings.compare) {
    std::string list;
    for (const auto& o : settings.orders) list += (list.empty() ? "" : ",") + o;
    cmd += " --orders " + shell_word(list);
    if (settings.baseline != "multiplex") cmd += " --baseline " + shell_word(settings.baseline);
  } else {
    cmd += " --order " + shell_word(settings.orders.front());
  }
  cmd += fmt::format(" --runs {} --years {} --seed {}", settings.runs, years, settings.seed);
  for (const auto& p : settings.params) cmd += " --param " + shell_word(p);
  if (settings.events != "wars") cmd += " --events " + settings.events;
  if (settings.yearly) cmd += " --yearly";
  if (!store.empty()) cmd += " --out " + shell_word(store);
  j["command"] = cmd;
  j["commit"] = build_commit();
  return j;
}

store::EnsembleInfo ComparePlan::info() const {
  store::EnsembleInfo i = describe(plan, kind(), years, description().dump());
  i.inputs = inputs;
  return i;
}

CompareOutcome run_compare(const ComparePlan& c, const RunSettings& run, const OnRun& also) {
  CompareOutcome out;
  out.stats = std::make_unique<GroupedStatistics>(c.summary);
  GroupedStatistics& stats = *out.stats;
  const Simulate simulate = c.simulate();
  out.threads = run.threads > 0 ? run.threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const OnRun on_run = [&](const RunRecord& r) {
    stats.add(r);
    if (also) also(r);
  };
  if (run.out.empty() && (run.resume || run.mpi)) {
    throw InputError(Location{run.resume ? "--resume" : "--mpi", 0, 0, ""},
                     "needs --out: the results store the ensemble is written to and resumed from");
  }
  if (!run.out.empty()) {
    // through the ensemble driver: store, --resume, SIGINT, progress, threads or MPI ranks
    ExecuteOptions eo;
    eo.store = run.out;
    eo.resume = run.resume;
    eo.threads = out.threads;
    eo.mpi = run.mpi;
    eo.quiet = run.quiet;
    eo.max_runs = run.max_runs;
    eo.label = c.kind();
    eo.store_options.yearly = c.settings.yearly;
    eo.stop = run.stop;
    const ExecuteResult r = execute(c.plan, c.info(), simulate, on_run, eo,
                                    [&](store::ResultsStore& db, std::int64_t id) {
                                      db.write_statistics(id, stats.rows());
                                    });
    out.root = r.root;
    out.ensemble_id = r.ensemble_id;
    out.report = r.report;
    out.interrupted_by_signal = r.interrupted_by_signal;
  } else {
    // no store: the same runner, SIGINT handling and progress, statistics only
    std::optional<InterruptGuard> guard;
    if (run.stop == nullptr) guard.emplace();
    ProgressBar bar(c.kind(), c.plan.runs.size(), stderr, ProgressOptions{run.quiet});
    RunnerOptions ro;
    ro.threads = out.threads;
    ro.stop = run.stop != nullptr ? run.stop : &guard->flag();
    ro.stop_after = run.max_runs;
    ro.progress = [&](std::uint64_t done, std::uint64_t) { bar.update(done); };
    out.report = run_plan(c.plan, simulate, nullptr, 0, on_run, ro);
    bar.finish();
    out.interrupted_by_signal = ro.stop->load();
  }
  return out;
}

}  // namespace concord::ensemble

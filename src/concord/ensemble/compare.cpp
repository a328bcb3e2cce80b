#include "concord/ensemble/compare.hpp"

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "concord/common/data_dir.hpp"
#include "concord/common/digest.hpp"
#include "concord/common/error.hpp"
#include "concord/engine/build.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/ensemble/driver.hpp"
#include "concord/ensemble/interrupt.hpp"
#include "concord/ensemble/progress.hpp"

namespace concord::ensemble {

namespace fs = std::filesystem;

std::vector<store::InputRecord> input_records(const Scenario& scenario, const std::vector<Order>& orders,
                                              const engine::Hazards& hazards) {
  std::vector<store::InputRecord> out;
  out.push_back({"scenario", scenario.meta.name, scenario.file, engine::scenario_hash(scenario)});
  for (const auto& o : orders) {
    const bool file = !o.source_file.empty() && fs::is_regular_file(o.source_file);
    // an order built in memory has no file: its rules as described stand in for the bytes
    out.push_back({"order", o.name.empty() ? o.source_file : o.name, o.source_file,
                   file ? file_digest(o.source_file) : fnv1a64_hex(concord::describe(o))});
  }
  if (hazards.fitted && fs::is_regular_file(hazards.source)) {
    out.push_back({"hazards", fs::path(hazards.source).filename().string(), hazards.source,
                   file_digest(hazards.source)});
  }
  const fs::path wars = project_dir() / "data" / "wars.toml";  // engine::load_project_wars
  if (fs::is_regular_file(wars)) out.push_back({"wars", "wars.toml", wars.string(), file_digest(wars)});
  return out;
}

CompareJob prepare_compare(Scenario scenario, std::vector<Order> orders, const CompareSettings& settings) {
  const bool compare = settings.kind == "compare";
  if (orders.empty()) throw InputError(Location{"--orders", 0, 0, ""}, "no order given");
  CompareJob job;
  job.scenario = std::move(scenario);
  job.years = settings.years > 0 ? settings.years : job.scenario.meta.horizon;
  job.hazards = engine::load_project_hazards(job.scenario.meta.region);

  // the orders, each built into a frozen model
  const engine::KnownNames known = engine::project_known_names();
  for (auto& order : orders) {
    for (auto& line : engine::drop_missing_references(order, job.scenario, known)) {
      job.warnings.push_back(std::move(line));
    }
    std::string name = order.name.empty() ? order.source_file : order.name;
    if (job.models.count(name) != 0) continue;
    job.models.emplace(name, engine::build_model(job.scenario, order, settings.overrides, job.hazards));
    job.names.push_back(name);
    job.orders.push_back(std::move(order));
  }
  const std::string hash = job.models.begin()->second.scenario_hash;
  job.params_json = engine::overrides_json(settings.overrides);
  job.plan = crossed_plan(hash, job.names, {job.params_json}, settings.seed, settings.runs);

  if (settings.events == "all") {
    job.events.mids = job.events.crises = job.events.measures = job.events.wars = true;
  } else if (settings.events == "none") {
    job.events.wars = false;
  } else if (settings.events != "wars") {
    throw InputError(Location{"--events", 0, 0, ""},
                     "expected wars, all or none, got '" + settings.events + "'");
  }
  // survival curves need the great-power war events: keep them even with --events none
  job.events.wars = true;

  job.summary_spec.proportions = {"gp_war"};
  job.summary_spec.survival_event_kind = "great_power_war";
  if (compare && settings.baseline != "multiplex" && job.models.count(settings.baseline) == 0) {
    throw InputError(Location{"--baseline", 0, 0, ""},
                     "baseline order '" + settings.baseline +
                         "' is not among the orders compared; add it to --orders");
  }
  job.have_baseline = compare && job.models.count(settings.baseline) != 0 && job.names.size() > 1;
  if (job.have_baseline) job.summary_spec.baseline = settings.baseline;

  nlohmann::json j;
  j["scenario"] = settings.scenario_label;
  j["orders"] = job.names;
  j["runs"] = settings.runs;
  j["years"] = job.years;
  j["seed"] = settings.seed;
  j["params"] = nlohmann::json::parse(job.params_json);
  j["hazards"] = job.hazards.source;
  job.info = describe(job.plan, settings.kind, job.years, j.dump());
  job.info.inputs = input_records(job.scenario, job.orders, job.hazards);
  return job;
}

CompareOutcome run_compare(const CompareJob& job, const CompareSettings& settings, const OnRun& also) {
  CompareOutcome out;
  out.stats = std::make_unique<GroupedStatistics>(job.summary_spec);
  GroupedStatistics& stats = *out.stats;
  tbb::enumerable_thread_specific<engine::Workspace> workspaces;
  const Simulate simulate = [&](const RunKey& key, RunRecord& rec) {
    engine::Workspace& ws = workspaces.local();
    engine::simulate_run_into(job.models.at(key.order), job.years, job.events, ws, rec);
  };
  out.threads = settings.threads > 0 ? settings.threads
                                     : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const OnRun on_run = [&](const RunRecord& r) {
    stats.add(r);
    if (also) also(r);
  };
  if (settings.out.empty() && (settings.resume || settings.mpi)) {
    throw InputError(Location{settings.resume ? "--resume" : "--mpi", 0, 0, ""},
                     "needs --out: the results store the ensemble is written to and resumed from");
  }
  if (!settings.out.empty()) {
    // through the ensemble driver: store, --resume, SIGINT, progress, threads or MPI ranks
    ExecuteOptions eo;
    eo.store = settings.out;
    eo.resume = settings.resume;
    eo.threads = out.threads;
    eo.mpi = settings.mpi;
    eo.quiet = settings.quiet;
    eo.max_runs = settings.max_runs;
    eo.label = settings.kind;
    eo.store_options.yearly = settings.yearly;
    const ExecuteResult r = execute(job.plan, job.info, simulate, on_run, eo,
                                    [&](store::ResultsStore& db, std::int64_t id) {
                                      db.write_statistics(id, stats.rows());
                                    });
    out.root = r.root;
    out.ensemble_id = r.ensemble_id;
    out.report = r.report;
    out.interrupted_by_signal = r.interrupted_by_signal;
  } else {
    // no store: the same runner, SIGINT handling and progress, statistics only
    InterruptGuard guard;
    ProgressBar bar(settings.kind, job.plan.runs.size(), stderr, ProgressOptions{settings.quiet});
    RunnerOptions ro;
    ro.threads = out.threads;
    ro.stop = &guard.flag();
    ro.stop_after = settings.max_runs;
    ro.progress = [&](std::uint64_t done, std::uint64_t) { bar.update(done); };
    out.report = run_plan(job.plan, simulate, nullptr, 0, on_run, ro);
    bar.finish();
    out.interrupted_by_signal = guard.interrupted();
  }
  return out;
}

}  // namespace concord::ensemble

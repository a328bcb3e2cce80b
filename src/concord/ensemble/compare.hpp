// `run` and `compare` as library calls: a scenario simulated under one or several orders on
// common random numbers, with statistics streamed per order and, optionally, every run written to
// a results store. The CLI (src/cli/run_cmd.cpp) prints the outcome as a table; the Python module
// (python/, `concord.run` / `concord.compare`) returns it as DataFrames. Both go through these two
// functions, so the same inputs and seed give the same numbers in either face.
//
//   CompareSettings s;  s.scenario_label = "scenarios/asia-pacific-2015.toml";  s.runs = 1000;
//   std::vector<Order> orders;  for (auto& n : preset_names()) orders.push_back(load_preset(n));
//   CompareJob job = prepare_compare(load_scenario(s.scenario_label), std::move(orders), s);
//   for (auto& w : job.warnings) print(w);
//   CompareOutcome out = run_compare(job, s);
//   if (out.root && !out.report.interrupted) table(out.stats->rows());
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "concord/engine/hazards.hpp"
#include "concord/engine/model.hpp"
#include "concord/engine/params.hpp"
#include "concord/engine/state.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/ensemble/summary.hpp"
#include "concord/order/order.hpp"
#include "concord/scenario/scenario.hpp"
#include "concord/store/store.hpp"

namespace concord::ensemble {

/// What to run and where to write it (the options of `concord run` / `concord compare`).
struct CompareSettings {
  std::string kind = "compare";  ///< "run" or "compare": ensembles.kind and the progress label
  std::string scenario_label;    ///< the scenario as the user named it (spec_json "scenario")
  std::uint64_t runs = 1000;     ///< runs (replicates) per order, >= 1
  int years = 0;                 ///< horizon; 0 = the scenario's
  std::uint64_t seed = 1;        ///< master seed
  int threads = 0;               ///< worker threads; 0 = all cores
  std::vector<engine::ParamOverride> overrides;  ///< --param name=value, after the scenario's
  std::string events = "wars";   ///< events kept: "wars", "all" (also MIDs, crises, measures), "none"
  /// Order the others are paired with (compare). The default "multiplex" is used only when it
  /// is among the orders; any other name must be.
  std::string baseline = "multiplex";
  // the results store (empty `out`: statistics in memory only)
  std::string out;
  bool resume = false;           ///< continue the ensemble with this plan in `out`
  bool mpi = false;              ///< distribute over MPI ranks (needs `out`)
  bool quiet = false;            ///< no progress bar on stderr
  bool yearly = false;           ///< with `out`: also store every run's yearly metrics
  std::uint64_t max_runs = 0;    ///< stop after this many new runs (0 = all); resume later
};

/// Everything prepared before the first run: the models, the plan and the summary spec.
struct CompareJob {
  Scenario scenario;
  engine::Hazards hazards;
  std::vector<std::string> names;  ///< order names in the order given, duplicates dropped
  std::vector<Order> orders;       ///< the orders as loaded (references the scenario lacks dropped)
  std::map<std::string, engine::Model> models;
  /// References to institutions or flashpoints the scenario lacks, dropped from the orders
  /// (engine::drop_missing_references): show them to the user.
  std::vector<std::string> warnings;
  int years = 0;            ///< the horizon actually simulated
  std::string params_json;  ///< the overrides as a JSON object (RunKey::params_json)
  engine::EventOptions events;
  Plan plan;
  SummarySpec summary_spec;
  bool have_baseline = false;  ///< paired differences against summary_spec.baseline
  /// The store's description of the ensemble: kind, plan digest, spec_json (scenario, orders,
  /// runs, years, seed, params, hazards), concord version and commit, and the inputs with their
  /// digests (input_records).
  store::EnsembleInfo info;
};

/// The inputs of an ensemble with their digests, for the store's `inputs` table: the scenario
/// (digest = scenario hash of its canonical TOML), each order (its file's bytes), and the fitted
/// data files the engine reads (the hazards file, data/wars.toml) where they exist.
[[nodiscard]] std::vector<store::InputRecord> input_records(const Scenario& scenario,
                                                            const std::vector<Order>& orders,
                                                            const engine::Hazards& hazards);

/// Builds a frozen model per order (orders with the same name after the first are dropped),
/// the crossed plan (every order x `runs` replicates, common random numbers) and the summary
/// spec (P(GP war) as a proportion, the time to the first great-power war as a Kaplan-Meier
/// curve, paired differences against the baseline when it is among two or more orders).
/// Throws InputError for an empty order list, bad events or baseline, and whatever the model
/// builder reports (unknown names in an order, parameters out of range, ...).
[[nodiscard]] CompareJob prepare_compare(Scenario scenario, std::vector<Order> orders,
                                         const CompareSettings& settings);

/// What run_compare did.
struct CompareOutcome {
  std::unique_ptr<GroupedStatistics> stats;  ///< every run's contribution (root only)
  RunnerReport report;                       ///< runs simulated and replayed; interrupted?
  bool root = true;                          ///< false on MPI ranks other than 0
  std::int64_t ensemble_id = 0;              ///< the ensemble in the store (with `out`)
  bool interrupted_by_signal = false;        ///< stopped by SIGINT/SIGTERM (else by max_runs)
  int threads = 1;                           ///< worker threads used
};

/// Runs the job: through the ensemble driver (store, resume, SIGINT, progress, threads or MPI
/// ranks) when settings.out is set, else through the runner alone. Ctrl-C (SIGINT) or SIGTERM
/// lets the runs in flight finish, then returns with report.interrupted (see interrupt.hpp).
/// `also` is called with every run in run-id order after the statistics took it (e.g. to
/// collect per-run tables); it runs on a worker thread. Throws InputError for resume or mpi
/// without a store.
[[nodiscard]] CompareOutcome run_compare(const CompareJob& job, const CompareSettings& settings,
                                         const OnRun& also = {});

}  // namespace concord::ensemble

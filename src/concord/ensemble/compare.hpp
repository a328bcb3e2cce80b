// What `concord run` and `concord compare` simulate, prepared once for every face of the
// library: the CLI (src/cli/run_cmd.cpp), the Python module (python/, `concord.run` and
// `concord.compare`) and the web server build the same plan, models and statistics through this
// one call, then run it with ensemble::execute (driver.hpp) or ensemble::run_plan, or with
// run_compare below, which does either. Same inputs and seed, same numbers, in every face.
//
//   ensemble::CompareSettings s;  s.scenario = "scenarios/asia-pacific-2015.toml";
//   s.orders = {"multiplex", "g2"};  s.runs = 100;
//   auto c = ensemble::prepare_compare(s);       // loads, validates, builds frozen models
//   ensemble::GroupedStatistics stats(c->summary);
//   ensemble::execute(c->plan, c->info(), c->simulate(), ...);
//
// (The API is that of branch `report`, which drew it first, with the in-memory overload, the
// inputs and run_compare added for the Python module.)
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "concord/engine/hazards.hpp"
#include "concord/engine/model.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/ensemble/summary.hpp"
#include "concord/order/order.hpp"
#include "concord/scenario/scenario.hpp"
#include "concord/store/store.hpp"

namespace concord::ensemble {

/// The inputs of `run` (one order) and `compare` (several, on common random numbers).
struct CompareSettings {
  std::string scenario;               ///< scenario file (with prepare_compare from memory: its label)
  std::vector<std::string> orders;    ///< preset names or order files; `run` takes the first
  std::uint64_t runs = 1000;          ///< runs per order (replicates)
  int years = 0;                      ///< horizon; 0 = the scenario's
  std::uint64_t seed = 1;             ///< master seed
  std::vector<std::string> params;    ///< engine parameter overrides, "name=value"
  std::string events = "wars";        ///< wars | all | none (great-power wars are always kept)
  std::string baseline = "multiplex"; ///< compare: the order paired differences are taken from
  bool compare = true;                ///< false: `run` (one order, its rules described)
  bool yearly = false;                ///< the store keeps yearly rows (named in the command)
  std::string great_powers;           ///< --great-powers RULE; empty = the scenario's [meta] great_powers
};

/// A prepared ensemble: frozen models, plan and statistics spec. Not copyable (simulate()
/// refers to its models); keep it alive while the plan runs.
struct ComparePlan {
  std::string scenario_name;            ///< the scenario's meta.name
  std::string scenario_file;
  int years = 0;                        ///< horizon actually simulated
  std::vector<std::string> names;       ///< order names in plan order (duplicates removed)
  std::map<std::string, engine::Model> models;
  Plan plan;
  engine::EventOptions events;
  SummarySpec summary;                  ///< proportions, survival kind, baseline when compared
  bool have_baseline = false;           ///< paired differences are computed
  std::string baseline;
  std::string hazards_source;
  std::string great_power_rule;         ///< the great-power rule in force (scenario's or --great-powers)
  std::string params_json;              ///< overrides as a JSON object
  std::string order_summary;            ///< `run`: the order's rules (order::describe)
  std::vector<std::string> warnings;    ///< rules dropped for missing references
  CompareSettings settings;
  Scenario scenario;                    ///< the scenario simulated
  std::vector<Order> orders;            ///< the orders of `names`, as loaded
  /// The scenario, the orders and the fitted data files the engine reads, with their digests
  /// (input_records): the store's `inputs` table.
  std::vector<store::InputRecord> inputs;

  ComparePlan() = default;
  ComparePlan(const ComparePlan&) = delete;
  ComparePlan& operator=(const ComparePlan&) = delete;

  /// The simulator of the plan's runs (thread-safe; one engine workspace per thread).
  [[nodiscard]] Simulate simulate() const;
  /// The ensemble's description: scenario, orders, runs, years, seed, params, hazards, the
  /// equivalent command line (`command`; with `--out store` when `store` is given) and the
  /// build's commit.
  [[nodiscard]] nlohmann::json description(const std::string& store = "") const;
  /// describe(plan, kind(), years, description().dump()) with the inputs: what the store
  /// records. The command is stored without its --out, so that the same plan written to two
  /// files gives the same bytes.
  [[nodiscard]] store::EnsembleInfo info() const;
  /// "run" or "compare".
  [[nodiscard]] const char* kind() const { return settings.compare ? "compare" : "run"; }
};

/// Loads the scenario and every order, resolves them (rules naming an institution or
/// flashpoint the scenario lacks are dropped, with a warning), builds one frozen model per
/// order and the replicate-major plan of `runs` replicates. Throws InputError (bad scenario,
/// order, parameter, events value, or a baseline that is not among the orders) before any
/// run starts.
[[nodiscard]] std::unique_ptr<ComparePlan> prepare_compare(const CompareSettings& settings);

/// The same from a scenario and orders already loaded (the Python module's objects).
/// settings.scenario is only the label written to the store; settings.orders, when given, are
/// the words that name the orders in the command line (else the orders' names).
[[nodiscard]] std::unique_ptr<ComparePlan> prepare_compare(const CompareSettings& settings, Scenario scenario,
                                                           std::vector<Order> orders);

/// The commit concord was built from ("unknown" outside a git checkout), with "-dirty" when
/// the work tree had uncommitted changes at build time: common/build_info.hpp's concord_commit().
[[nodiscard]] const char* build_commit() noexcept;

/// The inputs of an ensemble with their SHA-256 digests (common/digest.hpp), for the store's
/// `inputs` table: the scenario (its file's bytes; the canonical TOML of a scenario built in
/// memory), each order (its file's bytes; its description when built in memory), and the
/// fitted data files the engine reads (the hazards file, data/wars.toml) where they exist.
[[nodiscard]] std::vector<store::InputRecord> input_records(const Scenario& scenario,
                                                            const std::vector<Order>& orders,
                                                            const engine::Hazards& hazards);

/// How to run a prepared plan (the execution options of `concord run` / `compare`).
struct RunSettings {
  int threads = 0;             ///< worker threads; 0 = all cores
  std::string out;             ///< results store; empty: statistics in memory only
  bool resume = false;         ///< continue the ensemble with this plan in `out`
  bool mpi = false;            ///< distribute over MPI ranks (needs `out`)
  bool quiet = false;          ///< no progress bar on stderr
  std::uint64_t max_runs = 0;  ///< stop after this many new runs (0 = all); resume later
  /// An external stop flag (e.g. an InterruptGuard the caller installed before releasing
  /// Python's GIL, so that no Ctrl-C falls between two handlers): when set, run_compare installs
  /// no SIGINT handler and stops, as after Ctrl-C, once the flag is true.
  const std::atomic<bool>* stop = nullptr;
};

/// What run_compare did.
struct CompareOutcome {
  std::unique_ptr<GroupedStatistics> stats;  ///< every run's contribution (root only)
  RunnerReport report;                       ///< runs simulated and replayed; interrupted?
  bool root = true;                          ///< false on MPI ranks other than 0
  std::int64_t ensemble_id = 0;              ///< the ensemble in the store (with `out`)
  bool interrupted_by_signal = false;        ///< stopped by SIGINT/SIGTERM or the stop flag (else by max_runs)
  int threads = 1;                           ///< worker threads used
};

/// Runs the plan: through the ensemble driver (store, resume, SIGINT, progress, threads or MPI
/// ranks) when `out` is set, else through the runner alone, with the statistics of the plan's
/// summary spec. Ctrl-C (SIGINT) or SIGTERM lets the runs in flight finish, then returns with
/// report.interrupted (interrupt.hpp). `also` sees every run in run-id order after the
/// statistics (on a worker thread). Throws InputError for resume or mpi without a store.
[[nodiscard]] CompareOutcome run_compare(const ComparePlan& plan, const RunSettings& run,
                                         const OnRun& also = {});

}  // namespace concord::ensemble

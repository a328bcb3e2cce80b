// What `concord run` and `concord compare` simulate, prepared once for every face of the
// library: the CLI (src/cli/run_cmd.cpp), the web server (src/concord/server) and, later, the
// Python module build the same plan, models and statistics through this one call, then run it
// with ensemble::execute (driver.hpp) or ensemble::run_plan.
//
//   ensemble::CompareSettings s;  s.scenario = "scenarios/asia-pacific-2015.toml";
//   s.orders = {"multiplex", "g2"};  s.runs = 100;
//   auto c = ensemble::prepare_compare(s);       // loads, validates, builds frozen models
//   ensemble::GroupedStatistics stats(c->summary);
//   ensemble::execute(c->plan, c->info("compare"), c->simulate(), ...);
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "concord/engine/model.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/ensemble/summary.hpp"
#include "concord/store/store.hpp"

namespace concord::ensemble {

/// The inputs of `run` (one order) and `compare` (several, on common random numbers).
struct CompareSettings {
  std::string scenario;               ///< scenario file
  std::vector<std::string> orders;    ///< preset names or order files; `run` takes the first
  std::uint64_t runs = 1000;          ///< runs per order (replicates)
  int years = 0;                      ///< horizon; 0 = the scenario's
  std::uint64_t seed = 1;             ///< master seed
  std::vector<std::string> params;    ///< engine parameter overrides, "name=value"
  std::string events = "wars";        ///< wars | all | none (great-power wars are always kept)
  std::string baseline = "multiplex"; ///< compare: the order paired differences are taken from
  bool compare = true;                ///< false: `run` (one order, its rules described)
  bool yearly = false;                ///< the store keeps yearly rows (named in the command)
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
  std::string params_json;              ///< overrides as a JSON object
  std::string order_summary;            ///< `run`: the order's rules (order::describe)
  std::vector<std::string> warnings;    ///< rules dropped for missing references
  CompareSettings settings;

  ComparePlan() = default;
  ComparePlan(const ComparePlan&) = delete;
  ComparePlan& operator=(const ComparePlan&) = delete;

  /// The simulator of the plan's runs (thread-safe; one engine workspace per thread).
  [[nodiscard]] Simulate simulate() const;
  /// The ensemble's description: scenario, orders, runs, years, seed, params, hazards, the
  /// equivalent command line (`command`; with `--out store` when `store` is given) and the
  /// build's commit.
  [[nodiscard]] nlohmann::json description(const std::string& store = "") const;
  /// describe(plan, kind(), years, description().dump()): what the store records. The command
  /// is stored without its --out, so that the same plan written to two files gives the same
  /// bytes.
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

/// The commit concord was built from ("unknown" outside a git checkout), with "-dirty" when
/// the work tree had uncommitted changes at build time.
[[nodiscard]] const char* build_commit() noexcept;

}  // namespace concord::ensemble

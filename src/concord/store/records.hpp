// What one simulation run produces: the contract between the engine (which fills it) and the
// ensemble runner and results store (which write it, in run-id order, one transaction a run).
//
// Kept generic on purpose: the engine names its yearly metrics and summary values, the store
// writes them as rows, so adding a metric changes no schema. See docs/results.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace concord {

/// Identifies a run inside an ensemble plan. (scenario_hash, order, params_json, seed, run_id)
/// determines the run's result exactly, whatever the thread or MPI rank count.
struct RunKey {
  std::string scenario_hash;  ///< hex digest of the scenario file's canonical content
  std::string order;          ///< order preset name or file
  std::string params_json;    ///< parameter overrides for this run, as a JSON object
  std::uint64_t seed = 0;     ///< the ensemble's master seed
  std::uint64_t run_id = 0;   ///< 0-based index of the run in the plan
  /// Index of the random stream: the engine keys its streams by (seed, replicate, year, phase,
  /// entity), not by run_id, so runs of different orders or design points that share a
  /// replicate share common random numbers and their differences are paired.
  std::uint64_t replicate = 0;
};

/// A crisis, militarized dispute, war, measure adoption, veto, ... that happened in a run.
struct EventRecord {
  int year = 0;               ///< calendar year in which it happened
  std::string kind;           ///< "crisis", "mid", "war", "great_power_war", "veto", "measure", ...
  std::string subject;        ///< flashpoint or institution name, empty if none
  std::vector<int> side_a;    ///< ccodes on the first side (challenger, proposer, ...)
  std::vector<int> side_b;    ///< ccodes on the second side
  std::string outcome;        ///< "settled", "war", "victory_a", "adopted", "blocked", ...
  double value = 0.0;         ///< a magnitude where one applies (battle deaths, level adopted)
  /// Last calendar year of an event that lasts (a war: its final year of fighting; a war still
  /// going at the horizon has outcome "ongoing" and end_year = the horizon's last year).
  /// Equal to `year` for events of one year.
  int end_year = 0;
  /// A great-power war: "direct" (it began in a crisis between two great powers) or "joining"
  /// (a great power on each side only once allies joined); empty for other events.
  std::string began;
  /// A war's opening dyad: the challenger and defender of the crisis it began in (ccodes; 0 for
  /// other events).
  int opening_a = 0;
  int opening_b = 0;
};

/// Everything one run yields.
struct RunRecord {
  RunKey key;
  int start_year = 0;                      ///< the scenario's year; simulated years are start_year+1 .. start_year+years
  int years = 0;                           ///< horizon in years
  std::vector<std::string> yearly_names;   ///< names of the yearly metrics (columns)
  std::vector<double> yearly;              ///< row-major [years x yearly_names.size()]
  std::vector<std::string> summary_names;  ///< names of per-run summary values
  std::vector<double> summary;             ///< one value per summary name
  std::vector<EventRecord> events;         ///< in order of occurrence
};

}  // namespace concord

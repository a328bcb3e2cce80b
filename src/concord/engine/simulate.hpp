// One simulation run: the yearly step of phases.hpp applied `years` times from the model's start,
// with every random draw keyed by (seed, run, year, phase, entity). Fills a RunRecord
// (store/records.hpp) with the yearly metrics of MODEL.md section 3 and a per-run summary.
#pragma once

#include <string>
#include <vector>

#include "concord/engine/model.hpp"
#include "concord/engine/state.hpp"
#include "concord/store/records.hpp"

namespace concord::engine {

/// Names of the yearly metrics (columns of RunRecord::yearly), in order:
/// mids, crises, wars, gp_wars (counts in the year; a war counts in its onset year); con (Ray-Singer), poles (1/sum s^2),
/// largest_coalition (capability share of the largest defense-pledge component),
/// balanced_disparity (0/1), overtakes (great-power rank changes), alliance_shifts (defense
/// pledges formed or dropped), gdp_total (region GDP), gdp_growth (region GDP growth),
/// gp_trust (mean tau among great powers), region_trust (mean tau over all dyads),
/// satisfaction (mean S to the leader), burden (mean defense burden M/Y),
/// voice_supported, voice_total (small members' adopted outcomes they supported / adopted outcomes
/// they took part in), vetoes, measures_adopted, autonomy_lost, arms_control (region-wide level),
/// battle_deaths (persons killed in battle in the year, every war going on; phase 8).
const std::vector<std::string>& yearly_metric_names();

/// Names of the per-run summary values (RunRecord::summary), in order:
/// gp_war (1 if a great-power war happened within the horizon), first_gp_war (years from the start
/// to the first one; NaN, stored NULL, if none), wars, mids, crises (totals), wars_per_decade,
/// mids_per_decade, years_balanced_disparity, con_final, gdp_growth (mean yearly region growth),
/// gp_trust_final, region_trust_final, voice (share of the small members' places in adopted
/// outcomes that they supported; NaN if none were adopted), vetoes, measures_adopted,
/// alliance_shifts, overtakes, small_states_autonomous (share at the horizon), battle_deaths (total
/// over the run, persons), small_power_banzhaf, small_power_shapley (the small members' a-priori
/// power under the order's rules, Model::small_power_banzhaf). Units and definitions:
/// ensemble/metrics.hpp (the dictionary) and docs/results.md.
const std::vector<std::string>& summary_names();

/// The record phase's kernel: writes the yearly metrics of state `s` (tallies `y`) to `row`.
void record_year(const Model& model, const State& s, const YearTally& y, double prev_gdp, double* row);

/// Index of a yearly metric / summary value by name (for readers of RunRecord).
std::size_t yearly_index(const std::string& name);
std::size_t summary_index(const std::string& name);

/// Runs one simulation. A war's event (kind "war" or "great_power_war") is written when it ends,
/// dated at its onset (year) with end_year and value = its battle deaths; a war still going on at
/// the horizon gets outcome "ongoing" and end_year = the last simulated year. Events are in year
/// order. `ws` is prepared for `model` if it is not already (same sizes); reuse it
/// across runs on one thread to avoid allocation. Deterministic in (model, key.seed,
/// key.replicate): random streams are keyed by the replicate, so runs of different orders that
/// share a replicate share common random numbers.
RunRecord simulate_run(const Model& model, RunKey key, int years, const EventOptions& events, Workspace& ws);

/// Same, into `out` (every field but `out.key` is overwritten; vectors keep their capacity).
void simulate_run_into(const Model& model, int years, const EventOptions& events, Workspace& ws, RunRecord& out);

}  // namespace concord::engine

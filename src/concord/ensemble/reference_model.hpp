// A constant-hazard reference model with closed-form answers, for testing and benchmarking
// the ensemble machinery (runner, store, statistics, MPI, resume) independently of the engine.
//
// Each year, each of `dyads` dyads has a militarized dispute with probability
// `dispute_hazard`, and a great-power war breaks out with probability `war_hazard`
// (independent Bernoulli draws). Closed forms the tests check the statistics against:
//   P(great-power war within T years) = 1 - (1 - war_hazard)^T
//   Kaplan-Meier S(t) of the time to the first war = (1 - war_hazard)^t
//   E[disputes per year] = dyads * dispute_hazard
// Randomness: Philox4x64-10 (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2,
// 3", SC'11) keyed by (seed, replicate), counter (year, phase, dyad), so a run's result does
// not depend on the thread or rank that computes it, and runs of different parameter sets that
// share a replicate share common random numbers.
#pragma once

#include <cstdint>
#include <string>

#include "concord/store/records.hpp"

namespace concord::ensemble {

/// Parameters of the reference model. RunKey::params_json may override any of them by name
/// ({"war_hazard": 0.05}); unknown names are an error (std::invalid_argument).
struct HazardModelParams {
  double war_hazard = 0.02;      ///< probability per year of a great-power war
  double dispute_hazard = 0.01;  ///< probability per dyad-year of a militarized dispute
  int dyads = 45;                ///< number of dyads (45 = 10 states)
  int years = 35;                ///< horizon
  int start_year = 2015;         ///< scenario start year; the first simulated year is start_year + 1
};

/// Reads overrides from a JSON object into a copy of `base`.
[[nodiscard]] HazardModelParams hazard_params_from_json(const std::string& params_json,
                                                        HazardModelParams base = {});

/// Simulates one run of the reference model into `out` (overwrites every field, reusing its
/// vectors' capacity). Yearly metrics: "disputes", "great_power_war" (0/1 that year).
/// Summaries: "great_power_war" (0/1 within the horizon), "first_war_time" (years from start
/// to the first war, 1-based; NaN if none), "disputes_per_decade". Events: one "mid" per
/// dispute, one "great_power_war" per war year.
void simulate_hazard_model(const RunKey& key, const HazardModelParams& base, RunRecord& out);

/// The Ishigami & Homma (1990) test function as a one-step model, for checking sensitivity
/// analyses end to end: y = sin x1 + a sin^2 x2 + b x3^4 sin x1 with a = 7, b = 0.1, the x's
/// read from params_json ({"x1": .., "x2": .., "x3": ..}; missing ones are 0, others an
/// error). Summary: "y". No yearly metrics, no events, years = 0.
void simulate_ishigami(const RunKey& key, RunRecord& out);

/// The 53-bit uniform in [0, 1) made of the high bits of a 64-bit random word.
[[nodiscard]] inline double u01(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

}  // namespace concord::ensemble

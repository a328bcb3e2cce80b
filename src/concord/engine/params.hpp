// The engine's parameter registry: every number the yearly step uses that is not data, in one
// place, with its default, unit, source (or "modelling assumption") and admissible bounds.
//
// Parameters are addressed by the enum `Param` in the hot loop (an index into a flat array);
// names are used only at load time, when the scenario's `[parameters]` table and the CLI's
// `--param name=value` override defaults. An unknown name or a value outside the bounds is a
// located concord::InputError. docs/model.md (section "engine") lists every entry.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "concord/common/error.hpp"

namespace concord::engine {

/// Every engine parameter. The order matches kParamSpecs.
enum class Param : int {
  // 1. economy
  growth_lead,
  convergence_beta,
  growth_sigma,
  population_growth,
  war_gdp_loss,
  war_trade_loss,
  trade_growth_elasticity,
  trade_income_effect,
  // 2. military effort
  richardson_reaction,
  richardson_fatigue,
  arms_cap_burden,
  lsg_half_distance_km,
  // 4. power structure
  disparity_con_min,
  // 5. alignment
  alignment_rate,
  hedge_level,
  alliance_reliability,
  // 6. incidents
  hazard_trust,
  hazard_cbm,
  hazard_code_of_conduct,
  hazard_dissatisfaction,
  background_mids,
  // 7. crisis bargaining
  war_cost,
  restraint_cost,
  institution_cost,
  interdependence_cost,
  sigma_info,
  sigma_commit,
  discount,
  mediation_info_reduction,
  transparency_info_reduction,
  status_quo_adjust,
  backing_share,
  // 8. war
  war_status_quo_shift,
  joiner_intensity,
  // 9. institutions
  capacity_growth,
  capacity_decay,
  veto_threshold,
  compliance_base,
  compliance_interdependence,
  measure_decay,
  stakeholder_salience,
  // 10. trust
  trust_relax,
  trust_cooperation,
  trust_incident,
  trust_war,
  trust_reassurance,
  // 8. war (appended: duration and battle deaths, defaults from data/wars.toml)
  war_termination,
  war_termination_gp,
  battle_deaths_intercept,
  battle_deaths_elasticity,
  battle_deaths_sd,
  // 5. alignment (appended: observed hostility and rivalry, docs/model.md "Alignment")
  hostility_rivalry,
  hostility_recent,
  hostility_window,
  trusted_ally_trust,
  ally_threat_trust,
  alignment_memory,
  // 6. crisis escalation (appended: the fitted conflict process, docs/model.md "escalation")
  escalation_model,
  escalation_floor,
  commitment_horizon,
  count_
};

inline constexpr std::size_t kParamCount = static_cast<std::size_t>(Param::count_);

/// One registry entry.
struct ParamSpec {
  Param id;
  std::string_view name;    ///< the name used in scenarios, the CLI and docs/model.md
  double default_value;
  std::string_view unit;
  std::string_view source;  ///< a citation, or "modelling assumption" with the reason
  double lower;             ///< inclusive bounds a value must lie in
  double upper;
  std::string_view phase;   ///< the phase that reads it
};

/// The registry, one entry per Param, in enum order.
const std::array<ParamSpec, kParamCount>& param_specs();

/// The spec named `name`, or nullptr.
const ParamSpec* find_param(std::string_view name);

/// A resolved set of parameter values: a flat array indexed by Param.
struct Params {
  std::array<double, kParamCount> values{};

  /// The registry's defaults (no file is read; build_model then applies data/wars.toml's fits
  /// with apply_war_fits, and the scenario's and the command line's overrides).
  static Params defaults();

  [[nodiscard]] double operator[](Param p) const noexcept { return values[static_cast<std::size_t>(p)]; }
  double& operator[](Param p) noexcept { return values[static_cast<std::size_t>(p)]; }
};

struct WarFits;

/// Sets the war duration and battle-death parameters (war_termination, war_termination_gp,
/// battle_deaths_intercept, battle_deaths_elasticity, battle_deaths_sd) from a wars file's fits (engine/wars.hpp): one q for all
/// wars unless the likelihood-ratio test separates great-power wars at 5%. No-op when `w` is
/// unfitted (the registry's fallbacks stay).
void apply_war_fits(Params& p, const WarFits& w);

/// One requested override: the name, the value, and where it was written (scenario key or CLI).
struct ParamOverride {
  std::string name;
  double value = 0.0;
  Location where;
};

/// Applies overrides in order (a later one wins). Collects every unknown name and out-of-bounds
/// value, then throws one InputError listing them all.
void apply_overrides(Params& params, const std::vector<ParamOverride>& overrides);

/// The named levels of a parameter that takes one of a few values ("escalation": "fitted" = 0,
/// "bargaining" = 1), so that scenarios and --param can write the name; empty for others.
std::vector<std::pair<std::string_view, double>> param_levels(std::string_view name);

/// Parses a CLI `name=value` string into an override located at `--param`.
/// Throws InputError if there is no '=' or the value is not a number.
ParamOverride parse_param_assignment(std::string_view text);

/// Writes the overrides as a JSON object {"name": value, ...} (for RunKey::params_json).
std::string overrides_json(const std::vector<ParamOverride>& overrides);

}  // namespace concord::engine

// Building the frozen engine Model from a loaded Scenario and a resolved Order.
//
// Names are resolved here once (actors by ccode, institutions and flashpoints by index);
// parameters are the registry's defaults, then the scenario's [parameters], then the CLI's
// --param overrides, each checked against the registry (unknown names and out-of-range values
// are located InputErrors). The hazards are data/hazards.toml when present (hazards.hpp).
#pragma once

#include <string>
#include <vector>

#include "concord/engine/hazards.hpp"
#include "concord/engine/model.hpp"
#include "concord/engine/params.hpp"
#include "concord/order/order.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/scenario.hpp"

namespace concord::engine {

/// The names an order may refer to in this scenario (for concord::resolve_order).
ScenarioNames scenario_names(const Scenario& scenario);

/// 16 hex digits of a 64-bit FNV-1a digest of the scenario's canonical TOML (write_scenario):
/// the RunKey::scenario_hash.
std::string scenario_hash(const Scenario& scenario);

/// Removes from `order` every reference to an institution or flashpoint the scenario does not
/// have (mediators, mandate upgrades, per-institution decision rules, membership changes, measures
/// on a flashpoint), so that a preset written for a fuller region still runs on a smaller one.
/// Names match as in resolve_order (case-insensitive; spaces, '-' and '_' alike). Returns one
/// line per dropped reference ("file:line: crisis.institutions: CICA not in the scenario"), which
/// the caller must show the user. References to unknown states are left for resolve_order to
/// report as errors.
/// A name the scenario lacks is dropped only when it is a name the project knows (`known`):
/// anything else is taken for a misspelling and reported as an InputError at its location, with
/// a "did you mean" among the scenario's and the known names.
struct KnownNames {
  std::vector<std::string> institutions;  ///< data/institutions.toml's names
  std::vector<std::string> flashpoints;   ///< the names in every data/flashpoints*.toml catalogue
};

/// The project's catalogues (data/institutions.toml, data/flashpoints*.toml); empty lists where a
/// file is missing. Throws InputError if a catalogue is malformed.
KnownNames project_known_names();

std::vector<std::string> drop_missing_references(Order& order, const Scenario& scenario,
                                                 const KnownNames& known = project_known_names());

/// The great powers of the scenario by its rule (ScenarioMeta::great_powers), one flag per actor in
/// the scenario's order: cow_majors, the actors' own flags; cinc_share, a share of the actors'
/// summed CINC (the NMC components of the scenario, measures/cinc.hpp) at least the threshold;
/// nuclear, the actors that possess nuclear weapons in the start year (the last year of the panel
/// when the start is later) by data::read_nuclear_status, read from resolve_data_dir(). Throws
/// InputError when the nuclear panel cannot be read.
std::vector<std::uint8_t> great_power_set(const Scenario& scenario);

/// Builds and finalizes the model. `order` may be unresolved: it is resolved against the
/// scenario here. `cli_overrides` are applied after the scenario's own. Throws InputError listing
/// every problem (unknown names in the order, unknown or out-of-range parameters, ...).
Model build_model(const Scenario& scenario, const Order& order, const std::vector<ParamOverride>& cli_overrides,
                  const Hazards& hazards);

}  // namespace concord::engine

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

/// Builds and finalizes the model. `order` may be unresolved: it is resolved against the
/// scenario here. `cli_overrides` are applied after the scenario's own. Throws InputError listing
/// every problem (unknown names in the order, unknown or out-of-range parameters, ...).
Model build_model(const Scenario& scenario, const Order& order, const std::vector<ParamOverride>& cli_overrides,
                  const Hazards& hazards);

}  // namespace concord::engine

// What a scenario holds, in brief: capability shares, great powers, institutions, flashpoints.
#pragma once

#include <string>
#include <vector>

#include "concord/scenario/scenario.hpp"

namespace concord {

/// CINC of each actor (same order as s.actors) computed over the scenario's own actors with
/// measures::cinc (Singer, Bremer & Stuckey 1972: mean of the available component shares; a
/// missing component is left out of both the total and the mean). NaN for an actor with no
/// component. These are shares of the region's capability, not of the world's.
[[nodiscard]] std::vector<double> scenario_cinc(const Scenario& s);

/// A plain-text summary (what `concord scenario check` prints): the meta line, actors by
/// capability share (descending), great powers, institutions with member counts, flashpoints
/// with their parties, counts of dyads, growth paths and parameter overrides, and the values
/// carried forward past a dataset's last year (carried_forward_summary).
[[nodiscard]] std::string summarize(const Scenario& s);

/// "values carried forward past a dataset's last year:" and one line per provenance (scenario
/// default or entry) whose note starts with "carried forward" (scenario::BuildOptions::carry_forward),
/// or "none".
[[nodiscard]] std::string carried_forward_summary(const Scenario& s);

}  // namespace concord

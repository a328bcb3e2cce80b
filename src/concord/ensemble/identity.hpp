// What an ensemble's results depend on, part by part, and the digest of it all that `--resume`
// matches: the scenario's content, each order's content, the parameters, the hazards, the war
// fits and every other file of data/, the horizon, what is stored (--yearly, --events), and the
// run keys. Resuming a plan whose parts differ is refused with the parts that differ.
//
//   PlanIdentity id;
//   id.set("scenario", engine::scenario_digest(s)).set("order multiplex", o.digest);
//   add_project_data(id);
//   auto info = describe(plan, "compare", 35, spec_json, id);  // plan_digest = id's SHA-256
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "concord/ensemble/runner.hpp"

namespace concord::ensemble {

struct PlanIdentity {
  std::map<std::string, std::string> parts;  ///< part name -> digest or value

  PlanIdentity& set(const std::string& part, std::string value);
  /// SHA-256 over every part, in name order (length-framed).
  [[nodiscard]] std::string digest() const;
  /// The parts as a JSON object text.
  [[nodiscard]] std::string json() const;
  /// The identity stored in an ensemble's spec_json ("identity" key), if any.
  [[nodiscard]] static std::optional<PlanIdentity> from_spec_json(const std::string& spec_json);
  /// One line per part that differs from `stored` ("order 'g2': content differs", "--yearly:
  /// stored true, now false", "scenario: absent before").
  [[nodiscard]] std::vector<std::string> differences(const PlanIdentity& stored) const;
};

/// Adds "data/<file>" -> SHA-256 for every regular file of the resources' data/ folder (hazards,
/// war fits, institution and flashpoint catalogues: what the engine reads besides the scenario).
void add_project_data(PlanIdentity& identity);

/// describe(plan, ...) whose plan_digest is identity (plus the plan's keys) digested, and whose
/// spec_json carries the identity under "identity" so that a refused --resume can say what differs.
[[nodiscard]] store::EnsembleInfo describe(const Plan& plan, const std::string& kind, int years,
                                           const std::string& spec_json, PlanIdentity identity);

}  // namespace concord::ensemble

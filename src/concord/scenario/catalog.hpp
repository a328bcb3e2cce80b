// The curated files the builder reads from the project's data/ folder: region lists
// (data/regions.toml), institution attributes (data/institutions.toml) and the flashpoint
// catalogue (data/flashpoints.toml). Formats: docs/scenario.md. Each loader validates like the
// scenario loader (every problem at once, with file:line:column) and throws InputError.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "concord/scenario/scenario.hpp"

namespace concord {

/// One named region: a fixed list of COW state codes, with what it is and where it comes from.
struct RegionList {
  std::string name;
  std::string description;
  std::string source;
  std::vector<int> states;  ///< distinct ccodes, in file order
};

/// Reads data/regions.toml: one table per region { description, source, states = [...] }.
[[nodiscard]] std::map<std::string, RegionList> load_regions(const std::filesystem::path& file);

/// Curated attributes of an institution whose members come from a memberships file.
struct InstitutionTemplate {
  std::string name;
  DecisionRule decision_rule = DecisionRule::consensus;
  double veto_threshold = 0.0;
  MandateSet mandate;
  double capacity = 0.5;
  std::string source;
};

/// Reads data/institutions.toml: one table per institution name { decision_rule, veto_threshold,
/// mandate, capacity, source }.
[[nodiscard]] std::map<std::string, InstitutionTemplate> load_institution_catalog(
    const std::filesystem::path& file);

/// Reads data/flashpoints.toml: [[flashpoint]] entries as in a scenario but without
/// incident_rate and fit (the builder fits them). Checks ranges, distinct parties and
/// stakeholders, and at least two parties; ccodes are not checked against any actor list.
[[nodiscard]] std::vector<Flashpoint> load_flashpoint_catalog(const std::filesystem::path& file);

}  // namespace concord

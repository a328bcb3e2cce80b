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

/// A state that joined an institution after the last year of the dataset its members come from,
/// with the public record of the accession.
struct LaterMember {
  int ccode = 0;
  int joined = 0;      ///< year of accession
  std::string source;  ///< required: where the accession is recorded
};

/// Curated attributes of an institution whose members come from a memberships file, or from
/// COW IGO 3.0 when `cow_igo` names its `ioname` there (e.g. "CICA").
struct InstitutionTemplate {
  std::string name;
  DecisionRule decision_rule = DecisionRule::consensus;
  double veto_threshold = 0.0;
  MandateSet mandate;
  double capacity = 0.5;
  std::string source;
  /// COW IGO 3.0 ioname of the institution; empty when its members come from
  /// asia_pacific_institutions/memberships.csv.
  std::string cow_igo;
  /// Accessions after COW IGO's last year (2014), each with its source; only with `cow_igo`.
  std::vector<LaterMember> later_members;
};

/// Reads data/institutions.toml: one table per institution name { decision_rule, veto_threshold,
/// mandate, capacity, source, cow_igo, later_members = [{ ccode, joined, source }] }.
/// later_members requires cow_igo; ccodes are positive and distinct, sources not empty.
[[nodiscard]] std::map<std::string, InstitutionTemplate> load_institution_catalog(
    const std::filesystem::path& file);

/// Reads data/flashpoints.toml: [[flashpoint]] entries as in a scenario but without
/// incident_rate and fit (the builder fits them). Checks ranges, distinct parties and
/// stakeholders, and at least two parties; ccodes are not checked against any actor list.
[[nodiscard]] std::vector<Flashpoint> load_flashpoint_catalog(const std::filesystem::path& file);

}  // namespace concord

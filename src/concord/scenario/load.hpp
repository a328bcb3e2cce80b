// Reading and writing scenario files (TOML; the format is documented in docs/scenario.md).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "concord/scenario/scenario.hpp"

namespace concord {

/// Parses and validates a scenario file. Every problem in the file is collected, then all are
/// thrown together as one InputError, each with file:line:column, the key path
/// ("actor[3].gdp") and what to fix: TOML syntax errors, unknown keys (with the closest known
/// key), wrong types, NaN or infinity, values out of range, undefined or duplicate ccodes,
/// duplicate dyads, institutions and flashpoints, memberships listed under the wrong heading
/// for their join year, provenance that names an undeclared source or a year after the start
/// year. The scenario loads whole or not at all.
/// @throws InputError (also when the file cannot be read)
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& file);

/// As load_scenario, from text; `source_name` is used as the file name in locations.
[[nodiscard]] Scenario parse_scenario(std::string_view text, std::string_view source_name);

/// The scenario as TOML text that parse_scenario reads back to the same values (numbers are
/// written in the shortest form that round-trips exactly; missing figures are left out).
/// Entries are written in memory order; dyads are written with a < b.
[[nodiscard]] std::string write_scenario(const Scenario& s);

/// Writes write_scenario(s) to `file`. @throws InputError when the file cannot be written.
void save_scenario(const Scenario& s, const std::filesystem::path& file);

}  // namespace concord

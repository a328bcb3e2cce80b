// Reading the project's small TOML contract files (data/hazards*.toml, data/wars.toml, ...) with
// the errors every input gets: file, line, column and field (common/error.hpp).
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "concord/common/error.hpp"

namespace concord {

/// Parses `file` (toml++ 3.3). @throws InputError at the line and column of a syntax error, or
/// naming the file when it cannot be read.
[[nodiscard]] toml::table parse_toml_file(const std::filesystem::path& file);

/// The location of `node` in `file` under the key path `field`; line and column 0 when `node`
/// is null (a missing key).
[[nodiscard]] Location toml_location(const std::filesystem::path& file, const toml::node* node, std::string field);

/// Adds a problem for every key of `table` not in `allowed`, at its location, with a "did you
/// mean" (common/suggest.hpp) and the list of expected keys. `prefix` is the table's key path
/// ("" for the root), used to name each field ("war_given_mid.rat").
void check_toml_keys(const std::filesystem::path& file, const toml::table& table, const std::string& prefix,
                     std::initializer_list<std::string_view> allowed, std::vector<Problem>& problems);

}  // namespace concord

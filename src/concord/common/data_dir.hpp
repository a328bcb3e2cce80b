// Where concord's resources (orders/, data/, scenarios/) and the raw datasets live.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace concord {

/// The data directory: `explicit_dir` if given, else $CONCORD_DATA_DIR, else `../shared/data`
/// relative to the resource directory (the layout of the development machines and CI).
/// Does not check that the directory exists; see data_dir_or_skip_reason for tests.
std::filesystem::path resolve_data_dir(const std::optional<std::string>& explicit_dir = std::nullopt);

/// Sets the resource directory for this process (the CLI's --resource-dir); empty to unset.
void set_resource_dir(const std::filesystem::path& dir);

/// The directory holding concord's resources: the order presets (orders/), the fitted hazards,
/// war fits and catalogues (data/) and the shipped scenarios (scenarios/). The first of:
///   1. set_resource_dir() (the --resource-dir option), then $CONCORD_RESOURCE_DIR;
///   2. <directory of the running executable>/../share/concord (what `cmake --install` lays out);
///   3. the source tree the program was built from (a build tree on a development machine),
/// that holds both orders/ and data/. Throws InputError naming every place looked in when none
/// does, or when an explicit directory lacks them: never runs without its fitted hazards.
std::filesystem::path resource_dir();

/// Same as resource_dir() (the name predates installation).
std::filesystem::path project_dir();

}  // namespace concord

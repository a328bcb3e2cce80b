// Where the raw datasets live.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace concord {

/// The data directory: `explicit_dir` if given, else $CONCORD_DATA_DIR, else `../shared/data`
/// relative to the project's source directory (the layout of the development machines and CI).
/// Does not check that the directory exists; see data_dir_or_skip_reason for tests.
std::filesystem::path resolve_data_dir(const std::optional<std::string>& explicit_dir = std::nullopt);

/// The project's source directory (for shipped scenarios, orders and curated data files).
std::filesystem::path project_dir();

}  // namespace concord

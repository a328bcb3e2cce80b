// Reading, validating and resolving order files (orders/*.toml; format in docs/orders.md).
//
// Validation collects every problem before throwing one InputError, each problem located as
// file:line:column with the key path: TOML syntax errors, unknown keys (with the allowed keys
// and a "did you mean" when one is close), wrong types, values out of range, unknown enum
// values (listing the allowed ones), keys that the chosen rule does not use, and rules that
// need a value the file does not give (a hegemon for `crisis.manager = "hegemon"`, ...).
// A file loads whole or not at all.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "concord/order/order.hpp"

namespace concord {

/// Parse and validate an order held in memory. `source_name` is used in error locations and
/// as the order's name when the text sets none. Throws InputError listing every problem.
[[nodiscard]] Order parse_order(std::string_view toml_text, const std::string& source_name);

/// Load and validate an order file. The order's name is the `name` key, else the file stem.
/// Throws InputError (file not readable, or every problem found in it).
[[nodiscard]] Order load_order(const std::filesystem::path& path);

/// The directory that holds the shipped presets: <project_dir()>/orders.
[[nodiscard]] std::filesystem::path presets_dir();

/// Names of the presets in `dir` (file stems of *.toml), sorted.
[[nodiscard]] std::vector<std::string> preset_names(const std::filesystem::path& dir = presets_dir());

/// Load the preset `name` from `dir` (`<dir>/<name>.toml`). Throws InputError naming the
/// available presets when there is no such file.
[[nodiscard]] Order load_preset(std::string_view name, const std::filesystem::path& dir = presets_dir());

/// What `--order NAME|FILE` means: a path to an existing file, or anything ending in ".toml"
/// or containing a '/', is loaded as a file; otherwise as a preset name.
[[nodiscard]] Order load_order_arg(std::string_view name_or_file, const std::filesystem::path& dir = presets_dir());

/// The names an order may refer to, as a scenario defines them. Index i of `stateabb` and
/// `ccode` is actor i; index j of `institutions` is institution j; likewise `flashpoints`.
/// `source` names the scenario in messages.
struct ScenarioNames {
  std::string source;
  std::vector<std::string> stateabb;
  std::vector<int> ccode;
  std::vector<std::string> institutions;
  std::vector<std::string> flashpoints;
};

/// Resolve every state (by stateabb, or by ccode), institution and flashpoint the order names
/// against a scenario, and return a copy with every `index` filled and `resolved = true`.
/// Institution and flashpoint names match ignoring case and treating spaces, '-' and '_' alike. Throws InputError listing every unknown name at its place in
/// the order file.
[[nodiscard]] Order resolve_order(const Order& order, const ScenarioNames& names);

}  // namespace concord

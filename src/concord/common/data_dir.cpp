#include "concord/common/data_dir.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "concord/common/error.hpp"

namespace concord {

namespace {

std::mutex& dir_mutex() {
  static std::mutex m;
  return m;
}

std::filesystem::path& explicit_dir() {
  static std::filesystem::path d;
  return d;
}

bool has_resources(const std::filesystem::path& d) {
  std::error_code ec;
  return std::filesystem::is_directory(d / "orders", ec) && std::filesystem::is_directory(d / "data", ec);
}

std::filesystem::path executable_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

}  // namespace

void set_resource_dir(const std::filesystem::path& dir) {
  const std::lock_guard<std::mutex> lock(dir_mutex());
  explicit_dir() = dir;
}

std::filesystem::path resource_dir() {
  std::filesystem::path given;
  std::string option;
  {
    const std::lock_guard<std::mutex> lock(dir_mutex());
    given = explicit_dir();
    option = "--resource-dir";
  }
  if (given.empty()) {
    if (const char* env = std::getenv("CONCORD_RESOURCE_DIR"); env != nullptr && *env != '\0') {
      given = env;
      option = "CONCORD_RESOURCE_DIR";
    }
  }
  if (!given.empty()) {
    if (has_resources(given)) return given;
    throw InputError(Location{given.string(), 0, 0, option},
                     "not a concord resource directory: expected its orders/ and data/ folders there (the "
                     "source tree, or <prefix>/share/concord after `cmake --install`)");
  }
  std::vector<std::filesystem::path> looked;
  if (const auto exe = executable_dir(); !exe.empty()) {
    const auto installed = (exe / ".." / "share" / "concord").lexically_normal();
    if (has_resources(installed)) return installed;
    looked.push_back(installed);
  }
  const std::filesystem::path source(CONCORD_SOURCE_DIR);
  if (has_resources(source)) return source;
  looked.push_back(source);
  std::string list;
  for (const auto& p : looked) list += (list.empty() ? "" : ", ") + p.string();
  throw InputError(Location{"--resource-dir", 0, 0, ""},
                   fmt::format("cannot find concord's resources (orders/ and data/: order presets, fitted hazards, "
                               "war fits); looked in {}. Install with `cmake --install build/release --prefix DIR` "
                               "(it lays them out in DIR/share/concord), or pass --resource-dir (or set "
                               "CONCORD_RESOURCE_DIR) to the source tree",
                               list));
}

std::filesystem::path project_dir() { return resource_dir(); }

std::filesystem::path resolve_data_dir(const std::optional<std::string>& explicit_dir_arg) {
  if (explicit_dir_arg && !explicit_dir_arg->empty()) return std::filesystem::path(*explicit_dir_arg);
  if (const char* env = std::getenv("CONCORD_DATA_DIR"); env != nullptr && *env != '\0') {
    return std::filesystem::path(env);
  }
  std::filesystem::path base(CONCORD_SOURCE_DIR);
  try {
    base = resource_dir();
  } catch (const InputError&) {
    // the data directory is reported missing where it is opened
  }
  return (base / ".." / "shared" / "data").lexically_normal();
}

}  // namespace concord

#include "concord/common/data_dir.hpp"

#include <cstdlib>

namespace concord {

std::filesystem::path project_dir() { return std::filesystem::path(CONCORD_SOURCE_DIR); }

std::filesystem::path resolve_data_dir(const std::optional<std::string>& explicit_dir) {
  if (explicit_dir && !explicit_dir->empty()) return std::filesystem::path(*explicit_dir);
  if (const char* env = std::getenv("CONCORD_DATA_DIR"); env != nullptr && *env != '\0') {
    return std::filesystem::path(env);
  }
  return (project_dir() / ".." / "shared" / "data").lexically_normal();
}

}  // namespace concord

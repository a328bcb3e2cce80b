#include "concord/common/build_info.hpp"

#include "concord_build_info_generated.hpp"  // build directory: cmake/concord_version.cmake

namespace concord {

const char* concord_version() noexcept { return CONCORD_BUILD_VERSION; }

const char* concord_commit() noexcept { return CONCORD_BUILD_COMMIT; }

std::string concord_version_line() {
  return std::string("concord ") + concord_version() + " (commit " + concord_commit() + ")";
}

}  // namespace concord

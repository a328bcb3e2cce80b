// What built this concord: its version and the git commit of the source tree, recorded in every
// results store (ensembles.concord_version, ensembles.concord_commit) and given by the Python
// module (concord.__version__, concord.__commit__), so that a paper can cite exactly what produced
// a figure (CITATION.cff).
//
// The commit is read at build time (cmake/concord_version.cmake, run at every build): 40 hex digits,
// with "-dirty" appended when tracked files had uncommitted changes, or "unknown" when the
// source tree is not a git checkout.
#pragma once

#include <string>

namespace concord {

/// The project version (CMake project(VERSION)), e.g. "0.1.0".
[[nodiscard]] const char* concord_version() noexcept;

/// The git commit the library was built from, or "unknown".
[[nodiscard]] const char* concord_commit() noexcept;

/// "concord 0.1.0 (commit 1a2b3c...)".
[[nodiscard]] std::string concord_version_line();

}  // namespace concord

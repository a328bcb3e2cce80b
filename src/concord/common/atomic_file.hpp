// Writing a file whole or not at all: the content goes to a temporary file in the same
// directory, is flushed to the disk, then renamed over the target. A full disk, a killed process
// or a write error leaves the old file (if any) intact and no partial file behind.
#pragma once

#include <filesystem>
#include <string_view>

namespace concord {

/// Writes `content` to `file` atomically (temp + fsync + rename). Throws InputError naming the
/// file and the system's reason (e.g. "No space left on device: the old file is unchanged").
void write_file_atomic(const std::filesystem::path& file, std::string_view content);

}  // namespace concord

// Opening a user's input file: a clear, located refusal when the path is a directory, missing,
// not a regular file or unreadable (common/error.hpp), instead of reading a directory as an
// empty file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace concord {

/// Throws InputError naming `file` unless it is a readable regular file (or a FIFO/character
/// device such as /dev/stdin). `what` names the expected content with its article ("an order file", "a CSV file").
void check_input_file(const std::filesystem::path& file, std::string_view what);

/// check_input_file, then the whole file's bytes. Throws InputError on a read error.
[[nodiscard]] std::string read_input_file(const std::filesystem::path& file, std::string_view what);

}  // namespace concord

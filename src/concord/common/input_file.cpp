#include "concord/common/input_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "concord/common/error.hpp"

namespace concord {

void check_input_file(const std::filesystem::path& file, std::string_view what) {
  const Location where{file.string(), 0, 0, ""};
  std::error_code ec;
  const auto st = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(st)) {
    throw InputError(where, fmt::format("cannot open the file: no such file (expected {}; check the path)", what));
  }
  if (std::filesystem::is_directory(st)) {
    throw InputError(where, fmt::format("is a directory; expected {}", what));
  }
  if (!std::filesystem::is_regular_file(st) && !std::filesystem::is_fifo(st) &&
      !std::filesystem::is_character_file(st)) {
    throw InputError(where, fmt::format("is not a regular file; expected {}", what));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw InputError(where, fmt::format("cannot open the {}: {}", what, std::strerror(errno)));
  }
}

std::string read_input_file(const std::filesystem::path& file, std::string_view what) {
  check_input_file(file, what);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(Location{file.string(), 0, 0, ""}, fmt::format("read error in the {}", what));
  return text.str();
}

}  // namespace concord

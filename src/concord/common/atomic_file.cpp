#include "concord/common/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "concord/common/error.hpp"

namespace concord {

void write_file_atomic(const std::filesystem::path& file, std::string_view content) {
  const Location where{file.string(), 0, 0, ""};
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw InputError(where, "is a directory; expected a file name to write");
  const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(dir, ec)) {
    throw InputError(where, fmt::format("cannot write the file: directory '{}' does not exist", dir.string()));
  }
  std::string tmpl = (dir / ("." + file.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw InputError(where, fmt::format("cannot write the file: {} (in directory '{}')", std::strerror(errno), dir.string()));
  }
  const std::string tmp(name.data());
  const auto fail = [&](int err, const char* doing) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw InputError(where, fmt::format("{} failed: {}; {}", doing, std::strerror(err),
                                        std::filesystem::exists(file) ? "the old file is unchanged"
                                                                      : "no file was written"));
  };
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno, "writing");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) fail(errno, "flushing to the disk");
  // keep the permissions a plain create would give (mkstemp makes 0600)
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw InputError(where, fmt::format("writing failed: {}; the old file is unchanged", std::strerror(err)));
  }
  if (::rename(tmp.c_str(), file.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw InputError(where, fmt::format("cannot replace the file: {}", std::strerror(err)));
  }
}

}  // namespace concord

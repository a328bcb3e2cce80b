#include "concord/common/digest.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "concord/common/error.hpp"

namespace concord {

void Fnv1a64::bytes(const void* data, std::size_t n) noexcept {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ULL;  // FNV prime 2^40 + 2^8 + 0xb3
  }
}

void Fnv1a64::u64(std::uint64_t v) noexcept {
  unsigned char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
  bytes(b, 8);
}

void Fnv1a64::str(std::string_view s) noexcept {
  u64(s.size());
  bytes(s.data(), s.size());
}

std::string Fnv1a64::hex() const { return fmt::format("{:016x}", h); }

std::string fnv1a64_hex(std::string_view text) {
  Fnv1a64 f;
  f.bytes(text.data(), text.size());
  return f.hex();
}

std::string file_digest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(Location{file.string(), 0, 0, ""}, "cannot read the file to digest it");
  Fnv1a64 f;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    f.bytes(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError(Location{file.string(), 0, 0, ""}, "read error while digesting the file");
  return f.hex();
}

}  // namespace concord

// Content digests: SHA-256 (FIPS 180-4, computed by OpenSSL's libcrypto) of bytes, files and
// named parts, as 64 lowercase hex digits. They identify what produced a result: a scenario, an
// order, a data file, a whole ensemble plan. Python's hashlib.sha256 gives the same digests.
//
//   content_digest("abc")  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
//   file_digest("data/hazards.toml")
//   Digest d; d.field("scenario", s_digest); d.field("order", o_digest); d.hex();
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace concord {

/// SHA-256 of `bytes` as 64 lowercase hex digits.
[[nodiscard]] std::string content_digest(std::string_view bytes);

/// SHA-256 of the bytes of `file`. @throws InputError naming the file when it cannot be read.
[[nodiscard]] std::string file_digest(const std::filesystem::path& file);

/// An incremental SHA-256 over a sequence of parts. field(name, value) hashes the name and the
/// value each preceded by its length, so ("ab","c") and ("a","bc") differ.
class Digest {
 public:
  Digest();
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  /// Raw bytes, no framing.
  Digest& bytes(std::string_view data);
  /// One named part, length-framed.
  Digest& field(std::string_view name, std::string_view value);
  /// One named integer (8 bytes, little-endian), length-framed name.
  Digest& field(std::string_view name, std::uint64_t value);
  /// The digest as 64 hex digits. The object may not be used afterwards.
  [[nodiscard]] std::string hex();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

}  // namespace concord

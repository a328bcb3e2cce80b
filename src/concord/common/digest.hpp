// Content digests that identify the inputs of an ensemble (scenario, orders, hazards files) in
// the results store (table `inputs`), so that a figure can be traced to exactly what produced it.
//
// The digest is 64-bit FNV-1a (Fowler, Noll & Vo; the parameters of the IETF draft
// draft-eastlake-fnv), written as 16 lower-case hex digits: the same function as the project's
// scenario hash (engine::scenario_hash) and plan digest (ensemble::plan_digest). It is a
// fingerprint against accidental change, not a cryptographic hash.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace concord {

/// Incremental 64-bit FNV-1a. `str` and `u64` frame their input (length first, little-endian
/// bytes), so that ("ab", "c") and ("a", "bc") digest differently.
struct Fnv1a64 {
  std::uint64_t h = 0xcbf29ce484222325ULL;  ///< offset basis
  void bytes(const void* data, std::size_t n) noexcept;
  void u64(std::uint64_t v) noexcept;
  void str(std::string_view s) noexcept;
  /// The digest so far as 16 hex digits.
  [[nodiscard]] std::string hex() const;
};

/// FNV-1a 64 of the bytes of `text` (no framing), 16 hex digits. fnv1a64_hex("a") is
/// "af63dc4c8601ec8c" (the reference value of the FNV test suite).
[[nodiscard]] std::string fnv1a64_hex(std::string_view text);

/// FNV-1a 64 of a file's bytes, 16 hex digits. Throws concord::InputError naming the file when
/// it cannot be read.
[[nodiscard]] std::string file_digest(const std::filesystem::path& file);

}  // namespace concord

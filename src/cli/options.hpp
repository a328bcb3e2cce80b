// Strictly parsed numeric options shared by the commands: a seed or a count is a plain decimal
// integer within its range. CLI11's own conversion wraps "-1" to 2^64 - 1 and saturates 2^64,
// so three different seeds would silently be the same one.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>
#include <string>

namespace concord::cli {

/// Parses `text` as a decimal integer in [lo, hi] (digits only: no sign, exponent, fraction or
/// spaces). Throws CLI::ValidationError naming `option` and the range otherwise.
std::uint64_t parse_strict_uint(const std::string& option, const std::string& text, std::uint64_t lo,
                                std::uint64_t hi);

/// Adds `name` (e.g. "--seed") whose value is parsed by parse_strict_uint into `target`;
/// `on_set` (if given) is called after a value was stored.
CLI::Option* add_uint_option(CLI::App* app, const std::string& name, std::uint64_t& target, const std::string& help,
                             std::uint64_t lo = 0, std::uint64_t hi = std::numeric_limits<std::uint64_t>::max(),
                             std::function<void()> on_set = {});

}  // namespace concord::cli

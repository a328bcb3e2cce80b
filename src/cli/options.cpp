#include "cli/options.hpp"

#include <fmt/format.h>

#include <charconv>

namespace concord::cli {

std::uint64_t parse_strict_uint(const std::string& option, const std::string& text, std::uint64_t lo,
                                std::uint64_t hi) {
  const auto range = hi == std::numeric_limits<std::uint64_t>::max()
                         ? fmt::format("an integer from {} to 2^64 - 1", lo)
                         : fmt::format("an integer from {} to {}", lo, hi);
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  std::uint64_t v = 0;
  if (digits) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc() && end == text.data() + text.size() && v >= lo && v <= hi) return v;
  }
  throw CLI::ValidationError(option, fmt::format("expected {} (decimal digits only), got '{}'", range, text));
}

CLI::Option* add_uint_option(CLI::App* app, const std::string& name, std::uint64_t& target, const std::string& help,
                             std::uint64_t lo, std::uint64_t hi, std::function<void()> on_set) {
  return app
      ->add_option_function<std::string>(
          name,
          [&target, name, lo, hi, on_set](const std::string& text) {
            target = parse_strict_uint(name, text, lo, hi);
            if (on_set) on_set();
          },
          help)
      ->type_name("UINT");
}

}  // namespace concord::cli

// Usage errors: one exit status (kUsageErrorStatus, 2) and a readable message naming the option.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <regex>
#include <string>

#include "cli/commands.hpp"

namespace concord::cli {

namespace {

// "0.000000" -> "0", "2.500000" -> "2.5": std::to_string's six decimals, as CLI11 prints bounds.
std::string trim_decimals(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// CLI11 prints the bounds of a range with std::to_string: the largest double is 309 digits. A
// bound beyond 1e15 means "no limit" in practice; say so.
std::string readable_bound(const std::string& text) {
  const double v = std::strtod(text.c_str(), nullptr);
  if (std::fabs(v) >= 1e15) return v > 0 ? "no upper limit" : "no lower limit";
  return trim_decimals(text);
}

}  // namespace

std::string usage_error_message(const CLI::Error& e) {
  std::string message = e.what();
  // CLI11's range check: "Value V not in range MIN to MAX", with std::to_string bounds (the
  // smallest positive double prints as 0.000000, the largest as 1.79769e+308 or 309 digits).
  static const std::regex range(R"(Value (\S+) not in range (\S+) to (\S+))");
  std::smatch m;
  std::string out;
  std::string rest = message;
  while (std::regex_search(rest, m, range)) {
    out += m.prefix().str();
    const std::string value = m[1].str();
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    const bool numeric = end != value.c_str() && *end == '\0';
    const std::string lo = trim_decimals(m[2].str());
    const double hi = std::strtod(m[3].str().c_str(), nullptr);
    if (!numeric) {
      out += fmt::format("'{}' is not a number", value);
    } else if (std::fabs(hi) >= 1e15) {  // no upper limit in practice
      if (!std::isfinite(v) || v > hi) out += fmt::format("{} is too large", value);
      else if (v < 0.0) out += fmt::format("{} must not be negative", value);
      else if (v == 0.0) out += fmt::format("{} must be positive", value);
      else out += fmt::format("{} must be at least {}", value, lo);
    } else {
      out += fmt::format("{} is not in the range [{}, {}]", value, lo, readable_bound(m[3].str()));
    }
    rest = m.suffix().str();
  }
  out += rest;
  // Any other run of more than 15 digits (an integer type's limit) in scientific notation.
  static const std::regex long_number(R"(-?[0-9]{16,}(?:\.[0-9]+)?)");
  std::string cleaned;
  rest = out;
  while (std::regex_search(rest, m, long_number)) {
    cleaned += m.prefix().str();
    cleaned += fmt::format("{:.6g}", std::strtod(m[0].str().c_str(), nullptr));
    rest = m.suffix().str();
  }
  cleaned += rest;
  return fmt::format("error: {} (usage: concord ... --help; exit status {})", cleaned, kUsageErrorStatus);
}

}  // namespace concord::cli

#include "concord/common/limits.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <limits>
#include <sstream>

namespace concord::limits {

std::optional<std::uint64_t> available_memory() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kb = 0;
  std::string unit;
  while (in >> key >> kb) {
    std::getline(in, unit);
    if (key == "MemAvailable:") return kb * 1024;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
  return std::nullopt;
}

std::string human_bytes(std::uint64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (b >= 1e9) return fmt::format("{:.1f} GB", b / 1e9);
  if (b >= 1e6) return fmt::format("{:.0f} MB", b / 1e6);
  if (b >= 1e3) return fmt::format("{:.0f} kB", b / 1e3);
  return fmt::format("{} bytes", bytes);
}

std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) return std::nullopt;
  return a * b;
}

MemoryEstimate& MemoryEstimate::add(std::string what, std::uint64_t bytes) {
  parts.emplace_back(std::move(what), bytes);
  return *this;
}

std::uint64_t MemoryEstimate::total() const {
  std::uint64_t t = 0;
  for (const auto& p : parts) {
    t = p.second > std::numeric_limits<std::uint64_t>::max() - t ? std::numeric_limits<std::uint64_t>::max()
                                                                   : t + p.second;
  }
  return t;
}

std::string MemoryEstimate::str() const {
  std::string out = human_bytes(total());
  std::string detail;
  for (const auto& [what, bytes] : parts) {
    if (bytes == 0) continue;
    detail += fmt::format("{}{} {}", detail.empty() ? "" : ", ", what, human_bytes(bytes));
  }
  if (!detail.empty()) out += " (" + detail + ")";
  return out;
}

void check_memory(const MemoryEstimate& estimate, const Location& where, std::string_view reduce,
                  std::optional<std::uint64_t> available) {
  if (!available) available = available_memory();
  if (!available) return;
  // leave a quarter for the program, the libraries and the page cache of the store
  const std::uint64_t usable = *available / 4 * 3;
  if (estimate.total() <= usable) return;
  throw InputError(where, fmt::format("this plan needs about {} of memory, more than the {} this machine has "
                                      "available; {}",
                                      estimate.str(), human_bytes(usable), reduce));
}

void check_range(std::uint64_t value, std::uint64_t lo, std::uint64_t hi, const Location& where,
                 std::string_view what) {
  if (value < lo || value > hi) {
    throw InputError(where, fmt::format("expected {} from {} to {}, got {}", what, lo, hi, value));
  }
}

}  // namespace concord::limits

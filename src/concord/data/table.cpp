#include "concord/data/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "concord/common/error.hpp"

namespace concord::data {

std::size_t ReadReport::missing_in(std::string_view field) const {
  for (const auto& m : missing) {
    if (m.field == field) return m.count;
  }
  return 0;
}

std::size_t ReadReport::rows_skipped() const {
  std::size_t n = 0;
  for (const auto& s : skipped) n += s.count;
  return n;
}

void ReadReport::skip(std::string_view reason, long line, std::size_t n) {
  for (auto& s : skipped) {
    if (s.reason == reason) {
      s.count += n;
      return;
    }
  }
  skipped.push_back(SkippedRows{std::string(reason), n, line});
}

std::string ReadReport::missing_summary() const {
  std::size_t total = 0;
  std::string parts;
  for (const auto& m : missing) {
    if (m.count == 0) continue;
    total += m.count;
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} {}", m.field, m.count);
  }
  if (total == 0) return "0 missing";
  return fmt::format("{} missing ({})", total, parts);
}

namespace {
int key_year(std::uint64_t key) { return static_cast<int>(key & 0xFFFFU) - 32768; }
int key_ccode2(std::uint64_t key) { return static_cast<int>((key >> 16) & 0xFFFFU); }
int key_ccode1(std::uint64_t key) { return static_cast<int>((key >> 32) & 0xFFFFU); }
}  // namespace

std::string describe_state_year(std::uint64_t key) {
  return fmt::format("ccode {}, year {}", key_ccode2(key), key_year(key));
}

std::string describe_dyad_year(std::uint64_t key) {
  return fmt::format("ccode1 {}, ccode2 {}, year {}", key_ccode1(key), key_ccode2(key), key_year(key));
}

KeyIndex KeyIndex::build(std::span<const std::uint64_t> keys, std::span<const std::uint32_t> lines,
                         const std::string& file, const std::string& what,
                         std::string (*describe)(std::uint64_t)) {
  std::vector<std::uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  KeyIndex index;
  index.keys_.resize(keys.size());
  index.rows_.resize(keys.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    index.keys_[i] = keys[order[i]];
    index.rows_[i] = order[i];
    if (i > 0 && index.keys_[i] == index.keys_[i - 1]) {
      std::uint32_t first = std::min(order[i - 1], order[i]);
      std::uint32_t second = std::max(order[i - 1], order[i]);
      long line = second < lines.size() ? static_cast<long>(lines[second]) : 0;
      long first_line = first < lines.size() ? static_cast<long>(lines[first]) : 0;
      throw InputError(Location{file, line, 0, ""},
                       fmt::format("duplicate {} ({}); first on line {}; each {} must appear once", what,
                                   describe(keys[order[i]]), first_line, what));
    }
  }
  return index;
}

std::optional<std::size_t> KeyIndex::find(std::uint64_t key) const noexcept {
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (it == keys_.end() || *it != key) return std::nullopt;
  return rows_[static_cast<std::size_t>(it - keys_.begin())];
}

StateYearIndex StateYearIndex::build(std::span<const int> ccode, std::span<const int> year,
                                     std::span<const std::uint32_t> lines, const std::string& file) {
  std::vector<std::uint64_t> keys(ccode.size());
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = state_year_key(ccode[i], year[i]);
  StateYearIndex out;
  out.index_ = KeyIndex::build(keys, lines, file, "state-year", &describe_state_year);
  return out;
}

DyadYearIndex DyadYearIndex::build(std::span<const int> ccode1, std::span<const int> ccode2,
                                   std::span<const int> year, std::span<const std::uint32_t> lines,
                                   const std::string& file, const std::string& what) {
  std::vector<std::uint64_t> keys(ccode1.size());
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = dyad_year_key(ccode1[i], ccode2[i], year[i]);
  DyadYearIndex out;
  out.index_ = KeyIndex::build(keys, lines, file, what, &describe_dyad_year);
  return out;
}

Coverage coverage(std::span<const int> ccode, std::span<const int> year) {
  Coverage c;
  if (!year.empty()) {
    auto [lo, hi] = std::minmax_element(year.begin(), year.end());
    c.first_year = *lo;
    c.last_year = *hi;
  }
  std::set<int> states(ccode.begin(), ccode.end());
  c.states = states.size();
  return c;
}

}  // namespace concord::data

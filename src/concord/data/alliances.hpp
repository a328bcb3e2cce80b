// ATOP 5.1 directed dyad-year alliance obligations, mapped to the 0..3 alliance level of
// MODEL.md: 3 defense or offense pledge, 2 neutrality or consultation, 1 non-aggression only,
// 0 no alliance (dyad-years absent from the file are 0).
//
// Source: Leeds, Ritter, Mitchell & Long (2002), "Alliance Treaty Obligations and Provisions,
// 1815-1944", International Interactions 28: 237-260; ATOP v5.1 codebook (Leeds et al. 2022);
// repackaged (atop5_1ddyr) by S. V. Miller, peacesciencer. No missing values are expected:
// every obligation cell must be 0 or 1.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

/// The 0..3 level of MODEL.md from ATOP obligation flags.
[[nodiscard]] constexpr int atop_alliance_level(bool defense, bool offense, bool neutral, bool nonagg,
                                                bool consul) noexcept {
  if (defense || offense) return 3;
  if (neutral || consul) return 2;
  if (nonagg) return 1;
  return 0;
}

struct AtopDyadYears {
  std::vector<int> ccode1;
  std::vector<int> ccode2;
  std::vector<int> year;
  std::vector<std::uint8_t> defense, offense, neutral, nonagg, consul;  ///< 0/1
  std::vector<std::uint8_t> level;                                      ///< 0..3 (atop_alliance_level)
  std::vector<std::uint32_t> line;
  DyadYearIndex index;  ///< directed (ccode1, ccode2, year), unique
  ReadReport report;
  /// Last year of the file (ATOP 5.1: 2018). After it an alliance is missing, not "none".
  int last_year = 0;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
  /// Alliance level of the directed dyad in `year`; 0 if the dyad-year is not in the file;
  /// -1 (missing) if `year` is after last_year.
  [[nodiscard]] int level_of(int state1, int state2, int in_year) const noexcept;
};

/// Reads atop_alliance_ddyr_peacesciencer.csv (ccode1, ccode2, year, atop_defense, atop_offense,
/// atop_neutral, atop_nonagg, atop_consul). A flag other than 0/1 or a duplicate directed
/// dyad-year is an InputError.
AtopDyadYears read_atop_dyad_years(const std::filesystem::path& file);

}  // namespace concord::data

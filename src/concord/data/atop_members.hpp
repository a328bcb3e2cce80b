// ATOP 4.01 member-level file: one row per alliance-member-phase, with each member's own
// obligations (a defense or offense pledge is the member's promise to the other members) and the
// conditions attached to them. Used where the direction of an obligation matters (war joining,
// Leeds 2003), which the ATOP 5.1 dyad-year file does not record.
//
// Source: Leeds, Ritter, Mitchell & Long (2002), International Interactions 28: 237-260; ATOP
// v4.0 codebook (Leeds 2018): yrexit = 0 for a membership not ended; defcoadv / offcoadv = 1 when
// the pledge applies only against specific adversaries, named (when the codebook could) in
// statthr1 / statthr2 (COW codes; 0 none); defcoloc / offcoloc = 1 when it applies only in
// specific locations (which ones the file does not say).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

struct AtopMembers {
  std::vector<int> atopid, member, yrent, moent, yrexit, moexit;
  std::vector<std::uint8_t> defense, offense, defcoadv, offcoadv;
  std::vector<std::uint8_t> defcoloc, offcoloc;  ///< the pledge applies only in named locations
  std::vector<int> statthr1, statthr2;  ///< named threatening states (COW code; 0 none or not coded)
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return atopid.size(); }
  /// True if row `i`'s membership is in force at (year, month): entered by then and not exited
  /// before (a month of 0 counts as the whole year).
  [[nodiscard]] bool in_force(std::size_t i, int year, int month) const noexcept;
};

/// Reads atop-member-level.csv. A flag other than 0/1 or an exit before entry is an InputError.
AtopMembers read_atop_members(const std::filesystem::path& file);

}  // namespace concord::data

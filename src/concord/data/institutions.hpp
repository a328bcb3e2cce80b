// Institutions: COW IGO 3.0 (state-year membership counts and the long membership extract of
// 24 IGOs) and the hand-compiled Asia-Pacific institutions list (ARF, EAS, ADMM-Plus, ASEAN, SCO,
// APEC, Quad, AUKUS).
//
// Source: Pevehouse, Nordstrom, McManus & Jamison (2020), "Tracking Organizations in the World:
// The Correlates of War IGO Version 3.0 Datasets", JPR 57(3): 492-503 (via igoR and
// peacesciencer). IGO data are at 5-year intervals before 1965 and annual from 1965 to 2014.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

/// cow_igo_sy: per state-year counts of IGO memberships by status.
struct IgoStateYearCounts {
  std::vector<int> ccode;
  std::vector<int> year;
  std::vector<int> full, associate, observer, anytype;
  std::vector<std::uint32_t> line;
  StateYearIndex index;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
};
IgoStateYearCounts read_igo_state_year_counts(const std::filesystem::path& file);

/// Long IGO membership rows: status 1 full member, 2 associate, 3 observer.
struct IgoMemberships {
  std::vector<std::string> ioname;
  std::vector<int> ccode;
  std::vector<int> year;
  std::vector<int> status;
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
  /// ccodes with `status_wanted` (default full) in `ioname` in `year`, ascending.
  [[nodiscard]] std::vector<int> members(std::string_view organisation, int in_year, int status_wanted = 1) const;
};
/// Reads igo_membership_selected_long.csv (ioname, ccode, state, year, status). Status outside
/// 1..3 or a duplicate (ioname, ccode, year) is an InputError.
IgoMemberships read_igo_memberships(const std::filesystem::path& file);

/// asia_pacific_institutions/memberships.csv. Non-state participants (EU, Hong Kong) have
/// ccode 0 (empty in the file, counted as missing).
struct InstitutionMemberships {
  std::vector<std::string> institution;
  std::vector<int> ccode;
  std::vector<std::string> stateabb;
  std::vector<std::string> participant;
  std::vector<int> joined;
  std::vector<std::string> role;
  std::vector<std::string> note;
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
  /// ccodes of state members of `institution` that had joined by `year`, ascending.
  [[nodiscard]] std::vector<int> members(std::string_view name, int in_year) const;
};

/// Reads memberships.csv (institution, ccode, stateabb, participant, joined, role, note). The note
/// is the last column and free text: a row with an unquoted comma in it keeps the whole rest of
/// the line as the note, and the report notes the line. Duplicate (institution, participant) is
/// an InputError.
InstitutionMemberships read_institution_memberships(const std::filesystem::path& file);

}  // namespace concord::data

// COW National Material Capabilities (NMC), versions 6.0 and 7.0.
//
// Source: Singer, Bremer & Stuckey (1972); Greig & Enterline, NMC Data Documentation v6.0
// (2021) and v7.0. v6 is the abridged COW CSV (`-9` = missing); v7 is peacesciencer's export of
// NMC-70-abridged (missing = empty cell, no stateabb column).
// Units: milex thousands of current GBP (1816-1913) / current USD (1914-); milper thousands;
// irst thousands of tons; pec thousands of coal-ton equivalents; tpop and upop thousands.
#pragma once

#include <array>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "concord/data/table.hpp"
#include "concord/measures/cinc.hpp"

namespace concord::data {

enum class NmcVersion { v6, v7 };

/// One row per state-year. Missing component = NaN.
struct NmcTable {
  NmcVersion version = NmcVersion::v7;
  std::vector<int> ccode;
  std::vector<int> year;
  std::vector<std::string> stateabb;  ///< v6: from the file; v7: empty (join the state list)
  std::vector<double> milex, milper, irst, pec, tpop, upop;
  std::vector<double> cinc;  ///< the published value
  std::vector<std::uint32_t> line;
  StateYearIndex index;
  ReadReport report;

  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
  /// The six component columns in CincComponent order, for measures::cinc.
  [[nodiscard]] std::array<std::span<const double>, measures::kCincComponentCount> components() const;
};

/// Reads an NMC file. v6 expects columns stateabb, ccode, year, milex, milper, irst, pec, tpop,
/// upop, cinc with -9 = missing; v7 expects ccode, year, the six components and cinc with empty
/// = missing (a -9 in v7 is also read as missing and counted). Duplicate state-year: InputError.
NmcTable read_nmc(const std::filesystem::path& file, NmcVersion version);

/// `data_dir`/paths::kNmcV6 or kNmcV7.
std::filesystem::path nmc_path(const std::filesystem::path& data_dir, NmcVersion version);

/// CINC recomputed from the six components, year by year, with measures::cinc (mean of the
/// available shares). The system of a year is every row of that year in the table.
std::vector<double> recompute_cinc(const NmcTable& nmc);

}  // namespace concord::data

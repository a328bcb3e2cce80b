// Regime scores per COW state-year: V-Dem polyarchy (and Polity2, UDS) from peacesciencer's
// `ccode_democracy` (V-Dem v10, to 2019) or isard's `cw_democracy` (V-Dem v16, to 2025).
//
// Sources: Coppedge et al., V-Dem Codebook (v10, 2020; v16, 2025); Marshall, Gurr & Jaggers,
// Polity IV / Polity5; Pemstein, Meserve & Melton (2010); Marquez (2016). Repackaged by
// S. V. Miller, peacesciencer (CMPS 39(6), 2022) and isard. Missing values are empty cells.
#pragma once

#include <filesystem>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

enum class DemocracySource { peacesciencer, isard };

struct DemocracyTable {
  DemocracySource source = DemocracySource::peacesciencer;
  std::vector<int> ccode;
  std::vector<int> year;
  std::vector<double> v2x_polyarchy;  ///< 0..1; NaN missing
  std::vector<double> polity2;        ///< -10..10; NaN missing
  std::vector<double> xm_qudsest;     ///< peacesciencer only (NaN in isard)
  std::vector<double> euds;           ///< isard only (NaN in peacesciencer)
  std::vector<double> aeuds;          ///< isard only
  std::vector<std::uint32_t> line;
  StateYearIndex index;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
  /// Polyarchy at (ccode, year), NaN if absent.
  [[nodiscard]] double polyarchy(int state, int in_year) const noexcept;
};

/// Reads ccode_democracy_peacesciencer.csv (ccode, year, v2x_polyarchy, polity2, xm_qudsest) or
/// cw_democracy_isard.csv (ccode, year, euds, aeuds, polity2, v2x_polyarchy).
DemocracyTable read_democracy(const std::filesystem::path& file, DemocracySource source);

}  // namespace concord::data

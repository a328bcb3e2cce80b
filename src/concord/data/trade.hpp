// COW Trade 4.0: national totals and the Asia-Pacific dyadic extract.
//
// Source: Barbieri, Keshk & Pollins (2009), "TRADING DATA: Evaluating our Assumptions and Coding
// Rules", CMPS 26(5): 471-491; Barbieri & Keshk (2016), COW Trade Data Set Codebook v4.0.
// Units: millions of current US dollars. National file: -9 = missing. Dyadic extract
// (peacesciencer cow_trade_ndy): -9 recoded to empty, flows rounded to whole millions.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

struct NationalTrade {
  std::vector<int> ccode;
  std::vector<std::string> stateabb;
  std::vector<int> year;
  std::vector<double> imports;  ///< US$ m current; NaN missing
  std::vector<double> exports;  ///< US$ m current; NaN missing
  std::vector<std::uint32_t> line;
  StateYearIndex index;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
};

/// Reads National_COW_4.0.csv (ccode, statename, stateabb, year, imports, exports, ...).
NationalTrade read_national_trade(const std::filesystem::path& file);

/// Non-directed dyad-years, ccode1 < ccode2.
struct DyadicTrade {
  std::vector<int> ccode1;
  std::vector<int> ccode2;
  std::vector<int> year;
  std::vector<double> flow1;  ///< imports of ccode1 from ccode2, US$ m current; NaN missing
  std::vector<double> flow2;  ///< imports of ccode2 from ccode1
  std::vector<double> smoothflow1, smoothflow2;
  std::vector<std::uint32_t> line;
  DyadYearIndex index;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
  /// Imports of `importer` from `exporter` in `year` (either order of the file), NaN if absent.
  [[nodiscard]] double imports(int importer, int exporter, int in_year) const noexcept;
};

/// Reads cow_trade_ndy_asiapac_peacesciencer.csv (ccode1, ccode2, year, flow1, flow2,
/// smoothflow1, smoothflow2). A row with ccode1 >= ccode2 is an InputError.
DyadicTrade read_dyadic_trade(const std::filesystem::path& file);

}  // namespace concord::data

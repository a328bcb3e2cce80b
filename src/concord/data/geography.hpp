// Geography of dyads: COW direct contiguity 3.2 spells, capitals with coordinates (for
// capital-to-capital great-circle distance, computed by the scenario builder with
// measures::great_circle_km), and CShapes 2.0 minimum distance between borders.
//
// Sources: Stinnett, Tir, Schafer, Diehl & Gochman (2002), "The COW Direct Contiguity Data,
// Version 3", CMPS 19(2): 58-66. Capitals: peacesciencer `cow_capitals` (S. V. Miller 2022).
// Minimum distance: Schvitz et al. (2022), "Mapping the International System, 1886-2017: The
// CShapes 2.0 Dataset", JCR 66(1): 144-161, via peacesciencer `cow_mindist`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

/// Directed contiguity spells (both orders of each dyad are in the file).
/// conttype: 1 land or river border; 2, 3, 4 separated by up to 12, 24, 150 miles of water;
/// 5 up to 400 miles; 0 = peacesciencer's "no contiguity" spell before the first contiguity.
struct ContiguitySpells {
  std::vector<int> ccode1;
  std::vector<int> ccode2;
  std::vector<int> conttype;
  std::vector<Date> start;  ///< COW gives year and month; day is 01
  std::vector<Date> end;
  std::vector<std::uint32_t> line;
  ReadReport report;
  /// Year of the latest spell end in the file (3.2: 2016). After it contiguity is missing.
  int last_year = 0;
  [[nodiscard]] std::size_t size() const noexcept { return ccode1.size(); }
  /// Closest contiguity type (smallest nonzero conttype) of any spell of (ccode1, ccode2) that
  /// overlaps `year`; 0 if none (not contiguous); -1 (missing) if `year` is after last_year.
  [[nodiscard]] int conttype_in(int state1, int state2, int in_year) const noexcept;
};

/// Reads cow_contdir_peacesciencer.csv (ccode1, ccode2, conttype, stdate, enddate).
ContiguitySpells read_contiguity(const std::filesystem::path& file);

/// Capital cities with coordinates, one row per (state, capital spell).
struct Capitals {
  std::vector<int> ccode;
  std::vector<std::string> statenme;
  std::vector<std::string> capital;
  std::vector<Date> start;
  std::vector<Date> end;
  std::vector<double> lat;  ///< degrees north
  std::vector<double> lng;  ///< degrees east
  std::vector<std::uint32_t> line;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return ccode.size(); }
  /// Row of the capital of `ccode` in `year` (the spell in force on 1 July; else any spell
  /// overlapping the year), or nullopt.
  [[nodiscard]] std::optional<std::size_t> find(int state, int in_year) const noexcept;
};

/// Reads cow_capitals.csv (ccode, statenme, capital, stdate, enddate, lat, lng). Latitude
/// outside [-90, 90] or longitude outside [-180, 180] is an InputError.
Capitals read_capitals(const std::filesystem::path& file);

/// Non-directed dyad-years (ccode1 < ccode2) with the minimum distance between borders on 1 Jan.
struct MinDistance {
  std::vector<int> ccode1;
  std::vector<int> ccode2;
  std::vector<int> year;
  std::vector<double> mindist_km;  ///< 0 for contiguous states
  std::vector<std::uint32_t> line;
  DyadYearIndex index;
  ReadReport report;
  [[nodiscard]] std::size_t size() const noexcept { return year.size(); }
  /// km between a and b in `year` (either order), NaN if absent.
  [[nodiscard]] double km(int a, int b, int in_year) const noexcept;
};

/// Reads cow_mindist_asiapac_peacesciencer.csv (ccode1, ccode2, year, mindist).
MinDistance read_min_distance(const std::filesystem::path& file);

}  // namespace concord::data

// The years each dataset version covers, and the rule that follows: past a dataset's last year a
// value is missing, never 0. An alliance absent from ATOP 5.1 in 2015 is "no alliance"; in 2020
// it is unknown, because ATOP 5.1 ends in 2018. The same holds for contiguity after its last
// spell, the majors list of a version after its last year, MID 5.0 after 2014 and COW inter-state
// wars 4.0 after 2007 (the last war of that dataset began in 2003, so the last year holding a
// war is not its last year).
//
// Readers set each table's `last_year` from the file (the latest year it holds: ATOP, MID,
// contiguity spells, state-system spells) or, where the file cannot show it, from the codebook
// (kInterStateWar40). Commands whose window passes a dataset's coverage refuse with
// `require_within`, naming the dataset and its last year, unless they offer an explicit option
// to carry the last values forward, which they then print and record (docs/data.md, "Coverage").
#pragma once

#include <string>
#include <string_view>

#include "concord/common/error.hpp"

namespace concord::data {

/// A dataset's name and the last year its codebook covers.
struct DatasetCoverage {
  std::string_view dataset;
  int last_year = 0;
};

/// COW Inter-State War Data 4.0 (Sarkees & Wayman 2010, "Resort to War: 1816-2007"): 1816-2007.
inline constexpr DatasetCoverage kInterStateWar40{"COW inter-state wars 4.0", 2007};
/// COW MID 5.0 (Palmer et al. 2022): 1816-2014.
inline constexpr DatasetCoverage kMid50{"COW MID 5.0", 2014};
/// ATOP 5.1 (Leeds et al. 2022): 1815-2018.
inline constexpr DatasetCoverage kAtop51{"ATOP 5.1", 2018};
/// COW Direct Contiguity 3.2 (Stinnett et al. 2002; v3.2 to 2016).
inline constexpr DatasetCoverage kContiguity32{"COW Direct Contiguity 3.2", 2016};

/// "ATOP 5.1 ends in 2018".
[[nodiscard]] std::string ends_in(std::string_view dataset, int last_year);

/// Throws InputError at `where` if `last` > `last_year`: "<what> FIRST-LAST passes the coverage of
/// DATASET, which ends in LAST_YEAR: its values after LAST_YEAR are missing, not 0" and, when
/// `carry_option` is given, "; pass OPTION to carry the LAST_YEAR values forward".
void require_within(std::string_view dataset, int last_year, int first, int last, const Location& where,
                    std::string_view what, std::string_view carry_option = {});

}  // namespace concord::data

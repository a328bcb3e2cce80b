// Power transitions: parity and overtaking between pairs of states (Organski & Kugler), over a
// capability time series (for `validate transitions`) or one engine step (MODEL.md phase 4).
//
// Definitions used throughout the project:
// - capability ratio of a dyad = weaker / stronger, in [0, 1];
// - the dyad is at PARITY when that ratio is >= a threshold, 0.8 by default ("the weaker has at
//   least 80 per cent of the capability of the stronger", Organski & Kugler 1980; Lemke &
//   Kugler 1996 use the same band);
// - OVERTAKING of j by i happens in the first year t where c_i(t) > c_j(t) after the most recent
//   earlier observed year in which the two differed had c_i < c_j. Years in which they are
//   exactly equal are passed over (the order before the tie is remembered). A missing value
//   (NaN: not a system member, or not observed) interrupts the series: the order is forgotten,
//   so a state absent for some years (occupation, a gap in the data) is not credited with an
//   overtaking across the gap.
//
// Pure functions without allocation: outputs go to caller-provided spans. Each function returns
// the total number of events found; it writes the first min(total, out.size()) of them, so a
// caller can size its buffer with a first call on an empty span.
//
// Sources:
//   Organski, A. F. K. & Kugler, J. (1980). The War Ledger. University of Chicago Press.
//   Lemke, D. & Kugler, J. (1996). The evolution of the power transition perspective. In
//     Kugler & Lemke (eds.), Parity and War. University of Michigan Press.
#pragma once

#include <cstddef>
#include <span>

namespace concord::measures {

/// Default parity threshold (weaker / stronger), Organski & Kugler.
inline constexpr double kParityThreshold = 0.8;

/// Weaker / stronger capability of a dyad, in [0, 1]. NaN if either value is NaN or both are 0.
/// Capabilities are non-negative (CINC or any index); units cancel.
[[nodiscard]] double capability_ratio(double a, double b) noexcept;

/// True when the dyad is at parity: capability_ratio(a, b) >= threshold (false when the ratio
/// is NaN).
[[nodiscard]] bool at_parity(double a, double b, double threshold = kParityThreshold) noexcept;

/// One overtaking: in `year`, state `overtaker` passed state `overtaken` (ids as given by the
/// caller, typically COW ccodes).
struct OvertakingEvent {
  int year = 0;
  int overtaker = 0;
  int overtaken = 0;
  friend bool operator==(const OvertakingEvent&, const OvertakingEvent&) = default;
};

/// A maximal run of consecutive observed years in which a dyad stayed at parity. a and b are the
/// two states' ids in the order they appear in the series (a before b).
struct ParitySpell {
  int a = 0;
  int b = 0;
  int first_year = 0;
  int last_year = 0;
  friend bool operator==(const ParitySpell&, const ParitySpell&) = default;
};

/// A capability time series of N states over T observations, structure of arrays:
/// capability[i * T + t] is state i's capability in years[t]; NaN means not observed.
/// years must be strictly increasing (usually consecutive calendar years).
struct CapabilitySeries {
  std::span<const int> years;          ///< T observation years
  std::span<const int> ids;            ///< N state ids (ccodes)
  std::span<const double> capability;  ///< N * T values, row-major by state
};

/// Every overtaking in the series between every pair of the N states, sorted by
/// (year, overtaker, overtaken) when they all fit in `out`.
/// @returns the total number of overtakings (may exceed out.size(); then only the first
///          out.size(), in pair order, are written and not sorted).
/// @throws std::invalid_argument if capability.size() != N * T or years are not increasing.
std::size_t find_overtakings(const CapabilitySeries& series, std::span<OvertakingEvent> out);

/// Every parity spell in the series between every pair of the N states, sorted by
/// (first_year, a, b) when they all fit in `out`.
/// @returns the total number of spells (same truncation rule as find_overtakings).
/// @throws std::invalid_argument as find_overtakings, or if threshold is not in (0, 1].
std::size_t find_parity_spells(const CapabilitySeries& series, std::span<ParitySpell> out,
                               double threshold = kParityThreshold);

/// Overtakings in one engine step: pairs whose strict order at `previous` is reversed, strictly,
/// at `current` (a tie at either end is not an overtaking here: the engine's capabilities are
/// continuous, so exact ties do not arise in practice; use find_overtakings for observed data).
/// Events carry `year` (the year of `current`) and ids[i]. Order: by pair (i < j), unsorted.
/// @returns the total number found (same truncation rule).
/// @throws std::invalid_argument if the three spans differ in length.
std::size_t overtakings_in_step(int year, std::span<const double> previous, std::span<const double> current,
                                std::span<const int> ids, std::span<OvertakingEvent> out);

}  // namespace concord::measures

// The COW Composite Index of National Capability (CINC).
//
// Source: Singer, Bremer & Stuckey (1972), "Capability Distribution, Uncertainty, and Major
// Power War, 1820-1965", in Russett (ed.), Peace, War, and Numbers; COW NMC codebook (v6.0,
// Greig & Enterline 2021). Formula (MODEL.md section 2.3; REFERENCES.md "CINC"):
//
//   share_ik = x_ik / sum_{j : x_jk present} x_jk        for each component k present for state i
//   CINC_i   = mean over the components k present for state i of share_ik
//
// A missing component (NaN here; -9 in the raw NMC CSV, an empty cell in the peacesciencer
// export) is left out of both the system total and the state's mean. 0 is a real value. This
// reproduces the published `cinc` column of NMC v6 and v7 on every row to within 2.5e-8;
// counting missing as 0 and dividing by 6 does not (off by 0.058 for China, 1860).
//
// The same function serves the data layer (one call per year of NMC) and the engine (one call
// per simulated year over its flat component arrays).
#pragma once

#include <array>
#include <cstddef>
#include <span>

namespace concord::measures {

/// The six NMC components, in the codebook's order.
enum class CincComponent : std::size_t { milex = 0, milper, irst, pec, tpop, upop };
inline constexpr std::size_t kCincComponentCount = 6;
inline constexpr std::array<const char*, kCincComponentCount> kCincComponentNames = {
    "milex", "milper", "irst", "pec", "tpop", "upop"};

/// CINC of every state of one system-year.
///
/// `components[k][i]` is component k (order of CincComponent) of state i; NaN means missing.
/// Units are irrelevant (shares), but must be the same for all states of a component.
/// `out[i]` receives state i's CINC in [0, 1]; NaN if the state has no component at all.
/// A component whose present values sum to 0 gives no distribution and is treated as missing
/// for every state (modelling rule; it never occurs in NMC).
///
/// Throws std::invalid_argument if the spans differ in length from `out`, or if a value is
/// negative or infinite (a raw -9 code left in by mistake). Allocates nothing; O(6 n).
void cinc(const std::array<std::span<const double>, kCincComponentCount>& components, std::span<double> out);

/// Same, over rows of one table that belong to the year being computed: `rows` lists the row
/// numbers of one system-year in the component columns, `out` is indexed by those row numbers
/// (out.size() must equal the column length). Used to recompute a whole panel year by year.
void cinc_rows(const std::array<std::span<const double>, kCincComponentCount>& components,
               std::span<const std::size_t> rows, std::span<double> out);

}  // namespace concord::measures

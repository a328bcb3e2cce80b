// Spatial models of collective decisions over actors with capability, position and salience.
//
// Layout (structure of arrays): n actors, k issue dimensions. `capability` has n entries;
// `position` and `salience` have k * n entries, dimension-major: entry d * n + i is actor i on
// issue d. Capability is any non-negative power measure (CINC share, KTAB "Power"); salience is
// in [0, 1]; positions are on the issue's own scale.
//
// Sources: compromise model and weighted median, Bueno de Mesquita (1994), "Political Forecasting:
// An Expected Utility Method", in Bueno de Mesquita & Stokman (eds.), European Community Decision
// Making; Achen (2006), "Evaluating political decision-making models", in Thomson et al. (eds.),
// The European Union Decides. Asymmetric Nash bargaining solution: Nash (1950), Kalai (1977).
#pragma once

#include <cstddef>
#include <span>

namespace concord::bargain {

/// Actors of a bargaining problem as parallel arrays (see the layout above).
struct ActorsView {
  std::span<const double> capability;  ///< n entries, >= 0
  std::span<const double> position;    ///< k * n entries, dimension-major
  std::span<const double> salience;    ///< k * n entries, dimension-major, in [0, 1]

  [[nodiscard]] std::size_t actors() const noexcept { return capability.size(); }
  [[nodiscard]] std::size_t dimensions() const noexcept {
    return capability.empty() ? 0 : position.size() / capability.size();
  }
};

/// Checks the shapes of `actors` (non-empty, position and salience k * n, capability and
/// salience non-negative, finite values). Throws std::invalid_argument naming what is wrong.
void check_actors(const ActorsView& actors);

/// Compromise model: on each issue d, sum_i c_i s_id x_id / sum_i c_i s_id (the capability x
/// salience weighted mean; Achen 2006). Writes k values to `out`. If every weight on an issue
/// is 0, the unweighted mean is used. On BdM's EC data (REFERENCES.md) it is 7.389955686853767.
void compromise(const ActorsView& actors, std::span<double> out);

/// Weighted median: on each issue, the smallest position x such that the capability x salience
/// weight of actors at or below x is at least half the total (the position of the median voter
/// when voters' weights are c * s; Black 1948, BdM 1994). Writes k values to `out`.
/// `scratch` must hold n entries (caller-owned; no allocation). EC data: 7.
void weighted_median(const ActorsView& actors, std::span<double> out, std::span<std::size_t> scratch);

/// How actors value an outcome in the Nash bargaining solution.
enum class Loss : unsigned char {
  linear,     ///< u_i(y) = -sum_d s_id |y_d - x_id|
  quadratic,  ///< u_i(y) = -sum_d s_id (y_d - x_id)^2
};

/// Options of the asymmetric Nash bargaining solution.
struct NashOptions {
  Loss loss = Loss::quadratic;
  double tolerance = 1e-12;   ///< relative tolerance on the outcome (NLopt xtol_rel)
  int max_evaluations = 20000;
};

/// Asymmetric Nash bargaining solution (Kalai 1977): the outcome y in the box spanned by the
/// actors' positions that maximises sum_i c_i log(u_i(y) - d_i), bargaining power = capability.
/// `disagreement` holds d_i (n utilities); if empty, each actor's disagreement utility is its
/// utility at the far end of the range on every issue, d_i = u_i(worst corner of the box), so
/// that conflict is the worst outcome short of leaving the box. Writes k values to `out`.
/// Solved with NLopt's BOBYQA from the compromise point (the objective is concave, so the
/// maximiser is unique when it is interior). Closed form for checking: two actors at 0 and 1 on
/// one issue, linear loss, salience 1, d = -1 each, give y = c_2 / (c_1 + c_2).
/// Throws std::invalid_argument on bad shapes, std::runtime_error if NLopt fails or if the
/// disagreement point leaves no outcome that every actor prefers to it.
void nash_bargaining(const ActorsView& actors, std::span<const double> disagreement,
                     const NashOptions& options, std::span<double> out);

}  // namespace concord::bargain

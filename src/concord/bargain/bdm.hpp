// Bueno de Mesquita's expected-utility model of group decisions, as Scholz, Calbert & Smith
// (2011), "Unravelling Bueno De Mesquita's group decision model", Journal of Theoretical
// Politics 23(4): 510-531, write it; and the variant that reproduces their published figure.
//
// Each issue dimension is bargained separately (BdM treats issues one at a time; capability is
// shared across issues, position and salience are per issue).
//
// Per round, on one issue (i evaluates challenging j; D = range of the starting positions, fixed;
// mu = capability x salience weighted mean of the current positions; d_ij = |x_i - x_j| / D):
//   U_s = 2 - 4 (0.5 - 0.5 d_ij)^r_i,   U_f = 2 - 4 (0.5 + 0.5 d_ij)^r_i,
//   U_b, U_w: the same with 0.25 (|x_i - mu| + |x_i - x_j|) / D in place of 0.5 d_ij,
//   U_sq = 2 - 4 (0.5)^r_i;
//   P_ij = sum_k max(0, v_k) / sum_k |v_k|,  v_k = c_k s_k (|x_k - x_j| - |x_k - x_i|);
//   E_ij = s_j [P_ij U_s + (1 - P_ij) U_f] + (1 - s_j) U_s - Q U_sq - (1 - Q)[T U_b + (1 - T) U_w].
// Risk: with every r = 1, R_i = sum_{j != i} E_ji (how much the others gain by challenging i),
// scaled to [-1, 1] between the smallest and largest R; r_i = (1 - R_i / 3) / (1 + R_i / 3),
// in [0.5, 2]. The utilities are then computed again with r_i. i judges both E_ij and E_ji with
// its own r_i (the model is written from each actor's perspective).
// Offers, simultaneously (x_j != x_i): E_ji > E_ij > 0: confrontation, i moves to x_j;
// E_ji > 0 > E_ij and |E_ij| < E_ji: compromise, i moves to x_i + (x_j - x_i)|E_ij / E_ji|;
// E_ji > 0 > E_ij and |E_ij| > E_ji: capitulation, i moves to x_j. i takes the offer that
// moves it least (ties: the lowest index j). Rounds repeat until no position moves by more than
// `settle_tolerance * D` or `max_rounds` is reached.
//
// The figure variant (BdmVariant::scholz_figure) departs from the printed equations in the three
// places where the public replication that matches the paper's figure does:
//  1. the probability of success has a global denominator, the sum over every voter k and
//     every ordered pair (a, b) of |c_k s_k ((|x_k - x_b| / D)^r_k - (|x_k - x_a| / D)^r_k)|,
//     and the votes in the numerator are likewise scaled by D and raised to the voter's r_k;
//  2. an actor facing no confrontation picks, among its compromise offers, the one whose
//     expected-utility weighted position (|E_ij| x_i + |E_ji| x_j) / (|E_ij| + |E_ji|) is the
//     smallest (still moving by the fraction |E_ij / E_ji|); confrontations take precedence;
//  3. the capitulation branch never fires (its test compares E_ji with |E_ji|).
// docs/model.md ("collective decisions") sets the two side by side.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "concord/bargain/spatial.hpp"

namespace concord::bargain {

enum class BdmVariant : unsigned char {
  scholz_paper,   ///< the equations as Scholz, Calbert & Smith (2011) print them
  scholz_figure,  ///< the variant that reproduces the paper's figure of mean positions
};

/// "bdm" / "bdm-scholz-figure".
[[nodiscard]] std::string_view to_string(BdmVariant variant) noexcept;

struct BdmOptions {
  BdmVariant variant = BdmVariant::scholz_paper;
  int max_rounds = 10;             ///< rounds to run at most (>= 0)
  double settle_tolerance = 1e-9;  ///< settled when no actor moves more than this x D in a round (< 0: never)
  double q = 1.0;                  ///< Q: probability that the status quo persists absent a challenge
  double t = 1.0;                  ///< T: probability that a change absent a challenge helps i
};

/// What happened on one issue, round by round.
///
/// The rounds are a deterministic map of the positions, so once the positions after round s+k
/// repeat those after round s (within settle_tolerance x D) they repeat for ever: with k = 1 the
/// model has settled at round s (the run stops there); with k >= 2 it is in a cycle of period k
/// from round s (the run goes on to max_rounds, the cycle repeating). The predicted outcome is the
/// weighted mean after the settling round, or the mean of the weighted means over the k rounds of
/// the cycle, so it does not depend on where --rounds cuts the cycle (odd or even). A run that
/// neither settles nor cycles within max_rounds predicts the mean after its last round.
struct BdmIssueTrace {
  std::size_t actors = 0;
  int rounds = 0;                ///< rounds run (<= max_rounds)
  bool settled = false;          ///< true if the positions stopped moving before max_rounds
  int settled_round = -1;        ///< r of "settled at round r" (positions after r repeat), else -1
  int cycle_period = 0;          ///< k of "cycle of period k from round r" (>= 2), else 0
  int cycle_start = -1;          ///< r of the cycle, else -1
  double outcome = 0.0;          ///< predicted outcome (see above)
  std::vector<double> position;  ///< (rounds + 1) x n, round-major; row 0 = the input
  std::vector<double> risk;      ///< rounds x n: r_i used in round t + 1
  std::vector<double> mean;      ///< rounds + 1: capability x salience weighted mean per round
  std::vector<double> median;    ///< rounds + 1: weighted median per round

  [[nodiscard]] std::span<const double> positions_after(int round) const {
    return std::span<const double>(position).subspan(static_cast<std::size_t>(round) * actors, actors);
  }
};

/// Runs the model on every issue of `actors` (issues are independent). Returns one trace per
/// issue. Allocates its workspace once per call (O(n^2) doubles), nothing per round.
/// Throws std::invalid_argument on bad shapes (see check_actors) or options.
[[nodiscard]] std::vector<BdmIssueTrace> run_bdm(const ActorsView& actors, const BdmOptions& options);

}  // namespace concord::bargain

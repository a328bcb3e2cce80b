// Balanced disparity: the project's operationalisation of the first mechanism of Acharya's
// consociational security order (MODEL.md phase 4; ESSAY.md; ORDERS.md `balanced-disparity`).
//
// Acharya (2014) describes balanced disparity in words only: in a multipolar structure of
// strong and weak states, coalitions form so that no group gains dominance, while security
// competition continues. No published threshold exists, so the numbers below are a
// MODELLING ASSUMPTION of this project (docs/model.md, section measures):
//
//   capability shares  s_i = c_i / sum c                   (normalised, as in concentration.hpp)
//   coalition shares   S_k = sum_{i in coalition k} s_i    (an unaligned state is a coalition
//                                                           of its own)
//   strongest coalition share  S* = max_k S_k             (MODEL.md section 3 "largest coalition
//                                                           share")
//   unequal            CON > min_concentration            (Ray-Singer CON, default 0.2)
//   no majority        S* <= majority                     (default 0.5: holding a majority means
//                                                           strictly more than half)
//   balanced disparity = unequal AND no majority.
//
// Pure, no allocation: the per-coalition shares go to a caller-provided buffer.
//
// Source: Acharya, A. (2014). Power shift or paradigm shift? China's rise and Asia's emerging
// security order. International Studies Quarterly 58(1), 158-173.
#pragma once

#include <cstddef>
#include <span>

namespace concord::measures {

/// Thresholds of the balanced-disparity test (modelling assumptions, see the file comment).
struct BalancedDisparityOptions {
  /// Capabilities count as unequal when Ray-Singer CON exceeds this (0 = perfectly equal).
  double min_concentration = 0.2;
  /// A coalition dominates when its share of capability exceeds this.
  double majority = 0.5;
};

/// The power structure of a region as the engine records it each year.
struct PowerBalance {
  double con = 0;                        ///< Ray-Singer CON of the states' capabilities
  double effective_poles = 0;            ///< 1 / sum s^2
  double strongest_coalition_share = 0;  ///< S*, in (0, 1]
  /// Label of the strongest coalition, or -1 when the strongest is an unaligned state.
  int strongest_coalition = -1;
  /// When strongest_coalition == -1: index of that unaligned state in the input; else 0.
  std::size_t strongest_unaligned_state = 0;
  bool unequal = false;             ///< CON > min_concentration
  bool no_majority = false;         ///< S* <= majority
  bool balanced_disparity = false;  ///< unequal && no_majority
};

/// Assesses the power balance of a region.
///
/// @param capabilities     c_i >= 0 per state (CINC or any index; normalised here), N >= 2.
/// @param coalition        per state, the label of its coalition (alignment bloc) in
///                         [0, coalition_share.size()), or -1 for an unaligned state; each
///                         state belongs to at most one coalition.
/// @param coalition_share  output buffer, one entry per coalition label: receives S_k (0 for a
///                         label no state carries). May be empty if every state is unaligned.
/// @param options          thresholds.
/// Ties for the strongest are resolved to the first in label order, coalitions before
/// unaligned states.
/// @throws std::invalid_argument if lengths differ, a label is out of range, or the
///         capabilities break the contract of concentration().
[[nodiscard]] PowerBalance assess_power_balance(std::span<const double> capabilities, std::span<const int> coalition,
                                                std::span<double> coalition_share,
                                                const BalancedDisparityOptions& options);

}  // namespace concord::measures

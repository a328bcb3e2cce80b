// A-priori voting power under an institution's decision rule (bargain/decision.hpp): the rule as
// a simple voting game [quota; w_1, ..., w_n], then Shapley-Shubik and Banzhaf indices
// (voting_power.hpp). "A priori": the power the rule gives each member before preferences are
// known (Banzhaf 1965; Shapley & Shubik 1954; Felsenthal & Machover 1998, The Measurement of
// Voting Power, ch. 2-3).
//
// The games, one per rule:
// - unanimity and minority_veto: any member can block, so a coalition wins only with every member
//   ([n; 1, ..., 1]); each member holds 1/n of both indices;
// - consensus_minus_one: one objector is overruled, two block ([n - 1; 1, ..., 1]);
// - qualified_majority: the weights and quota of the rule, exactly for integer weights (quota =
//   ceil(share x total)) and for up to 20 members (enumeration with the real weights); beyond that,
//   real weights are rounded to 1/10000 of their total (generating functions, up to 127 members);
// - directorate: only the directorate decides, by unanimity ([d; 1 per directorate member, 0
//   otherwise]); members outside it hold no power. With no directorate member: unanimity.
// - hegemon: a dictator game ([1; 1 for the hegemon, 0 otherwise]). Without the hegemon: unanimity.
#pragma once

#include <cstdint>
#include <span>

#include "concord/bargain/decision.hpp"
#include "concord/bargain/voting_power.hpp"

namespace concord::bargain {

/// The members' a-priori power under `rule` (DecisionOptions::quota is ignored; `quota_share` is
/// the share of the total weight a qualified majority needs, in (0, 1]). `weight` is needed for
/// qualified_majority (one per member, >= 0), `directorate` for directorate (one flag per member),
/// `hegemon` (index among the members, -1: none) for hegemon. Throws std::invalid_argument for
/// empty members, spans of the wrong length, or (qualified majority) weights that are all zero.
[[nodiscard]] VotingPower rule_voting_power(DecisionRule rule, std::size_t members, std::span<const double> weight,
                                            double quota_share, std::span<const std::uint8_t> directorate,
                                            std::int32_t hegemon);

}  // namespace concord::bargain

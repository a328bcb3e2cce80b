// Decision rules of institutions: how members' positions on one proposal become an outcome.
//
// The engine's institutions phase calls `decide` once per proposal per year, so the API works
// over spans supplied by the caller and allocates nothing.
//
// Terms (one issue dimension; see docs/model.md, "collective decisions"):
// - status quo q and tabled level L (L != q) on the issue scale, e.g. the strength of a code of
//   conduct in [0, 1] with q = 0 meaning "no measure";
// - member i has an ideal level x_i, a salience s_i in [0, 1] and a vote weight w_i >= 0;
// - i's accepted share of the tabled move: a_i = clamp((x_i - q) / (L - q), 0, 1)
//   (1: i wants L or more; 0: i wants no move, or a move the other way);
// - i's opposition o_i = 1 - a_i; i *supports* the proposal (votes yes) iff it weakly prefers L
//   to q under linear loss, |L - x_i| <= |q - x_i|, which is a_i >= 1/2;
// - i's veto score v_i = s_i * o_i (opposition times salience, in [0, 1]).
//
// Rules (each returns passes, the level adopted, and the members that blocked):
// - unanimity: passes at L iff every member supports; blockers = the members that do not.
// - minority_veto (consensus with minority veto, the "ASEAN way"; Acharya 2014): a member
//   blocks iff v_i > veto_threshold. If nobody blocks, the proposal is watered down to what the
//   most reluctant member accepts: level = q + (1 - max_i v_i)(L - q). With every salience 1
//   this is the lowest common denominator, min_i x_i clipped to [q, L].
// - consensus_minus_one (OSCE 1992 practice): objectors are members with v_i > veto_threshold;
//   one objector alone cannot block, two or more do. If it passes, the level is watered down
//   as under minority_veto over the members other than a lone objector.
// - qualified_majority: passes at L iff the supporters win the voting game of game.hpp (weight
//   at least `quota`, with an optional count rule and blocking-minority clause); if it fails,
//   blockers = the non-supporters (the blocking minority).
// - directorate: only members flagged in `directorate` decide, by unanimity among them
//   (a concert of great powers); blockers = directorate members that do not support.
// - hegemon: the member `hegemon` alone decides: passes at L iff it supports; else it blocks.
// A failed proposal leaves the level at q.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace concord::bargain {

/// The decision rules an order can give an institution.
enum class DecisionRule : std::uint8_t {
  unanimity,
  minority_veto,
  consensus_minus_one,
  qualified_majority,
  directorate,
  hegemon,
};

/// "unanimity", "minority-veto", "consensus-minus-one", "qmv", "directorate", "hegemon".
[[nodiscard]] std::string_view to_string(DecisionRule rule) noexcept;

/// Parses the names of to_string (also "qualified-majority"); returns false if unknown.
[[nodiscard]] bool parse_decision_rule(std::string_view name, DecisionRule& out) noexcept;

/// Options of a decision rule (plain struct; defaults are the usual reading of each rule).
struct DecisionOptions {
  DecisionRule rule = DecisionRule::minority_veto;
  /// minority_veto and consensus_minus_one: a member objects iff salience x opposition exceeds
  /// this, in [0, 1]. 0 makes any opposition from a member that cares an objection.
  double veto_threshold = 0.5;
  /// qualified_majority: weight of supporters needed (same units as the weights).
  double quota = 0.0;
  /// hegemon: index of the hegemon among the members.
  std::int32_t hegemon = -1;
  /// qualified_majority: supporters needed in number (count rule; 0: none) and the members a
  /// blocking minority needs (0: no clause). The rule passes iff the supporters form a winning
  /// coalition of VotingGame{quota, min_members, blocking_min_members} (game.hpp), the game
  /// `measure voting-power` measures.
  std::size_t min_members = 0;
  std::size_t blocking_min_members = 0;
};

/// The members of an institution as parallel arrays, all of the same length n.
/// `directorate` may be empty unless the rule is `directorate` (1 = member of the directorate).
/// `weight` may be empty unless the rule is `qualified_majority`.
struct MembersView {
  std::span<const double> position;  ///< ideal level x_i on the issue scale
  std::span<const double> salience;  ///< s_i in [0, 1]
  std::span<const double> weight;    ///< vote weights w_i >= 0 (qualified_majority)
  std::span<const std::uint8_t> directorate;  ///< 1 = in the directorate (directorate rule)
};

/// What a rule made of a proposal.
struct Decision {
  bool passes = false;       ///< true if a measure is adopted
  double level = 0.0;        ///< level adopted (the status quo if it fails)
  std::int32_t blockers = 0; ///< number of members flagged in `blocked`
};

/// Applies `options.rule` to the proposal to move from `status_quo` to `proposal`.
/// `blocked` (length n, caller-owned) receives 1 for each member that blocked, else 0.
/// Allocation-free; O(n).
/// Throws std::invalid_argument if the spans' lengths disagree, a span the rule needs is
/// empty, proposal == status_quo, or the hegemon index is out of range.
Decision decide(const DecisionOptions& options, double status_quo, double proposal,
                const MembersView& members, std::span<std::uint8_t> blocked);

/// a_i = clamp((x - q) / (L - q), 0, 1): the share of the tabled move a member at x accepts.
[[nodiscard]] double accepted_share(double position, double status_quo, double proposal) noexcept;

}  // namespace concord::bargain

// The order-dependent part of P(war | crisis) and of war joining under the fitted conflict
// process (docs/model.md "escalation", "war joining"; docs/orders.md). One place for each rule,
// called by the engine's phases 7-8 and by `concord validate calibration`, so the calibration
// pushes the record through the engine's own code path.
#pragma once

#include "concord/engine/escalation.hpp"
#include "concord/engine/model.hpp"

namespace concord::engine {

/// The order mechanisms' additive log-odds on P(war | crisis). 0 for every order: no order
/// channel has a sourced effect size yet (issue 12 derives them and fills this one place).
[[nodiscard]] inline double order_escalation_offset(const OrderRules& o) noexcept {
  static_cast<void>(o);
  return 0.0;
}

/// The hard rule of a security community (Deutsch 1957; ORDERS.md): two members that both meet
/// the order's regime threshold never fight each other.
[[nodiscard]] inline bool community_peace(const OrderRules& o, double polyarchy_a, double polyarchy_b) noexcept {
  return o.crisis_manager == CrisisManager::community && polyarchy_a >= o.community_threshold &&
         polyarchy_b >= o.community_threshold;
}

/// P(war | crisis) under the fitted equation: 0 under a community's hard rule, else
/// max(floor, Lambda(eta + order offset)) (mixed over revision types when unknown).
[[nodiscard]] inline double crisis_war_probability(const OrderRules& o, const EscalationModel& e,
                                                   const EscalationCovariates& x, double polyarchy_a,
                                                   double polyarchy_b, double floor) noexcept {
  if (community_peace(o, polyarchy_a, polyarchy_b)) return 0.0;
  return escalation_probability(e, x, order_escalation_offset(o), floor);
}

/// Probability that a third state with an applicable obligation joins a war that begins in
/// `year`: the fitted rate of its era (data/joining.toml).
[[nodiscard]] inline double joining_probability(const JoiningRates& j, int year, Obligation o) noexcept {
  return j.rate(year, o);
}

}  // namespace concord::engine

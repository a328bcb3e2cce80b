// Small helpers the phase files share (internal to the engine: not part of its API).
// Each reads the frozen model or a state; none allocates except add_event, which appends a run's
// event record.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "concord/engine/model.hpp"
#include "concord/engine/state.hpp"

namespace concord::engine::detail {

using P = Param;

inline bool is_gp(const Model& m, std::size_t i) { return m.great_power[i] != 0; }

// Possesses nuclear weapons (Model::nuclear; Bleek 2017 status 3).
inline bool is_nuclear(const Model& m, std::size_t i) { return i < m.nuclear.size() && m.nuclear[i] != 0; }

// The event of war w (ended or still going at the horizon): kind, sides, how a great-power war
// began ("direct" or "joining") and its opening dyad.
inline EventRecord war_event(const Model& m, const OngoingWars& ow, std::size_t w, const std::string& subject,
                             const std::vector<int>& side_a, const std::vector<int>& side_d, const char* outcome,
                             int end_year) {
  const std::uint8_t gp = ow.great_power[w];
  EventRecord e{ow.onset[w], gp != 0 ? "great_power_war" : "war", subject, side_a, side_d, outcome, ow.deaths[w],
                end_year, "", 0, 0};
  e.began = gp == kGpWarDirect ? "direct" : (gp == kGpWarJoining ? "joining" : "");
  e.opening_a = m.ccode[static_cast<std::size_t>(ow.a[w])];
  e.opening_b = m.ccode[static_cast<std::size_t>(ow.d[w])];
  return e;
}

// Elite restraint applied to behaviour toward actor j (ORDERS.md: toward great powers / small).
inline double restraint_toward(const Model& m, std::size_t j) {
  return is_gp(m, j) ? m.order.restraint_gp : m.order.restraint_small;
}

inline bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

inline double reliability_of(const Model& m, std::size_t k) {
  if (k < m.order.reliability.size() && m.order.reliability[k] >= 0.0) return m.order.reliability[k];
  return m.params[P::alliance_reliability];
}

inline bool is_member(const Model& m, std::size_t inst, std::size_t i, int year) {
  return m.member_since[inst * m.n + i] <= year;
}

inline unsigned mandate_of(const Model& m, std::size_t inst) {
  unsigned bits = m.institutions[inst].mandate;
  if (inst < m.order.mandate_upgrade.size()) bits |= m.order.mandate_upgrade[inst];
  return bits;
}

inline double initial_cbm(const Model& m, std::size_t f) {
  return m.order.initial_cbm.empty() ? m.order.measures.confidence_building : m.order.initial_cbm[f];
}

inline double initial_code(const Model& m, std::size_t f) {
  return m.order.initial_code.empty() ? m.order.measures.code_of_conduct : m.order.initial_code[f];
}

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

inline int find_root(std::vector<int>& parent, int i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

// Dissatisfaction of a dyad: the larger of the two members' (1 - S to the leader) / 2, in [0, 1].
inline double dyad_dissatisfaction(const State& s, std::size_t i, std::size_t j) {
  return std::max(1.0 - s.satisfaction[i], 1.0 - s.satisfaction[j]) * 0.5;
}

// Largest capability of a shared institution with a crisis-relevant mandate (0 if none).
inline double shared_mediation(const Model& m, const State& s, std::size_t a, std::size_t d, int year) {
  double best = 0.0;
  for (std::size_t k = 0; k < m.institutions.size(); ++k) {
    if (!m.order.mediators.empty() && !contains(m.order.mediators, static_cast<int>(k))) continue;
    const unsigned bits = mandate_of(m, k);
    if ((bits & (mandate_preventive_diplomacy | mandate_dispute_settlement | mandate_confidence_building)) == 0U)
      continue;
    if (is_member(m, k, a, year) && is_member(m, k, d, year)) best = std::max(best, s.capacity[k]);
  }
  return best * m.order.institution_effect;
}

inline void add_event(YearContext& ctx, std::string kind, std::string subject, std::vector<int> a, std::vector<int> b,
               std::string outcome, double value) {
  if (ctx.out_events == nullptr) return;
  ctx.out_events->push_back(EventRecord{ctx.year, std::move(kind), std::move(subject), std::move(a),
                                        std::move(b), std::move(outcome), value, ctx.year, "", 0, 0});
}

}  // namespace concord::engine::detail

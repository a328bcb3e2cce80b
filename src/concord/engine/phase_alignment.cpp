// Phase 5 of the yearly step (MODEL.md 2.5): alignment by the order's rule.
#include "concord/engine/phases.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "concord/engine/kernels.hpp"
#include "concord/engine/phase_common.hpp"
#include "concord/engine/rng.hpp"

namespace concord::engine {

using namespace detail;  // NOLINT: the shared phase helpers
using P = Param;

namespace {

// What the year's alignment rules need to know about the great powers (computed once a year).
struct Poles {
  int strongest = -1;    // the strongest great power (bandwagon target when the order names none)
  int coalition_lead = -1;  // the great power with the largest coalition (balanced disparity)
  int runner_up = -1;    // the largest coalition's leader among great powers not aligned with it (tie < 2)
  double largest = 0.0;  // the largest coalition's share
  double region_milex = 0.0;
};

// Walt's (1987) threat of great power j to state i: the weighted geometric mean of power,
// proximity, offensive capability and intent (model.hpp ThreatWeights), on a log scale.
double log_threat(const Model& m, const State& cur, const State& nxt, const Poles& poles, std::size_t i,
                  std::size_t j) {
  const ThreatWeights& w = m.order.threat_weights;
  const double total = w.power + w.proximity + w.offensive + w.intent;
  if (total <= 0.0) return 0.0;
  constexpr double tiny = 1e-12;
  const double offensive = poles.region_milex > 0.0 ? nxt.milex[j] / poles.region_milex : 0.0;
  return (w.power * std::log(std::max(nxt.share[j], tiny)) +
          w.proximity * std::log(std::max(m.proximity[i * m.n + j], tiny)) +
          w.offensive * std::log(std::max(offensive, tiny)) +
          w.intent * std::log(std::max(1.0 - cur.trust[i * m.n + j], tiny))) /
         total;
}

// Balance (Walt 1987): the great power most threatening to state i, and the strongest great
// power other than that one (the counterweight i pledges to).
struct Balance {
  int menace = -1;
  int counter = -1;
};

Balance balance_of(const Model& m, const State& cur, const State& nxt, const Poles& poles, std::size_t i) {
  Balance b;
  double worst = 0.0;
  for (std::size_t k = 0; k < m.n; ++k) {
    if (!is_gp(m, k) || k == i) continue;
    const double t = log_threat(m, cur, nxt, poles, i, k);
    if (b.menace < 0 || t > worst) {
      worst = t;
      b.menace = static_cast<int>(k);
    }
  }
  for (std::size_t k = 0; k < m.n; ++k) {
    if (!is_gp(m, k) || k == i || static_cast<int>(k) == b.menace) continue;
    if (b.counter < 0 || nxt.cinc[k] > nxt.cinc[static_cast<std::size_t>(b.counter)]) b.counter = static_cast<int>(k);
  }
  return b;
}

// The alignment level state i seeks toward great power j under `rule` (ATOP scale 0..3);
// `bal` is balance_of(i) when rule is balance.
double seek(const Model& m, const Workspace& ws, const Poles& poles, AlignmentRule rule, const Balance& bal,
            std::size_t i, std::size_t j, int target_gp, double hedge) {
  const std::size_t n = m.n;
  const double initial = ws.initial_alliance[i * n + j];
  switch (rule) {
    case AlignmentRule::fixed: return initial;
    case AlignmentRule::balance:
      // against the greatest threat, with the strongest great power other than the threat
      if (static_cast<int>(j) == bal.menace) return 0.0;
      if (static_cast<int>(j) == bal.counter) return 3.0;
      return initial;
    case AlignmentRule::balanced_disparity:
      // join or strengthen the coalition that keeps the largest below the cap (Acharya 2014):
      // loosen ties to the leader of a coalition at or above the cap, pledge to the runner-up
      if (poles.largest >= m.order.coalition_cap && poles.coalition_lead >= 0) {
        if (static_cast<int>(j) == poles.coalition_lead) return std::min(initial, hedge);
        if (static_cast<int>(j) == poles.runner_up) return std::max(initial, 2.0);
      }
      return initial;
    case AlignmentRule::bandwagon: return static_cast<int>(j) == target_gp ? 3.0 : 0.0;
    case AlignmentRule::hedge: return hedge;
  }
  return initial;
}

}  // namespace

// 5. Alignment ---------------------------------------------------------------------------------
// Each state follows `alignment` if it is in `alignment_applies_to` this year, else
// `alignment_others`. A state that is not a great power sets its tie to each great power alone
// (the great power accepts it); between two great powers a tie needs both, so its target is the
// lower of the two sides' targets, and it changes only when at least one side follows a rule
// other than `fixed`. The order's alliance rule then bounds the level (keep: never below the
// scenario's; phase-out; hegemon bloc). Last, an offshore balancer backs the weaker coalition.
void phase_alignment(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& ctx) {
  const std::size_t n = m.n;
  const OrderRules& o = m.order;
  const double rate = m.params[P::alignment_rate];
  const double hedge = m.params[P::hedge_level];
  const double decay = std::max(0.0, 1.0 - (ctx.year_index + 1) / std::max(1.0, o.phase_out_years));
  nxt.alliance = cur.alliance;
  Poles poles;
  for (std::size_t j = 0; j < n; ++j) {
    poles.region_milex += nxt.milex[j];
    if (!is_gp(m, j)) continue;
    if (poles.strongest < 0 || nxt.cinc[j] > nxt.cinc[static_cast<std::size_t>(poles.strongest)])
      poles.strongest = static_cast<int>(j);
    // ws.component_share: each great power's coalition, from the power-structure phase
    if (poles.coalition_lead < 0 || ws.component_share[j] > poles.largest) {
      poles.largest = ws.component_share[j];
      poles.coalition_lead = static_cast<int>(j);
    }
  }
  for (std::size_t j = 0; j < n && poles.coalition_lead >= 0; ++j) {
    const auto lead = static_cast<std::size_t>(poles.coalition_lead);
    if (!is_gp(m, j) || j == lead || cur.alliance[j * n + lead] >= 2.0) continue;  // aligned with the lead
    if (poles.runner_up < 0 || ws.component_share[j] > ws.component_share[static_cast<std::size_t>(poles.runner_up)])
      poles.runner_up = static_cast<int>(j);
  }
  const int target_gp = o.alignment_target >= 0 ? o.alignment_target : (o.hegemon >= 0 ? o.hegemon : poles.strongest);
  auto rule_of = [&](std::size_t i) {
    return in_group(m, o.alignment_applies_to, i, ctx.year) ? o.alignment : o.alignment_others;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const AlignmentRule rule_i = rule_of(i);
    const bool gp_i = is_gp(m, i);
    const Balance bal_i = rule_i == AlignmentRule::balance ? balance_of(m, cur, nxt, poles, i) : Balance{};
    for (std::size_t j = 0; j < n; ++j) {
      if (!is_gp(m, j) || i == j) continue;
      double target = 0.0;
      if (gp_i) {
        // a tie between great powers: written once (i < j), by both sides' consent
        if (j < i) continue;
        const AlignmentRule rule_j = rule_of(j);
        if (rule_i == AlignmentRule::fixed && rule_j == AlignmentRule::fixed) continue;
        const Balance bal_j = rule_j == AlignmentRule::balance ? balance_of(m, cur, nxt, poles, j) : Balance{};
        target = std::min(seek(m, ws, poles, rule_i, bal_i, i, j, target_gp, hedge),
                          seek(m, ws, poles, rule_j, bal_j, j, i, target_gp, hedge));
      } else {
        target = seek(m, ws, poles, rule_i, bal_i, i, j, target_gp, hedge);
      }
      const std::size_t ij = i * n + j;
      const double initial = ws.initial_alliance[ij];
      if (contains(o.alignment_exclude, static_cast<int>(j)) || (gp_i && contains(o.alignment_exclude, static_cast<int>(i))))
        target = 0.0;
      double floor = 0.0;
      switch (o.alliances) {
        case AllianceRule::keep: floor = contains(o.alignment_exclude, static_cast<int>(j)) ? 0.0 : initial; break;
        case AllianceRule::rebalance: floor = 0.0; break;
        case AllianceRule::phase_out: {
          const bool phased = o.phase_out_with.empty() || contains(o.phase_out_with, static_cast<int>(j)) ||
                              (gp_i && contains(o.phase_out_with, static_cast<int>(i)));
          floor = phased ? initial * decay : initial;
          if (phased) target = std::min(target, initial * decay + (1.0 - decay) * std::min(target, hedge));
          break;
        }
        case AllianceRule::hegemon_bloc:
          if (static_cast<int>(j) == target_gp && (!gp_i || rule_i != AlignmentRule::fixed)) target = 3.0;
          floor = 0.0;
          break;
      }
      const double before = cur.alliance[ij];
      double level = before + rate * (target - before);
      level = std::clamp(std::max(level, floor), 0.0, 3.0);
      if ((before >= 2.5) != (level >= 2.5)) ++ws.tally.alliance_shifts;
      nxt.alliance[ij] = level;
      nxt.alliance[j * n + i] = level;
    }
  }
  // the offshore balancer (Shin Kak-Soo; Kausikan's omni-directional equilibrium) backs the
  // weaker coalition: with its own ties left out, it finds the great power with the largest
  // coalition and pledges itself to the leader of the largest coalition among the other great
  // powers not aligned with that one (tie below consultation, level 2)
  if (o.balancer >= 0 && !contains(o.alignment_exclude, o.balancer)) {
    const auto b = static_cast<std::size_t>(o.balancer);
    auto without_b = [&](std::size_t g) {
      return ws.component_share[g] - nxt.share[b] * coalition_weight(cur.alliance[g * n + b]);
    };
    int strong = -1;
    for (std::size_t g = 0; g < n; ++g) {
      if (!is_gp(m, g) || g == b) continue;
      if (strong < 0 || without_b(g) > without_b(static_cast<std::size_t>(strong))) strong = static_cast<int>(g);
    }
    int weak = -1;
    for (std::size_t g = 0; strong >= 0 && g < n; ++g) {
      if (!is_gp(m, g) || g == b || static_cast<int>(g) == strong) continue;
      if (cur.alliance[g * n + static_cast<std::size_t>(strong)] >= 2.0) continue;  // aligned with it
      if (weak < 0 || without_b(g) > without_b(static_cast<std::size_t>(weak))) weak = static_cast<int>(g);
    }
    if (weak >= 0) {
      const std::size_t bw = b * n + static_cast<std::size_t>(weak);
      const double before = nxt.alliance[bw];
      const double level = std::clamp(before + rate * (3.0 - before), 0.0, 3.0);
      if ((cur.alliance[bw] >= 2.5) != (level >= 2.5)) ++ws.tally.alliance_shifts;
      nxt.alliance[bw] = level;
      nxt.alliance[static_cast<std::size_t>(weak) * n + b] = level;
    }
  }
  const double* lead_row = nxt.alliance.data() + static_cast<std::size_t>(nxt.leader) * n;
  for (std::size_t i = 0; i < n; ++i) nxt.satisfaction[i] = s_score_rows(nxt.alliance.data() + i * n, lead_row, n);
}

}  // namespace concord::engine

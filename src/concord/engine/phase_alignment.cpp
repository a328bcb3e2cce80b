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

// 5. Alignment ---------------------------------------------------------------------------------
void phase_alignment(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& ctx) {
  const std::size_t n = m.n;
  const OrderRules& o = m.order;
  const double rate = m.params[P::alignment_rate];
  const double hedge = m.params[P::hedge_level];
  const double decay = std::max(0.0, 1.0 - (ctx.year_index + 1) / std::max(1.0, o.phase_out_years));
  nxt.alliance = cur.alliance;
  // the strongest great power (bandwagon target when the order names none)
  int strongest = -1;
  for (std::size_t j = 0; j < n; ++j) {
    if (is_gp(m, j) && (strongest < 0 || nxt.cinc[j] > nxt.cinc[static_cast<std::size_t>(strongest)]))
      strongest = static_cast<int>(j);
  }
  // balanced disparity: the lead great power of the largest coalition and of the runner-up
  int big_root = -1;
  double big = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (ws.component[i] == static_cast<int>(i) && ws.component_share[i] > big) {
      big = ws.component_share[i];
      big_root = static_cast<int>(i);
    }
  }
  int big_lead = -1;
  int other_lead = -1;
  for (std::size_t j = 0; j < n; ++j) {
    if (!is_gp(m, j)) continue;
    const bool in_big = find_root(ws.component, static_cast<int>(j)) == big_root;
    int& slot = in_big ? big_lead : other_lead;
    if (slot < 0 || nxt.cinc[j] > nxt.cinc[static_cast<std::size_t>(slot)]) slot = static_cast<int>(j);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (is_gp(m, i)) continue;
    // the most threatening great power (Walt: power, proximity, intent = 1 - trust)
    int menace = -1;
    double worst = -1.0;
    for (std::size_t j = 0; j < n; ++j) {
      if (!is_gp(m, j)) continue;
      const double t = nxt.share[j] * m.proximity[i * n + j] * (1.0 - cur.trust[i * n + j]);
      if (t > worst) {
        worst = t;
        menace = static_cast<int>(j);
      }
    }
    int counter = -1;
    for (std::size_t j = 0; j < n; ++j) {
      if (!is_gp(m, j) || static_cast<int>(j) == menace) continue;
      if (counter < 0 || nxt.cinc[j] > nxt.cinc[static_cast<std::size_t>(counter)]) counter = static_cast<int>(j);
    }
    const int target_gp = o.alignment_target >= 0 ? o.alignment_target : (o.hegemon >= 0 ? o.hegemon : strongest);
    for (std::size_t j = 0; j < n; ++j) {
      if (!is_gp(m, j) || i == j) continue;
      const std::size_t ij = i * n + j;
      const double initial = ws.initial_alliance[ij];
      double target = initial;
      switch (o.alignment) {
        case AlignmentRule::fixed: target = initial; break;
        case AlignmentRule::balance:
          target = static_cast<int>(j) == menace ? 0.0 : (static_cast<int>(j) == counter ? 3.0 : initial);
          break;
        case AlignmentRule::balanced_disparity:
          if (big >= 0.5) {
            const bool in_big = find_root(ws.component, static_cast<int>(i)) == big_root;
            if (in_big && static_cast<int>(j) == big_lead) target = std::min(initial, hedge);
            if (!in_big && static_cast<int>(j) == other_lead) target = std::max(initial, 2.0);
          }
          break;
        case AlignmentRule::bandwagon: target = static_cast<int>(j) == target_gp ? 3.0 : 0.0; break;
        case AlignmentRule::hedge: target = std::max(hedge, std::min(initial, hedge)); break;
      }
      if (contains(o.alignment_exclude, static_cast<int>(j))) target = 0.0;
      double floor = 0.0;
      switch (o.alliances) {
        case AllianceRule::keep: floor = contains(o.alignment_exclude, static_cast<int>(j)) ? 0.0 : initial; break;
        case AllianceRule::rebalance: floor = 0.0; break;
        case AllianceRule::phase_out:
          floor = (o.phase_out_with.empty() || contains(o.phase_out_with, static_cast<int>(j))) ? initial * decay
                                                                                                : initial;
          if (o.phase_out_with.empty() || contains(o.phase_out_with, static_cast<int>(j)))
            target = std::min(target, initial * decay + (1.0 - decay) * std::min(target, hedge));
          break;
        case AllianceRule::hegemon_bloc:
          if (static_cast<int>(j) == target_gp) target = 3.0;
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
  const double* lead_row = nxt.alliance.data() + static_cast<std::size_t>(nxt.leader) * n;
  for (std::size_t i = 0; i < n; ++i) nxt.satisfaction[i] = s_score_rows(nxt.alliance.data() + i * n, lead_row, n);
}

}  // namespace concord::engine

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

// Years since the last dispute onset between the two: the engine's peace-years clock
// (State::peace_years: the scenario's peace_years at the start, the run's dispute onsets after).
// A clock held at its cap (Model::peace_years_cap, the fit's largest t; also a clock the scenario
// does not give) reads as no dispute on record (kNoDispute).
int dispute_age(const Model& m, const State& s, std::size_t ik) {
  const int t = s.peace_years[ik];
  return t >= m.peace_years_cap ? kNoDispute : t;
}

// Observed hostility between i and k (docs/model.md, "Alignment: threat, rivalry and face
// validity"): a strategic rivalry (Thompson & Dreyer), or a dispute onset between the two within
// hostility_window years (dispute_age), or a war going on between them.
bool recent_dispute(const Model& m, const State& s, std::size_t i, std::size_t k) {
  return dispute_age(m, s, i * m.n + k) < m.params[P::hostility_window] || s.ongoing.at_war(i, k);
}

bool hostile(const Model& m, const State& s, std::size_t i, std::size_t k) {
  return m.rivalry[i * m.n + k] != 0 || recent_dispute(m, s, i, k);
}

// Whether great power k is a threat state i balances against: only a state that shows hostile
// intent (Walt 1987: intentions, not power alone, provoke balancing), and not a defense ally that
// i still trusts at ally_threat_trust or more (a single incident does not turn an ally into a
// threat; a war does).
bool threat_candidate(const Model& m, const State& s, std::size_t i, std::size_t k) {
  const std::size_t ik = i * m.n + k;
  if (!hostile(m, s, i, k)) return false;
  return !(s.alliance[ik] >= 2.5 && s.trust[ik] >= m.params[P::ally_threat_trust]);
}

// Whether state i may raise its tie with great power j beyond consultation (level 2). Not with
// its own strategic rival, nor with the rival of a state k that i trusts at trusted_ally_trust or
// more, or that i has a defense pledge to and does not count as a threat (trust at least
// ally_threat_trust), nor with the rival of a state it held a trusted defense pledge to within
// alignment_memory years unless a dispute or war between the two since then explains the
// break; all of it lifted by the order's `across_rivalry`.
bool may_align(const Model& m, const State& s, std::size_t i, std::size_t j) {
  if (m.order.across_rivalry) return true;
  const std::size_t n = m.n;
  if (m.rivalry[i * n + j] != 0) return false;
  const double trusted = m.params[P::trusted_ally_trust];
  const int memory = static_cast<int>(m.params[P::alignment_memory]);
  for (int r = m.rival_offset[j]; r < m.rival_offset[j + 1]; ++r) {
    const auto k = static_cast<std::size_t>(m.rival_index[static_cast<std::size_t>(r)]);
    if (k == i) continue;
    const std::size_t ik = i * n + k;
    if (s.trust[ik] >= trusted) return false;
    if (s.alliance[ik] >= 2.5 && s.trust[ik] >= m.params[P::ally_threat_trust]) return false;
    if (s.pact_years[ik] <= memory && dispute_age(m, s, ik) > s.pact_years[ik] + memory && !s.ongoing.at_war(i, k))
      return false;
  }
  return true;
}

// Walt's (1987) threat of great power j to state i: the weighted geometric mean of power,
// proximity, offensive capability and intent (model.hpp ThreatWeights), on a log scale. Intent is
// (1 - trust) times the relative odds of a dispute that the dyad's observed hostility implies,
// exp(hostility_rivalry x rivalry + hostility_recent x recent dispute), fitted on the record
// (scripts/fit_hostility.py).
double log_threat(const Model& m, const State& cur, const State& nxt, const Poles& poles, std::size_t i,
                  std::size_t j) {
  const ThreatWeights& w = m.order.threat_weights;
  const double total = w.power + w.proximity + w.offensive + w.intent;
  if (total <= 0.0) return 0.0;
  constexpr double tiny = 1e-12;
  const std::size_t ij = i * m.n + j;
  const double offensive = poles.region_milex > 0.0 ? nxt.milex[j] / poles.region_milex : 0.0;
  const double log_intent = std::log(std::max(1.0 - cur.trust[ij], tiny)) +
                            m.params[P::hostility_rivalry] * (m.rivalry[ij] != 0 ? 1.0 : 0.0) +
                            m.params[P::hostility_recent] * (recent_dispute(m, cur, i, j) ? 1.0 : 0.0);
  return (w.power * std::log(std::max(nxt.share[j], tiny)) +
          w.proximity * std::log(std::max(m.proximity[ij], tiny)) +
          w.offensive * std::log(std::max(offensive, tiny)) + w.intent * log_intent) /
         total;
}

// Balance (Walt 1987): the most threatening great power among those that are threats to state i
// (none: i has nothing to balance against and keeps its ties), and the counterweight i pledges
// to: among the great powers other than that one that are no threat to i and that i may align
// with, the strongest of the menace's own strategic rivals (those it threatens too), else the
// strongest.
struct Balance {
  int menace = -1;
  int counter = -1;
};

Balance balance_of(const Model& m, const State& cur, const State& nxt, const Poles& poles, std::size_t i) {
  Balance b;
  double worst = 0.0;
  for (std::size_t k = 0; k < m.n; ++k) {
    if (!is_gp(m, k) || k == i || !threat_candidate(m, cur, i, k)) continue;
    const double t = log_threat(m, cur, nxt, poles, i, k);
    if (b.menace < 0 || t > worst) {
      worst = t;
      b.menace = static_cast<int>(k);
    }
  }
  if (b.menace < 0) return b;
  const auto menace = static_cast<std::size_t>(b.menace);
  bool counter_is_rival = false;
  for (std::size_t k = 0; k < m.n; ++k) {
    if (!is_gp(m, k) || k == i || k == menace) continue;
    if (threat_candidate(m, cur, i, k) || !may_align(m, cur, i, k)) continue;
    const bool rival = m.rivalry[menace * m.n + k] != 0;
    if (b.counter < 0 || (rival && !counter_is_rival) ||
        (rival == counter_is_rival && nxt.cinc[k] > nxt.cinc[static_cast<std::size_t>(b.counter)])) {
      b.counter = static_cast<int>(k);
      counter_is_rival = rival;
    }
  }
  return b;
}

// The alignment level state i seeks toward great power j under `rule` (ATOP scale 0..3);
// `bal` is balance_of(i) when rule is balance.
double seek(const Model& m, const State& cur, const Workspace& ws, const Poles& poles, AlignmentRule rule,
            const Balance& bal, std::size_t i, std::size_t j, int target_gp, double hedge) {
  const std::size_t n = m.n;
  const double initial = ws.initial_alliance[i * n + j];
  switch (rule) {
    case AlignmentRule::fixed: return initial;
    case AlignmentRule::balance:
      // against the greatest threat, with the strongest great power other than the threat;
      // without a threat, the scenario's ties
      if (bal.menace < 0) return initial;
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
    case AlignmentRule::bandwagon:
      // a state that may not align with the target (a rivalry in the way) keeps its ties
      if (target_gp < 0 || static_cast<std::size_t>(target_gp) == i ||
          !may_align(m, cur, i, static_cast<std::size_t>(target_gp)))
        return initial;
      return static_cast<int>(j) == target_gp ? 3.0 : 0.0;
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
  const bool hegemonic = o.hegemon >= 0 || o.alliances == AllianceRule::hegemon_bloc;
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
        // both fixed: the tie moves only by the alliance rule (a phase-out reaches it too)
        if (rule_i == AlignmentRule::fixed && rule_j == AlignmentRule::fixed && o.alliances != AllianceRule::phase_out)
          continue;
        const Balance bal_j = rule_j == AlignmentRule::balance ? balance_of(m, cur, nxt, poles, j) : Balance{};
        target = std::min(seek(m, cur, ws, poles, rule_i, bal_i, i, j, target_gp, hedge),
                          seek(m, cur, ws, poles, rule_j, bal_j, j, i, target_gp, hedge));
      } else {
        target = seek(m, cur, ws, poles, rule_i, bal_i, i, j, target_gp, hedge);
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
          // the bloc never absorbs the leader's rival (nor, unless the order allows it, a
          // trusted ally of the leader's rival)
          if (static_cast<int>(j) == target_gp && (!gp_i || rule_i != AlignmentRule::fixed) &&
              m.rivalry[ij] == 0 && may_align(m, cur, i, j))
            target = 3.0;
          floor = 0.0;
          break;
      }
      const double before = cur.alliance[ij];
      // no rise beyond consultation across a rivalry (both sides' consent between great powers)
      if (target > std::max(before, 2.0) && (!may_align(m, cur, i, j) || (gp_i && !may_align(m, cur, j, i))))
        target = std::max(before, 2.0);
      // a hegemon's bloc (the hegemon's, or the bloc leader's or bandwagon target's under a
      // hegemonic order) never holds a rival of its leader, whatever across_rivalry says
      if (hegemonic && m.rivalry[ij] != 0 && (static_cast<int>(j) == target_gp || static_cast<int>(j) == o.hegemon))
        target = std::min(target, 2.0);
      double level = before + rate * (target - before);
      level = std::clamp(std::max(level, floor), 0.0, 3.0);
      if ((before >= 2.5) != (level >= 2.5)) ++ws.tally.alliance_shifts;
      nxt.alliance[ij] = level;
      nxt.alliance[j * n + i] = level;
    }
  }
  // phase-out reaches every selected formal tie, not only ties to great powers (the loop above):
  // ties between two other states follow the linear decay alone (no rule sets them)
  if (o.alliances == AllianceRule::phase_out) {
    for (std::size_t i = 0; i < n; ++i) {
      if (is_gp(m, i)) continue;
      for (std::size_t j = i + 1; j < n; ++j) {
        if (is_gp(m, j)) continue;
        const bool phased = o.phase_out_with.empty() || contains(o.phase_out_with, static_cast<int>(i)) ||
                            contains(o.phase_out_with, static_cast<int>(j));
        const std::size_t ij = i * n + j;
        if (!phased) continue;
        const double before = cur.alliance[ij];
        const double level = std::min(before, ws.initial_alliance[ij] * decay);
        if ((before >= 2.5) != (level >= 2.5)) ++ws.tally.alliance_shifts;
        nxt.alliance[ij] = level;
        nxt.alliance[j * n + i] = level;
      }
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
      if (!may_align(m, cur, b, g) || !may_align(m, cur, g, b)) continue;  // a rivalry in the way
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

// End of phase 10: the pledge memory phase 5 reads next year (the peace-years clock it also
// reads is kept by the conflict phase).
void update_alignment_memory(const Model& m, const State& cur, State& nxt) {
  const std::size_t nn = m.n * m.n;
  const double trusted = m.params[P::trusted_ally_trust];
  for (std::size_t ij = 0; ij < nn; ++ij) {
    nxt.pact_years[ij] = nxt.alliance[ij] >= 2.5 && nxt.trust[ij] >= trusted
                             ? 0
                             : std::min(cur.pact_years[ij] + 1, kNoDispute);
  }
}

}  // namespace concord::engine

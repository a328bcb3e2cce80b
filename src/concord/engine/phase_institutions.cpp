// Phase 9 of the yearly step (MODEL.md 2.9): institutions take up measures by the order's rules.
#include "concord/engine/phases.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "concord/engine/kernels.hpp"
#include "concord/engine/phase_common.hpp"
#include "concord/engine/rng.hpp"
#include "concord/bargain/decision.hpp"

namespace concord::engine {

using namespace detail;  // NOLINT: the shared phase helpers
using P = Param;

// 9. Institutions ------------------------------------------------------------------------------
void phase_institutions(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& ctx) {
  const std::size_t n = m.n;
  const OrderRules& o = m.order;
  std::fill(ws.cooperation.begin(), ws.cooperation.end(), 0.0F);
  const double decay = m.params[P::measure_decay];
  for (std::size_t f = 0; f < m.flashpoints.size(); ++f) {
    nxt.cbm[f] = std::max(initial_cbm(m, f), cur.cbm[f] * (1.0 - decay));
    nxt.code_of_conduct[f] = std::max(initial_code(m, f), cur.code_of_conduct[f] * (1.0 - decay));
  }
  nxt.arms_control = std::max(o.measures.arms_control, cur.arms_control * (1.0 - decay));
  const double iw = o.interdependence_weight * m.params[P::interdependence_cost];
  for (std::size_t k = 0; k < m.institutions.size(); ++k) {
    const Institution& in = m.institutions[k];
    const unsigned bits = mandate_of(m, k);
    const InstitutionDecisionRule& rule = o.institution_rules[k];
    bool adopted_any = false;
    const bool proposes = o.institution_effect > 0.0 &&
                          (bits & (mandate_confidence_building | mandate_preventive_diplomacy |
                                   mandate_dispute_settlement | mandate_arms_control)) != 0U;
    // the members this year, as parallel arrays for bargain::decide
    std::size_t count = 0;
    bool has_setter = !o.agenda_restricted;
    for (std::size_t i = 0; i < n; ++i) {
      if (!is_member(m, k, i, ctx.year)) continue;
      ws.members[count++] = static_cast<int>(i);
      has_setter = has_setter || in_group(m, o.agenda_setters, i, ctx.year);
    }
    // only an agenda setter among the members tables proposals (ASEAN centrality: ASEAN's
    // members convene the bodies and set what they take up)
    const std::vector<int>& directorate = rule.directorate.empty() ? o.directorate : rule.directorate;
    for (std::size_t f = 0; proposes && has_setter && f < m.flashpoints.size(); ++f) {
      const Flashpoint& fp = m.flashpoints[f];
      bool concerned = false;
      for (int p : fp.parties) concerned = concerned || is_member(m, k, static_cast<std::size_t>(p), ctx.year);
      if (!concerned) continue;
      // positions: ideal level rises with exposure (expected cost of war, trade at risk) and
      // falls with the freedom of action a member gives up (its capability advantage there)
      double total_weight = 0.0;
      std::int32_t hegemon_pos = -1;
      bool any_directorate = false;
      for (std::size_t x = 0; x < count; ++x) {
        const auto i = static_cast<std::size_t>(ws.members[x]);
        const bool party = contains(fp.parties, static_cast<int>(i));
        double trade_at_risk = 0.0;
        double strongest_other = 0.0;
        for (int p : fp.parties) {
          const auto q = static_cast<std::size_t>(p);
          if (q == i) continue;
          trade_at_risk += nxt.trade[i * n + q];
          strongest_other = std::max(strongest_other, nxt.cinc[q]);
        }
        const double exposure = std::min(
            1.0, (party ? m.params[P::war_cost] : 0.0) + iw * (nxt.gdp[i] > 0.0 ? trade_at_risk / nxt.gdp[i] : 0.0));
        const double freedom = party && nxt.cinc[i] > strongest_other
                                   ? (nxt.cinc[i] - strongest_other) / (nxt.cinc[i] + strongest_other)
                                   : 0.0;
        ws.ideal[x] = std::clamp(0.5 + exposure - freedom, 0.0, 1.0);
        ws.salience[x] = party ? 1.0
                               : (contains(fp.stakeholders, static_cast<int>(i)) ? m.params[P::stakeholder_salience]
                                                                                  : std::max(0.05, exposure));
        switch (rule.weights) {
          case QmvWeights::equal: ws.weight[x] = 1.0; break;
          case QmvWeights::capability: ws.weight[x] = nxt.cinc[i]; break;
          case QmvWeights::population: ws.weight[x] = nxt.population[i]; break;
          case QmvWeights::gdp: ws.weight[x] = nxt.gdp[i]; break;
          case QmvWeights::listed: ws.weight[x] = rule.listed_weight[i]; break;
        }
        total_weight += ws.weight[x];
        ws.directorate_flag[x] = contains(directorate, static_cast<int>(i)) ? 1 : 0;
        any_directorate = any_directorate || ws.directorate_flag[x] != 0;
        if (static_cast<int>(i) == o.hegemon) hegemon_pos = static_cast<std::int32_t>(x);
      }
      bargain::DecisionOptions opt;
      opt.veto_threshold = rule.veto_threshold;
      opt.quota = rule.quota * total_weight;
      switch (rule.rule) {
        case InstitutionRule::consensus: opt.rule = bargain::DecisionRule::unanimity; break;
        case InstitutionRule::minority_veto: opt.rule = bargain::DecisionRule::minority_veto; break;
        case InstitutionRule::consensus_minus_one: opt.rule = bargain::DecisionRule::consensus_minus_one; break;
        case InstitutionRule::qmv: opt.rule = bargain::DecisionRule::qualified_majority; break;
        case InstitutionRule::directorate:
          // a directorate with no member in this body leaves it to consensus
          opt.rule = any_directorate ? bargain::DecisionRule::directorate : bargain::DecisionRule::unanimity;
          break;
        case InstitutionRule::hegemon:
          opt.rule = hegemon_pos >= 0 ? bargain::DecisionRule::hegemon : bargain::DecisionRule::unanimity;
          opt.hegemon = hegemon_pos;
          break;
      }
      const bargain::MembersView view{std::span<const double>(ws.ideal.data(), count),
                                      std::span<const double>(ws.salience.data(), count),
                                      std::span<const double>(ws.weight.data(), count),
                                      std::span<const std::uint8_t>(ws.directorate_flag.data(), count)};
      // the tabled proposal: the full measure (level 1) against none (level 0)
      const bargain::Decision d =
          bargain::decide(opt, 0.0, 1.0, view, std::span<std::uint8_t>(ws.blocked.data(), count));
      const double level = d.passes ? d.level : 0.0;
      // small-state voice (docs/model.md phase 9): each adopted outcome counts once per small
      // member, as supported when the member wanted at least the level adopted (its ideal is at
      // least as high) or accepted the tabled proposal (it voted yes: bargain::decide's support).
      for (std::size_t x = 0; d.passes && x < count; ++x) {
        if (nxt.great_power[static_cast<std::size_t>(ws.members[x])] != 0) continue;
        ++ws.tally.voice_total;
        if (bargain::supported_outcome(ws.ideal[x], 0.0, 1.0, level)) ++ws.tally.voice_supported;
      }
      if (!d.passes) {
        ws.tally.vetoes += d.blockers;
        if (ctx.events.measures) add_event(ctx, "veto", in.name + "/" + fp.name, {}, {}, "blocked", d.blockers);
        continue;
      }
      if (level <= 0.0) continue;
      // compliance grows with the parties' interdependence (the cost of non-cooperation)
      double compliance = 0.0;
      for (int p : fp.parties) {
        const auto q = static_cast<std::size_t>(p);
        double t = 0.0;
        for (int r : fp.parties) {
          if (r != p) t += nxt.trade[q * n + static_cast<std::size_t>(r)];
        }
        const double dep = nxt.gdp[q] > 0.0 ? t / nxt.gdp[q] : 0.0;
        compliance += std::clamp(m.params[P::compliance_base] +
                                     m.params[P::compliance_interdependence] * o.interdependence_weight * dep,
                                 0.0, 1.0);
      }
      compliance /= static_cast<double>(std::max<std::size_t>(1, fp.parties.size()));
      // the measure takes hold in proportion to the institution's capacity
      const double eff = level * compliance * cur.capacity[k] * o.institution_effect;
      if ((bits & mandate_confidence_building) != 0U) nxt.cbm[f] = std::max(nxt.cbm[f], eff);
      if ((bits & (mandate_preventive_diplomacy | mandate_dispute_settlement)) != 0U)
        nxt.code_of_conduct[f] = std::max(nxt.code_of_conduct[f], eff);
      if ((bits & mandate_arms_control) != 0U) nxt.arms_control = std::max(nxt.arms_control, eff);
      adopted_any = true;
      ++ws.tally.measures_adopted;
      if (ctx.events.measures) add_event(ctx, "measure", in.name + "/" + fp.name, {}, {}, "adopted", eff);
    }
    // joint acts build trust among the members who took part
    const double humanitarian = (bits & mandate_humanitarian) != 0U ? o.measures.humanitarian * o.institution_effect : 0.0;
    if (adopted_any || humanitarian > 0.0) {
      const auto credit = static_cast<float>((adopted_any ? 1.0 : 0.0) + humanitarian);
      for (std::size_t x = 0; x < count; ++x) {
        const auto i = static_cast<std::size_t>(ws.members[x]);
        for (std::size_t y = 0; y < count; ++y) {
          if (x != y) ws.cooperation[i * n + static_cast<std::size_t>(ws.members[y])] += credit;
        }
      }
    }
    nxt.capacity[k] = adopted_any ? cur.capacity[k] + m.params[P::capacity_growth] * (1.0 - cur.capacity[k])
                                  : cur.capacity[k] * (1.0 - m.params[P::capacity_decay]);
  }
}

}  // namespace concord::engine

// Phases 6-8 of the yearly step (MODEL.md 2.6-2.8): incidents, crisis bargaining, war.
#include "concord/engine/phases.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "concord/engine/crisis.hpp"
#include "concord/engine/kernels.hpp"
#include "concord/engine/phase_common.hpp"
#include "concord/engine/rng.hpp"

namespace concord::engine {

using namespace detail;  // NOLINT: the shared phase helpers
using P = Param;

// 6. Incidents ---------------------------------------------------------------------------------
// With fitted hazards (docs/model.md, "Incidents"): every dyad-year draws one MID onset with
// P = min(1, Lambda(covariate terms + peace-years term + order offset) x exp(assumption terms)),
// the logit of data/hazards*.toml on the dyad's covariates this year and its peace-years clock;
// the dispute belongs to the dyad's flashpoint (Model::dyad_flashpoint), whose CBM and code of
// conduct then apply, or is a background dispute (region-wide CBM). background_mids = 0 keeps only
// the dyads of a flashpoint. Without fitted hazards: Poisson incidents at each flashpoint's base
// rate per party pair, times exp(assumption terms). Either way the peace-years clock of a dyad
// with an onset is reset to 0 and every other clock advances by one year.
void phase_incidents(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& ctx) {
  const std::size_t n = m.n;
  const std::size_t nn = n * n;
  ws.crises.clear();
  std::fill(ws.incidents.begin(), ws.incidents.end(), std::int16_t{0});
  const double g_trust = m.params[P::hazard_trust];
  const double g_cbm = m.params[P::hazard_cbm];
  const double g_code = m.params[P::hazard_code_of_conduct];
  const double g_dis = m.params[P::hazard_dissatisfaction];
  auto assumption_terms = [&](std::size_t i, std::size_t j) {
    const std::size_t ij = i * n + j;
    return -g_trust * (cur.trust[ij] - m.trust[ij]) + g_dis * (dyad_dissatisfaction(nxt, i, j) - ws.dissat0[ij]);
  };
  if (m.hazards.fitted) {
    const double region_cbm = m.order.measures.confidence_building;
    const bool background = m.params[P::background_mids] > 0.5;
    // one stream for all dyads, drawn in the fixed dyad order (entity past the flashpoint
    // entities of the unfitted process), one Philox block per four dyads
    RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::incidents,
                     m.flashpoints.size() * nn);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        const std::size_t ij = i * n + j;
        const int f = m.dyad_flashpoint[ij];
        if (f < 0 && !background) continue;
        const double u = rng.uniform();
        const double logit = covariate_loghazard(m, nxt, cur.cinc, i, j) + peace_loghazard(m, cur, ij) +
                             ws.order_loghazard[ij];
        const double measures = f >= 0 ? g_cbm * cur.cbm[static_cast<std::size_t>(f)] +
                                             g_code * cur.code_of_conduct[static_cast<std::size_t>(f)]
                                       : g_cbm * region_cbm;
        const double prob = std::min(1.0, logistic(logit) * std::exp(std::min(assumption_terms(i, j) - measures, 20.0)));
        if (u < prob) {
          ws.crises.push_back(Crisis{static_cast<int>(i), static_cast<int>(j), f, 0.5});
          ws.incidents[ij] = static_cast<std::int16_t>(ws.incidents[ij] + 1);
          ws.incidents[j * n + i] = ws.incidents[ij];
        }
      }
    }
  } else {
    for (std::size_t f = 0; f < m.flashpoints.size(); ++f) {
      const Flashpoint& fp = m.flashpoints[f];
      for (std::size_t x = 0; x < fp.parties.size(); ++x) {
        for (std::size_t y = x + 1; y < fp.parties.size(); ++y) {
          const auto i = static_cast<std::size_t>(fp.parties[x]);
          const auto j = static_cast<std::size_t>(fp.parties[y]);
          const std::size_t ij = i * n + j;
          const double logh = assumption_terms(i, j) - g_cbm * cur.cbm[f] - g_code * cur.code_of_conduct[f] +
                              ws.order_loghazard[ij];
          const double rate = fp.base_rate * std::exp(std::min(logh, 20.0));
          RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::incidents,
                           f * nn + ij);
          const int k = rng.poisson(rate);
          for (int c = 0; c < k; ++c)
            ws.crises.push_back(Crisis{static_cast<int>(i), static_cast<int>(j), static_cast<int>(f), 0.5});
          ws.incidents[ij] = static_cast<std::int16_t>(ws.incidents[ij] + k);
          ws.incidents[j * n + i] = ws.incidents[ij];
        }
      }
    }
  }
  // the peace-years clocks (held at the cap: the logit never looks further)
  for (std::size_t ij = 0; ij < nn; ++ij) {
    nxt.peace_years[ij] = ws.incidents[ij] > 0 ? 0 : std::min(cur.peace_years[ij] + 1, m.peace_years_cap);
  }
  ws.tally.mids += static_cast<int>(ws.crises.size());
  if (ctx.events.mids) {
    for (const auto& c : ws.crises) {
      add_event(ctx, "mid", c.flashpoint >= 0 ? m.flashpoints[static_cast<std::size_t>(c.flashpoint)].name : "",
                {m.ccode[static_cast<std::size_t>(c.a)]}, {m.ccode[static_cast<std::size_t>(c.d)]}, "", 0.0);
    }
  }
}

// 7. Crisis bargaining -------------------------------------------------------------------------
void phase_crisis_bargaining(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& ctx) {
  const std::size_t n = m.n;
  const OrderRules& o = m.order;
  ws.war_list.clear();
  const double delta = m.params[P::discount];
  const double sigma_c = m.params[P::sigma_commit];
  const double backing = m.params[P::backing_share];
  // the fitted escalation equation is the default (docs/model.md "escalation"); bargaining is the
  // documented alternative, and the fallback when no escalation file exists
  const bool fitted = m.escalation.fitted && m.params[P::escalation_model] < 0.5;
  const double floor = m.params[P::escalation_floor];
  const double horizon = m.params[P::commitment_horizon];
  for (std::size_t c = 0; c < ws.crises.size(); ++c) {
    Crisis& cr = ws.crises[c];
    // challenger: the less satisfied party
    if (nxt.satisfaction[static_cast<std::size_t>(cr.d)] < nxt.satisfaction[static_cast<std::size_t>(cr.a)]) std::swap(cr.a, cr.d);
    const auto a = static_cast<std::size_t>(cr.a);
    const auto d = static_cast<std::size_t>(cr.d);
    ++ws.tally.crises;
    // capabilities with allies' support, each projected over distance to the defender
    auto strength = [&](const State& s, std::size_t self, std::size_t other) {
      double v = s.cinc[self] * (self == d ? 1.0 : m.proximity[self * n + d]);
      for (std::size_t k = 0; k < n; ++k) {
        if (k == a || k == d) continue;
        const double to_self = s.alliance[k * n + self];
        const double to_other = s.alliance[k * n + other];
        if (to_self <= to_other) continue;
        v += (to_self - to_other) / 3.0 * reliability_of(m, k) * s.cinc[k] * m.proximity[k * n + d];
      }
      return v;
    };
    double sa = strength(nxt, a, d);
    double sd = strength(nxt, d, a);
    double sa_prev = strength(cur, a, d);
    double sd_prev = strength(cur, d, a);
    double mediation = 0.0;
    double norm_a = 0.0;
    double norm_d = 0.0;
    bool community_peace = false;
    auto back = [&](std::size_t k) {
      // k backs the side it is more closely tied to (the defender of the status quo on a tie)
      const double to_a = nxt.alliance[k * n + a];
      const double to_d = nxt.alliance[k * n + d];
      const double add = backing * nxt.cinc[k];
      const double add_prev = backing * cur.cinc[k];
      if (to_a > to_d) {
        sa += add;
        sa_prev += add_prev;
      } else {
        sd += add;
        sd_prev += add_prev;
      }
    };
    switch (o.crisis_manager) {
      case CrisisManager::self_help: break;
      case CrisisManager::hegemon:
        // the hegemon deters: it backs a side in every crisis it is not party to
        if (o.hegemon >= 0 && static_cast<std::size_t>(o.hegemon) != a && static_cast<std::size_t>(o.hegemon) != d)
          back(static_cast<std::size_t>(o.hegemon));
        break;
      case CrisisManager::concert: {
        const bool a_in = contains(o.directorate, cr.a);
        const bool d_in = contains(o.directorate, cr.d);
        if (a_in && d_in) {
          // crises among the directorate are settled by negotiation
          mediation = 1.0;
          norm_a += m.params[P::institution_cost];
          norm_d += m.params[P::institution_cost];
        } else if (o.impose_on_others) {
          mediation = 1.0;
          for (int k : o.directorate) {
            if (k != cr.a && k != cr.d) back(static_cast<std::size_t>(k));
          }
        }
        break;
      }
      case CrisisManager::community:
        // members meeting the regime threshold this year never fight each other
        if (nxt.polyarchy[a] >= o.community_threshold && nxt.polyarchy[d] >= o.community_threshold)
          community_peace = true;
        [[fallthrough]];
      case CrisisManager::institutions: {
        const double cap = shared_mediation(m, nxt, a, d, ctx.year);
        mediation = cap;
        norm_a += m.params[P::institution_cost] * cap;
        norm_d += m.params[P::institution_cost] * cap;
        break;
      }
    }
    const double p = sa + sd > 0.0 ? sa / (sa + sd) : 0.5;
    const double p_prev = sa_prev + sd_prev > 0.0 ? sa_prev / (sa_prev + sd_prev) : p;
    // Powell (2006): the shift judged over `commitment_horizon` years at last year's rate
    const double p_next = std::clamp(p + horizon * (p - p_prev), 0.0, 1.0);
    cr.p = p;
    const double iw = o.interdependence_weight * m.params[P::interdependence_cost];
    const double trade = nxt.trade[a * n + d];
    const double cost_a = m.params[P::war_cost] + m.params[P::restraint_cost] * restraint_toward(m, d) +
                          iw * (nxt.gdp[a] > 0.0 ? trade / nxt.gdp[a] : 0.0) + norm_a;
    const double cost_d = m.params[P::war_cost] + m.params[P::restraint_cost] * restraint_toward(m, a) +
                          iw * (nxt.gdp[d] > 0.0 ? trade / nxt.gdp[d] : 0.0) + norm_d;
    const double transparency = cr.flashpoint >= 0 ? cur.cbm[static_cast<std::size_t>(cr.flashpoint)]
                                                   : o.measures.confidence_building;
    const double sigma = m.sigma_info * (1.0 - m.params[P::mediation_info_reduction] * mediation) *
                         (1.0 - m.params[P::transparency_info_reduction] * transparency);
    double p_war = 0.0;
    if (fitted) {
      EscalationCovariates x;
      x.gp_a = is_gp(m, a);
      x.gp_b = is_gp(m, d);
      x.nuclear_a = is_nuclear(m, a);
      x.nuclear_b = is_nuclear(m, d);
      const double weaker = std::min(nxt.cinc[a], nxt.cinc[d]);
      const double stronger = std::max(nxt.cinc[a], nxt.cinc[d]);
      x.parity = stronger > 0.0 ? std::log(std::max(weaker, 1e-4 * stronger) / stronger) : 0.0;
      x.alliance = nxt.alliance[a * n + d] >= 2.5 || nxt.alliance[d * n + a] >= 2.5;
      x.joint_democracy = std::min(nxt.polyarchy[a], nxt.polyarchy[d]);
      x.year = ctx.year;
      x.revision = cr.flashpoint >= 0 ? m.flashpoints[static_cast<std::size_t>(cr.flashpoint)].revision
                                      : RevisionType::unknown;
      p_war = crisis_war_probability(o, m.escalation, x, nxt.polyarchy[a], nxt.polyarchy[d], floor);
    } else {
      const double p_info = p_war_information_logistic(cost_a, cost_d, sigma);
      // the declining side fights to pre-empt the shift (Powell 2006)
      const double p_commit = p_next >= p ? p_war_commitment(p, p_next, cost_a, cost_d, delta, sigma_c)
                                          : p_war_commitment(1.0 - p, 1.0 - p_next, cost_d, cost_a, delta, sigma_c);
      p_war = community_peace ? 0.0 : std::max(floor, p_war_given_crisis(p_info, p_commit));
    }
    RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::crisis, c);
    const bool war = p_war > 0.0 && rng.uniform() < p_war;
    if (war) {
      ws.war_list.push_back(cr);
    } else if (cr.flashpoint >= 0) {
      const auto f = static_cast<std::size_t>(cr.flashpoint);
      const Flashpoint& fp = m.flashpoints[f];
      double pos_a = fp.status_quo;
      double pos_d = fp.status_quo;
      for (std::size_t x = 0; x < fp.parties.size(); ++x) {
        if (fp.parties[x] == cr.a) pos_a = fp.positions[x];
        if (fp.parties[x] == cr.d) pos_d = fp.positions[x];
      }
      const double share = std::clamp(nash_share(p, cost_a, cost_d), 0.0, 1.0);
      const double target = pos_d + share * (pos_a - pos_d);
      nxt.status_quo[f] += m.params[P::status_quo_adjust] * (target - nxt.status_quo[f]);
    }
    if (ctx.events.crises) {
      add_event(ctx, "crisis", cr.flashpoint >= 0 ? m.flashpoints[static_cast<std::size_t>(cr.flashpoint)].name : "",
                {m.ccode[a]}, {m.ccode[d]}, war ? "war" : "settled", p_war);
    }
  }
}

// 8. War ---------------------------------------------------------------------------------------
// A crisis that ends in war opens a war (unless its two parties already fight each other); allies
// join at onset. Every year a war goes on, each participant pays the costs of war and loses battle
// deaths = min(P, exp(battle_deaths_intercept + battle_deaths_elasticity ln P + battle_deaths_sd z)),
// P its military personnel in persons, z ~ N(0, 1) (elasticity 1: a lognormal share of P); at
// the end of the year the war ends with probability war_termination (war_termination_gp if a great
// power is on each side), and only then is the outcome drawn (a wins with its p at onset). Streams:
// Stream::war keyed by the war's index in the onset year (joiners); Stream::war_duration keyed by
// (onset year, index) and counted by the year (termination, deaths, outcome, spheres).

bool OngoingWars::at_war(std::size_t i, std::size_t j) const noexcept {
  for (std::size_t w = 0; w < count; ++w) {
    const std::uint8_t si = side[w * n + i];
    const std::uint8_t sj = side[w * n + j];
    if (si != 0 && sj != 0 && si != sj) return true;
  }
  return false;
}

void OngoingWars::resize(std::size_t actors) {
  n = actors;
  count = 0;
  const std::size_t cap = std::max<std::size_t>(1, actors * (actors > 0 ? actors - 1 : 0) / 2);
  for (auto* v : {&a, &d, &flashpoint, &onset, &entity}) v->assign(cap, 0);
  p.assign(cap, 0.0);
  deaths.assign(cap, 0.0);
  great_power.assign(cap, 0);
  side.assign(cap * actors, 0);
}

OngoingWars& OngoingWars::operator=(const OngoingWars& o) {
  if (this == &o) return *this;
  if (o.capacity() != capacity() || o.n != n) {
    n = o.n;
    count = o.count;
    a = o.a;
    d = o.d;
    flashpoint = o.flashpoint;
    onset = o.onset;
    entity = o.entity;
    p = o.p;
    deaths = o.deaths;
    great_power = o.great_power;
    side = o.side;
    return *this;
  }
  count = o.count;
  const auto c = static_cast<std::ptrdiff_t>(count);
  std::copy(o.a.begin(), o.a.begin() + c, a.begin());
  std::copy(o.d.begin(), o.d.begin() + c, d.begin());
  std::copy(o.flashpoint.begin(), o.flashpoint.begin() + c, flashpoint.begin());
  std::copy(o.onset.begin(), o.onset.begin() + c, onset.begin());
  std::copy(o.entity.begin(), o.entity.begin() + c, entity.begin());
  std::copy(o.p.begin(), o.p.begin() + c, p.begin());
  std::copy(o.deaths.begin(), o.deaths.begin() + c, deaths.begin());
  std::copy(o.great_power.begin(), o.great_power.begin() + c, great_power.begin());
  std::copy(o.side.begin(), o.side.begin() + c * static_cast<std::ptrdiff_t>(n), side.begin());
  return *this;
}

namespace {

// Moves war `from` into slot `to` (to < from) of the same OngoingWars.
void move_war(OngoingWars& ow, std::size_t from, std::size_t to) {
  ow.a[to] = ow.a[from];
  ow.d[to] = ow.d[from];
  ow.flashpoint[to] = ow.flashpoint[from];
  ow.onset[to] = ow.onset[from];
  ow.entity[to] = ow.entity[from];
  ow.p[to] = ow.p[from];
  ow.deaths[to] = ow.deaths[from];
  ow.great_power[to] = ow.great_power[from];
  std::copy_n(ow.side.begin() + static_cast<std::ptrdiff_t>(from * ow.n), ow.n,
              ow.side.begin() + static_cast<std::ptrdiff_t>(to * ow.n));
}

}  // namespace

void OngoingWars::sides(std::size_t w, const std::vector<int>& ccode, std::vector<int>& side_a,
                        std::vector<int>& side_d) const {
  side_a.clear();
  side_d.clear();
  const std::uint8_t* row = side.data() + w * n;
  for (std::size_t k = 0; k < n; ++k) {
    if (row[k] == 1) side_a.push_back(ccode[k]);
    if (row[k] == 2) side_d.push_back(ccode[k]);
  }
}

void phase_war(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& ctx) {
  const std::size_t n = m.n;
  const OrderRules& o = m.order;
  std::fill(ws.wars.begin(), ws.wars.end(), std::int16_t{0});
  const double loss = m.params[P::war_gdp_loss];
  const double joiner = m.params[P::joiner_intensity];
  const double trade_loss = m.params[P::war_trade_loss];
  const double q_other = m.params[P::war_termination];
  const double q_gp = m.params[P::war_termination_gp];
  const double deaths_a = m.params[P::battle_deaths_intercept];
  const double deaths_b = m.params[P::battle_deaths_elasticity];
  const double sd = m.params[P::battle_deaths_sd];
  const bool community = o.crisis_manager == CrisisManager::community;
  OngoingWars& ow = nxt.ongoing;
  ow = cur.ongoing;  // the wars going on at the end of last year (copies the slots in use only)

  // onsets
  for (std::size_t w = 0; w < ws.war_list.size(); ++w) {
    const Crisis& cr = ws.war_list[w];
    const auto a = static_cast<std::size_t>(cr.a);
    const auto d = static_cast<std::size_t>(cr.d);
    if (ow.at_war(a, d)) continue;  // already fighting each other: the crisis is part of that war
    const std::size_t slot = ow.count++;  // capacity n(n-1)/2 is never exceeded (state.hpp)
    std::uint8_t* side = ow.side.data() + slot * n;
    std::fill(side, side + n, std::uint8_t{0});
    side[a] = 1;
    side[d] = 2;
    RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::war, w);
    // Fitted joining (data/joining.toml; Leeds 2003): a state joins only under an obligation that
    // applies, a defense pledge to the target d, with the rate of the war's era. The scenario's
    // level-3 ties do not record offense pledges, so no state joins the initiator a. Without the
    // file: allies of either side join with alliance_reliability (and the order's override).
    const double join_rate = joining_probability(m.joining, ctx.year, Obligation::defense);
    for (std::size_t k = 0; k < n; ++k) {
      if (k == a || k == d) continue;
      const double to_a = nxt.alliance[k * n + a];
      const double to_d = nxt.alliance[k * n + d];
      const double u = rng.uniform();
      std::uint8_t join = 0;
      if (!m.joining.fitted && to_a >= 2.5 && to_d < 2.5) join = 1;
      if (to_d >= 2.5 && to_a < 2.5) join = 2;
      if (join == 0 || u >= (m.joining.fitted ? join_rate : reliability_of(m, k))) continue;
      if (community && nxt.polyarchy[k] >= o.community_threshold) {
        // a community member never fights another qualifying member
        bool blocked = false;
        for (std::size_t q = 0; q < n; ++q) {
          if (side[q] != 0 && side[q] != join && nxt.polyarchy[q] >= o.community_threshold) blocked = true;
        }
        if (blocked) continue;
      }
      side[k] = join;
    }
    bool gp_a = false;
    bool gp_d = false;
    for (std::size_t k = 0; k < n; ++k) {
      if (side[k] == 1) gp_a = gp_a || is_gp(m, k);
      if (side[k] == 2) gp_d = gp_d || is_gp(m, k);
    }
    ow.a[slot] = cr.a;
    ow.d[slot] = cr.d;
    ow.flashpoint[slot] = cr.flashpoint;
    ow.onset[slot] = ctx.year;
    ow.entity[slot] = static_cast<int>(w);
    ow.p[slot] = cr.p;
    ow.deaths[slot] = 0.0;
    // a great-power war began directly (a crisis between two great powers) or by joining
    const bool direct = is_gp(m, a) && is_gp(m, d);
    ow.great_power[slot] = gp_a && gp_d ? (direct ? kGpWarDirect : kGpWarJoining) : std::uint8_t{0};
    ++ws.tally.wars;
    if (gp_a && gp_d) {
      ++ws.tally.gp_wars;
      ++(direct ? ws.tally.gp_wars_direct : ws.tally.gp_wars_joining);
    }
  }

  // every war going on this year: costs, battle deaths, then termination and outcome
  std::size_t kept = 0;
  for (std::size_t w = 0; w < ow.count; ++w) {
    const std::uint8_t* side = ow.side.data() + w * n;
    const auto a = static_cast<std::size_t>(ow.a[w]);
    const auto d = static_cast<std::size_t>(ow.d[w]);
    const std::uint64_t war_key =
        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(ow.onset[w])) << 32U) |
        static_cast<std::uint32_t>(ow.entity[w]);
    RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::war_duration, war_key);
    for (std::size_t k = 0; k < n; ++k) {
      if (side[k] == 0) continue;
      // battle deaths: one draw per participant-year, bounded by the personnel it has
      const double z = rng.normal();
      const double persons = nxt.milper[k] * 1000.0;  // NMC milper is in thousands
      if (persons > 0.0) {
        const double killed = std::min(persons, std::exp(deaths_a + deaths_b * std::log(persons) + sd * z));
        // all of it when capped (subtracting could leave -1e-14 of rounding)
        nxt.milper[k] = killed < persons ? std::max(0.0, nxt.milper[k] - killed / 1000.0) : 0.0;
        ow.deaths[w] += killed;
        ws.tally.battle_deaths += killed;
      }
      const double intensity = (k == a || k == d) ? 1.0 : joiner;
      nxt.gdp[k] *= 1.0 - loss * intensity;
      nxt.milper[k] *= 1.0 - loss * intensity;
      nxt.milex[k] *= 1.0 - loss * intensity;
      nxt.nmc_milex[k] *= 1.0 - loss * intensity;
      for (std::size_t q = 0; q < n; ++q) {
        if (side[q] != 0 && side[q] != side[k]) {
          nxt.trade[k * n + q] *= 1.0 - trade_loss;
          ws.wars[k * n + q] = static_cast<std::int16_t>(ws.wars[k * n + q] + 1);
        }
      }
    }
    const double q = ow.great_power[w] != 0 ? q_gp : q_other;
    if (!(rng.uniform() < q)) {
      if (kept != w) move_war(ow, w, kept);
      ++kept;
      continue;
    }
    // the war ends this year: the outcome lottery on p
    const bool a_wins = rng.uniform() < ow.p[w];
    std::string subject;
    if (ow.flashpoint[w] >= 0) {
      const auto f = static_cast<std::size_t>(ow.flashpoint[w]);
      const Flashpoint& fp = m.flashpoints[f];
      subject = fp.name;
      double pos_w = nxt.status_quo[f];
      for (std::size_t x = 0; x < fp.parties.size(); ++x) {
        if (fp.parties[x] == (a_wins ? ow.a[w] : ow.d[w])) pos_w = fp.positions[x];
      }
      nxt.status_quo[f] += m.params[P::war_status_quo_shift] * (pos_w - nxt.status_quo[f]);
    }
    if (ctx.events.wars && ctx.out_events != nullptr) {
      ow.sides(w, m.ccode, ws.side_a, ws.side_d);
      ctx.out_events->push_back(war_event(m, ow, w, subject, ws.side_a, ws.side_d, a_wins ? "victory_a" : "victory_b",
                                          ctx.year));
    }
    // spheres of influence: a small state beaten by a great power loses its autonomy
    const std::size_t winner = a_wins ? a : d;
    const std::size_t loser = a_wins ? d : a;
    if (o.spheres > 0.0 && is_gp(m, winner) && !is_gp(m, loser) && nxt.autonomous[loser] != 0 &&
        rng.uniform() < o.spheres) {
      nxt.autonomous[loser] = 0;
      ++ws.tally.autonomy_lost;
      if (ctx.events.wars) add_event(ctx, "autonomy_lost", subject, {m.ccode[winner]}, {m.ccode[loser]}, "lost", 0.0);
    }
  }
  ow.count = kept;
}

}  // namespace concord::engine

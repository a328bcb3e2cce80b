#include "concord/engine/phases.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "concord/engine/kernels.hpp"
#include "concord/engine/rng.hpp"
#include "concord/bargain/decision.hpp"
#include "concord/measures/cinc.hpp"

namespace concord::engine {

namespace {

using P = Param;

bool is_gp(const Model& m, std::size_t i) { return m.great_power[i] != 0; }

// Elite restraint applied to behaviour toward actor j (ORDERS.md: toward great powers / small).
double restraint_toward(const Model& m, std::size_t j) {
  return is_gp(m, j) ? m.order.restraint_gp : m.order.restraint_small;
}

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

double reliability_of(const Model& m, std::size_t k) {
  if (k < m.order.reliability.size() && m.order.reliability[k] >= 0.0) return m.order.reliability[k];
  return m.params[P::alliance_reliability];
}

bool is_member(const Model& m, std::size_t inst, std::size_t i, int year) {
  if (m.member[inst * m.n + i] == 0) return false;
  const auto& in = m.institutions[inst];
  for (std::size_t k = 0; k < in.members.size(); ++k) {
    if (static_cast<std::size_t>(in.members[k]) == i) return in.join_year[k] <= year;
  }
  return true;  // added by the order
}

unsigned mandate_of(const Model& m, std::size_t inst) {
  unsigned bits = m.institutions[inst].mandate;
  if (inst < m.order.mandate_upgrade.size()) bits |= m.order.mandate_upgrade[inst];
  return bits;
}

double initial_cbm(const Model& m, std::size_t f) {
  return m.order.initial_cbm.empty() ? m.order.measures.confidence_building : m.order.initial_cbm[f];
}

double initial_code(const Model& m, std::size_t f) {
  return m.order.initial_code.empty() ? m.order.measures.code_of_conduct : m.order.initial_code[f];
}

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

int find_root(std::vector<int>& parent, int i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

// Dissatisfaction of a dyad: the larger of the two members' (1 - S to the leader) / 2, in [0, 1].
double dyad_dissatisfaction(const State& s, std::size_t i, std::size_t j) {
  return std::max(1.0 - s.satisfaction[i], 1.0 - s.satisfaction[j]) * 0.5;
}

// Largest capability of a shared institution with a crisis-relevant mandate (0 if none).
double shared_mediation(const Model& m, const State& s, std::size_t a, std::size_t d, int year) {
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

void add_event(YearContext& ctx, std::string kind, std::string subject, std::vector<int> a, std::vector<int> b,
               std::string outcome, double value) {
  if (ctx.out_events == nullptr) return;
  ctx.out_events->push_back(EventRecord{ctx.year, std::move(kind), std::move(subject), std::move(a),
                                        std::move(b), std::move(outcome), value});
}

}  // namespace

// ---------------------------------------------------------------------------------------------
void compute_cinc(const State& s, std::vector<double>& cinc) {
  // the data layer's CINC (measures/cinc.hpp): the same function for data and engine
  measures::cinc({std::span<const double>(s.nmc_milex), std::span<const double>(s.milper),
                  std::span<const double>(s.irst), std::span<const double>(s.pec),
                  std::span<const double>(s.tpop), std::span<const double>(s.upop)},
                 cinc);
  for (double& c : cinc) {
    if (std::isnan(c)) c = 0.0;
  }
}

double s_score_rows(const double* a, const double* b, std::size_t n) noexcept {
  if (n == 0) return 1.0;
  double d = 0.0;
  for (std::size_t k = 0; k < n; ++k) d += std::abs(a[k] - b[k]);
  return 1.0 - 2.0 * d / (3.0 * static_cast<double>(n));
}

double covariate_loghazard(const Model& m, const State& s, const std::vector<double>& prev_cinc, std::size_t i,
                           std::size_t j) noexcept {
  const std::size_t n = m.n;
  const std::size_t ij = i * n + j;
  const Hazards& h = m.hazards;
  const double ci = s.cinc[i];
  const double cj = s.cinc[j];
  const double weaker = std::min(ci, cj);
  const double stronger = std::max(ci, cj);
  const double parity = (weaker > 0.0 && stronger > 0.0) ? std::log(weaker / stronger) : -10.0;
  const double r = ci + cj > 0.0 ? ci / (ci + cj) : 0.5;
  const double pi = prev_cinc[i];
  const double pj = prev_cinc[j];
  const double r0 = pi + pj > 0.0 ? pi / (pi + pj) : 0.5;
  const double shift = std::abs(r - r0);
  const double ally = s.alliance[ij] >= 2.5 ? 1.0 : 0.0;
  const double jdem = std::min(s.polyarchy[i], s.polyarchy[j]);
  const double ti = s.gdp[i] > 0.0 ? s.trade[ij] / s.gdp[i] : 0.0;
  const double tj = s.gdp[j] > 0.0 ? s.trade[ij] / s.gdp[j] : 0.0;
  const double trade_dep = std::min(ti, tj);
  const double major = (m.great_power[i] != 0 || m.great_power[j] != 0) ? 1.0 : 0.0;
  return h.intercept + h.coef(Covariate::contiguity) * m.contiguity[ij] +
         h.coef(Covariate::log_distance) * m.log_distance[ij] + h.coef(Covariate::parity) * parity +
         h.coef(Covariate::power_shift) * shift + h.coef(Covariate::alliance) * ally +
         h.coef(Covariate::joint_democracy) * jdem + h.coef(Covariate::trade_dependence) * trade_dep +
         h.coef(Covariate::major_power) * major;
}

// ---------------------------------------------------------------------------------------------
void initial_state(const Model& m, State& s, Workspace& ws) {
  const std::size_t n = m.n;
  s.gdp = m.gdp;
  s.population = m.population;
  s.milex = m.milex;
  s.nmc_milex = m.nmc_milex;
  s.milper = m.milper;
  s.irst = m.irst;
  s.pec = m.pec;
  s.tpop = m.tpop;
  s.upop = m.upop;
  s.polyarchy = m.polyarchy;
  for (std::size_t i = 0; i < n; ++i) {
    s.burden[i] = m.gdp[i] > 0.0 ? m.milex[i] / m.gdp[i] : 0.0;
    s.autonomous[i] = 1;
  }
  s.alliance = m.alliance;
  s.trust = m.trust;
  s.trade = m.trade;
  for (std::size_t f = 0; f < m.flashpoints.size(); ++f) {
    s.status_quo[f] = m.flashpoints[f].status_quo;
    s.cbm[f] = initial_cbm(m, f);
    s.code_of_conduct[f] = initial_code(m, f);
  }
  for (std::size_t k = 0; k < m.institutions.size(); ++k) {
    s.capacity[k] = m.institutions[k].capacity;
  }
  s.arms_control = m.order.measures.arms_control;
  compute_cinc(s, s.cinc);
  double total = std::accumulate(s.cinc.begin(), s.cinc.end(), 0.0);
  s.leader = 0;
  for (std::size_t i = 0; i < n; ++i) {
    s.share[i] = total > 0.0 ? s.cinc[i] / total : 0.0;
    if (s.cinc[i] > s.cinc[static_cast<std::size_t>(s.leader)]) s.leader = static_cast<int>(i);
  }
  const double* lead_row = s.alliance.data() + static_cast<std::size_t>(s.leader) * n;
  for (std::size_t i = 0; i < n; ++i) s.satisfaction[i] = s_score_rows(s.alliance.data() + i * n, lead_row, n);
  // the start's covariates, so that h = exp(beta . (x_t - x_0)) is 1 in the first year
  for (std::size_t i = 0; i < n; ++i) {
    ws.baseline_burden[i] = s.burden[i];
    ws.qualifies[i] = m.polyarchy[i] >= m.order.community_threshold ? 1 : 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      ws.x0_loghazard[i * n + j] = covariate_loghazard(m, s, s.cinc, i, j);
      ws.dissat0[i * n + j] = dyad_dissatisfaction(s, i, j);
    }
  }
  ws.initial_alliance = m.alliance;
}

// 1. Economy ----------------------------------------------------------------------------------
void phase_economy(const Model& m, const State& cur, State& nxt, Workspace& /*ws*/, YearContext& ctx) {
  const std::size_t n = m.n;
  std::size_t lead = 0;
  double y_lead = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double y = cur.population[i] > 0.0 ? cur.gdp[i] / cur.population[i] : 0.0;
    if (y > y_lead) {
      y_lead = y;
      lead = i;
    }
  }
  (void)lead;
  const double g_lead = m.params[P::growth_lead];
  const double beta = m.params[P::convergence_beta];
  const double sigma = m.params[P::growth_sigma];
  for (std::size_t i = 0; i < n; ++i) {
    RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::economy, i);
    const double y = cur.population[i] > 0.0 ? cur.gdp[i] / cur.population[i] : y_lead;
    const double g = std::isnan(m.growth_trend[i]) ? g_lead + beta * std::log(y_lead / std::max(y, 1e-12))
                                                   : m.growth_trend[i];
    const double e = sigma > 0.0 ? sigma * rng.normal() : 0.0;
    const double growth = std::clamp(g + e, -0.5, 0.5);
    nxt.gdp[i] = cur.gdp[i] * (1.0 + growth);
    const double pg = std::isnan(m.population_growth[i]) ? m.params[P::population_growth] : m.population_growth[i];
    nxt.population[i] = cur.population[i] * (1.0 + pg);
    // regime convergence (an order's precondition, e.g. security-community): only upward
    nxt.polyarchy[i] = cur.polyarchy[i] < m.order.regime_target
                           ? cur.polyarchy[i] + m.order.regime_rate * (m.order.regime_target - cur.polyarchy[i])
                           : cur.polyarchy[i];
    nxt.autonomous[i] = cur.autonomous[i];
  }
  // gravity: trade grows with the geometric mean of the partners' GDP growth
  const double el = m.params[P::trade_growth_elasticity];
  const double integration = 1.0 + m.order.trade_integration_growth;
  for (std::size_t i = 0; i < n; ++i) {
    const double gi = cur.gdp[i] > 0.0 ? nxt.gdp[i] / cur.gdp[i] : 1.0;
    for (std::size_t j = 0; j < n; ++j) {
      const double gj = cur.gdp[j] > 0.0 ? nxt.gdp[j] / cur.gdp[j] : 1.0;
      nxt.trade[i * n + j] = cur.trade[i * n + j] * std::pow(gi * gj, 0.5 * el) * integration;
    }
  }
}

// 2. Military effort (Richardson with restraint) ----------------------------------------------
void phase_military_effort(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& /*ctx*/) {
  const std::size_t n = m.n;
  const double k = m.params[P::richardson_reaction];
  const double a = m.params[P::richardson_fatigue];
  for (std::size_t i = 0; i < n; ++i) {
    double row_sum = 0.0;
    double* row = ws.threat.data() + i * n;
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) {
        row[j] = 0.0;
        continue;
      }
      const std::size_t ij = i * n + j;
      const double ci = cur.cinc[i];
      const double cj = cur.cinc[j];
      const double rel = ci + cj > 0.0 ? cj / (ci + cj) : 0.0;
      const double w = (1.0 - cur.trust[ij]) * (1.0 - cur.alliance[ij] / 3.0) * m.proximity[ij] * rel *
                       (1.0 - restraint_toward(m, j));
      row[j] = w;
      row_sum += w;
    }
    if (row_sum > 1.0) {
      for (std::size_t j = 0; j < n; ++j) row[j] /= row_sum;
    }
    ws.reaction[i] = k;
    ws.fatigue[i] = a;
    ws.grievance[i] = a * ws.baseline_burden[i];
  }
  richardson_step(cur.burden, ws.threat, ws.reaction, ws.fatigue, ws.grievance, 1.0, ws.out);
  const double cap = m.order.arms_cap >= 0.0 ? m.order.arms_cap : m.params[P::arms_cap_burden];
  for (std::size_t i = 0; i < n; ++i) {
    double b = ws.out[i];
    if (b > cap) b -= cur.arms_control * (b - cap);
    b = std::clamp(b, 0.0, 0.5);
    nxt.burden[i] = b;
    const double m_old = cur.milex[i];
    nxt.milex[i] = b * nxt.gdp[i];
    const double gm = m_old > 0.0 ? nxt.milex[i] / m_old : 1.0;
    const double gy = cur.gdp[i] > 0.0 ? nxt.gdp[i] / cur.gdp[i] : 1.0;
    const double gp = cur.population[i] > 0.0 ? nxt.population[i] / cur.population[i] : 1.0;
    nxt.nmc_milex[i] = cur.nmc_milex[i] * gm;
    nxt.milper[i] = cur.milper[i] * gm;
    nxt.irst[i] = cur.irst[i] * gy;
    nxt.pec[i] = cur.pec[i] * gy;
    nxt.tpop[i] = cur.tpop[i] * gp;
    nxt.upop[i] = cur.upop[i] * gp;
  }
}

// 3. Capability (CINC) -------------------------------------------------------------------------
void phase_capability(const Model& /*m*/, const State& /*cur*/, State& nxt, Workspace& /*ws*/,
                      YearContext& /*ctx*/) {
  compute_cinc(nxt, nxt.cinc);
}

// 4. Power structure ---------------------------------------------------------------------------
void phase_power_structure(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& /*ctx*/) {
  const std::size_t n = m.n;
  const double total = std::accumulate(nxt.cinc.begin(), nxt.cinc.end(), 0.0);
  double sum_sq = 0.0;
  nxt.leader = 0;
  for (std::size_t i = 0; i < n; ++i) {
    nxt.share[i] = total > 0.0 ? nxt.cinc[i] / total : 0.0;
    sum_sq += nxt.share[i] * nxt.share[i];
    if (nxt.cinc[i] > nxt.cinc[static_cast<std::size_t>(nxt.leader)]) nxt.leader = static_cast<int>(i);
  }
  const double dn = static_cast<double>(n);
  ws.tally.con = n > 1 ? std::sqrt(std::max(0.0, (sum_sq - 1.0 / dn) / (1.0 - 1.0 / dn))) : 1.0;
  ws.tally.poles = sum_sq > 0.0 ? 1.0 / sum_sq : 0.0;
  // overtaking between great powers
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_gp(m, i)) continue;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (!is_gp(m, j)) continue;
      if ((cur.cinc[i] > cur.cinc[j]) != (nxt.cinc[i] > nxt.cinc[j])) ++ws.tally.overtakes;
    }
  }
  // coalitions: connected components of defense pledges (level >= 2.5)
  for (std::size_t i = 0; i < n; ++i) ws.component[i] = static_cast<int>(i);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (cur.alliance[i * n + j] >= 2.5) {
        const int ri = find_root(ws.component, static_cast<int>(i));
        const int rj = find_root(ws.component, static_cast<int>(j));
        if (ri != rj) ws.component[static_cast<std::size_t>(ri)] = rj;
      }
    }
  }
  std::fill(ws.component_share.begin(), ws.component_share.end(), 0.0);
  double largest = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = static_cast<std::size_t>(find_root(ws.component, static_cast<int>(i)));
    ws.component_share[r] += nxt.share[i];
    largest = std::max(largest, ws.component_share[r]);
  }
  ws.tally.largest_coalition = largest;
  ws.tally.balanced_disparity = ws.tally.con >= m.params[P::disparity_con_min] && largest < 0.5;
}

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

// 6. Incidents ---------------------------------------------------------------------------------
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
  for (std::size_t f = 0; f < m.flashpoints.size(); ++f) {
    const Flashpoint& fp = m.flashpoints[f];
    for (std::size_t x = 0; x < fp.parties.size(); ++x) {
      for (std::size_t y = x + 1; y < fp.parties.size(); ++y) {
        const auto i = static_cast<std::size_t>(fp.parties[x]);
        const auto j = static_cast<std::size_t>(fp.parties[y]);
        const std::size_t ij = i * n + j;
        const double logh = covariate_loghazard(m, nxt, cur.cinc, i, j) - ws.x0_loghazard[ij] +
                            assumption_terms(i, j) - g_cbm * cur.cbm[f] - g_code * cur.code_of_conduct[f];
        const double rate = fp.base_rate * std::exp(std::min(logh, 20.0));
        RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::incidents,
                         f * nn + ij);
        const int k = rng.poisson(rate);
        for (int c = 0; c < k; ++c) ws.crises.push_back(Crisis{static_cast<int>(i), static_cast<int>(j), static_cast<int>(f), 0.5});
        ws.incidents[ij] = static_cast<std::int16_t>(ws.incidents[ij] + k);
        ws.incidents[j * n + i] = ws.incidents[ij];
      }
    }
  }
  if (m.params[P::background_mids] > 0.5 && m.hazards.fitted) {
    const double region_cbm = m.order.measures.confidence_building;
    const std::size_t base = m.flashpoints.size() * nn;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        const std::size_t ij = i * n + j;
        if (m.flashpoint_pair[ij] != 0) continue;
        const double logit = covariate_loghazard(m, nxt, cur.cinc, i, j);
        const double prob = std::min(1.0, logistic(logit) * std::exp(std::min(assumption_terms(i, j) - g_cbm * region_cbm, 20.0)));
        RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::incidents, base + ij);
        if (rng.uniform() < prob) {
          ws.crises.push_back(Crisis{static_cast<int>(i), static_cast<int>(j), -1, 0.5});
          ws.incidents[ij] = static_cast<std::int16_t>(ws.incidents[ij] + 1);
          ws.incidents[j * n + i] = ws.incidents[ij];
        }
      }
    }
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
        if (nxt.polyarchy[a] >= o.community_threshold && nxt.polyarchy[d] >= o.community_threshold &&
            ws.qualifies[a] != 0 && ws.qualifies[d] != 0)
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
    const double p_next = std::clamp(p + (p - p_prev), 0.0, 1.0);
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
    const double p_info = p_war_information(cost_a, cost_d, sigma);
    // the declining side fights to pre-empt the shift (Powell 2006)
    const double p_commit = p_next >= p ? p_war_commitment(p, p_next, cost_a, cost_d, delta, sigma_c)
                                        : p_war_commitment(1.0 - p, 1.0 - p_next, cost_d, cost_a, delta, sigma_c);
    const double p_war = community_peace ? 0.0 : p_war_given_crisis(p_info, p_commit);
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
void phase_war(const Model& m, const State& /*cur*/, State& nxt, Workspace& ws, YearContext& ctx) {
  const std::size_t n = m.n;
  const OrderRules& o = m.order;
  std::fill(ws.wars.begin(), ws.wars.end(), std::int16_t{0});
  const double loss = m.params[P::war_gdp_loss];
  const double joiner = m.params[P::joiner_intensity];
  const double trade_loss = m.params[P::war_trade_loss];
  const bool community = o.crisis_manager == CrisisManager::community;
  std::vector<int>& side_a = ws.side_a;
  std::vector<int>& side_d = ws.side_d;
  for (std::size_t w = 0; w < ws.war_list.size(); ++w) {
    const Crisis& cr = ws.war_list[w];
    const auto a = static_cast<std::size_t>(cr.a);
    const auto d = static_cast<std::size_t>(cr.d);
    std::fill(ws.side.begin(), ws.side.end(), std::uint8_t{0});
    ws.side[a] = 1;
    ws.side[d] = 2;
    RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::war, w);
    // allies with a defense pledge join with probability = reliability (and are entrapped by it)
    for (std::size_t k = 0; k < n; ++k) {
      if (k == a || k == d) continue;
      const double to_a = nxt.alliance[k * n + a];
      const double to_d = nxt.alliance[k * n + d];
      const double u = rng.uniform();
      std::uint8_t join = 0;
      if (to_a >= 2.5 && to_d < 2.5) join = 1;
      if (to_d >= 2.5 && to_a < 2.5) join = 2;
      if (join == 0 || u >= reliability_of(m, k)) continue;
      if (community && ws.qualifies[k] != 0) {
        // a community member never fights another qualifying member
        bool blocked = false;
        for (std::size_t q = 0; q < n; ++q) {
          if (ws.side[q] != 0 && ws.side[q] != join && ws.qualifies[q] != 0) blocked = true;
        }
        if (blocked) continue;
      }
      ws.side[k] = join;
    }
    bool gp_a = false;
    bool gp_d = false;
    side_a.clear();
    side_d.clear();
    for (std::size_t k = 0; k < n; ++k) {
      if (ws.side[k] == 0) continue;
      const double intensity = (k == a || k == d) ? 1.0 : joiner;
      nxt.gdp[k] *= 1.0 - loss * intensity;
      nxt.milper[k] *= 1.0 - loss * intensity;
      nxt.milex[k] *= 1.0 - loss * intensity;
      nxt.nmc_milex[k] *= 1.0 - loss * intensity;
      if (ws.side[k] == 1) {
        side_a.push_back(m.ccode[k]);
        gp_a = gp_a || is_gp(m, k);
      } else {
        side_d.push_back(m.ccode[k]);
        gp_d = gp_d || is_gp(m, k);
      }
      for (std::size_t q = 0; q < n; ++q) {
        if (ws.side[q] != 0 && ws.side[q] != ws.side[k]) {
          nxt.trade[k * n + q] *= 1.0 - trade_loss;
          ws.wars[k * n + q] = static_cast<std::int16_t>(ws.wars[k * n + q] + 1);
        }
      }
    }
    const bool a_wins = rng.uniform() < cr.p;
    ++ws.tally.wars;
    const bool gp_war = gp_a && gp_d;
    if (gp_war) ++ws.tally.gp_wars;
    std::string subject;
    if (cr.flashpoint >= 0) {
      const auto f = static_cast<std::size_t>(cr.flashpoint);
      const Flashpoint& fp = m.flashpoints[f];
      subject = fp.name;
      double pos_w = nxt.status_quo[f];
      for (std::size_t x = 0; x < fp.parties.size(); ++x) {
        if (fp.parties[x] == (a_wins ? cr.a : cr.d)) pos_w = fp.positions[x];
      }
      nxt.status_quo[f] += m.params[P::war_status_quo_shift] * (pos_w - nxt.status_quo[f]);
    }
    if (ctx.events.wars) {
      add_event(ctx, gp_war ? "great_power_war" : "war", subject, side_a, side_d, a_wins ? "victory_a" : "victory_b",
                cr.p);
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
}

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
  const double tol = m.params[P::voice_tolerance];
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
    for (std::size_t i = 0; i < n; ++i) {
      if (is_member(m, k, i, ctx.year)) ws.members[count++] = static_cast<int>(i);
    }
    for (std::size_t f = 0; proposes && f < m.flashpoints.size(); ++f) {
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
        ws.weight[x] = nxt.cinc[i];
        total_weight += nxt.cinc[i];
        ws.directorate_flag[x] = contains(o.directorate, static_cast<int>(i)) ? 1 : 0;
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
      // small-state voice: the outcome inside each small member's acceptable range
      for (std::size_t x = 0; x < count; ++x) {
        if (is_gp(m, static_cast<std::size_t>(ws.members[x]))) continue;
        ++ws.tally.voice_total;
        if (std::abs(level - ws.ideal[x]) <= tol) ++ws.tally.voice_inside;
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

// 10. Trust ------------------------------------------------------------------------------------
void phase_trust(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& /*ctx*/) {
  const std::size_t n = m.n;
  const double relax = m.params[P::trust_relax];
  const double coop = m.params[P::trust_cooperation];
  const double reassure = m.params[P::trust_reassurance] * (m.order.measures.reassurance + m.order.measures.trust_building);
  const double inc = m.params[P::trust_incident];
  const double war = m.params[P::trust_war];
  for (std::size_t ij = 0; ij < n * n; ++ij) {
    const double t = cur.trust[ij] + relax * (m.trust[ij] - cur.trust[ij]) + coop * ws.cooperation[ij] + reassure -
                     inc * ws.incidents[ij] - war * ws.wars[ij];
    nxt.trust[ij] = std::clamp(t, 0.0, 1.0);
  }
}

// 11. Record: done by the simulation loop, which owns the output row (see simulate.cpp).
void phase_record(const Model& /*m*/, const State& /*cur*/, State& /*nxt*/, Workspace& /*ws*/, YearContext& /*ctx*/) {}

// ---------------------------------------------------------------------------------------------
void State::resize(std::size_t n, std::size_t flashpoints, std::size_t institutions) {
  for (auto* v : {&gdp, &population, &milex, &nmc_milex, &burden, &milper, &irst, &pec, &tpop, &upop, &cinc, &share,
                  &polyarchy, &satisfaction})
    v->assign(n, 0.0);
  autonomous.assign(n, 1);
  for (auto* v : {&alliance, &trust, &trade}) v->assign(n * n, 0.0);
  status_quo.assign(flashpoints, 0.0);
  cbm.assign(flashpoints, 0.0);
  code_of_conduct.assign(flashpoints, 0.0);
  capacity.assign(institutions, 0.0);
}

void Workspace::prepare(const Model& model) {
  const std::size_t n = model.n;
  cur.resize(n, model.flashpoints.size(), model.institutions.size());
  nxt.resize(n, model.flashpoints.size(), model.institutions.size());
  threat.assign(n * n, 0.0);
  for (auto* v : {&reaction, &fatigue, &grievance, &baseline_burden, &out, &component_share, &ideal, &salience, &weight})
    v->assign(n, 0.0);
  members.assign(n, 0);
  directorate_flag.assign(n, 0);
  blocked.assign(n, 0);
  incidents.assign(n * n, 0);
  wars.assign(n * n, 0);
  cooperation.assign(n * n, 0.0F);
  component.assign(n, 0);
  side.assign(n, 0);
  side_a.reserve(n);
  side_d.reserve(n);
  qualifies.assign(n, 0);
  x0_loghazard.assign(n * n, 0.0);
  dissat0.assign(n * n, 0.0);
  crises.reserve(1024);
  war_list.reserve(256);
}

}  // namespace concord::engine

#include "concord/engine/phases.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "concord/engine/kernels.hpp"
#include "concord/engine/phase_common.hpp"
#include "concord/engine/rng.hpp"
#include "concord/engine/simulate.hpp"
#include "concord/bargain/decision.hpp"
#include "concord/measures/cinc.hpp"

namespace concord::engine {

using namespace detail;  // NOLINT: the shared phase helpers
using P = Param;

// ---------------------------------------------------------------------------------------------
void compute_cinc(State& s) {
  compute_cinc(s, s.cinc);
  for (std::size_t i = 0; i < s.cinc.size(); ++i) s.log_cinc[i] = s.cinc[i] > 0.0 ? std::log(s.cinc[i]) : -50.0;
}

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
  // ln(weaker / stronger) = -|ln c_i - ln c_j| (log CINC kept per actor by the capability phase)
  const double parity = (ci > 0.0 && cj > 0.0) ? -std::abs(s.log_cinc[i] - s.log_cinc[j]) : -10.0;
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
  // m.static_loghazard: intercept + contiguity, distance and major-power terms (fixed in a run)
  return m.static_loghazard[ij] + h.coef(Covariate::parity) * parity + h.coef(Covariate::power_shift) * shift +
         h.coef(Covariate::alliance) * ally + h.coef(Covariate::joint_democracy) * jdem +
         h.coef(Covariate::trade_dependence) * trade_dep;
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
  s.peace_years = m.peace_years;
  ws.order_loghazard = m.order_loghazard;
  for (std::size_t f = 0; f < m.flashpoints.size(); ++f) {
    s.status_quo[f] = m.flashpoints[f].status_quo;
    s.cbm[f] = initial_cbm(m, f);
    s.code_of_conduct[f] = initial_code(m, f);
  }
  for (std::size_t k = 0; k < m.institutions.size(); ++k) {
    s.capacity[k] = m.institutions[k].capacity;
  }
  s.arms_control = m.order.measures.arms_control;
  s.ongoing.count = 0;
  compute_cinc(s);
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
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      ws.x0_loghazard[i * n + j] = covariate_loghazard(m, s, s.cinc, i, j) + peace_loghazard(m, s, i * n + j);
      ws.dissat0[i * n + j] = dyad_dissatisfaction(s, i, j);
    }
  }
  ws.initial_alliance = m.alliance;
}

// 1. Economy ----------------------------------------------------------------------------------
void phase_economy(const Model& m, const State& cur, State& nxt, Workspace& ws, YearContext& ctx) {
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
  // the scenario's growth-path row of this year (model.hpp: year-major, last row carried on)
  const std::size_t path_row =
      std::min(static_cast<std::size_t>(std::max(ctx.year_index, 0)), m.growth_years - 1) * n;
  for (std::size_t i = 0; i < n; ++i) {
    RandomStream rng(ctx.seed, ctx.run, static_cast<std::uint64_t>(ctx.year), Stream::economy, i);
    const double y = cur.population[i] > 0.0 ? cur.gdp[i] / cur.population[i] : y_lead;
    const double path_g = m.growth_trend[path_row + i];
    const double g = std::isnan(path_g) ? g_lead + beta * std::log(y_lead / std::max(y, 1e-12)) : path_g;
    const double e = sigma > 0.0 ? sigma * rng.normal() : 0.0;
    const double growth = std::clamp(g + e, -0.5, 0.5);
    nxt.gdp[i] = cur.gdp[i] * (1.0 + growth);
    const double pg = std::isnan(m.population_growth[path_row + i]) ? m.params[P::population_growth]
                                                                     : m.population_growth[path_row + i];
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
  double* factor = ws.out.data();  // scratch: each actor's (GDP growth)^(el/2)
  for (std::size_t i = 0; i < n; ++i) {
    factor[i] = cur.gdp[i] > 0.0 ? std::pow(nxt.gdp[i] / cur.gdp[i], 0.5 * el) : 1.0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      nxt.trade[i * n + j] = cur.trade[i * n + j] * factor[i] * factor[j] * integration;
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
    // personnel = spending / cost per soldier, and the cost per soldier grows with GDP per capita
    // (a modelling assumption, docs/model.md phase 2): personnel follows the burden and the
    // population, not spending (which grows with GDP and would multiply armies with income)
    const double gb = cur.burden[i] > 0.0 ? b / cur.burden[i] : 1.0;
    nxt.milper[i] = cur.milper[i] * gb * gp;
    nxt.irst[i] = cur.irst[i] * gy;
    nxt.pec[i] = cur.pec[i] * gy;
    nxt.tpop[i] = cur.tpop[i] * gp;
    nxt.upop[i] = cur.upop[i] * gp;
  }
}

// 3. Capability (CINC) -------------------------------------------------------------------------
void phase_capability(const Model& /*m*/, const State& /*cur*/, State& nxt, Workspace& /*ws*/,
                      YearContext& /*ctx*/) {
  compute_cinc(nxt);
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
  // coalitions (docs/model.md, "Order rules and balanced disparity"): the coalition a great
  // power g could assemble is its own share plus every other state's share weighted by
  // coalition_weight of its alliance level with g (0 up to consultation, 1 for a defense
  // pledge). The largest coalition is the largest such sum, and never less than the largest
  // single share (a state above half is dominant with or without allies).
  // ws.component_share[i] holds actor i's coalition (its own share for a state that is not a
  // great power); the alignment phase reads it.
  double largest = 0.0;
  for (std::size_t g = 0; g < n; ++g) {
    double c = nxt.share[g];
    if (is_gp(m, g)) {
      const double* row = cur.alliance.data() + g * n;
      for (std::size_t k = 0; k < n; ++k) {
        if (k != g) c += nxt.share[k] * coalition_weight(row[k]);
      }
    }
    ws.component_share[g] = c;
    largest = std::max(largest, c);
  }
  ws.tally.largest_coalition = largest;
  // Acharya (2014): capabilities unequal (CON at least disparity_con_min) and no coalition that
  // forms holds a majority of capability
  ws.tally.balanced_disparity = ws.tally.con >= m.params[P::disparity_con_min] && largest < 0.5;
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
    // gains saturate (they close a share of the distance to full trust); losses are per event
    const double gain = coop * std::min(1.0F, ws.cooperation[ij]) + reassure;
    const double t = cur.trust[ij] + relax * (m.trust[ij] - cur.trust[ij]) + gain * (1.0 - cur.trust[ij]) -
                     inc * ws.incidents[ij] - war * ws.wars[ij];
    nxt.trust[ij] = std::clamp(t, 0.0, 1.0);
  }
}

// 11. Record: the yearly metrics of year t+1 into the run's output row (simulate.hpp lists them).
void phase_record(const Model& m, const State& /*cur*/, State& nxt, Workspace& ws, YearContext& ctx) {
  if (ctx.row != nullptr) record_year(m, nxt, ws.tally, ctx.prev_gdp, ctx.row);
}

// ---------------------------------------------------------------------------------------------
void State::resize(std::size_t n, std::size_t flashpoints, std::size_t institutions) {
  for (auto* v : {&gdp, &population, &milex, &nmc_milex, &burden, &log_cinc, &milper, &irst, &pec, &tpop, &upop, &cinc, &share,
                  &polyarchy, &satisfaction})
    v->assign(n, 0.0);
  autonomous.assign(n, 1);
  for (auto* v : {&alliance, &trust, &trade}) v->assign(n * n, 0.0);
  peace_years.assign(n * n, 0);
  status_quo.assign(flashpoints, 0.0);
  cbm.assign(flashpoints, 0.0);
  code_of_conduct.assign(flashpoints, 0.0);
  capacity.assign(institutions, 0.0);
  ongoing.resize(n);
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
  side_a.reserve(n);
  side_d.reserve(n);
  x0_loghazard.assign(n * n, 0.0);
  order_loghazard.assign(n * n, 0.0);
  dissat0.assign(n * n, 0.0);
  crises.reserve(1024);
  war_list.reserve(256);
}

}  // namespace concord::engine

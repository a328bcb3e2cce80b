#include "concord/engine/model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <algorithm>
#include <limits>

#include "concord/bargain/rule_power.hpp"
#include "concord/engine/kernels.hpp"
#include "concord/measures/cinc.hpp"

namespace concord::engine {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Location here(const Model& m, std::string field) { return Location{m.scenario_name, 0, 0, std::move(field)}; }

void need_size(const Model& m, std::vector<Problem>& problems, std::size_t have, std::size_t want,
               const char* field) {
  if (have != want) {
    problems.push_back({here(m, field), fmt::format("expected {} values, got {}", want, have)});
  }
}

template <class T>
void fill_if_empty(std::vector<T>& v, std::size_t size, T value) {
  if (v.empty()) v.assign(size, value);
}

void check_actor(const Model& m, std::vector<Problem>& problems, int idx, const std::string& field) {
  if (idx < 0 || static_cast<std::size_t>(idx) >= m.n) {
    problems.push_back({here(m, field), fmt::format("actor index {} outside 0..{}", idx, m.n)});
  }
}

// The small members' a-priori power (model.hpp, small_power_banzhaf): every institution that
// tables proposals under the order (the same test as phase 9), its members in the first simulated
// year, the order's rule for it as a simple game (bargain/rule_power.hpp), QMV weights of the start.
void compute_small_member_power(Model& m) {
  const std::size_t n = m.n;
  const OrderRules& o = m.order;
  const int year = m.start_year + 1;
  std::vector<double> cinc(n, 0.0);
  measures::cinc({std::span<const double>(m.nmc_milex), std::span<const double>(m.milper),
                  std::span<const double>(m.irst), std::span<const double>(m.pec),
                  std::span<const double>(m.tpop), std::span<const double>(m.upop)},
                 cinc);
  for (double& c : cinc) {
    if (std::isnan(c)) c = 0.0;
  }
  double banzhaf = 0.0;
  double shapley = 0.0;
  std::size_t bodies = 0;
  std::vector<std::size_t> members;
  std::vector<double> weight;
  std::vector<std::uint8_t> directorate;
  for (std::size_t k = 0; k < m.institutions.size(); ++k) {
    unsigned bits = m.institutions[k].mandate;
    if (k < o.mandate_upgrade.size()) bits |= o.mandate_upgrade[k];
    const bool proposes = o.institution_effect > 0.0 &&
                          (bits & (mandate_confidence_building | mandate_preventive_diplomacy |
                                   mandate_dispute_settlement | mandate_arms_control)) != 0U;
    if (!proposes) continue;
    members.clear();
    bool has_setter = !o.agenda_restricted;
    for (std::size_t i = 0; i < n; ++i) {
      if (m.member_since[k * n + i] > year) continue;
      members.push_back(i);
      has_setter = has_setter || in_group(m, o.agenda_setters, i, year);
    }
    if (!has_setter || members.empty()) continue;
    const InstitutionDecisionRule& rule = o.institution_rules[k];
    const std::vector<int>& dir = rule.directorate.empty() ? o.directorate : rule.directorate;
    weight.assign(members.size(), 0.0);
    directorate.assign(members.size(), 0);
    std::int32_t hegemon = -1;
    for (std::size_t x = 0; x < members.size(); ++x) {
      const std::size_t i = members[x];
      switch (rule.weights) {
        case QmvWeights::equal: weight[x] = 1.0; break;
        case QmvWeights::capability: weight[x] = cinc[i]; break;
        case QmvWeights::population: weight[x] = m.population[i]; break;
        case QmvWeights::gdp: weight[x] = m.gdp[i]; break;
        case QmvWeights::listed: weight[x] = i < rule.listed_weight.size() ? rule.listed_weight[i] : 0.0; break;
      }
      directorate[x] = std::find(dir.begin(), dir.end(), static_cast<int>(i)) != dir.end() ? 1 : 0;
      if (static_cast<int>(i) == o.hegemon) hegemon = static_cast<std::int32_t>(x);
    }
    bargain::DecisionRule r = bargain::DecisionRule::unanimity;
    switch (rule.rule) {
      case InstitutionRule::consensus: r = bargain::DecisionRule::unanimity; break;
      case InstitutionRule::minority_veto: r = bargain::DecisionRule::minority_veto; break;
      case InstitutionRule::consensus_minus_one: r = bargain::DecisionRule::consensus_minus_one; break;
      case InstitutionRule::qmv: r = bargain::DecisionRule::qualified_majority; break;
      case InstitutionRule::directorate: r = bargain::DecisionRule::directorate; break;
      case InstitutionRule::hegemon: r = bargain::DecisionRule::hegemon; break;
    }
    double total = 0.0;
    for (double w : weight) total += w;
    if (r == bargain::DecisionRule::qualified_majority && !(total > 0.0)) continue;
    const bargain::VotingPower vp = bargain::rule_voting_power(r, members.size(), weight, rule.quota, directorate, hegemon);
    for (std::size_t x = 0; x < members.size(); ++x) {
      if (m.great_power[members[x]] != 0) continue;
      banzhaf += vp.banzhaf_normalised[x];
      shapley += vp.shapley_shubik[x];
    }
    ++bodies;
  }
  m.small_power_banzhaf = bodies > 0 ? banzhaf / static_cast<double>(bodies) : kNaN;
  m.small_power_shapley = bodies > 0 ? shapley / static_cast<double>(bodies) : kNaN;
}

}  // namespace

void finalize(Model& m) {
  std::vector<Problem> problems;
  m.n = m.ccode.size();
  const std::size_t n = m.n;
  const std::size_t nn = n * n;
  if (n < 2) problems.push_back({here(m, "actors"), "a scenario needs at least two actors"});
  fill_if_empty(m.stateabb, n, std::string());
  for (auto* v : {&m.nmc_milex, &m.milper, &m.irst, &m.pec, &m.tpop, &m.upop, &m.growth_trend, &m.population_growth})
    fill_if_empty(*v, n, kNaN);
  fill_if_empty(m.polyarchy, n, 0.5);
  fill_if_empty(m.great_power, n, std::uint8_t{0});
  fill_if_empty(m.nuclear, n, std::uint8_t{0});
  fill_if_empty(m.risk, n, 1.0);
  fill_if_empty(m.contiguity, nn, std::uint8_t{0});
  fill_if_empty(m.trade, nn, 0.0);
  fill_if_empty(m.alliance, nn, 0.0);
  fill_if_empty(m.trust, nn, 0.5);
  fill_if_empty(m.rivalry, nn, std::uint8_t{0});
  fill_if_empty(m.igo_shared, nn, 0.0);
  fill_if_empty(m.igo_security_shared, nn, 0.0);
  fill_if_empty(m.peace_years, nn, -1);
  fill_if_empty(m.order_loghazard, nn, 0.0);
  need_size(m, problems, m.gdp.size(), n, "actors.gdp");
  need_size(m, problems, m.population.size(), n, "actors.population");
  need_size(m, problems, m.milex.size(), n, "actors.milex");
  for (auto* v : {&m.nmc_milex, &m.milper, &m.irst, &m.pec, &m.tpop, &m.upop}) need_size(m, problems, v->size(), n, "actors.nmc");
  need_size(m, problems, m.polyarchy.size(), n, "actors.polyarchy");
  need_size(m, problems, m.great_power.size(), n, "actors.great_power");
  need_size(m, problems, m.nuclear.size(), n, "actors.nuclear");
  need_size(m, problems, m.distance_km.size(), nn, "dyads.distance_km");
  need_size(m, problems, m.contiguity.size(), nn, "dyads.contiguity");
  need_size(m, problems, m.trade.size(), nn, "dyads.trade");
  need_size(m, problems, m.alliance.size(), nn, "dyads.alliance");
  need_size(m, problems, m.trust.size(), nn, "dyads.trust");
  need_size(m, problems, m.rivalry.size(), nn, "dyads.rivalry");
  need_size(m, problems, m.igo_shared.size(), nn, "dyads.igo_shared");
  need_size(m, problems, m.igo_security_shared.size(), nn, "dyads.igo_security_shared");
  need_size(m, problems, m.peace_years.size(), nn, "dyads.peace_years");
  need_size(m, problems, m.order_loghazard.size(), nn, "dyads.order_loghazard");
  if (!problems.empty()) throw InputError(std::move(problems));
  for (std::size_t i = 0; i < n; ++i) {
    if (!(m.gdp[i] > 0.0)) problems.push_back({here(m, fmt::format("actors[{}].gdp", i)), "GDP must be positive"});
    if (!(m.population[i] > 0.0))
      problems.push_back({here(m, fmt::format("actors[{}].population", i)), "population must be positive"});
    if (!(m.milex[i] >= 0.0))
      problems.push_back({here(m, fmt::format("actors[{}].milex", i)), "military expenditure must be >= 0"});
  }
  for (std::size_t ij = 0; ij < nn; ++ij) {
    if (m.trust[ij] < 0.0 || m.trust[ij] > 1.0) {
      problems.push_back({here(m, "dyads.trust"), fmt::format("trust {} outside [0, 1]", m.trust[ij])});
      break;
    }
  }
  for (std::size_t f = 0; f < m.flashpoints.size(); ++f) {
    auto& fp = m.flashpoints[f];
    const std::string field = fmt::format("flashpoints[{}]", f);
    if (fp.parties.size() < 2) problems.push_back({here(m, field + ".parties"), "a flashpoint needs two parties"});
    for (int p : fp.parties) check_actor(m, problems, p, field + ".parties");
    for (int p : fp.stakeholders) check_actor(m, problems, p, field + ".stakeholders");
    if (fp.positions.empty()) fp.positions.assign(fp.parties.size(), fp.status_quo);
    if (fp.salience.empty()) fp.salience.assign(fp.parties.size(), 1.0);
    if (fp.stakeholder_salience.empty()) fp.stakeholder_salience.assign(fp.stakeholders.size(), 0.5);
    need_size(m, problems, fp.stakeholder_salience.size(), fp.stakeholders.size(), "flashpoints.stakeholder_salience");
    need_size(m, problems, fp.positions.size(), fp.parties.size(), "flashpoints.positions");
    if (!(fp.base_rate >= 0.0)) problems.push_back({here(m, field + ".base_rate"), "base rate must be >= 0"});
  }
  for (std::size_t k = 0; k < m.institutions.size(); ++k) {
    auto& in = m.institutions[k];
    for (int p : in.members) check_actor(m, problems, p, fmt::format("institutions[{}].members", k));
    if (in.join_year.empty()) in.join_year.assign(in.members.size(), m.start_year);
    need_size(m, problems, in.join_year.size(), in.members.size(), "institutions.join_year");
  }
  auto& o = m.order;
  if (o.hegemon >= 0) check_actor(m, problems, o.hegemon, "order.hegemon");
  if (o.alignment_target >= 0) check_actor(m, problems, o.alignment_target, "order.alignment_target");
  for (int d : o.directorate) check_actor(m, problems, d, "order.directorate");
  for (int d : o.alignment_exclude) check_actor(m, problems, d, "order.alignment_exclude");
  for (int d : o.phase_out_with) check_actor(m, problems, d, "order.phase_out_with");
  for (int d : o.add_members) check_actor(m, problems, d, "order.add_members");
  for (int d : o.remove_members) check_actor(m, problems, d, "order.remove_members");
  if (!o.reliability.empty()) need_size(m, problems, o.reliability.size(), n, "order.reliability");
  if (o.institution_rules.empty()) o.institution_rules.assign(m.institutions.size(), InstitutionDecisionRule{});
  need_size(m, problems, o.institution_rules.size(), m.institutions.size(), "order.decision");
  if (!o.initial_cbm.empty()) need_size(m, problems, o.initial_cbm.size(), m.flashpoints.size(), "order.measures");
  if (!o.initial_code.empty()) need_size(m, problems, o.initial_code.size(), m.flashpoints.size(), "order.measures");
  for (int k : o.mediators) {
    if (k < 0 || static_cast<std::size_t>(k) >= m.institutions.size())
      problems.push_back({here(m, "order.crisis.institutions"), fmt::format("institution index {} out of range", k)});
  }
  if (!o.mandate_upgrade.empty()) need_size(m, problems, o.mandate_upgrade.size(), m.institutions.size(), "order.mandates");
  if (!problems.empty()) throw InputError(std::move(problems));

  // derived fields
  const double d_half = m.params[Param::lsg_half_distance_km];
  m.proximity.assign(nn, 1.0);
  m.log_distance.assign(nn, 0.0);
  for (std::size_t ij = 0; ij < nn; ++ij) {
    const double d = std::max(0.0, m.distance_km[ij]);
    m.proximity[ij] = 1.0 / (1.0 + d / d_half);
    m.log_distance[ij] = std::log1p(d);
  }
  const Hazards& hz = m.hazards;
  m.static_loghazard.assign(nn, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t ij = i * n + j;
      const double major = (m.great_power[i] != 0 || m.great_power[j] != 0) ? 1.0 : 0.0;
      const int nuclear = (m.nuclear[i] != 0 ? 1 : 0) + (m.nuclear[j] != 0 ? 1 : 0);
      m.static_loghazard[ij] = hz.intercept + hz.coef(Covariate::contiguity) * m.contiguity[ij] +
                               hz.coef(Covariate::log_distance) * m.log_distance[ij] +
                               hz.coef(Covariate::major_power) * major +
                               hz.coef(Covariate::rivalry) * m.rivalry[ij] +
                               hz.coef(Covariate::nuclear_both) * (nuclear == 2 ? 1.0 : 0.0) +
                               hz.coef(Covariate::nuclear_one) * (nuclear == 1 ? 1.0 : 0.0) +
                               hz.coef(Covariate::igo_shared) * m.igo_shared[ij] +
                               hz.coef(Covariate::igo_security_shared) * m.igo_security_shared[ij];
    }
  }
  // peace-years: the cubic tabulated up to the fit's largest t; a clock not given starts there
  m.peace_years_cap = std::max(0, hz.peace_years_max);
  m.peace_loghazard.assign(static_cast<std::size_t>(m.peace_years_cap) + 1, 0.0);
  for (int t = 0; t <= m.peace_years_cap; ++t) {
    const double s = t / 10.0;
    m.peace_loghazard[static_cast<std::size_t>(t)] = hz.coef(Covariate::peace_years_s) * s +
                                                     hz.coef(Covariate::peace_years_s2) * s * s +
                                                     hz.coef(Covariate::peace_years_s3) * s * s * s;
  }
  for (int& t : m.peace_years) {
    if (t < 0) t = m.peace_years_cap;
  }
  // the flashpoint of each dyad's disputes
  m.dyad_flashpoint.assign(nn, -1);
  {
    std::vector<double> best(nn, -1.0);
    auto consider = [&](std::size_t i, std::size_t j, std::size_t f, double salience) {
      for (const std::size_t ij : {i * n + j, j * n + i}) {
        if (salience > best[ij]) {
          best[ij] = salience;
          m.dyad_flashpoint[ij] = static_cast<int>(f);
        }
      }
    };
    for (std::size_t f = 0; f < m.flashpoints.size(); ++f) {
      const auto& fp = m.flashpoints[f];
      for (std::size_t x = 0; x < fp.parties.size(); ++x) {
        const auto i = static_cast<std::size_t>(fp.parties[x]);
        for (std::size_t y = x + 1; y < fp.parties.size(); ++y) {
          const auto j = static_cast<std::size_t>(fp.parties[y]);
          consider(i, j, f, fp.salience[x] + fp.salience[y]);
        }
        if (fp.record_since <= 0) continue;
        for (std::size_t q = 0; q < fp.stakeholders.size(); ++q) {
          const auto k = static_cast<std::size_t>(fp.stakeholders[q]);
          if (k == i || m.peace_years[i * n + k] > m.start_year - fp.record_since) continue;
          const double sk = q < fp.stakeholder_salience.size() ? fp.stakeholder_salience[q] : 0.0;
          consider(i, k, f, fp.salience[x] + sk);
        }
      }
    }
  }
  // each actor's strategic rivals (alignment phase)
  m.rival_offset.assign(n + 1, 0);
  m.rival_index.clear();
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t k = 0; k < n; ++k) {
      if (k != j && m.rivalry[j * n + k] != 0) m.rival_index.push_back(static_cast<int>(k));
    }
    m.rival_offset[j + 1] = static_cast<int>(m.rival_index.size());
  }
  m.flashpoint_pair.assign(nn, 0);
  for (const auto& fp : m.flashpoints) {
    for (int a : fp.parties) {
      for (int b : fp.parties) {
        if (a != b) m.flashpoint_pair[static_cast<std::size_t>(a) * n + static_cast<std::size_t>(b)] = 1;
      }
    }
  }
  for (std::size_t ij = 0; ij < nn; ++ij) {
    if (m.dyad_flashpoint[ij] >= 0) m.flashpoint_pair[ij] = 1;
  }
  constexpr int kNever = std::numeric_limits<int>::max();
  m.member_since.assign(m.institutions.size() * n, kNever);
  for (std::size_t k = 0; k < m.institutions.size(); ++k) {
    const auto& in = m.institutions[k];
    for (std::size_t q = 0; q < in.members.size(); ++q) {
      int& since = m.member_since[k * n + static_cast<std::size_t>(in.members[q])];
      since = std::min(since, in.join_year[q]);
    }
    for (int p : o.add_members) m.member_since[k * n + static_cast<std::size_t>(p)] = m.start_year;
    for (int p : o.remove_members) m.member_since[k * n + static_cast<std::size_t>(p)] = kNever;
  }
  // private information calibrated to the fitted share of MIDs that become wars, at the base cost
  const double c = m.params[Param::war_cost];
  if (m.calibrate_sigma_info && m.hazards.war_given_mid && *m.hazards.war_given_mid > 0.0 && *m.hazards.war_given_mid < 0.5 && c > 0.0) {
    m.sigma_info = sigma_info_for_logistic(*m.hazards.war_given_mid, c, c);
  } else {
    m.sigma_info = m.params[Param::sigma_info];
  }
  if (m.great_power_evolve && !(m.great_power_threshold > 0.0 && m.great_power_threshold <= 1.0)) {
    throw InputError(here(m, "great_powers"), fmt::format("an evolving great-power set needs a capability-share "
                                                          "threshold in (0, 1], got {}",
                                                          m.great_power_threshold));
  }
  compute_small_member_power(m);
}

}  // namespace concord::engine

#include "concord/engine/build.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <array>
#include <limits>
#include <span>

#include "concord/common/data_dir.hpp"
#include "concord/common/digest.hpp"
#include "concord/common/suggest.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/paths.hpp"
#include "concord/measures/cinc.hpp"
#include "concord/scenario/catalog.hpp"
#include "concord/engine/wars.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"

namespace concord::engine {

namespace {

bool finite(double x) { return std::isfinite(x); }

InstitutionRule from_scenario_rule(concord::DecisionRule r) {
  switch (r) {
    case concord::DecisionRule::consensus: return InstitutionRule::consensus;
    case concord::DecisionRule::minority_veto: return InstitutionRule::minority_veto;
    case concord::DecisionRule::qualified_majority:
    case concord::DecisionRule::majority: return InstitutionRule::qmv;
    case concord::DecisionRule::directorate: return InstitutionRule::directorate;
    case concord::DecisionRule::hegemon: return InstitutionRule::hegemon;
  }
  return InstitutionRule::consensus;
}

unsigned mandate_bit(order::Mandate m) { return 1U << static_cast<unsigned>(m); }

// Evaluates an order's actor set at the start (great-power status and memberships of the start).
std::vector<int> members_of_set(const Scenario& s, const Model& m, const order::ActorSet& set) {
  std::vector<int> out;
  for (std::size_t i = 0; i < m.n; ++i) {
    bool in = false;
    switch (set.group) {
      case order::ActorGroup::all: in = true; break;
      case order::ActorGroup::great_powers: in = m.great_power[i] != 0; break;
      case order::ActorGroup::small_states: in = m.great_power[i] == 0; break;
      case order::ActorGroup::members_of: {
        const int k = set.institution.index;
        if (k >= 0) {
          for (const auto& mem : s.institutions[static_cast<std::size_t>(k)].members) in = in || mem.ccode == m.ccode[i];
        }
        break;
      }
      case order::ActorGroup::listed:
        for (const auto& r : set.states) in = in || r.index == static_cast<int>(i);
        break;
    }
    if (in) out.push_back(static_cast<int>(i));
  }
  return out;
}

// An order's actor group as the engine's (indices; evaluated each year by in_group).
ActorGroupRule group_rule(const order::ActorSet& set, std::size_t n) {
  ActorGroupRule g;
  switch (set.group) {
    case order::ActorGroup::all: g.kind = ActorGroupRule::Kind::all; break;
    case order::ActorGroup::great_powers: g.kind = ActorGroupRule::Kind::great_powers; break;
    case order::ActorGroup::small_states: g.kind = ActorGroupRule::Kind::small_states; break;
    case order::ActorGroup::members_of:
      g.kind = ActorGroupRule::Kind::members_of;
      g.institution = set.institution.index;
      break;
    case order::ActorGroup::listed:
      g.kind = ActorGroupRule::Kind::listed;
      g.listed.assign(n, 0);
      for (const auto& r : set.states) {
        if (r.index >= 0) g.listed[static_cast<std::size_t>(r.index)] = 1;
      }
      break;
  }
  return g;
}

QmvWeights map(order::QmvWeights w) {
  switch (w) {
    case order::QmvWeights::equal: return QmvWeights::equal;
    case order::QmvWeights::capability: return QmvWeights::capability;
    case order::QmvWeights::population: return QmvWeights::population;
    case order::QmvWeights::gdp: return QmvWeights::gdp;
    case order::QmvWeights::listed: return QmvWeights::listed;
  }
  return QmvWeights::equal;
}

AlignmentRule map(order::AlignmentRule r) {
  switch (r) {
    case order::AlignmentRule::fixed: return AlignmentRule::fixed;
    case order::AlignmentRule::balance: return AlignmentRule::balance;
    case order::AlignmentRule::balanced_disparity: return AlignmentRule::balanced_disparity;
    case order::AlignmentRule::bandwagon: return AlignmentRule::bandwagon;
    case order::AlignmentRule::hedge: return AlignmentRule::hedge;
  }
  return AlignmentRule::fixed;
}

AllianceRule map(order::AllianceRule r) {
  switch (r) {
    case order::AllianceRule::keep: return AllianceRule::keep;
    case order::AllianceRule::rebalance: return AllianceRule::rebalance;
    case order::AllianceRule::phase_out: return AllianceRule::phase_out;
    case order::AllianceRule::hegemon_bloc: return AllianceRule::hegemon_bloc;
  }
  return AllianceRule::keep;
}

CrisisManager map(order::CrisisManager r) {
  switch (r) {
    case order::CrisisManager::self_help: return CrisisManager::self_help;
    case order::CrisisManager::hegemon: return CrisisManager::hegemon;
    case order::CrisisManager::concert: return CrisisManager::concert;
    case order::CrisisManager::institutions: return CrisisManager::institutions;
    case order::CrisisManager::community: return CrisisManager::community;
  }
  return CrisisManager::self_help;
}

std::string normalised(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '_') {
      out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace

KnownNames project_known_names() {
  KnownNames k;
  const auto dir = project_dir() / "data";
  if (std::filesystem::exists(dir / "institutions.toml")) {
    for (const auto& [name, tmpl] : load_institution_catalog(dir / "institutions.toml")) k.institutions.push_back(name);
  }
  if (std::filesystem::is_directory(dir)) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      const std::string f = e.path().filename().string();
      if (f.rfind("flashpoints", 0) == 0 && e.path().extension() == ".toml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      for (const auto& fp : load_flashpoint_catalog(f)) k.flashpoints.push_back(fp.name);
    }
  }
  return k;
}

std::vector<std::string> drop_missing_references(Order& o, const Scenario& s, const KnownNames& known) {
  std::vector<std::string> dropped;
  std::vector<Problem> problems;
  auto has_institution = [&](const std::string& name) {
    return std::any_of(s.institutions.begin(), s.institutions.end(),
                       [&](const auto& in) { return normalised(in.name) == normalised(name); });
  };
  auto has_flashpoint = [&](const std::string& name) {
    return std::any_of(s.flashpoints.begin(), s.flashpoints.end(),
                       [&](const auto& f) { return normalised(f.name) == normalised(name); });
  };
  // a name the project knows is dropped with a note; any other is a misspelling (an error)
  auto note = [&](const Location& where, const std::string& what, const std::string& name) {
    const bool flashpoint = what.find("flashpoint") != std::string::npos;
    const auto& catalogue = flashpoint ? known.flashpoints : known.institutions;
    const bool is_known = std::any_of(catalogue.begin(), catalogue.end(),
                                      [&](const std::string& k) { return normalised(k) == normalised(name); });
    if (is_known) {
      dropped.push_back(fmt::format("{}: {}: '{}' is not in the scenario; rule dropped", where.str(), what, name));
      return;
    }
    std::vector<std::string> candidates = catalogue;
    if (flashpoint) {
      for (const auto& f : s.flashpoints) candidates.push_back(f.name);
    } else {
      for (const auto& in : s.institutions) candidates.push_back(in.name);
    }
    std::string msg = fmt::format("unknown {} '{}': not in the scenario nor in the project's catalogue",
                                  flashpoint ? "flashpoint" : "institution", name);
    if (const auto best = closest_match(normalised(name), candidates, normalised))
      msg += fmt::format(" (did you mean '{}'?)", *best);
    Location at = where;
    if (at.field.empty()) at.field = what;
    problems.push_back({at, std::move(msg)});
  };
  auto& med = o.crisis.institutions;
  med.erase(std::remove_if(med.begin(), med.end(),
                           [&](const order::InstitutionRef& r) {
                             if (has_institution(r.name)) return false;
                             note(r.where, "crisis.institutions", r.name);
                             return true;
                           }),
            med.end());
  auto& ups = o.mandates;
  ups.erase(std::remove_if(ups.begin(), ups.end(),
                           [&](const order::MandateUpgrade& u) {
                             if (u.all_institutions || has_institution(u.institution.name)) return false;
                             note(u.institution.where, "mandates", u.institution.name);
                             return true;
                           }),
            ups.end());
  auto& dec = o.decision_by_institution;
  dec.erase(std::remove_if(dec.begin(), dec.end(),
                           [&](const order::InstitutionDecision& d) {
                             if (has_institution(d.institution.name)) return false;
                             note(d.institution.where, "decision", d.institution.name);
                             return true;
                           }),
            dec.end());
  for (auto& ch : o.membership) {
    auto& names = ch.institutions.names;
    names.erase(std::remove_if(names.begin(), names.end(),
                               [&](const order::InstitutionRef& r) {
                                 if (has_institution(r.name)) return false;
                                 note(r.where, "membership.institutions", r.name);
                                 return true;
                               }),
                names.end());
    if (ch.include && ch.include->group == order::ActorGroup::members_of &&
        !has_institution(ch.include->institution.name)) {
      note(ch.include->institution.where, "membership.include", ch.include->institution.name);
      ch.include.reset();
    }
  }
  auto& meas = o.measures;
  meas.erase(std::remove_if(meas.begin(), meas.end(),
                            [&](const order::Measure& m) {
                              if (!m.flashpoint || has_flashpoint(m.flashpoint->name)) return false;
                              note(m.flashpoint->where, "measures.flashpoint", m.flashpoint->name);
                              return true;
                            }),
             meas.end());
  if (!problems.empty()) throw InputError(std::move(problems));
  return dropped;
}

ScenarioNames scenario_names(const Scenario& s) {
  ScenarioNames names;
  names.source = s.file.empty() ? s.meta.name : s.file;
  for (const auto& a : s.actors) {
    names.stateabb.push_back(a.stateabb);
    names.ccode.push_back(a.ccode);
  }
  for (const auto& in : s.institutions) names.institutions.push_back(in.name);
  for (const auto& f : s.flashpoints) names.flashpoints.push_back(f.name);
  return names;
}

std::string scenario_hash(const Scenario& s) {
  const std::string text = write_scenario(s);
  std::uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

std::vector<std::uint8_t> great_power_set(const Scenario& s) {
  const std::size_t n = s.actors.size();
  std::vector<std::uint8_t> flags(n, 0);
  switch (s.meta.great_powers.kind) {
    case GreatPowerRule::Kind::cow_majors:
      for (std::size_t i = 0; i < n; ++i) flags[i] = s.actors[i].great_power ? 1 : 0;
      break;
    case GreatPowerRule::Kind::cinc_share: {
      std::array<std::vector<double>, measures::kCincComponentCount> c;
      for (const auto& a : s.actors) {
        c[0].push_back(a.nmc.milex);
        c[1].push_back(a.nmc.milper);
        c[2].push_back(a.nmc.irst);
        c[3].push_back(a.nmc.pec);
        c[4].push_back(a.nmc.tpop);
        c[5].push_back(a.nmc.upop);
      }
      std::vector<double> cinc(n, 0.0);
      measures::cinc({std::span<const double>(c[0]), std::span<const double>(c[1]), std::span<const double>(c[2]),
                      std::span<const double>(c[3]), std::span<const double>(c[4]), std::span<const double>(c[5])},
                     cinc);
      double total = 0.0;
      for (double& v : cinc) {
        if (std::isnan(v)) v = 0.0;
        total += v;
      }
      for (std::size_t i = 0; i < n; ++i) {
        flags[i] = total > 0.0 && cinc[i] / total >= s.meta.great_powers.threshold ? 1 : 0;
      }
      break;
    }
    case GreatPowerRule::Kind::nuclear: {
      const auto file = resolve_data_dir() / data::paths::kNuclearStatus;
      const data::NuclearStatus status = data::read_nuclear_status(file);
      const int year = std::min(s.meta.start_year, status.last_year());
      for (std::size_t i = 0; i < n; ++i) flags[i] = status.possesses(s.actors[i].ccode, year) ? 1 : 0;
      break;
    }
  }
  return flags;
}

std::string scenario_digest(const Scenario& s) { return content_digest(write_scenario(s)); }

void check_runnable(const Scenario& s) {
  Order none;
  none.name = "(no order)";
  (void)build_model(s, none, {}, load_project_hazards(s.meta.region));
}

Model build_model(const Scenario& s, const Order& unresolved, const std::vector<ParamOverride>& cli_overrides,
                  const Hazards& hazards) {
  const Order o = unresolved.resolved ? unresolved : resolve_order(unresolved, scenario_names(s));
  Model m;
  m.scenario_name = s.file.empty() ? s.meta.name : s.file;
  m.scenario_hash = scenario_hash(s);
  m.start_year = s.meta.start_year;
  m.hazards = hazards;
  m.escalation = load_project_escalation(s.meta.region);
  m.joining = load_project_joining();

  // parameters: defaults, then the scenario's, then the command line's
  std::vector<ParamOverride> overrides;
  for (const auto& p : s.parameters) overrides.push_back(ParamOverride{p.name, p.value, p.where});
  overrides.insert(overrides.end(), cli_overrides.begin(), cli_overrides.end());
  m.params = Params::defaults();
  apply_war_fits(m.params, load_project_wars());
  apply_overrides(m.params, overrides);
  for (const auto& ov : overrides) {
    if (ov.name == "sigma_info") m.calibrate_sigma_info = false;
  }

  // actors
  const std::size_t n = s.actors.size();
  for (const auto& a : s.actors) {
    m.ccode.push_back(a.ccode);
    m.stateabb.push_back(a.stateabb);
    m.gdp.push_back(a.gdp);
    m.population.push_back(a.population);
    // M: SIPRI (millions, constant 2022 US$) where known, else NMC milex (thousands) / 1000
    const double milex = finite(a.military_expenditure) ? a.military_expenditure
                         : finite(a.nmc.milex)          ? a.nmc.milex / 1000.0
                                                        : 0.0;
    m.milex.push_back(milex);
    m.nmc_milex.push_back(a.nmc.milex);
    m.milper.push_back(a.nmc.milper);
    m.irst.push_back(a.nmc.irst);
    m.pec.push_back(a.nmc.pec);
    m.tpop.push_back(a.nmc.tpop);
    m.upop.push_back(a.nmc.upop);
    m.polyarchy.push_back(finite(a.regime) ? a.regime : 0.5);
    m.nuclear.push_back(a.nuclear ? 1 : 0);
    m.risk.push_back(a.risk);
  }
  m.great_power = great_power_set(s);
  m.great_power_evolve = s.meta.great_powers.evolve;
  m.great_power_threshold = s.meta.great_powers.threshold;
  // growth paths, one row per simulated year up to the last step's year (model.hpp)
  int last_step = s.meta.start_year + 1;
  for (const auto& path : s.growth) {
    for (const auto& step : path.steps) last_step = std::max(last_step, step.from_year);
  }
  m.growth_years = static_cast<std::size_t>(last_step - s.meta.start_year);
  m.growth_trend.assign(m.growth_years * n, std::numeric_limits<double>::quiet_NaN());
  m.population_growth.assign(m.growth_years * n, std::numeric_limits<double>::quiet_NaN());
  for (const auto& path : s.growth) {
    const auto i = static_cast<std::size_t>(s.actor_index(path.ccode));
    for (std::size_t t = 0; t < m.growth_years; ++t) {
      const int year = s.meta.start_year + 1 + static_cast<int>(t);
      for (const auto& step : path.steps) {  // sorted by from_year: the last one in force wins
        if (step.from_year <= year) {
          m.growth_trend[t * n + i] = step.gdp;
          m.population_growth[t * n + i] = step.population;
        }
      }
    }
  }
  // dyads
  m.distance_km.assign(n * n, 0.0);
  m.contiguity.assign(n * n, 0);
  m.trade.assign(n * n, 0.0);
  m.alliance.assign(n * n, 0.0);
  m.trust.assign(n * n, 1.0);
  m.rivalry.assign(n * n, 0);
  m.igo_shared.assign(n * n, 0.0);
  m.igo_security_shared.assign(n * n, 0.0);
  m.peace_years.assign(n * n, -1);
  m.order_loghazard.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    m.alliance[i * n + i] = 3.0;
    for (std::size_t j = i + 1; j < n; ++j) {
      const Dyad d = complete_dyad(s, s.actors[i].ccode, s.actors[j].ccode);
      for (const std::size_t ij : {i * n + j, j * n + i}) {
        m.distance_km[ij] = finite(d.distance_km) ? d.distance_km : 10000.0;
        m.contiguity[ij] = d.contiguity != Contiguity::none ? 1 : 0;
        m.trade[ij] = d.trade();
        m.alliance[ij] = d.alliance;
        m.trust[ij] = finite(d.trust) ? d.trust : s.meta.default_trust;
        m.rivalry[ij] = d.rivalry ? 1 : 0;
        m.igo_shared[ij] = d.igo_shared;
        m.igo_security_shared[ij] = d.igo_security_shared;
        m.peace_years[ij] = d.peace_years;
      }
    }
  }
  auto index_of = [&](int ccode) { return s.actor_index(ccode); };
  // flashpoints: the scenario's rate is per flashpoint-year, shared evenly by its party pairs
  for (const auto& f : s.flashpoints) {
    Flashpoint fp;
    fp.name = f.name;
    for (const auto& p : f.parties) {
      fp.parties.push_back(index_of(p.ccode));
      fp.positions.push_back(p.position);
      fp.salience.push_back(p.salience);
    }
    for (const auto& st : f.stakeholders) {
      fp.stakeholders.push_back(index_of(st.ccode));
      fp.stakeholder_salience.push_back(st.salience);
    }
    fp.record_since = f.fit ? f.fit->window_start : 0;
    fp.status_quo = f.status_quo;
    fp.revision = f.revision == "territorial" ? RevisionType::territorial
                  : f.revision == "policy"    ? RevisionType::policy
                  : f.revision == "regime"    ? RevisionType::regime
                                              : RevisionType::unknown;
    const double pairs = static_cast<double>(fp.parties.size() * (fp.parties.size() - 1) / 2);
    fp.base_rate = pairs > 0 ? f.incident_rate / pairs : 0.0;
    m.flashpoints.push_back(std::move(fp));
  }
  // institutions
  for (const auto& in : s.institutions) {
    Institution x;
    x.name = in.name;
    for (const auto& mem : in.members) {
      x.members.push_back(index_of(mem.ccode));
      x.join_year.push_back(mem.joined);
    }
    for (const auto& mem : in.accessions) {
      x.members.push_back(index_of(mem.ccode));
      x.join_year.push_back(mem.joined);
    }
    x.mandate = in.mandate.bits;  // same bit order as engine::Mandate
    x.capacity = in.capacity;
    m.institutions.push_back(std::move(x));
  }
  m.ccode.shrink_to_fit();
  m.n = n;

  // the order's rules, by index
  OrderRules& r = m.order;
  r.name = o.name;
  r.alignment = map(o.alignment.rule);
  r.alignment_applies_to = group_rule(o.alignment.applies_to, n);
  r.alignment_others = map(o.alignment.others);
  r.threat_weights = ThreatWeights{o.alignment.weights.power, o.alignment.weights.proximity,
                                   o.alignment.weights.offensive, o.alignment.weights.intent};
  r.coalition_cap = o.alignment.coalition_cap;
  if (o.alignment.balancer) r.balancer = o.alignment.balancer->index;
  if (o.alignment.target) r.alignment_target = o.alignment.target->index;
  r.across_rivalry = o.alignment.across_rivalry;
  if (o.agenda_setters) {
    r.agenda_restricted = true;
    r.agenda_setters = group_rule(*o.agenda_setters, n);
  }
  r.alliances = map(o.alliances.rule);
  if (o.alliances.rule == order::AllianceRule::hegemon_bloc && o.alliances.bloc_leader)
    r.alignment_target = o.alliances.bloc_leader->index;
  if (o.alliances.phase_out_years > 0) r.phase_out_years = o.alliances.phase_out_years;
  for (const auto& a : o.alliances.phase_out_ties_with) r.phase_out_with.push_back(a.index);
  r.reliability.assign(n, -1.0);
  for (const auto& v : o.alliances.reliability) r.reliability[static_cast<std::size_t>(v.state.index)] = v.value;
  r.crisis_manager = map(o.crisis.manager);
  for (const auto& ref : o.crisis.institutions) r.mediators.push_back(ref.index);
  r.impose_on_others = o.crisis.impose_on_others;
  r.community_threshold = o.crisis.regime_threshold;
  if (o.hegemon) r.hegemon = o.hegemon->index;
  for (const auto& a : o.directorate) r.directorate.push_back(a.index);
  r.restraint_gp = o.restraint.toward_great_powers;
  r.restraint_small = o.restraint.toward_small_states;
  r.spheres = o.spheres;
  r.institution_effect = o.institution_effect;
  r.interdependence_weight = o.interdependence_weight;
  r.trade_integration_growth = o.trade_integration_growth;
  if (o.regime_convergence) {
    r.regime_target = o.regime_convergence->target;
    r.regime_rate = o.regime_convergence->rate;
  }
  // decision rules per institution
  for (std::size_t k = 0; k < s.institutions.size(); ++k) {
    const auto& spec = o.decision_for(static_cast<int>(k));
    InstitutionDecisionRule d;
    d.veto_threshold = spec.veto_threshold;
    d.quota = spec.quota;
    if (spec.rule == order::DecisionRule::qmv) {
      d.weights = map(spec.weights);
      if (d.weights == QmvWeights::listed) {
        d.listed_weight.assign(n, 0.0);
        for (const auto& w : spec.listed_weights) d.listed_weight[static_cast<std::size_t>(w.state.index)] = w.value;
      }
    }
    for (const auto& a : spec.directorate) d.directorate.push_back(a.index);
    switch (spec.rule) {
      case order::DecisionRule::as_scenario:
        d.rule = from_scenario_rule(s.institutions[k].decision_rule);
        if (s.institutions[k].decision_rule == concord::DecisionRule::majority) d.quota = 0.5;
        if (s.institutions[k].veto_threshold > 0.0) {
          d.veto_threshold = s.institutions[k].veto_threshold;
          if (d.rule == InstitutionRule::qmv) d.quota = 1.0 - s.institutions[k].veto_threshold;
        }
        break;
      case order::DecisionRule::consensus: d.rule = InstitutionRule::consensus; break;
      case order::DecisionRule::minority_veto: d.rule = InstitutionRule::minority_veto; break;
      case order::DecisionRule::consensus_minus_one: d.rule = InstitutionRule::consensus_minus_one; break;
      case order::DecisionRule::qmv: d.rule = InstitutionRule::qmv; break;
      case order::DecisionRule::directorate: d.rule = InstitutionRule::directorate; break;
      case order::DecisionRule::hegemon: d.rule = InstitutionRule::hegemon; break;
    }
    r.institution_rules.push_back(d);
  }
  // mandates and capacities the order upgrades
  r.mandate_upgrade.assign(s.institutions.size(), 0U);
  for (const auto& up : o.mandates) {
    for (std::size_t k = 0; k < s.institutions.size(); ++k) {
      if (!up.all_institutions && up.institution.index != static_cast<int>(k)) continue;
      for (const auto md : up.add) r.mandate_upgrade[k] |= mandate_bit(md);
      if (up.capacity) m.institutions[k].capacity = *up.capacity;
    }
  }
  // membership changes (evaluated at the start)
  for (const auto& ch : o.membership) {
    for (std::size_t k = 0; k < s.institutions.size(); ++k) {
      bool applies = ch.institutions.all;
      for (const auto& ref : ch.institutions.names) applies = applies || ref.index == static_cast<int>(k);
      if (!applies) continue;
      Institution& x = m.institutions[k];
      if (ch.include) {
        for (int i : members_of_set(s, m, *ch.include)) {
          if (std::find(x.members.begin(), x.members.end(), i) == x.members.end()) {
            x.members.push_back(i);
            x.join_year.push_back(s.meta.start_year);
          }
        }
      }
      for (const auto& ex : ch.exclude) {
        for (std::size_t q = x.members.size(); q-- > 0;) {
          if (x.members[q] == ex.index) {
            x.members.erase(x.members.begin() + static_cast<long>(q));
            x.join_year.erase(x.join_year.begin() + static_cast<long>(q));
          }
        }
        if (std::find(r.alignment_exclude.begin(), r.alignment_exclude.end(), ex.index) == r.alignment_exclude.end() &&
            ch.institutions.all)
          r.alignment_exclude.push_back(ex.index);
      }
    }
  }
  // measures in force from the start
  r.initial_cbm.assign(s.flashpoints.size(), 0.0);
  r.initial_code.assign(s.flashpoints.size(), 0.0);
  for (const auto& meas : o.measures) {
    const double v = meas.strength;
    // who is bound: a measure binds a flashpoint when at least two of the states involved in it
    // (its parties and outside stakeholders) are bound; the loader accepts parties other than
    // "all" only for confidence building and codes of conduct (the other kinds act region-wide)
    const bool everyone = meas.parties.group == order::ActorGroup::all;
    const std::vector<int> bound = members_of_set(s, m, meas.parties);
    auto binds = [&](const Flashpoint& fp) {
      if (everyone) return true;
      int count = 0;
      for (int p : fp.parties) count += std::find(bound.begin(), bound.end(), p) != bound.end() ? 1 : 0;
      for (int p : fp.stakeholders) count += std::find(bound.begin(), bound.end(), p) != bound.end() ? 1 : 0;
      return count >= 2;
    };
    auto per_flashpoint = [&](std::vector<double>& levels) {
      for (std::size_t f = 0; f < levels.size(); ++f) {
        if ((!meas.flashpoint || meas.flashpoint->index == static_cast<int>(f)) && binds(m.flashpoints[f]))
          levels[f] = std::max(levels[f], v);
      }
    };
    switch (meas.kind) {
      case order::MeasureKind::confidence_building:
        per_flashpoint(r.initial_cbm);
        if (!meas.flashpoint && everyone)
          r.measures.confidence_building = std::max(r.measures.confidence_building, v);
        break;
      case order::MeasureKind::code_of_conduct:
        per_flashpoint(r.initial_code);
        if (!meas.flashpoint && everyone) r.measures.code_of_conduct = std::max(r.measures.code_of_conduct, v);
        break;
      case order::MeasureKind::reassurance: r.measures.reassurance = std::max(r.measures.reassurance, v); break;
      case order::MeasureKind::trust_building:
        r.measures.trust_building = std::max(r.measures.trust_building, v);
        break;
      case order::MeasureKind::arms_control_cap:
        r.measures.arms_control = std::max(r.measures.arms_control, v);
        if (meas.burden_cap) r.arms_cap = *meas.burden_cap;
        break;
      case order::MeasureKind::joint_humanitarian_exercise:
        r.measures.humanitarian = std::max(r.measures.humanitarian, v);
        break;
    }
  }
  finalize(m);
  return m;
}

}  // namespace concord::engine

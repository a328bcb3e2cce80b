#include "concord/order/order.hpp"

#include <fmt/format.h>

#include <array>
#include <type_traits>
#include <utility>

namespace concord {

namespace {

// The order vocabulary by name; using-declarations (not a using-directive) so that these hide
// the scenario's own DecisionRule and Mandate inside this file.
using order::ActorGroup;
using order::ActorRef;
using order::ActorSet;
using order::ActorValue;
using order::AlignmentRule;
using order::AllianceRule;
using order::CrisisManager;
using order::DecisionRule;
using order::DecisionSpec;
using order::FlashpointRef;
using order::InstitutionDecision;
using order::InstitutionRef;
using order::InstitutionSet;
using order::Mandate;
using order::MandateUpgrade;
using order::Measure;
using order::MeasureKind;
using order::MembershipChange;
using order::QmvWeights;
using order::RegimeConvergence;

template <class E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<AlignmentRule, 5> kAlignment{{{AlignmentRule::fixed, "fixed"},
                                              {AlignmentRule::balance, "balance"},
                                              {AlignmentRule::balanced_disparity, "balanced-disparity"},
                                              {AlignmentRule::bandwagon, "bandwagon"},
                                              {AlignmentRule::hedge, "hedge"}}};
constexpr Table<AllianceRule, 4> kAlliance{{{AllianceRule::keep, "keep"},
                                            {AllianceRule::rebalance, "rebalance"},
                                            {AllianceRule::phase_out, "phase-out"},
                                            {AllianceRule::hegemon_bloc, "hegemon-bloc"}}};
constexpr Table<CrisisManager, 5> kCrisis{{{CrisisManager::self_help, "self-help"},
                                           {CrisisManager::hegemon, "hegemon"},
                                           {CrisisManager::concert, "concert"},
                                           {CrisisManager::institutions, "institutions"},
                                           {CrisisManager::community, "community"}}};
constexpr Table<DecisionRule, 7> kDecision{{{DecisionRule::as_scenario, "as-scenario"},
                                            {DecisionRule::consensus, "consensus"},
                                            {DecisionRule::minority_veto, "minority-veto"},
                                            {DecisionRule::consensus_minus_one, "consensus-minus-one"},
                                            {DecisionRule::qmv, "qmv"},
                                            {DecisionRule::directorate, "directorate"},
                                            {DecisionRule::hegemon, "hegemon"}}};
constexpr Table<QmvWeights, 5> kWeights{{{QmvWeights::equal, "equal"},
                                         {QmvWeights::capability, "capability"},
                                         {QmvWeights::population, "population"},
                                         {QmvWeights::gdp, "gdp"},
                                         {QmvWeights::listed, "listed"}}};
constexpr Table<Mandate, 7> kMandate{{{Mandate::dialogue, "dialogue"},
                                      {Mandate::confidence_building, "confidence-building"},
                                      {Mandate::preventive_diplomacy, "preventive-diplomacy"},
                                      {Mandate::dispute_settlement, "dispute-settlement"},
                                      {Mandate::arms_control, "arms-control"},
                                      {Mandate::humanitarian, "humanitarian"},
                                      {Mandate::economic_integration, "economic-integration"}}};
constexpr Table<MeasureKind, 6> kMeasure{
    {{MeasureKind::confidence_building, "confidence-building"},
     {MeasureKind::code_of_conduct, "code-of-conduct"},
     {MeasureKind::reassurance, "reassurance"},
     {MeasureKind::trust_building, "trust-building"},
     {MeasureKind::arms_control_cap, "arms-control-cap"},
     {MeasureKind::joint_humanitarian_exercise, "joint-humanitarian-exercise"}}};
constexpr Table<ActorGroup, 5> kGroup{{{ActorGroup::all, "all"},
                                       {ActorGroup::great_powers, "great-powers"},
                                       {ActorGroup::small_states, "small-states"},
                                       {ActorGroup::members_of, "members-of"},
                                       {ActorGroup::listed, "listed"}}};

template <class E>
constexpr const auto& table_for() {
  if constexpr (std::is_same_v<E, AlignmentRule>)
    return kAlignment;
  else if constexpr (std::is_same_v<E, AllianceRule>)
    return kAlliance;
  else if constexpr (std::is_same_v<E, CrisisManager>)
    return kCrisis;
  else if constexpr (std::is_same_v<E, DecisionRule>)
    return kDecision;
  else if constexpr (std::is_same_v<E, QmvWeights>)
    return kWeights;
  else if constexpr (std::is_same_v<E, Mandate>)
    return kMandate;
  else if constexpr (std::is_same_v<E, MeasureKind>)
    return kMeasure;
  else
    return kGroup;
}

template <class E>
std::string_view name_of(E v) {
  for (const auto& [value, name] : table_for<E>()) {
    if (value == v) return name;
  }
  return "?";
}

std::string set_label(const ActorSet& s) {
  switch (s.group) {
    case ActorGroup::members_of:
      return fmt::format("members of {}", s.institution.name);
    case ActorGroup::listed: {
      std::string out;
      for (const auto& a : s.states) out += (out.empty() ? "" : ", ") + a.label();
      return out.empty() ? std::string("nobody") : out;
    }
    case ActorGroup::great_powers:
      return "great powers";
    case ActorGroup::small_states:
      return "small states";
    case ActorGroup::all:
      return "all states";
  }
  return "?";
}

std::string refs_label(const std::vector<ActorRef>& refs) {
  std::string out;
  for (const auto& a : refs) out += (out.empty() ? "" : ", ") + a.label();
  return out;
}

std::string decision_label(const DecisionSpec& d, const Order& o) {
  std::string out(name_of(d.rule));
  switch (d.rule) {
    case DecisionRule::minority_veto:
      out += fmt::format(" (veto above {:.2f} opposition)", d.veto_threshold);
      break;
    case DecisionRule::qmv: {
      out += fmt::format(" (quota {:.2f}, {} weights", d.quota, name_of(d.weights));
      if (d.weights == QmvWeights::listed) {
        for (const auto& w : d.listed_weights) out += fmt::format(" {}={:g}", w.state.label(), w.value);
      }
      out += ")";
      break;
    }
    case DecisionRule::directorate:
      out += fmt::format(" ({})", refs_label(d.directorate.empty() ? o.directorate : d.directorate));
      break;
    case DecisionRule::hegemon:
      if (o.hegemon) out += fmt::format(" ({})", o.hegemon->label());
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

std::string order::ActorRef::label() const {
  return stateabb.empty() ? fmt::format("ccode {}", ccode) : stateabb;
}

const order::DecisionSpec& Order::decision_for(int institution_index) const {
  for (const auto& d : decision_by_institution) {
    if (d.institution.index == institution_index) return d.spec;
  }
  return decision_default;
}

std::string_view to_string(order::AlignmentRule v) { return name_of(v); }
std::string_view to_string(order::AllianceRule v) { return name_of(v); }
std::string_view to_string(order::CrisisManager v) { return name_of(v); }
std::string_view to_string(order::DecisionRule v) { return name_of(v); }
std::string_view to_string(order::QmvWeights v) { return name_of(v); }
std::string_view to_string(order::Mandate v) { return name_of(v); }
std::string_view to_string(order::MeasureKind v) { return name_of(v); }
std::string_view to_string(order::ActorGroup v) { return name_of(v); }

template <class E>
std::optional<E> enum_from_string(std::string_view text) {
  for (const auto& [value, name] : table_for<E>()) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <class E>
std::vector<std::string_view> enum_names() {
  std::vector<std::string_view> out;
  for (const auto& entry : table_for<E>()) out.push_back(entry.second);
  return out;
}

#define CONCORD_ORDER_ENUM(E)                                           \
  template std::optional<E> enum_from_string<E>(std::string_view text); \
  template std::vector<std::string_view> enum_names<E>();
CONCORD_ORDER_ENUM(order::AlignmentRule)
CONCORD_ORDER_ENUM(order::AllianceRule)
CONCORD_ORDER_ENUM(order::CrisisManager)
CONCORD_ORDER_ENUM(order::DecisionRule)
CONCORD_ORDER_ENUM(order::QmvWeights)
CONCORD_ORDER_ENUM(order::Mandate)
CONCORD_ORDER_ENUM(order::MeasureKind)
CONCORD_ORDER_ENUM(order::ActorGroup)
#undef CONCORD_ORDER_ENUM

std::string describe(const Order& o) {
  std::string out = fmt::format("order {}", o.name);
  if (!o.title.empty()) out += fmt::format(": {}", o.title);
  if (!o.proposed_by.empty()) out += fmt::format(" (after {})", o.proposed_by);
  out += '\n';

  const auto& a = o.alignment;
  out += fmt::format("  alignment: {} for {}; {} for the others", name_of(a.rule), set_label(a.applies_to),
                     name_of(a.others));
  if (a.target) out += fmt::format("; bandwagon target {}", a.target->label());
  if (a.balancer) out += fmt::format("; balancer {}", a.balancer->label());
  if (a.across_rivalry) out += "; may align across a rivalry";
  if (a.rule == AlignmentRule::balanced_disparity || a.others == AlignmentRule::balanced_disparity) {
    out += fmt::format("; largest coalition kept below {:.2f} of capability", a.coalition_cap);
  }
  if (a.rule == AlignmentRule::balance || a.rule == AlignmentRule::hedge) {
    out += fmt::format("; threat weights power {:g}, proximity {:g}, offensive {:g}, intent {:g}",
                       a.weights.power, a.weights.proximity, a.weights.offensive, a.weights.intent);
  }
  out += '\n';

  const auto& al = o.alliances;
  out += fmt::format("  alliances: {}", name_of(al.rule));
  if (al.rule == AllianceRule::phase_out) {
    out += fmt::format(" over {} years of {}", al.phase_out_years,
                       al.phase_out_ties_with.empty() ? std::string("all formal ties")
                                                      : "ties with " + refs_label(al.phase_out_ties_with));
  }
  if (al.rule == AllianceRule::hegemon_bloc) {
    const auto* leader = al.bloc_leader ? &*al.bloc_leader : (o.hegemon ? &*o.hegemon : nullptr);
    if (leader != nullptr) out += fmt::format(" led by {}", leader->label());
  }
  for (const auto& r : al.reliability)
    out += fmt::format("; reliability {} {:.2f}", r.state.label(), r.value);
  out += '\n';

  const auto& c = o.crisis;
  out += fmt::format("  crisis manager: {}", name_of(c.manager));
  if (!c.institutions.empty()) {
    std::string names;
    for (const auto& i : c.institutions) names += (names.empty() ? "" : ", ") + i.name;
    out += fmt::format(" ({})", names);
  }
  if (c.manager == CrisisManager::community)
    out += fmt::format("; regime threshold polyarchy >= {:.2f}", c.regime_threshold);
  if (c.impose_on_others) out += "; may impose settlements on others";
  out += '\n';

  out += fmt::format("  decision rule: {} by default", decision_label(o.decision_default, o));
  for (const auto& d : o.decision_by_institution) {
    out += fmt::format("; {} in {}", decision_label(d.spec, o), d.institution.name);
  }
  out += '\n';

  if (o.hegemon) out += fmt::format("  hegemon: {}\n", o.hegemon->label());
  if (!o.directorate.empty()) out += fmt::format("  directorate: {}\n", refs_label(o.directorate));
  out += fmt::format("  restraint: {:.2f} toward great powers, {:.2f} toward small states\n",
                     o.restraint.toward_great_powers, o.restraint.toward_small_states);
  out += fmt::format("  spheres of influence: {:.2f} ({})\n", o.spheres,
                     o.spheres <= 0.0 ? "no" : (o.spheres >= 1.0 ? "yes" : "partly"));
  if (o.institution_effect < 1.0) out += fmt::format("  institution effect: {:.2f}\n", o.institution_effect);
  if (o.agenda_setters) out += fmt::format("  agenda setters: {}\n", set_label(*o.agenda_setters));
  for (const auto& m : o.mandates) {
    std::string adds;
    for (auto k : m.add) adds += (adds.empty() ? "" : ", ") + std::string(name_of(k));
    out += fmt::format("  mandate upgrade: {} gains {}",
                       m.all_institutions ? std::string("every institution") : m.institution.name,
                       adds.empty() ? "nothing" : adds);
    if (m.capacity) out += fmt::format("; capacity {:.2f}", *m.capacity);
    out += '\n';
  }
  for (const auto& m : o.membership) {
    std::string which;
    if (m.institutions.all) which = "every institution";
    for (const auto& i : m.institutions.names) which += (which.empty() ? "" : ", ") + i.name;
    out += fmt::format("  membership of {}:", which);
    if (m.include) out += fmt::format(" include {}", set_label(*m.include));
    if (!m.exclude.empty()) out += fmt::format(" exclude {}", refs_label(m.exclude));
    out += '\n';
  }
  for (const auto& m : o.measures) {
    out += fmt::format("  measure in force: {}", name_of(m.kind));
    if (m.flashpoint) out += fmt::format(" on {}", m.flashpoint->name);
    out += fmt::format(", parties {}, strength {:.2f}", set_label(m.parties), m.strength);
    if (m.burden_cap) out += fmt::format(", defense burden capped at {:.3f} of GDP", *m.burden_cap);
    out += '\n';
  }
  out += fmt::format("  interdependence weight: {:g}", o.interdependence_weight);
  if (o.trade_integration_growth > 0.0)
    out += fmt::format("; trade integration grows {:g} a year", o.trade_integration_growth);
  out += '\n';
  if (o.regime_convergence) {
    const auto& r = *o.regime_convergence;
    out += fmt::format("  regime convergence: {} toward polyarchy {:.2f}, closing {:.3f} of the gap a year\n",
                       set_label(r.applies_to), r.target, r.rate);
  }
  return out;
}

}  // namespace concord

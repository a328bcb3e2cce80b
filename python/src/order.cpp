// Order and its rules as read-only Python objects (fields as in order/order.hpp and
// docs/orders.md; enum values as the strings order files use), load_order and preset_names.
#include <fmt/format.h>

#include "bindings.hpp"
#include "concord/order/order.hpp"
#include "concord/order/order_loader.hpp"

namespace concord::python {

namespace {

template <class E>
std::string name_of(E v) {
  return std::string(concord::to_string(v));
}

}  // namespace

void bind_order(py::module_& m) {
  using namespace concord::order;
  py::class_<ActorRef>(m, "ActorRef", "A state named in an order, by stateabb or ccode")
      .def_readonly("stateabb", &ActorRef::stateabb)
      .def_readonly("ccode", &ActorRef::ccode)
      .def_readonly("where", &ActorRef::where)
      .def_property_readonly("label", &ActorRef::label)
      .def("__repr__", [](const ActorRef& a) { return "<ActorRef " + a.label() + ">"; });
  py::class_<InstitutionRef>(m, "InstitutionRef")
      .def_readonly("name", &InstitutionRef::name)
      .def_readonly("where", &InstitutionRef::where);
  py::class_<FlashpointRef>(m, "FlashpointRef")
      .def_readonly("name", &FlashpointRef::name)
      .def_readonly("where", &FlashpointRef::where);
  py::class_<ActorSet>(m, "ActorSet", "all, great-powers, small-states, members-of an institution, or listed states")
      .def_property_readonly("group", [](const ActorSet& s) { return name_of(s.group); })
      .def_property_readonly("institution", [](const ActorSet& s) { return s.institution.name; })
      .def_readonly("states", &ActorSet::states)
      .def_readonly("where", &ActorSet::where);
  py::class_<InstitutionSet>(m, "InstitutionSet")
      .def_readonly("all", &InstitutionSet::all)
      .def_readonly("names", &InstitutionSet::names);
  py::class_<ThreatWeights>(m, "ThreatWeights", "Walt's sources of threat (relative weights)")
      .def_readonly("power", &ThreatWeights::power)
      .def_readonly("proximity", &ThreatWeights::proximity)
      .def_readonly("offensive", &ThreatWeights::offensive)
      .def_readonly("intent", &ThreatWeights::intent);
  py::class_<AlignmentSpec>(m, "AlignmentSpec")
      .def_property_readonly("rule", [](const AlignmentSpec& s) { return name_of(s.rule); })
      .def_readonly("applies_to", &AlignmentSpec::applies_to)
      .def_property_readonly("others", [](const AlignmentSpec& s) { return name_of(s.others); })
      .def_readonly("target", &AlignmentSpec::target)
      .def_readonly("balancer", &AlignmentSpec::balancer)
      .def_readonly("coalition_cap", &AlignmentSpec::coalition_cap)
      .def_readonly("weights", &AlignmentSpec::weights)
      .def_readonly("where", &AlignmentSpec::where);
  py::class_<ActorValue>(m, "ActorValue")
      .def_readonly("state", &ActorValue::state)
      .def_readonly("value", &ActorValue::value);
  py::class_<AllianceSpec>(m, "AllianceSpec")
      .def_property_readonly("rule", [](const AllianceSpec& s) { return name_of(s.rule); })
      .def_readonly("reliability", &AllianceSpec::reliability)
      .def_readonly("phase_out_years", &AllianceSpec::phase_out_years)
      .def_readonly("phase_out_ties_with", &AllianceSpec::phase_out_ties_with)
      .def_readonly("bloc_leader", &AllianceSpec::bloc_leader)
      .def_readonly("where", &AllianceSpec::where);
  py::class_<CrisisSpec>(m, "CrisisSpec")
      .def_property_readonly("manager", [](const CrisisSpec& s) { return name_of(s.manager); })
      .def_readonly("institutions", &CrisisSpec::institutions)
      .def_readonly("regime_threshold", &CrisisSpec::regime_threshold)
      .def_readonly("impose_on_others", &CrisisSpec::impose_on_others)
      .def_readonly("where", &CrisisSpec::where);
  py::class_<DecisionSpec>(m, "DecisionSpec")
      .def_property_readonly("rule", [](const DecisionSpec& s) { return name_of(s.rule); })
      .def_readonly("veto_threshold", &DecisionSpec::veto_threshold)
      .def_readonly("quota", &DecisionSpec::quota)
      .def_property_readonly("weights", [](const DecisionSpec& s) { return name_of(s.weights); })
      .def_readonly("listed_weights", &DecisionSpec::listed_weights)
      .def_readonly("directorate", &DecisionSpec::directorate)
      .def_readonly("where", &DecisionSpec::where);
  py::class_<InstitutionDecision>(m, "InstitutionDecision")
      .def_property_readonly("institution", [](const InstitutionDecision& d) { return d.institution.name; })
      .def_readonly("spec", &InstitutionDecision::spec);
  py::class_<RestraintSpec>(m, "RestraintSpec", "Elite restraint, 0..1")
      .def_readonly("toward_great_powers", &RestraintSpec::toward_great_powers)
      .def_readonly("toward_small_states", &RestraintSpec::toward_small_states)
      .def_readonly("where", &RestraintSpec::where);
  py::class_<MandateUpgrade>(m, "MandateUpgrade")
      .def_property_readonly("institution", [](const MandateUpgrade& u) { return u.institution.name; })
      .def_readonly("all_institutions", &MandateUpgrade::all_institutions)
      .def_property_readonly("add",
                             [](const MandateUpgrade& u) {
                               std::vector<std::string> out;
                               for (auto x : u.add) out.push_back(name_of(x));
                               return out;
                             })
      .def_readonly("capacity", &MandateUpgrade::capacity)
      .def_readonly("where", &MandateUpgrade::where);
  py::class_<MembershipChange>(m, "MembershipChange")
      .def_readonly("institutions", &MembershipChange::institutions)
      .def_readonly("include", &MembershipChange::include)
      .def_readonly("exclude", &MembershipChange::exclude)
      .def_readonly("where", &MembershipChange::where);
  py::class_<Measure>(m, "Measure")
      .def_property_readonly("kind", [](const Measure& x) { return name_of(x.kind); })
      .def_property_readonly("flashpoint",
                             [](const Measure& x) -> py::object {
                               if (!x.flashpoint) return py::none();
                               return py::str(x.flashpoint->name);
                             })
      .def_readonly("parties", &Measure::parties)
      .def_readonly("strength", &Measure::strength)
      .def_readonly("burden_cap", &Measure::burden_cap)
      .def_readonly("where", &Measure::where);
  py::class_<RegimeConvergence>(m, "RegimeConvergence")
      .def_readonly("target", &RegimeConvergence::target)
      .def_readonly("rate", &RegimeConvergence::rate)
      .def_readonly("applies_to", &RegimeConvergence::applies_to)
      .def_readonly("where", &RegimeConvergence::where);

  py::class_<Order>(m, "Order", py::dynamic_attr(), "A security order: the full rule set (docs/orders.md)")
      .def_readonly("name", &Order::name)
      .def_readonly("title", &Order::title)
      .def_readonly("proposed_by", &Order::proposed_by)
      .def_readonly("source_file", &Order::source_file)
      .def_readonly("alignment", &Order::alignment)
      .def_readonly("alliances", &Order::alliances)
      .def_readonly("crisis", &Order::crisis)
      .def_readonly("decision_default", &Order::decision_default)
      .def_readonly("decision_by_institution", &Order::decision_by_institution)
      .def_readonly("hegemon", &Order::hegemon)
      .def_readonly("directorate", &Order::directorate)
      .def_readonly("restraint", &Order::restraint)
      .def_readonly("spheres", &Order::spheres)
      .def_readonly("institution_effect", &Order::institution_effect)
      .def_readonly("agenda_setters", &Order::agenda_setters)
      .def_readonly("mandates", &Order::mandates)
      .def_readonly("membership", &Order::membership)
      .def_readonly("measures", &Order::measures)
      .def_readonly("interdependence_weight", &Order::interdependence_weight)
      .def_readonly("trade_integration_growth", &Order::trade_integration_growth)
      .def_readonly("regime_convergence", &Order::regime_convergence)
      .def("describe", [](const Order& o) { return describe(o); }, "The rules in words (what `concord run` prints)")
      .def("__repr__", [](const Order& o) { return "<Order " + o.name + ">"; });

  m.def(
      "load_order",
      [](const std::string& name_or_file) {
        Order o = load_order_arg(name_or_file);
        if (o.name.empty()) o.name = name_or_file;  // as the CLI names it
        return o;
      },
      py::arg("name_or_file"), py::call_guard<py::gil_scoped_release>());
  m.def("preset_names", []() { return preset_names(); });
}

}  // namespace concord::python

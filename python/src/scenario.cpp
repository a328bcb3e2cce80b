// Scenario and its parts as read-only Python objects (fields as in scenario/scenario.hpp and
// docs/scenario.md; missing figures are NaN), load_scenario and build_scenario.
#include <fmt/format.h>

#include <optional>

#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/engine/build.hpp"
#include "concord/scenario/build.hpp"
#include "concord/scenario/load.hpp"
#include "concord/scenario/summary.hpp"

namespace concord::python {

namespace {

const char* contiguity_name(Contiguity c) {
  switch (c) {
    case Contiguity::none: return "none";
    case Contiguity::land: return "land";
    case Contiguity::sea12: return "sea12";
    case Contiguity::sea24: return "sea24";
    case Contiguity::sea150: return "sea150";
    case Contiguity::sea400: return "sea400";
  }
  return "none";
}

std::vector<std::string> mandate_names(const MandateSet& set) {
  std::vector<std::string> out;
  for (int i = 0; i < kMandateCount; ++i) {
    const auto m = static_cast<Mandate>(i);
    if (set.has(m)) out.emplace_back(to_string(m));
  }
  return out;
}

}  // namespace

void bind_scenario(py::module_& m) {
  py::class_<Location>(m, "Location", "Where something sits in an input file (1-based; 0 = not known)")
      .def_readonly("file", &Location::file)
      .def_readonly("line", &Location::line)
      .def_readonly("column", &Location::column)
      .def_readonly("field", &Location::field)
      .def("__str__", &Location::str)
      .def("__repr__", [](const Location& l) { return "<Location " + l.str() + ">"; });

  py::class_<Provenance>(m, "Provenance", "Where a figure came from: dataset id, year used, estimated or read")
      .def_readonly("dataset", &Provenance::dataset)
      .def_readonly("year", &Provenance::year)
      .def_readonly("estimated", &Provenance::estimated)
      .def_readonly("note", &Provenance::note)
      .def("__repr__", [](const Provenance& p) {
        return fmt::format("<Provenance {}@{}{}>", p.dataset, p.year, p.estimated ? " estimated" : "");
      });

  py::class_<Source>(m, "Source", "A dataset the scenario cites ([meta.sources.ID])")
      .def_readonly("title", &Source::title)
      .def_readonly("version", &Source::version)
      .def_readonly("file", &Source::file)
      .def_readonly("citation", &Source::citation);

  py::class_<ScenarioMeta>(m, "ScenarioMeta", "[meta]: name, start year, horizon (years), region, sources")
      .def_readonly("name", &ScenarioMeta::name)
      .def_readonly("description", &ScenarioMeta::description)
      .def_readonly("start_year", &ScenarioMeta::start_year)
      .def_readonly("horizon", &ScenarioMeta::horizon)
      .def_readonly("region", &ScenarioMeta::region)
      .def_readonly("sources", &ScenarioMeta::sources)
      .def_readonly("default_trust", &ScenarioMeta::default_trust)
      .def_readonly("provenance", &ScenarioMeta::provenance);

  py::class_<NmcComponents>(m, "NmcComponents",
                            "COW NMC components: milex (thousands of current US$), milper (thousands), irst "
                            "(thousands of tons), pec (thousands of coal-ton equivalents), tpop and upop (thousands)")
      .def_readonly("milex", &NmcComponents::milex)
      .def_readonly("milper", &NmcComponents::milper)
      .def_readonly("irst", &NmcComponents::irst)
      .def_readonly("pec", &NmcComponents::pec)
      .def_readonly("tpop", &NmcComponents::tpop)
      .def_readonly("upop", &NmcComponents::upop);

  py::class_<Actor>(m, "Actor",
                    "[[actor]]: one state. gdp in millions of 2011 int'l $ PPP (Maddison), population in "
                    "thousands, military_expenditure in millions of constant 2022 US$ (SIPRI), regime = V-Dem "
                    "polyarchy 0..1")
      .def_readonly("ccode", &Actor::ccode)
      .def_readonly("stateabb", &Actor::stateabb)
      .def_readonly("name", &Actor::name)
      .def_readonly("gdp", &Actor::gdp)
      .def_readonly("population", &Actor::population)
      .def_readonly("nmc", &Actor::nmc)
      .def_readonly("military_expenditure", &Actor::military_expenditure)
      .def_readonly("regime", &Actor::regime)
      .def_readonly("great_power", &Actor::great_power)
      .def_readonly("risk", &Actor::risk)
      .def_readonly("satisfaction", &Actor::satisfaction)
      .def_readonly("capital_lat", &Actor::capital_lat)
      .def_readonly("capital_lon", &Actor::capital_lon)
      .def_readonly("provenance", &Actor::provenance)
      .def_readonly("where", &Actor::where)
      .def("__repr__", [](const Actor& a) { return fmt::format("<Actor {} {} ({})>", a.ccode, a.stateabb, a.name); });

  py::class_<Dyad>(m, "Dyad",
                   "[[dyad]]: ccodes a < b; alliance 0..3 (ATOP); trade in millions of current US$ (COW); "
                   "distance in km between capitals; contiguity as COW conttype")
      .def_readonly("a", &Dyad::a)
      .def_readonly("b", &Dyad::b)
      .def_readonly("alliance", &Dyad::alliance)
      .def_readonly("trade_ab", &Dyad::trade_ab)
      .def_readonly("trade_ba", &Dyad::trade_ba)
      .def_readonly("trade_estimated", &Dyad::trade_estimated)
      .def_readonly("distance_km", &Dyad::distance_km)
      .def_property_readonly("contiguity", [](const Dyad& d) { return contiguity_name(d.contiguity); })
      .def_readonly("rivalry", &Dyad::rivalry)
      .def_readonly("trust", &Dyad::trust)
      .def_readonly("provenance", &Dyad::provenance)
      .def_readonly("where", &Dyad::where);

  py::class_<Membership>(m, "Membership")
      .def_readonly("ccode", &Membership::ccode)
      .def_readonly("joined", &Membership::joined);

  py::class_<Institution>(m, "Institution", "[[institution]]: members, decision rule, mandate, capacity 0..1")
      .def_readonly("name", &Institution::name)
      .def_readonly("members", &Institution::members)
      .def_readonly("accessions", &Institution::accessions)
      .def_property_readonly("decision_rule", [](const Institution& i) { return std::string(to_string(i.decision_rule)); })
      .def_readonly("veto_threshold", &Institution::veto_threshold)
      .def_property_readonly("mandate", [](const Institution& i) { return mandate_names(i.mandate); })
      .def_readonly("capacity", &Institution::capacity)
      .def_readonly("provenance", &Institution::provenance)
      .def_readonly("where", &Institution::where)
      .def("__repr__", [](const Institution& i) {
        return fmt::format("<Institution {} ({} members)>", i.name, i.members.size());
      });

  py::class_<FlashpointParty>(m, "FlashpointParty", "A party: position on the issue's 0..100 scale, salience 0..1")
      .def_readonly("ccode", &FlashpointParty::ccode)
      .def_readonly("position", &FlashpointParty::position)
      .def_readonly("salience", &FlashpointParty::salience)
      .def_readonly("source", &FlashpointParty::source);

  py::class_<Stakeholder>(m, "Stakeholder")
      .def_readonly("ccode", &Stakeholder::ccode)
      .def_readonly("position", &Stakeholder::position)
      .def_readonly("salience", &Stakeholder::salience)
      .def_readonly("interest", &Stakeholder::interest)
      .def_readonly("source", &Stakeholder::source);

  py::class_<IncidentRateFit>(m, "IncidentRateFit",
                              "MID onsets between the parties over [window_start, window_end]; exact Poisson "
                              "95% interval of the rate (per year)")
      .def_readonly("window_start", &IncidentRateFit::window_start)
      .def_readonly("window_end", &IncidentRateFit::window_end)
      .def_readonly("onsets", &IncidentRateFit::onsets)
      .def_readonly("lower", &IncidentRateFit::lower)
      .def_readonly("upper", &IncidentRateFit::upper)
      .def_readonly("method", &IncidentRateFit::method);

  py::class_<Flashpoint>(m, "Flashpoint", "[[flashpoint]]: parties, stakeholders, status quo, incident rate per year")
      .def_readonly("name", &Flashpoint::name)
      .def_readonly("scale", &Flashpoint::scale)
      .def_readonly("parties", &Flashpoint::parties)
      .def_readonly("stakeholders", &Flashpoint::stakeholders)
      .def_readonly("status_quo", &Flashpoint::status_quo)
      .def_readonly("incident_rate", &Flashpoint::incident_rate)
      .def_readonly("fit", &Flashpoint::fit)
      .def_readonly("source", &Flashpoint::source)
      .def_readonly("where", &Flashpoint::where)
      .def("__repr__", [](const Flashpoint& f) { return "<Flashpoint " + f.name + ">"; });

  py::class_<GrowthStep>(m, "GrowthStep", "Annual growth rates from from_year on (NaN: the engine's default model)")
      .def_readonly("from_year", &GrowthStep::from_year)
      .def_readonly("gdp", &GrowthStep::gdp)
      .def_readonly("population", &GrowthStep::population);

  py::class_<GrowthPath>(m, "GrowthPath")
      .def_readonly("ccode", &GrowthPath::ccode)
      .def_readonly("steps", &GrowthPath::steps)
      .def_readonly("source", &GrowthPath::source)
      .def_readonly("where", &GrowthPath::where);

  py::class_<ParameterOverride>(m, "ParameterOverride", "[parameters]: an engine parameter set by the scenario")
      .def_readonly("name", &ParameterOverride::name)
      .def_readonly("value", &ParameterOverride::value)
      .def_readonly("where", &ParameterOverride::where);

  py::class_<Scenario>(m, "Scenario", py::dynamic_attr(),
                       "A region's states, dyads, institutions and flashpoints in a start year (docs/scenario.md)")
      .def_readonly("meta", &Scenario::meta)
      .def_readonly("actors", &Scenario::actors)
      .def_readonly("dyads", &Scenario::dyads)
      .def_readonly("institutions", &Scenario::institutions)
      .def_readonly("flashpoints", &Scenario::flashpoints)
      .def_readonly("growth", &Scenario::growth)
      .def_readonly("parameters", &Scenario::parameters)
      .def_readonly("file", &Scenario::file)
      .def_property_readonly("digest", &engine::scenario_hash,
                             "16 hex digits of FNV-1a 64 of the canonical TOML: the runs' scenario_hash")
      .def("cinc", &scenario_cinc, "CINC of each actor over the scenario's own actors (shares of the region)")
      .def("summary", &summarize, "The text `concord scenario check` prints")
      .def("to_toml", &write_scenario, "The scenario as TOML that loads back to the same values")
      .def(
          "save", [](const Scenario& s, const std::filesystem::path& path) { save_scenario(s, path); }, py::arg("path"),
          "Writes the scenario as TOML")
      .def("__repr__", [](const Scenario& s) {
        return fmt::format("<Scenario {} ({}, {} actors, {} flashpoints)>", s.meta.name, s.meta.start_year,
                           s.actors.size(), s.flashpoints.size());
      });

  m.def(
      "load_scenario", [](const std::filesystem::path& path) { return load_scenario(path); }, py::arg("path"),
      py::call_guard<py::gil_scoped_release>());
  m.def(
      "build_scenario",
      [](const std::string& region, int year, const std::vector<int>& states, const std::optional<std::string>& data_dir,
         int horizon) {
        BuildOptions o;
        o.region = region;
        o.year = year;
        o.states = states;
        o.data_dir = resolve_data_dir(data_dir);
        o.horizon = horizon;
        std::vector<std::string> notes;
        Scenario s;
        {
          py::gil_scoped_release release;
          s = build_scenario(o, &notes);
        }
        return py::make_tuple(std::move(s), notes);
      },
      py::arg("region"), py::arg("year"), py::arg("states"), py::arg("data_dir"), py::arg("horizon"));
  m.def("data_dir", [](const std::optional<std::string>& d) { return resolve_data_dir(d).string(); },
        py::arg("explicit_dir") = py::none());
}

}  // namespace concord::python

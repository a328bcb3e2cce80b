#include "concord/scenario/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <span>

#include "concord/measures/cinc.hpp"

namespace concord {

std::vector<double> scenario_cinc(const Scenario& s) {
  const std::size_t n = s.actors.size();
  std::array<std::vector<double>, measures::kCincComponentCount> columns;
  for (auto& c : columns) c.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const NmcComponents& c = s.actors[i].nmc;
    columns[0][i] = c.milex;
    columns[1][i] = c.milper;
    columns[2][i] = c.irst;
    columns[3][i] = c.pec;
    columns[4][i] = c.tpop;
    columns[5][i] = c.upop;
  }
  std::array<std::span<const double>, measures::kCincComponentCount> spans;
  for (std::size_t k = 0; k < spans.size(); ++k) spans[k] = columns[k];
  std::vector<double> out(n);
  measures::cinc(spans, out);
  return out;
}

std::string carried_forward_summary(const Scenario& s) {
  // Every provenance whose note records a value carried past its dataset's last year: the
  // scenario-wide defaults (they cover every entry without a provenance of its own) and each
  // entry's own.
  auto carried = [](const Provenance& p) { return p.note.rfind("carried forward", 0) == 0; };
  std::vector<std::string> lines;
  for (const auto& [figure, p] : s.meta.provenance) {
    if (carried(p)) lines.push_back(fmt::format("  {} (default): {}, {}", figure, p.dataset, p.note));
  }
  auto entries = [&](const std::string& kind, const std::string& who, const ProvenanceMap& map) {
    for (const auto& [figure, p] : map) {
      if (carried(p)) lines.push_back(fmt::format("  {} {} {}: {}, {}", kind, who, figure, p.dataset, p.note));
    }
  };
  for (const Actor& a : s.actors) entries("actor", a.stateabb, a.provenance);
  for (const Dyad& d : s.dyads) entries("dyad", fmt::format("{}-{}", d.a, d.b), d.provenance);
  for (const Institution& in : s.institutions) entries("institution", in.name, in.provenance);
  std::string out = "\nvalues carried forward past a dataset's last year:\n";
  if (lines.empty()) return out + "  none\n";
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string summarize(const Scenario& s) {
  std::string out =
      fmt::format("scenario '{}': start year {}, horizon {} years, region {}\n", s.meta.name,
                  s.meta.start_year, s.meta.horizon, s.meta.region.empty() ? "-" : s.meta.region);
  out += fmt::format(
      "{} actors, {} dyads listed, {} institutions, {} flashpoints, {} growth paths, "
      "{} parameter overrides\n",
      s.actors.size(), s.dyads.size(), s.institutions.size(), s.flashpoints.size(), s.growth.size(),
      s.parameters.size());

  const std::vector<double> cinc = scenario_cinc(s);
  std::vector<std::size_t> order(s.actors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = std::isnan(cinc[a]) ? -1.0 : cinc[a];
    const double y = std::isnan(cinc[b]) ? -1.0 : cinc[b];
    return x > y;
  });
  out += "\nactors by capability share (CINC over the scenario's actors):\n";
  out += fmt::format("  {:>5} {:<8} {:>9} {:>14}  {}\n", "ccode", "abb", "share", "GDP (m 2011$)", "name");
  for (std::size_t i : order) {
    const Actor& a = s.actors[i];
    out += fmt::format("  {:>5} {:<8} {:>9} {:>14.0f}  {}{}\n", a.ccode, a.stateabb,
                       std::isnan(cinc[i]) ? std::string("-") : fmt::format("{:.4f}", cinc[i]), a.gdp, a.name,
                       a.great_power ? " (great power)" : "");
  }
  std::string gps;
  for (const Actor& a : s.actors) {
    if (!a.great_power) continue;
    gps += gps.empty() ? a.stateabb : ", " + a.stateabb;
  }
  out += fmt::format("\ngreat powers: {}\n", gps.empty() ? "none" : gps);

  auto abb = [&](int ccode) {
    const int i = s.actor_index(ccode);
    return i < 0 ? std::to_string(ccode) : s.actors[static_cast<std::size_t>(i)].stateabb;
  };
  out += "\ninstitutions:\n";
  if (s.institutions.empty()) out += "  none\n";
  for (const Institution& in : s.institutions) {
    out += fmt::format("  {:<12} {:>3} members{}, {}, capacity {}\n", in.name, in.members.size(),
                       in.accessions.empty() ? "" : fmt::format(" (+{} later)", in.accessions.size()),
                       to_string(in.decision_rule), in.capacity);
  }
  out += "\nflashpoints:\n";
  if (s.flashpoints.empty()) out += "  none\n";
  for (const Flashpoint& f : s.flashpoints) {
    std::string parties;
    for (const FlashpointParty& p : f.parties) {
      if (!parties.empty()) parties += ", ";
      parties += fmt::format("{} ({})", abb(p.ccode), p.position);
    }
    out += fmt::format("  {}: {}; status quo {}, {:.3g} incidents/year\n", f.name, parties, f.status_quo,
                       f.incident_rate);
  }
  out += carried_forward_summary(s);
  return out;
}

}  // namespace concord

#include "concord/scenario/scenario.hpp"

#include "concord/measures/distance.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace concord {

int Scenario::actor_index(int ccode) const {
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (actors[i].ccode == ccode) return static_cast<int>(i);
  }
  return -1;
}

const Dyad* Scenario::find_dyad(int x, int y) const {
  const int a = std::min(x, y);
  const int b = std::max(x, y);
  for (const Dyad& d : dyads) {
    if (d.a == a && d.b == b) return &d;
  }
  return nullptr;
}

namespace {

double capital_distance_km(const Actor& x, const Actor& y) {
  return measures::great_circle_km(x.capital_lat, x.capital_lon, y.capital_lat, y.capital_lon);
}

}  // namespace

Dyad complete_dyad(const Scenario& s, int x, int y) {
  Dyad d;
  if (const Dyad* listed = s.find_dyad(x, y)) d = *listed;
  d.a = std::min(x, y);
  d.b = std::max(x, y);
  if (std::isnan(d.trust)) d.trust = s.meta.default_trust;
  if (std::isnan(d.distance_km)) {
    const int ia = s.actor_index(d.a);
    const int ib = s.actor_index(d.b);
    if (ia >= 0 && ib >= 0) {
      d.distance_km = capital_distance_km(s.actors[static_cast<std::size_t>(ia)],
                                          s.actors[static_cast<std::size_t>(ib)]);
    }
  }
  return d;
}

const Provenance* provenance_of(const Scenario& s, std::string_view kind,
                                const ProvenanceMap& entry, const std::string& figure) {
  if (auto it = entry.find(figure); it != entry.end()) return &it->second;
  std::string key(kind);
  key += '.';
  key += figure;
  if (auto it = s.meta.provenance.find(key); it != s.meta.provenance.end()) return &it->second;
  return nullptr;
}

namespace {
constexpr std::array<std::pair<DecisionRule, const char*>, 6> kRules{{
    {DecisionRule::consensus, "consensus"},
    {DecisionRule::minority_veto, "consensus-minority-veto"},
    {DecisionRule::qualified_majority, "qualified-majority"},
    {DecisionRule::majority, "majority"},
    {DecisionRule::directorate, "directorate"},
    {DecisionRule::hegemon, "hegemon"},
}};
constexpr std::array<std::pair<Mandate, const char*>, kMandateCount> kMandates{{
    {Mandate::dialogue, "dialogue"},
    {Mandate::confidence_building, "confidence-building"},
    {Mandate::preventive_diplomacy, "preventive-diplomacy"},
    {Mandate::dispute_settlement, "dispute-settlement"},
    {Mandate::arms_control, "arms-control"},
    {Mandate::humanitarian, "humanitarian"},
    {Mandate::economic_integration, "economic-integration"},
}};
}  // namespace

const char* to_string(DecisionRule r) {
  for (const auto& [rule, text] : kRules) {
    if (rule == r) return text;
  }
  return "?";
}

const char* to_string(Mandate m) {
  for (const auto& [mandate, text] : kMandates) {
    if (mandate == m) return text;
  }
  return "?";
}

std::optional<DecisionRule> parse_decision_rule(std::string_view text) {
  for (const auto& [rule, name] : kRules) {
    if (text == name) return rule;
  }
  return std::nullopt;
}

std::optional<Mandate> parse_mandate(std::string_view text) {
  for (const auto& [mandate, name] : kMandates) {
    if (text == name) return mandate;
  }
  return std::nullopt;
}

}  // namespace concord

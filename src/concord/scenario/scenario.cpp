#include "concord/scenario/scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "concord/measures/distance.hpp"

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
      d.distance_km =
          capital_distance_km(s.actors[static_cast<std::size_t>(ia)], s.actors[static_cast<std::size_t>(ib)]);
    }
  }
  return d;
}

const Provenance* provenance_of(const Scenario& s, std::string_view kind, const ProvenanceMap& entry,
                                const std::string& figure) {
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

namespace concord {

std::string to_string(const GreatPowerRule& rule) {
  switch (rule.kind) {
    case GreatPowerRule::Kind::cow_majors: return "cow-majors";
    case GreatPowerRule::Kind::nuclear: return "nuclear";
    case GreatPowerRule::Kind::cinc_share:
      return fmt::format("cinc-share:{}{}", rule.threshold, rule.evolve ? ":evolve" : "");
  }
  return "cow-majors";
}

bool parse_great_power_rule(std::string_view text, GreatPowerRule& out, std::string& why) {
  GreatPowerRule r;
  std::vector<std::string> parts;
  std::string cur;
  for (char c : text) {
    if (c == ':') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  const std::string& kind = parts[0];
  if (kind == "cow-majors" || kind == "nuclear") {
    if (parts.size() > 1) {
      why = fmt::format("'{}' takes no options", kind);
      return false;
    }
    r.kind = kind == "nuclear" ? GreatPowerRule::Kind::nuclear : GreatPowerRule::Kind::cow_majors;
  } else if (kind == "cinc-share") {
    r.kind = GreatPowerRule::Kind::cinc_share;
    if (parts.size() < 2 || parts.size() > 3) {
      why = "expected cinc-share:SHARE or cinc-share:SHARE:evolve (SHARE in (0, 1], e.g. cinc-share:0.1)";
      return false;
    }
    char* end = nullptr;
    r.threshold = std::strtod(parts[1].c_str(), &end);
    if (parts[1].empty() || end == nullptr || *end != '\0' || !(r.threshold > 0.0 && r.threshold <= 1.0)) {
      why = fmt::format("capability share '{}' is not a number in (0, 1]", parts[1]);
      return false;
    }
    if (parts.size() == 3) {
      if (parts[2] != "evolve") {
        why = fmt::format("unknown option '{}' (expected evolve)", parts[2]);
        return false;
      }
      r.evolve = true;
    }
  } else {
    why = fmt::format("unknown great-power rule '{}' (expected cow-majors, cinc-share:SHARE[:evolve] or nuclear)",
                      kind);
    return false;
  }
  out = r;
  return true;
}

}  // namespace concord

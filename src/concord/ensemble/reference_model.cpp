#include "concord/ensemble/reference_model.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <Random123/philox.h>
#include <nlohmann/json.hpp>

namespace concord::ensemble {

HazardModelParams hazard_params_from_json(const std::string& params_json,
                                          HazardModelParams base) {
  if (params_json.empty()) return base;
  const auto j = nlohmann::json::parse(params_json);
  if (!j.is_object()) throw std::invalid_argument("reference model parameters: not an object");
  for (const auto& [name, value] : j.items()) {
    if (name == "war_hazard") {
      base.war_hazard = value.get<double>();
    } else if (name == "dispute_hazard") {
      base.dispute_hazard = value.get<double>();
    } else if (name == "dyads") {
      base.dyads = static_cast<int>(value.get<double>());
    } else if (name == "years") {
      base.years = static_cast<int>(value.get<double>());
    } else {
      throw std::invalid_argument("reference model: unknown parameter '" + name + "'");
    }
  }
  return base;
}

void simulate_hazard_model(const RunKey& key, const HazardModelParams& base, RunRecord& out) {
  const HazardModelParams p = hazard_params_from_json(key.params_json, base);
  using Rng = r123::Philox4x64;
  Rng rng;
  const Rng::key_type k = {{key.seed, key.replicate}};
  enum Phase : std::uint64_t { kWar = 1, kDispute = 2 };

  out.key = key;
  out.start_year = p.start_year;
  out.years = p.years;
  out.yearly_names = {"disputes", "great_power_war"};
  out.yearly.assign(static_cast<std::size_t>(p.years) * 2, 0.0);
  out.summary_names = {"great_power_war", "first_war_time", "disputes_per_decade"};
  out.events.clear();

  double first_war = std::numeric_limits<double>::quiet_NaN();
  double disputes_total = 0.0;
  for (int y = 0; y < p.years; ++y) {
    const auto year = static_cast<std::uint64_t>(y);
    const int calendar = p.start_year + y + 1;  // first simulated year: start_year + 1
    // Disputes: four dyads per Philox block.
    int disputes = 0;
    for (int d = 0; d < p.dyads; d += 4) {
      const Rng::ctr_type c = {{year, kDispute, static_cast<std::uint64_t>(d), 0}};
      const auto r = rng(c, k);
      for (int j = 0; j < 4 && d + j < p.dyads; ++j) {
        if (u01(r.v[j]) < p.dispute_hazard) {
          ++disputes;
          out.events.push_back({calendar, "mid", "", {d + j}, {}, "settled", 1.0, 0, "", 0, 0});
        }
      }
    }
    const Rng::ctr_type c = {{year, kWar, 0, 0}};
    const bool war = u01(rng(c, k).v[0]) < p.war_hazard;
    if (war) {
      out.events.push_back({calendar, "great_power_war", "", {}, {}, "war", 1.0, 0, "", 0, 0});
      if (std::isnan(first_war)) first_war = static_cast<double>(y + 1);
    }
    out.yearly[static_cast<std::size_t>(y) * 2] = disputes;
    out.yearly[static_cast<std::size_t>(y) * 2 + 1] = war ? 1.0 : 0.0;
    disputes_total += disputes;
  }
  const bool any_war = !std::isnan(first_war);
  out.summary = {any_war ? 1.0 : 0.0, first_war,
                 p.years > 0 ? disputes_total * 10.0 / p.years : 0.0};
}

void simulate_ishigami(const RunKey& key, RunRecord& out) {
  double x[3] = {0.0, 0.0, 0.0};
  if (!key.params_json.empty()) {
    const auto j = nlohmann::json::parse(key.params_json);
    for (const auto& [name, value] : j.items()) {
      if (name == "x1") {
        x[0] = value.get<double>();
      } else if (name == "x2") {
        x[1] = value.get<double>();
      } else if (name == "x3") {
        x[2] = value.get<double>();
      } else {
        throw std::invalid_argument("Ishigami model: unknown parameter '" + name + "'");
      }
    }
  }
  out.key = key;
  out.start_year = 0;
  out.years = 0;
  out.yearly_names.clear();
  out.yearly.clear();
  out.events.clear();
  out.summary_names = {"y"};
  out.summary = {std::sin(x[0]) + 7.0 * std::sin(x[1]) * std::sin(x[1]) +
                 0.1 * std::pow(x[2], 4) * std::sin(x[0])};
}

}  // namespace concord::ensemble

#include "concord/engine/hazards.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <toml++/toml.h>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/common/toml_file.hpp"

namespace concord::engine {

const std::array<const char*, kCovariateCount>& covariate_keys() {
  static const std::array<const char*, kCovariateCount> keys{
      "contiguity", "log_distance", "parity", "power_shift", "alliance", "joint_democracy",
      "trade_dependence", "major_power"};
  return keys;
}

namespace {

Location where_of(const std::filesystem::path& file, const toml::node& node, std::string field) {
  return toml_location(file, &node, std::move(field));
}

// A coefficient written as a number or as { coef = x, se = y }.
void read_coef(const std::filesystem::path& file, const toml::node& node, const std::string& field,
               double& coef, double* se, std::vector<Problem>& problems) {
  if (auto v = node.value<double>()) {
    coef = *v;
    return;
  }
  if (const auto* t = node.as_table()) {
    check_toml_keys(file, *t, field, {"coef", "se"}, problems);
    const auto c = (*t)["coef"].value<double>();
    if (!c) {
      problems.push_back({where_of(file, node, field), "expected a number or a table with 'coef' and 'se'"});
      return;
    }
    coef = *c;
    if (se != nullptr) *se = (*t)["se"].value<double>().value_or(0.0);
    return;
  }
  problems.push_back({where_of(file, node, field), "expected a number or a table with 'coef' and 'se'"});
}

}  // namespace

Hazards read_hazards(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  Hazards h;
  h.source = file.string();
  h.fitted = true;
  std::vector<Problem> problems;
  check_toml_keys(file, root, "", {"meta", "mid_onset", "mid_onset_nuisance", "war_given_mid"}, problems);
  if (const auto* war = root["war_given_mid"].as_table())
    check_toml_keys(file, *war, "war_given_mid", {"rate", "intercept", "lower", "upper", "mids", "wars"}, problems);
  if (const auto* meta = root["meta"].as_table())
    check_toml_keys(file, *meta, "meta",
               {"window", "region", "n", "events", "fitted_on", "command", "log_likelihood", "null_log_likelihood",
                "link", "unit"},
               problems);
  const auto* mid = root["mid_onset"].as_table();
  if (mid == nullptr) {
    problems.push_back({Location{file.string(), 0, 0, "mid_onset"}, "missing table [mid_onset]"});
  } else {
    for (const auto& [key, node] : *mid) {
      const std::string k(key.str());
      const std::string field = "mid_onset." + k;
      if (k == "intercept") {
        read_coef(file, node, field, h.intercept, nullptr, problems);
        continue;
      }
      bool known = false;
      for (std::size_t c = 0; c < kCovariateCount; ++c) {
        if (k == covariate_keys()[c]) {
          read_coef(file, node, field, h.beta[c], &h.se[c], problems);
          known = true;
        }
      }
      if (!known && k != "se" && k != "note" && k != "link" && k != "model") {
        problems.push_back({where_of(file, node, field),
                            fmt::format("unknown covariate '{}' (expected intercept, contiguity, log_distance, "
                                        "parity, power_shift, alliance, joint_democracy, trade_dependence, "
                                        "major_power)",
                                        k)});
      }
    }
  }
  if (const auto* war = root["war_given_mid"].as_table()) {
    if (const auto* rate = war->get("rate")) {
      double r = 0.0;
      read_coef(file, *rate, "war_given_mid.rate", r, nullptr, problems);
      if (r > 0.0 && r < 1.0) h.war_given_mid = r;
    } else if (const auto* icpt = war->get("intercept")) {
      double b0 = 0.0;
      read_coef(file, *icpt, "war_given_mid.intercept", b0, nullptr, problems);
      h.war_given_mid = 1.0 / (1.0 + std::exp(-b0));
    }
  }
  if (const auto* meta = root["meta"].as_table()) {
    if (auto w = (*meta)["window"].value<std::string>()) h.window = *w;
    if (auto w = (*meta)["window"].as_array()) {
      std::string s;
      for (const auto& e : *w) s += (s.empty() ? "" : "-") + std::to_string(e.value_or<long>(0));
      h.window = s;
    }
    if (auto r = (*meta)["region"].value<std::string>()) h.region = *r;
    h.n = (*meta)["n"].value_or<long>(0);
    h.events = (*meta)["events"].value_or<long>(0);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return h;
}

Hazards load_project_hazards() {
  const auto file = project_dir() / "data" / "hazards.toml";
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return read_hazards(file);
  // never run silently without the fitted hazards: the results would differ from every documented one
  throw InputError(Location{file.string(), 0, 0, ""},
                   "the fitted hazards file is missing; restore it (it is part of the resources: `git checkout "
                   "data/hazards.toml`, or reinstall) or refit it with `concord validate hazards --write`");
}

std::filesystem::path project_hazards_file(std::string_view region) {
  const auto data = project_dir() / "data";
  const bool plain = !region.empty() && std::all_of(region.begin(), region.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (plain) {
    auto file = data / ("hazards-" + std::string(region) + ".toml");
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) return file;
  }
  return data / "hazards.toml";
}

Hazards load_project_hazards(std::string_view region) {
  const auto file = project_hazards_file(region);
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return read_hazards(file);
  return load_project_hazards();
}

}  // namespace concord::engine

#include "concord/engine/hazards.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <toml++/toml.h>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/common/toml_file.hpp"

namespace concord::engine {

const std::array<const char*, kCovariateCount>& covariate_keys() {
  static const std::array<const char*, kCovariateCount> keys{
      "contiguity",     "log_distance", "parity",        "power_shift",    "alliance",
      "joint_democracy", "trade_dependence", "major_power", "peace_years_s", "peace_years_s2",
      "peace_years_s3", "rivalry",      "nuclear_both",  "nuclear_one",    "igo_shared",
      "igo_security_shared"};
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

// [mid_onset_covariance]: terms = [...] naming the coefficients in the order they are written,
// matrix = k rows of k numbers, symmetric, with a non-negative diagonal.
void read_covariance(const std::filesystem::path& file, const toml::table& cov,
                     const std::vector<std::string>& coefficient_order, Hazards& h, std::vector<Problem>& problems) {
  const std::string base = "mid_onset_covariance";
  check_toml_keys(file, cov, base, {"terms", "matrix"}, problems);
  const auto* terms = cov["terms"].as_array();
  const auto* matrix = cov["matrix"].as_array();
  if (terms == nullptr || matrix == nullptr) {
    problems.push_back({where_of(file, cov, base), "expected 'terms' (an array of names) and 'matrix' (an array of rows)"});
    return;
  }
  std::vector<std::string> names;
  for (const auto& t : *terms) {
    const auto s = t.value<std::string>();
    if (!s) {
      problems.push_back({where_of(file, t, base + ".terms"), "expected a term name (a string)"});
      return;
    }
    names.push_back(*s);
  }
  if (names != coefficient_order) {
    problems.push_back({where_of(file, *terms, base + ".terms"),
                        fmt::format("expected the coefficients in the order they are written ([{}]), got [{}]",
                                    fmt::join(coefficient_order, ", "), fmt::join(names, ", "))});
    return;
  }
  const std::size_t k = names.size();
  if (matrix->size() != k) {
    problems.push_back({where_of(file, *matrix, base + ".matrix"),
                        fmt::format("expected {} rows (one per term), got {}", k, matrix->size())});
    return;
  }
  std::vector<double> m(k * k, 0.0);
  for (std::size_t r = 0; r < k; ++r) {
    const std::string field = fmt::format("{}.matrix[{}]", base, r);
    const auto* row = (*matrix)[r].as_array();
    if (row == nullptr || row->size() != k) {
      problems.push_back({where_of(file, (*matrix)[r], field), fmt::format("expected a row of {} numbers", k)});
      return;
    }
    for (std::size_t c = 0; c < k; ++c) {
      const auto v = (*row)[c].value<double>();
      if (!v || !std::isfinite(*v)) {
        problems.push_back({where_of(file, (*row)[c], fmt::format("{}[{}]", field, c)), "expected a finite number"});
        return;
      }
      m[r * k + c] = *v;
    }
  }
  for (std::size_t r = 0; r < k; ++r) {
    if (m[r * k + r] < 0.0) {
      problems.push_back({where_of(file, (*matrix)[r], fmt::format("{}.matrix[{}][{}]", base, r, r)),
                          "a variance must be >= 0"});
    }
    for (std::size_t c = r + 1; c < k; ++c) {
      const double a = m[r * k + c];
      const double b = m[c * k + r];
      if (std::abs(a - b) > 1e-9 * std::max({1.0, std::abs(a), std::abs(b)})) {
        problems.push_back({where_of(file, (*matrix)[r], fmt::format("{}.matrix[{}][{}]", base, r, c)),
                            fmt::format("not symmetric: {} here, {} at [{}][{}]", a, b, c, r)});
      }
    }
  }
  h.terms = std::move(names);
  h.covariance = std::move(m);
}

}  // namespace

Hazards read_hazards(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  Hazards h;
  h.source = file.string();
  h.fitted = true;
  std::vector<Problem> problems;
  check_toml_keys(file, root, "", {"meta", "mid_onset", "mid_onset_nuisance", "mid_onset_covariance", "war_given_mid"},
                  problems);
  if (const auto* war = root["war_given_mid"].as_table())
    check_toml_keys(file, *war, "war_given_mid", {"rate", "intercept", "lower", "upper", "mids", "wars"}, problems);
  if (const auto* meta = root["meta"].as_table())
    check_toml_keys(file, *meta, "meta",
               {"window", "region", "n", "events", "fitted_on", "command", "log_likelihood", "null_log_likelihood",
                "peace_years_max", "link", "unit"},
               problems);
  // [mid_onset] then [mid_onset_nuisance] in file order (toml++ iterates tables sorted by key:
  // the order comes from the source lines)
  std::vector<std::pair<std::uint32_t, std::string>> written;
  const auto* mid = root["mid_onset"].as_table();
  if (mid == nullptr) {
    problems.push_back({Location{file.string(), 0, 0, "mid_onset"}, "missing table [mid_onset]"});
  } else {
    for (const auto& [key, node] : *mid) {
      const std::string k(key.str());
      const std::string field = "mid_onset." + k;
      if (k == "intercept") {
        read_coef(file, node, field, h.intercept, nullptr, problems);
        written.emplace_back(node.source().begin.line, k);
        continue;
      }
      bool known = false;
      for (std::size_t c = 0; c < kCovariateCount; ++c) {
        if (k == covariate_keys()[c]) {
          read_coef(file, node, field, h.beta[c], &h.se[c], problems);
          written.emplace_back(node.source().begin.line, k);
          known = true;
        }
      }
      if (!known && k != "se" && k != "note" && k != "link" && k != "model") {
        problems.push_back({where_of(file, node, field),
                            fmt::format("unknown covariate '{}' (expected intercept or one of {})", k,
                                        fmt::join(covariate_keys(), ", "))});
      }
    }
  }
  if (const auto* nuisance = root["mid_onset_nuisance"].as_table()) {
    for (const auto& [key, node] : *nuisance) written.emplace_back(node.source().begin.line, key.str());
  }
  std::sort(written.begin(), written.end());
  std::vector<std::string> coefficient_order;
  for (auto& [line, name] : written) coefficient_order.push_back(std::move(name));
  if (const auto* cov = root["mid_onset_covariance"].as_table()) {
    read_covariance(file, *cov, coefficient_order, h, problems);
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
    h.peace_years_max = static_cast<int>((*meta)["peace_years_max"].value_or<long>(0));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return h;
}

Hazards load_project_hazards() {
  const auto file = project_dir() / "data" / "hazards.toml";
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return read_hazards(file);
  Hazards h;
  h.source = "none: data/hazards.toml not found; incident hazards held at the flashpoints' base rates";
  return h;
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

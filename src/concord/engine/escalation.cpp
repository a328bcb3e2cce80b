#include "concord/engine/escalation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <toml++/toml.h>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/common/suggest.hpp"
#include "concord/common/toml_file.hpp"

namespace concord::engine {

const std::array<const char*, kEscalationTermCount>& escalation_term_keys() {
  static const std::array<const char*, kEscalationTermCount> keys{
      "gp_both", "gp_one", "nuclear_both", "nuclear_one", "territorial", "regime", "parity", "alliance",
      "joint_democracy", "world_wars", "post1945", "east_asian_peace", "post_cold_war", "gp_both_world_wars",
      "nuclear_both_gp"};
  return keys;
}

std::string_view revision_type_name(RevisionType t) {
  switch (t) {
    case RevisionType::territorial: return "territorial";
    case RevisionType::policy: return "policy";
    case RevisionType::regime: return "regime";
    case RevisionType::unknown: return "";
  }
  return "";
}

namespace {

inline double logistic(double z) noexcept {
  return z >= 0.0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

inline double term(const EscalationModel& e, EscalationTerm t) noexcept { return e.coef(t); }

}  // namespace

double escalation_eta(const EscalationModel& e, const EscalationCovariates& x) noexcept {
  using T = EscalationTerm;
  double eta = e.intercept;
  const int gps = (x.gp_a ? 1 : 0) + (x.gp_b ? 1 : 0);
  if (gps == 2) eta += term(e, T::gp_both);
  if (gps == 1) eta += term(e, T::gp_one);
  const int nukes = (x.nuclear_a ? 1 : 0) + (x.nuclear_b ? 1 : 0);
  if (nukes == 2) eta += term(e, T::nuclear_both);
  if (nukes == 1) eta += term(e, T::nuclear_one);
  eta += term(e, T::parity) * x.parity;
  if (x.alliance) eta += term(e, T::alliance);
  eta += term(e, T::joint_democracy) * x.joint_democracy;
  if (x.year >= 1914 && x.year <= 1945) eta += term(e, T::world_wars);
  if (x.year > 1945) eta += term(e, T::post1945);
  if (x.year > 1979) eta += term(e, T::east_asian_peace);
  if (x.year > 1989) eta += term(e, T::post_cold_war);
  if (gps == 2 && x.year >= 1914 && x.year <= 1945) eta += term(e, T::gp_both_world_wars);
  if (gps >= 1 && nukes == 2) eta += term(e, T::nuclear_both_gp);
  return eta;
}

double escalation_probability(const EscalationModel& e, const EscalationCovariates& x, double offset,
                              double floor) noexcept {
  using T = EscalationTerm;
  const double eta = escalation_eta(e, x) + offset;
  auto p = [&](double z) { return std::max(floor, logistic(z)); };
  switch (x.revision) {
    case RevisionType::territorial: return p(eta + term(e, T::territorial));
    case RevisionType::regime: return p(eta + term(e, T::regime));
    case RevisionType::policy: return p(eta);
    case RevisionType::unknown: break;
  }
  const double st = e.share_territorial;
  const double sr = e.share_regime;
  return st * p(eta + term(e, T::territorial)) + sr * p(eta + term(e, T::regime)) + (1.0 - st - sr) * p(eta);
}

namespace {

// A coefficient written as { coef = x, se = y } (or a bare number: no standard error).
bool read_coef(const std::filesystem::path& file, const toml::node& node, const std::string& field, double& coef,
               double& se, std::vector<Problem>& problems) {
  if (auto v = node.value<double>()) {
    coef = *v;
    return true;
  }
  if (const auto* t = node.as_table()) {
    check_toml_keys(file, *t, field, {"coef", "se"}, problems);
    const auto c = (*t)["coef"].value<double>();
    if (c && std::isfinite(*c)) {
      coef = *c;
      se = (*t)["se"].value<double>().value_or(0.0);
      return true;
    }
  }
  problems.push_back({toml_location(file, &node, field), "expected a table { coef = <number>, se = <number> }"});
  return false;
}

double share_in(const std::filesystem::path& file, const toml::table& t, const std::string& prefix, const char* key,
                std::vector<Problem>& problems) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return 0.0;
  const auto v = node->value<double>();
  if (!v || *v < 0.0 || *v > 1.0) {
    problems.push_back({toml_location(file, node, prefix + "." + key), "expected a share in [0, 1]"});
    return 0.0;
  }
  return *v;
}

}  // namespace

EscalationModel read_escalation(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  EscalationModel e;
  e.source = file.string();
  e.fitted = true;
  std::vector<Problem> problems;
  check_toml_keys(file, root, "", {"meta", "escalation", "escalation_mixture", "escalation_covariance"}, problems);
  if (const auto* meta = root["meta"].as_table()) {
    check_toml_keys(file, *meta, "meta",
                    {"window", "region", "n", "events", "outcome", "unit", "fitted_on", "command", "log_likelihood",
                     "null_log_likelihood", "link", "dropped"},
                    problems);
    e.window = (*meta)["window"].value_or<std::string>("");
    e.region = (*meta)["region"].value_or<std::string>("");
    e.outcome = (*meta)["outcome"].value_or<std::string>("");
    e.n = (*meta)["n"].value_or<long>(0);
    e.events = (*meta)["events"].value_or<long>(0);
  }
  std::vector<std::string_view> allowed{"intercept"};
  for (const char* k : escalation_term_keys()) allowed.emplace_back(k);
  const auto* eq = root["escalation"].as_table();
  if (eq == nullptr) {
    problems.push_back({Location{file.string(), 0, 0, "escalation"}, "missing table [escalation]"});
  } else {
    std::array<bool, kEscalationTermCount> seen{};
    bool seen_intercept = false;
    for (const auto& [key, node] : *eq) {
      const std::string k(key.str());
      const std::string field = "escalation." + k;
      if (k == "intercept") {
        seen_intercept = read_coef(file, node, field, e.intercept, e.intercept_se, problems);
        continue;
      }
      const auto& keys = escalation_term_keys();
      const auto it = std::find_if(keys.begin(), keys.end(), [&](const char* s) { return k == s; });
      if (it == keys.end()) {
        std::string msg = fmt::format("unknown term '{}'", k);
        if (const auto best = closest_match(k, allowed)) msg += fmt::format(" (did you mean '{}'?)", *best);
        msg += "; expected intercept";
        for (const char* s : keys) msg += fmt::format(", {}", s);
        problems.push_back({toml_location(file, &node, field), msg});
        continue;
      }
      const auto j = static_cast<std::size_t>(it - keys.begin());
      seen[j] = read_coef(file, node, field, e.beta[j], e.se[j], problems);
    }
    if (!seen_intercept) problems.push_back({toml_location(file, eq, "escalation.intercept"), "missing the intercept"});
    for (std::size_t j = 0; j < kEscalationTermCount; ++j) {
      if (!seen[j] && eq->get(escalation_term_keys()[j]) == nullptr) {
        problems.push_back({toml_location(file, eq, std::string("escalation.") + escalation_term_keys()[j]),
                            "missing term (write { coef = 0, se = 0 } for a term left out of the fit)"});
      }
    }
  }
  if (const auto* mix = root["escalation_mixture"].as_table()) {
    check_toml_keys(file, *mix, "escalation_mixture", {"territorial", "regime", "policy_or_other"}, problems);
    e.share_territorial = share_in(file, *mix, "escalation_mixture", "territorial", problems);
    e.share_regime = share_in(file, *mix, "escalation_mixture", "regime", problems);
    if (e.share_territorial + e.share_regime > 1.0)
      problems.push_back({toml_location(file, mix, "escalation_mixture"), "territorial + regime exceed 1"});
  }
  if (const auto* cov = root["escalation_covariance"].as_table()) {
    check_toml_keys(file, *cov, "escalation_covariance", {"terms", "matrix"}, problems);
    const auto* terms = (*cov)["terms"].as_array();
    const auto* matrix = (*cov)["matrix"].as_array();
    if (terms == nullptr || matrix == nullptr) {
      problems.push_back({toml_location(file, cov, "escalation_covariance"),
                          "expected terms = [\"intercept\", ...] and matrix = [[...], ...]"});
    } else {
      for (const auto& t : *terms) {
        const auto s = t.value<std::string>();
        if (!s || std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
          std::string msg = "expected a term name (intercept or a key of [escalation])";
          if (s) {
            if (const auto best = closest_match(*s, allowed)) msg += fmt::format("; did you mean '{}'?", *best);
          }
          problems.push_back({toml_location(file, &t, "escalation_covariance.terms"), msg});
          continue;
        }
        e.covariance_terms.push_back(*s);
      }
      const std::size_t k = terms->size();
      if (matrix->size() != k) {
        problems.push_back({toml_location(file, matrix, "escalation_covariance.matrix"),
                            fmt::format("expected {} rows (one per term), got {}", k, matrix->size())});
      } else {
        for (std::size_t r = 0; r < k; ++r) {
          const auto* row = (*matrix)[r].as_array();
          if (row == nullptr || row->size() != k) {
            problems.push_back({toml_location(file, &(*matrix)[r], fmt::format("escalation_covariance.matrix[{}]", r)),
                                fmt::format("expected a row of {} numbers", k)});
            continue;
          }
          for (std::size_t c = 0; c < k; ++c) {
            const auto v = (*row)[c].value<double>();
            if (!v || !std::isfinite(*v)) {
              problems.push_back({toml_location(file, &(*row)[c], fmt::format("escalation_covariance.matrix[{}][{}]", r, c)),
                                  "expected a finite number"});
              continue;
            }
            e.covariance.push_back(*v);
          }
        }
        if (e.covariance.size() == k * k) {
          for (std::size_t r = 0; r < k; ++r) {
            for (std::size_t c = 0; c < r; ++c) {
              const double a = e.covariance[r * k + c];
              const double b = e.covariance[c * k + r];
              if (std::abs(a - b) > 1e-9 * std::max({1.0, std::abs(a), std::abs(b)})) {
                problems.push_back({toml_location(file, matrix, "escalation_covariance.matrix"),
                                    fmt::format("not symmetric: [{}][{}] = {} but [{}][{}] = {}", r, c, a, c, r, b)});
                r = k;
                break;
              }
            }
          }
          for (std::size_t r = 0; r < k; ++r) {
            if (e.covariance[r * k + r] < 0.0)
              problems.push_back({toml_location(file, matrix, "escalation_covariance.matrix"),
                                  fmt::format("negative variance on the diagonal at [{}][{}]", r, r)});
          }
        }
      }
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return e;
}

std::filesystem::path project_escalation_file(std::string_view region) {
  const auto data = project_dir() / "data";
  const bool plain = !region.empty() && std::all_of(region.begin(), region.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (plain) {
    auto file = data / ("escalation-" + std::string(region) + ".toml");
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) return file;
  }
  return data / "escalation-world.toml";
}

EscalationModel load_project_escalation(std::string_view region) {
  const auto file = project_escalation_file(region);
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return read_escalation(file);
  EscalationModel e;
  e.source = fmt::format("none: {} not found; crises escalate by the bargaining model", file.string());
  return e;
}

namespace {

JoiningRate read_rate(const std::filesystem::path& file, const toml::node* node, const std::string& field,
                      std::vector<Problem>& problems) {
  JoiningRate r;
  const auto* t = node == nullptr ? nullptr : node->as_table();
  if (t == nullptr) {
    problems.push_back({toml_location(file, node, field),
                        "expected a table { invoked = <n>, joined = <k>, rate = <k/n>, lower = ..., upper = ... }"});
    return r;
  }
  check_toml_keys(file, *t, field, {"invoked", "joined", "rate", "lower", "upper"}, problems);
  r.invoked = (*t)["invoked"].value_or<long>(0);
  r.joined = (*t)["joined"].value_or<long>(0);
  const auto rate = (*t)["rate"].value<double>();
  if (!rate || *rate < 0.0 || *rate > 1.0) {
    problems.push_back({toml_location(file, t->get("rate") != nullptr ? t->get("rate") : node, field + ".rate"),
                        "expected a probability in [0, 1]"});
  } else {
    r.rate = *rate;
  }
  r.lower = (*t)["lower"].value_or(0.0);
  r.upper = (*t)["upper"].value_or(1.0);
  return r;
}

}  // namespace

JoiningRates read_joining(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  JoiningRates j;
  j.source = file.string();
  j.fitted = true;
  std::vector<Problem> problems;
  check_toml_keys(file, root, "", {"meta", "before_1946", "from_1946"}, problems);
  if (const auto* meta = root["meta"].as_table()) {
    check_toml_keys(file, *meta, "meta",
                    {"window", "boundary", "unit", "fitted_on", "command", "wars", "source_alliances", "comparison"},
                    problems);
    j.window = (*meta)["window"].value_or<std::string>("");
    j.boundary = static_cast<int>((*meta)["boundary"].value_or<long>(1946));
  }
  const char* eras[2] = {"before_1946", "from_1946"};
  for (std::size_t e = 0; e < 2; ++e) {
    const auto* t = root[eras[e]].as_table();
    if (t == nullptr) {
      problems.push_back({Location{file.string(), 0, 0, eras[e]}, fmt::format("missing table [{}]", eras[e])});
      continue;
    }
    check_toml_keys(file, *t, eras[e], {"defense", "offense", "any"}, problems);
    j.by_obligation[e][0] = read_rate(file, t->get("defense"), std::string(eras[e]) + ".defense", problems);
    j.by_obligation[e][1] = read_rate(file, t->get("offense"), std::string(eras[e]) + ".offense", problems);
    j.any[e] = read_rate(file, t->get("any"), std::string(eras[e]) + ".any", problems);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return j;
}

JoiningRates load_project_joining() {
  const auto file = project_dir() / "data" / "joining.toml";
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return read_joining(file);
  JoiningRates j;
  j.source = "none: data/joining.toml not found; allies join with alliance_reliability";
  return j;
}

}  // namespace concord::engine

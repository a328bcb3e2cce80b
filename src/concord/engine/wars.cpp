#include "concord/engine/wars.hpp"

#include <fmt/format.h>

#include <cmath>
#include <toml++/toml.h>
#include <vector>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/common/toml_file.hpp"

namespace concord::engine {

namespace {

Location where_of(const std::filesystem::path& file, const toml::node* node, std::string field) {
  return toml_location(file, node, std::move(field));
}

// A required number at table[key]; records a problem if missing or not a number.
double number(const std::filesystem::path& file, const toml::table& table, const std::string& prefix,
              const char* key, std::vector<Problem>& problems) {
  const toml::node* node = table.get(key);
  const std::string field = prefix + "." + key;
  if (node == nullptr) {
    problems.push_back({where_of(file, &table, field), fmt::format("missing key '{}'", field)});
    return std::nan("");
  }
  if (auto v = node->value<double>()) return *v;
  problems.push_back({where_of(file, node, field), "expected a number"});
  return std::nan("");
}

void read_duration(const std::filesystem::path& file, const toml::table& t, const std::string& prefix,
                   DurationFit& out, std::vector<Problem>& problems) {
  out.q = number(file, t, prefix, "q", problems);
  if (std::isfinite(out.q) && !(out.q > 0.0 && out.q <= 1.0)) {
    problems.push_back({where_of(file, t.get("q"), prefix + ".q"),
                        fmt::format("a yearly termination probability must lie in (0, 1], got {}", out.q)});
  }
  out.se = t["se"].value_or(0.0);
  out.n = t["n"].value_or(0L);
}

}  // namespace

WarFits read_wars(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  WarFits w;
  w.source = file.string();
  w.fitted = true;
  std::vector<Problem> problems;
  for (const auto& [key, node] : root) {
    const std::string k(key.str());
    if (k != "meta" && k != "duration" && k != "severity") {
      problems.push_back({where_of(file, &node, k),
                          fmt::format("unknown table [{}] (expected meta, duration, severity)", k)});
    }
  }
  if (const auto* d = root["duration"].as_table()) {
    read_duration(file, *d, "duration", w.all, problems);
    w.lr_p_value = (*d)["p"].value_or(1.0);
    for (const auto& [key, node] : *d) {
      const std::string k(key.str());
      if (!node.is_table()) continue;
      if (k == "great_power") {
        read_duration(file, *node.as_table(), "duration.great_power", w.great_power, problems);
      } else if (k == "other") {
        read_duration(file, *node.as_table(), "duration.other", w.other, problems);
      } else {
        problems.push_back({where_of(file, &node, "duration." + k),
                            fmt::format("unknown table [duration.{}] (expected great_power, other)", k)});
      }
    }
  } else {
    problems.push_back({Location{file.string(), 0, 0, "duration"}, "missing table [duration]"});
  }
  if (const auto* s = root["severity"].as_table()) {
    w.intercept = number(file, *s, "severity", "intercept", problems);
    w.elasticity = number(file, *s, "severity", "elasticity", problems);
    w.sd = number(file, *s, "severity", "sd", problems);
    if (std::isfinite(w.sd) && w.sd < 0.0) {
      problems.push_back({where_of(file, s->get("sd"), "severity.sd"),
                          fmt::format("a standard deviation must be >= 0, got {}", w.sd)});
    }
    w.intercept_se = (*s)["intercept_se"].value_or(0.0);
    w.elasticity_se = (*s)["elasticity_se"].value_or(0.0);
    w.sd_se = (*s)["sd_se"].value_or(0.0);
    w.participants = (*s)["n"].value_or(0L);
  } else {
    problems.push_back({Location{file.string(), 0, 0, "severity"}, "missing table [severity]"});
  }
  if (const auto* meta = root["meta"].as_table()) w.window = (*meta)["window"].value_or(std::string{});
  if (!problems.empty()) throw InputError(std::move(problems));
  return w;
}

WarFits load_project_wars() {
  const auto file = project_dir() / "data" / "wars.toml";
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return read_wars(file);
  throw InputError(Location{file.string(), 0, 0, ""},
                   "the war fits file is missing; restore it (it is part of the resources: `git checkout "
                   "data/wars.toml`, or reinstall) or refit it with `concord validate wars --write data/wars.toml`");
}

}  // namespace concord::engine

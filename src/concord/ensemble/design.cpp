#include "concord/ensemble/design.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>

#include <Random123/philox.h>
#include <boost/random/sobol.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "concord/common/input_file.hpp"
#include "concord/common/limits.hpp"
#include "concord/ensemble/reference_model.hpp"

namespace concord::ensemble {

double DesignParameter::scale(double u) const {
  const double v = min + u * (max - min);
  return integer ? std::round(v) : v;
}

namespace {

Location at(const std::string& file, const toml::source_region& src, const std::string& field) {
  return Location{file, static_cast<long>(src.begin.line), static_cast<long>(src.begin.column),
                  field};
}

struct Reader {
  std::string file;
  std::vector<Problem> problems;

  void problem(const toml::node& n, const std::string& field, const std::string& msg) {
    problems.push_back({at(file, n.source(), field), msg});
  }

  void check_keys(const toml::table& t, const std::string& prefix,
                  const std::set<std::string>& allowed) {
    for (const auto& [k, v] : t) {
      if (allowed.count(std::string(k.str())) == 0) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        problems.push_back({at(file, k.source(), prefix + std::string(k.str())),
                            fmt::format("unknown key; expected one of: {}", list)});
      }
    }
  }

  bool number(const toml::table& t, const char* key, const std::string& field, double& out) {
    const auto* n = t.get(key);
    if (n == nullptr) return false;
    if (auto v = n->value<double>()) {
      if (!std::isfinite(*v)) {
        problem(*n, field, "expected a finite number, got nan or inf");
        return false;
      }
      out = *v;
      return true;
    }
    problem(*n, field, "expected a number");
    return false;
  }

  void count(const toml::table& t, const char* key, const std::string& field, std::uint64_t& out,
             std::uint64_t min_value, std::uint64_t max_value = std::numeric_limits<std::int64_t>::max()) {
    const auto* n = t.get(key);
    if (n == nullptr) return;
    const auto v = n->value<std::int64_t>();
    if (!v || !n->is_integer()) {
      problem(*n, field, "expected an integer");
    } else if (*v < static_cast<std::int64_t>(min_value) || static_cast<std::uint64_t>(*v) > max_value) {
      problem(*n, field, max_value == static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                             ? fmt::format("expected an integer >= {}", min_value)
                             : fmt::format("expected an integer from {} to {} (docs/limits.md)", min_value, max_value));
    } else {
      out = static_cast<std::uint64_t>(*v);
    }
  }

  void text(const toml::table& t, const char* key, const std::string& field, std::string& out,
            const std::vector<std::string>& choices) {
    const auto* n = t.get(key);
    if (n == nullptr) return;
    const auto v = n->value<std::string>();
    if (!v || !n->is_string()) {
      problem(*n, field, "expected a string");
      return;
    }
    if (!choices.empty() && std::find(choices.begin(), choices.end(), *v) == choices.end()) {
      std::string list;
      for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
      problem(*n, field, fmt::format("'{}' is not one of: {}", *v, list));
      return;
    }
    out = *v;
  }
};

}  // namespace

SweepSpec parse_sweep_spec(const std::string& text, const std::string& file) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(Location{file, static_cast<long>(e.source().begin.line),
                              static_cast<long>(e.source().begin.column), ""},
                     std::string(e.description()));
  }
  Reader r{file, {}};
  SweepSpec spec;
  spec.file = file;
  r.check_keys(root, "",
               {"design", "samples", "runs_per_point", "seed", "parameter", "sensitivity"});
  std::string design = "grid";
  r.text(root, "design", "design", design, {"grid", "latin_hypercube", "sobol"});
  spec.design = design == "sobol"             ? DesignKind::sobol
                : design == "latin_hypercube" ? DesignKind::latin_hypercube
                                              : DesignKind::grid;
  r.count(root, "samples", "samples", spec.samples, 1, limits::kMaxDesignPoints);
  r.count(root, "runs_per_point", "runs_per_point", spec.runs_per_point, 1, limits::kMaxRunsPerOrder);
  r.count(root, "seed", "seed", spec.seed, 0);

  const auto* params = root.get("parameter");
  if (params == nullptr) {
    r.problems.push_back({Location{file, 1, 1, "parameter"},
                          "no [[parameter]] table: a sweep needs at least one parameter"});
  } else if (!params->is_array_of_tables()) {
    r.problem(*params, "parameter", "expected [[parameter]] tables");
  } else {
    std::set<std::string> names;
    std::size_t i = 0;
    if (params->as_array()->size() > limits::kMaxDesignParameters) {
      r.problem(*params, "parameter", fmt::format("{} parameters; a design may have at most {} (docs/limits.md)",
                                                  params->as_array()->size(), limits::kMaxDesignParameters));
    }
    for (const auto& node : *params->as_array()) {
      const auto& t = *node.as_table();
      const std::string prefix = fmt::format("parameter[{}].", i++);
      r.check_keys(t, prefix, {"name", "min", "max", "points", "values", "integer"});
      DesignParameter p;
      p.where = at(file, t.source(), prefix.substr(0, prefix.size() - 1));
      r.text(t, "name", prefix + "name", p.name, {});
      if (p.name.empty()) {
        r.problems.push_back({p.where, "a parameter needs a non-empty name"});
      } else if (!names.insert(p.name).second) {
        r.problems.push_back({p.where, fmt::format("parameter '{}' is declared twice", p.name)});
      }
      const bool has_min = r.number(t, "min", prefix + "min", p.min);
      const bool has_max = r.number(t, "max", prefix + "max", p.max);
      if (const auto* v = t.get("values")) {
        if (!v->is_array()) {
          r.problem(*v, prefix + "values", "expected an array of numbers");
        } else {
          for (const auto& e : *v->as_array()) {
            if (auto x = e.value<double>(); x && !std::isfinite(*x)) {
              r.problem(e, prefix + "values", "expected a finite number, got nan or inf");
            } else if (x) {
              p.values.push_back(*x);
            } else {
              r.problem(e, prefix + "values", "expected a number");
            }
          }
          if (p.values.empty() && v->as_array()->empty()) r.problem(*v, prefix + "values", "expected at least one value");
          if (p.values.size() > limits::kMaxGridValues) {
            r.problem(*v, prefix + "values", fmt::format("{} values; a grid parameter may have at most {} (docs/limits.md)",
                                                         p.values.size(), limits::kMaxGridValues));
          }
        }
      }
      std::uint64_t points = 3;
      r.count(t, "points", prefix + "points", points, 1, limits::kMaxGridValues);
      p.points = static_cast<int>(points);
      if (const auto* b = t.get("integer")) {
        if (auto x = b->value<bool>(); x && b->is_boolean()) {
          p.integer = *x;
        } else {
          r.problem(*b, prefix + "integer", "expected true or false");
        }
      }
      const bool values_given = t.get("values") != nullptr;  // reported above when unusable
      if (p.values.empty() && !values_given && (!has_min || !has_max)) {
        r.problems.push_back({p.where, "expected min and max (or values, for a grid)"});
      } else if (p.values.empty() && !values_given && !(p.min < p.max)) {
        r.problems.push_back({p.where, fmt::format("min ({}) must be below max ({})", p.min,
                                                   p.max)});
      }
      if (!p.values.empty()) {
        if (!has_min) p.min = *std::min_element(p.values.begin(), p.values.end());
        if (!has_max) p.max = *std::max_element(p.values.begin(), p.values.end());
      }
      spec.parameters.push_back(std::move(p));
    }
  }
  if (const auto* s = root.get("sensitivity")) {
    if (!s->is_table()) {
      r.problem(*s, "sensitivity", "expected a [sensitivity] table");
    } else {
      const auto& t = *s->as_table();
      r.check_keys(t, "sensitivity.",
                   {"method", "base_samples", "trajectories", "levels", "bootstrap", "metric"});
      auto& sens = spec.sensitivity;
      r.text(t, "method", "sensitivity.method", sens.method, {"sobol", "morris"});
      r.count(t, "base_samples", "sensitivity.base_samples", sens.base_samples, 2, limits::kMaxDesignPoints);
      r.count(t, "trajectories", "sensitivity.trajectories", sens.trajectories, 2, limits::kMaxDesignPoints);
      std::uint64_t levels = 4;
      r.count(t, "levels", "sensitivity.levels", levels, 2, 1000);
      if (levels % 2 != 0) {
        r.problem(*t.get("levels"), "sensitivity.levels", "expected an even number of levels");
      }
      sens.levels = static_cast<int>(levels);
      r.count(t, "bootstrap", "sensitivity.bootstrap", sens.bootstrap, 0, limits::kMaxBootstrap);
      r.text(t, "metric", "sensitivity.metric", sens.metric, {});
    }
  }
  if (r.problems.empty()) {
    // the sizes of the designs this spec declares, before any is built
    const Location where{file, 1, 1, "design"};
    const auto check = [&](std::optional<std::uint64_t> n, const char* what) {
      if (!n || *n > limits::kMaxDesignPoints) {
        r.problems.push_back({where, fmt::format("the {} has {} points, more than the {} a design may have "
                                                 "(docs/limits.md)",
                                                 what, n ? fmt::format("{}", *n) : std::string("more than 2^64"),
                                                 limits::kMaxDesignPoints)});
      }
    };
    if (spec.design == DesignKind::grid) check(grid_size(spec.parameters), "grid");
    if (root.get("sensitivity") != nullptr) {
      check(sensitivity_design_size(spec, spec.sensitivity.method), "sensitivity design");
    }
  }
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
  return spec;
}

std::optional<std::uint64_t> grid_size(const std::vector<DesignParameter>& parameters) {
  std::uint64_t n = 1;
  for (const auto& p : parameters) {
    const std::uint64_t axis = p.values.empty() ? static_cast<std::uint64_t>(std::max(p.points, 1)) : p.values.size();
    const auto m = limits::checked_mul(n, axis);
    if (!m) return std::nullopt;
    n = *m;
  }
  return n;
}

std::optional<std::uint64_t> sensitivity_design_size(const SweepSpec& spec, const std::string& method) {
  const std::uint64_t d = spec.parameters.size();
  return method == "morris" ? limits::checked_mul(spec.sensitivity.trajectories, d + 1)
                            : limits::checked_mul(spec.sensitivity.base_samples, d + 2);
}

SweepSpec load_sweep_spec(const std::filesystem::path& path) {
  return parse_sweep_spec(read_input_file(path, "a sweep spec (SWEEP.toml, docs/ensembles.md)"), path.string());
}

Design full_grid(const std::vector<DesignParameter>& parameters) {
  std::vector<std::vector<double>> axes;
  for (const auto& p : parameters) {
    std::vector<double> axis = p.values;
    if (axis.empty()) {
      for (int i = 0; i < p.points; ++i) {
        axis.push_back(p.scale(p.points == 1 ? 0.5 : static_cast<double>(i) / (p.points - 1)));
      }
    }
    axes.push_back(std::move(axis));
  }
  Design out;
  if (axes.empty()) return out;
  std::vector<std::size_t> idx(axes.size(), 0);
  for (;;) {
    std::vector<double> point(axes.size());
    for (std::size_t j = 0; j < axes.size(); ++j) point[j] = axes[j][idx[j]];
    out.push_back(std::move(point));
    std::size_t j = axes.size();
    while (j > 0) {
      --j;
      if (++idx[j] < axes[j].size()) break;
      idx[j] = 0;
      if (j == 0) return out;
    }
  }
}

std::vector<std::vector<double>> latin_hypercube_unit(std::uint64_t n, std::size_t d,
                                                      std::uint64_t seed) {
  using Rng = r123::Philox4x64;
  Rng rng;
  const Rng::key_type key = {{seed, 0x4c4853ULL /* "LHS" */}};
  std::vector<std::vector<double>> out(n, std::vector<double>(d));
  std::vector<std::uint64_t> perm(n);
  for (std::size_t j = 0; j < d; ++j) {
    std::iota(perm.begin(), perm.end(), 0);
    // Fisher-Yates with counter-based draws (i, j): independent of any library's shuffle.
    for (std::uint64_t i = n; i > 1; --i) {
      const Rng::ctr_type c = {{i, j, 0, 0}};
      const auto k = static_cast<std::uint64_t>(u01(rng(c, key).v[0]) * static_cast<double>(i));
      std::swap(perm[i - 1], perm[std::min(k, i - 1)]);
    }
    for (std::uint64_t i = 0; i < n; ++i) {
      const Rng::ctr_type c = {{i, j, 1, 0}};
      const double jitter = u01(rng(c, key).v[0]);
      out[i][j] = (static_cast<double>(perm[i]) + jitter) / static_cast<double>(n);
    }
  }
  return out;
}

std::vector<std::vector<double>> sobol_unit(std::uint64_t n, std::size_t d) {
  if (d == 0) return std::vector<std::vector<double>>(n);
  boost::random::sobol gen(d);
  const double range = static_cast<double>(gen.max()) + 1.0;
  // Boost's engine starts after the origin (its first point is (1/2, ..., 1/2)).
  std::vector<std::vector<double>> out(n, std::vector<double>(d));
  for (auto& point : out) {
    for (auto& x : point) x = static_cast<double>(gen()) / range;
  }
  return out;
}

Design scale_design(const std::vector<std::vector<double>>& unit,
                    const std::vector<DesignParameter>& parameters) {
  Design out(unit.size(), std::vector<double>(parameters.size()));
  for (std::size_t i = 0; i < unit.size(); ++i) {
    for (std::size_t j = 0; j < parameters.size(); ++j) out[i][j] = parameters[j].scale(unit[i][j]);
  }
  return out;
}

Design make_design(const SweepSpec& spec) {
  switch (spec.design) {
    case DesignKind::grid:
      return full_grid(spec.parameters);
    case DesignKind::latin_hypercube:
      return scale_design(latin_hypercube_unit(spec.samples, spec.parameters.size(), spec.seed),
                          spec.parameters);
    case DesignKind::sobol:
      return scale_design(sobol_unit(spec.samples, spec.parameters.size()), spec.parameters);
  }
  return {};
}

std::string point_json(const std::vector<double>& point,
                       const std::vector<DesignParameter>& parameters) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < parameters.size() && k < point.size(); ++k) {
    j[parameters[k].name] = point[k];
  }
  return j.dump();
}

}  // namespace concord::ensemble

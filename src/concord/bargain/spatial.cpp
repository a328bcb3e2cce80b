#include "concord/bargain/spatial.hpp"

#include <fmt/format.h>
#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace concord::bargain {

void check_actors(const ActorsView& actors) {
  const std::size_t n = actors.actors();
  if (n == 0) throw std::invalid_argument("bargaining: no actors");
  if (actors.position.empty() || actors.position.size() % n != 0) {
    throw std::invalid_argument(fmt::format("bargaining: {} positions for {} actors (want k * n)", actors.position.size(), n));
  }
  if (actors.salience.size() != actors.position.size()) {
    throw std::invalid_argument(
        fmt::format("bargaining: {} saliences for {} positions", actors.salience.size(), actors.position.size()));
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!(actors.capability[i] >= 0.0) || !std::isfinite(actors.capability[i])) {
      throw std::invalid_argument(fmt::format("bargaining: capability of actor {} is not a finite value >= 0", i));
    }
  }
  for (std::size_t e = 0; e < actors.position.size(); ++e) {
    if (!std::isfinite(actors.position[e])) {
      throw std::invalid_argument(fmt::format("bargaining: position {} is not finite", e));
    }
    if (!(actors.salience[e] >= 0.0 && actors.salience[e] <= 1.0)) {
      throw std::invalid_argument(fmt::format("bargaining: salience {} is not in [0, 1]", e));
    }
  }
}

void compromise(const ActorsView& actors, std::span<double> out) {
  check_actors(actors);
  const std::size_t n = actors.actors();
  const std::size_t k = actors.dimensions();
  if (out.size() != k) throw std::invalid_argument("compromise: out must have one entry per issue");
  for (std::size_t d = 0; d < k; ++d) {
    const double* x = actors.position.data() + d * n;
    const double* s = actors.salience.data() + d * n;
    double num = 0.0;
    double den = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double w = actors.capability[i] * s[i];
      num += w * x[i];
      den += w;
    }
    if (den > 0.0) {
      out[d] = num / den;
    } else {
      out[d] = std::accumulate(x, x + n, 0.0) / static_cast<double>(n);
    }
  }
}

void weighted_median(const ActorsView& actors, std::span<double> out, std::span<std::size_t> scratch) {
  check_actors(actors);
  const std::size_t n = actors.actors();
  const std::size_t k = actors.dimensions();
  if (out.size() != k) throw std::invalid_argument("weighted_median: out must have one entry per issue");
  if (scratch.size() != n) throw std::invalid_argument("weighted_median: scratch must have one entry per actor");
  for (std::size_t d = 0; d < k; ++d) {
    const double* x = actors.position.data() + d * n;
    const double* s = actors.salience.data() + d * n;
    std::iota(scratch.begin(), scratch.end(), std::size_t{0});
    std::sort(scratch.begin(), scratch.end(), [x](std::size_t a, std::size_t b) { return x[a] < x[b] || (x[a] == x[b] && a < b); });
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) total += actors.capability[i] * s[i];
    const bool unweighted = !(total > 0.0);
    if (unweighted) total = static_cast<double>(n);
    double cumulative = 0.0;
    out[d] = x[scratch[n - 1]];
    for (std::size_t r = 0; r < n; ++r) {
      const std::size_t i = scratch[r];
      cumulative += unweighted ? 1.0 : actors.capability[i] * s[i];
      if (cumulative >= 0.5 * total) {
        out[d] = x[i];
        break;
      }
    }
  }
}

namespace {

struct NashProblem {
  const ActorsView* actors;
  std::vector<double> disagreement;
  Loss loss;
  std::size_t n;
  std::size_t k;
};

double utility(const NashProblem& p, std::size_t i, const double* y) {
  double u = 0.0;
  for (std::size_t d = 0; d < p.k; ++d) {
    const double gap = y[d] - p.actors->position[d * p.n + i];
    const double s = p.actors->salience[d * p.n + i];
    u -= s * (p.loss == Loss::linear ? std::abs(gap) : gap * gap);
  }
  return u;
}

double nash_objective(unsigned dims, const double* y, double* grad, void* data) {
  (void)dims;
  (void)grad;  // derivative-free algorithm
  const auto& p = *static_cast<const NashProblem*>(data);
  double value = 0.0;
  for (std::size_t i = 0; i < p.n; ++i) {
    const double c = p.actors->capability[i];
    if (c == 0.0) continue;
    const double surplus = utility(p, i, y) - p.disagreement[i];
    if (!(surplus > 0.0)) return -1e100;  // outside the bargaining set
    value += c * std::log(surplus);
  }
  return value;
}

}  // namespace

void nash_bargaining(const ActorsView& actors, std::span<const double> disagreement, const NashOptions& options,
                     std::span<double> out) {
  check_actors(actors);
  const std::size_t n = actors.actors();
  const std::size_t k = actors.dimensions();
  if (out.size() != k) throw std::invalid_argument("nash_bargaining: out must have one entry per issue");
  if (!disagreement.empty() && disagreement.size() != n) {
    throw std::invalid_argument("nash_bargaining: disagreement must be empty or hold one utility per actor");
  }
  NashProblem p{&actors, {}, options.loss, n, k};
  std::vector<double> lower(k);
  std::vector<double> upper(k);
  for (std::size_t d = 0; d < k; ++d) {
    const auto row = actors.position.subspan(d * n, n);
    lower[d] = *std::min_element(row.begin(), row.end());
    upper[d] = *std::max_element(row.begin(), row.end());
  }
  if (disagreement.empty()) {
    p.disagreement.resize(n);
    std::vector<double> corner(k);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t d = 0; d < k; ++d) {
        const double x = actors.position[d * n + i];
        corner[d] = (x - lower[d] >= upper[d] - x) ? lower[d] : upper[d];
      }
      p.disagreement[i] = utility(p, i, corner.data());
    }
  } else {
    p.disagreement.assign(disagreement.begin(), disagreement.end());
  }

  std::vector<double> y(k);
  compromise(actors, y);
  // Issues on which every actor stands at the same place are settled; optimise over the rest.
  std::vector<std::size_t> free_dims;
  for (std::size_t d = 0; d < k; ++d) {
    if (upper[d] > lower[d]) free_dims.push_back(d);
  }
  if (nash_objective(static_cast<unsigned>(k), y.data(), nullptr, &p) <= -1e100) {
    throw std::runtime_error("nash_bargaining: the compromise point is not preferred to disagreement by every actor");
  }
  if (!free_dims.empty()) {
    const auto m = static_cast<unsigned>(free_dims.size());
    struct Reduced {
      NashProblem* p;
      std::vector<double>* y;
      const std::vector<std::size_t>* free_dims;
    } reduced{&p, &y, &free_dims};
    auto reduced_objective = [](unsigned dims, const double* z, double* grad, void* data) {
      auto& r = *static_cast<Reduced*>(data);
      for (unsigned j = 0; j < dims; ++j) (*r.y)[(*r.free_dims)[j]] = z[j];
      return nash_objective(static_cast<unsigned>(r.y->size()), r.y->data(), grad, r.p);
    };
    // BOBYQA needs at least two variables; one issue goes to COBYLA.
    nlopt::opt opt(m >= 2 ? nlopt::LN_BOBYQA : nlopt::LN_COBYLA, m);
    std::vector<double> lo(m);
    std::vector<double> hi(m);
    std::vector<double> z(m);
    std::vector<double> step(m);
    for (unsigned j = 0; j < m; ++j) {
      lo[j] = lower[free_dims[j]];
      hi[j] = upper[free_dims[j]];
      z[j] = std::clamp(y[free_dims[j]], lo[j], hi[j]);
      step[j] = 0.1 * (hi[j] - lo[j]);
    }
    opt.set_lower_bounds(lo);
    opt.set_upper_bounds(hi);
    opt.set_initial_step(step);
    opt.set_max_objective(+reduced_objective, &reduced);
    opt.set_xtol_rel(options.tolerance);
    opt.set_ftol_abs(0.0);
    opt.set_maxeval(options.max_evaluations);
    double best = 0.0;
    try {
      opt.optimize(z, best);
    } catch (const nlopt::roundoff_limited&) {
      // converged as far as floating point allows; z holds the best point found
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("nash_bargaining: NLopt failed: ") + e.what());
    }
    for (unsigned j = 0; j < m; ++j) y[free_dims[j]] = z[j];
  }
  std::copy(y.begin(), y.end(), out.begin());
}

}  // namespace concord::bargain

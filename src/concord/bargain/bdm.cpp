#include "concord/bargain/bdm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace concord::bargain {

std::string_view to_string(BdmVariant variant) noexcept {
  return variant == BdmVariant::scholz_figure ? "bdm-scholz-figure" : "bdm";
}

namespace {

// Workspace for one issue: every buffer is sized once per run.
class IssueModel {
 public:
  IssueModel(std::span<const double> capability, std::span<const double> salience, const BdmOptions& options)
      : n_(capability.size()),
        options_(options),
        salience_(salience),
        weight_(n_),
        risk_(n_, 1.0),
        prob_(n_ * n_, 0.0),
        scaled_(n_ * n_, 0.0),
        sorted_(n_, 0.0),
        security_(n_, 0.0),
        order_(n_) {
    for (std::size_t i = 0; i < n_; ++i) weight_[i] = capability[i] * salience[i];
  }

  void set_range(double range) { range_ = range; }

  [[nodiscard]] double mean(std::span<const double> x) const {
    double num = 0.0;
    double den = 0.0;
    for (std::size_t i = 0; i < n_; ++i) {
      num += weight_[i] * x[i];
      den += weight_[i];
    }
    return den > 0.0 ? num / den : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(n_);
  }

  double median(std::span<const double> x) {
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::sort(order_.begin(), order_.end(), [&x](std::size_t a, std::size_t b) { return x[a] < x[b] || (x[a] == x[b] && a < b); });
    const double total = std::accumulate(weight_.begin(), weight_.end(), 0.0);
    double cumulative = 0.0;
    for (std::size_t r = 0; r < n_; ++r) {
      cumulative += total > 0.0 ? weight_[order_[r]] : 1.0;
      if (cumulative >= 0.5 * (total > 0.0 ? total : static_cast<double>(n_))) return x[order_[r]];
    }
    return x[order_[n_ - 1]];
  }

  // One round: positions x -> next (written into `out`), risk exponents into `risk_out`.
  void round(std::span<const double> x, std::span<double> out, std::span<double> risk_out) {
    mu_ = mean(x);
    // Risk exponents from the security of each position, with every r = 1.
    std::fill(risk_.begin(), risk_.end(), 1.0);
    probabilities(x);
    for (std::size_t i = 0; i < n_; ++i) security_[i] = 0.0;
    for (std::size_t j = 0; j < n_; ++j) {
      for (std::size_t i = 0; i < n_; ++i) {
        if (i == j) continue;
        security_[i] += expected_utility(x, j, i, 1.0);  // j's gain from challenging i
      }
    }
    const auto [lo, hi] = std::minmax_element(security_.begin(), security_.end());
    const double smin = *lo;
    const double smax = *hi;
    for (std::size_t i = 0; i < n_; ++i) {
      const double big_r = smax > smin ? (2.0 * security_[i] - smax - smin) / (smax - smin) : 0.0;
      risk_[i] = (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0);
      risk_out[i] = risk_[i];
    }
    if (options_.variant == BdmVariant::scholz_figure) probabilities(x);  // votes use each voter's r
    for (std::size_t i = 0; i < n_; ++i) out[i] = best_move(x, i);
  }

 private:
  // prob_[i * n + j] = probability that i prevails over j.
  void probabilities(std::span<const double> x) {
    if (options_.variant == BdmVariant::scholz_paper) {
      for (std::size_t i = 0; i < n_; ++i) {
        for (std::size_t j = i + 1; j < n_; ++j) {
          double pos = 0.0;
          double total = 0.0;
          for (std::size_t k = 0; k < n_; ++k) {
            const double v = weight_[k] * (std::abs(x[k] - x[j]) - std::abs(x[k] - x[i]));
            pos += v > 0.0 ? v : 0.0;
            total += std::abs(v);
          }
          const double p = total > 0.0 ? pos / total : 0.5;
          prob_[i * n_ + j] = p;
          prob_[j * n_ + i] = 1.0 - p;
        }
      }
      return;
    }
    // Figure variant: scaled_[k * n + a] = (|x_k - x_a| / D)^r_k; global denominator.
    for (std::size_t k = 0; k < n_; ++k) {
      for (std::size_t a = 0; a < n_; ++a) {
        const double d = std::abs(x[k] - x[a]) / range_;
        scaled_[k * n_ + a] = risk_[k] == 1.0 ? d : std::pow(d, risk_[k]);
      }
    }
    double global = 0.0;
    for (std::size_t k = 0; k < n_; ++k) {
      // sum over ordered pairs (a, b) of |y_b - y_a| = 2 sum_j (2j - n + 1) y_(j), y sorted.
      const double* row = scaled_.data() + k * n_;
      std::copy(row, row + n_, sorted_.begin());
      std::sort(sorted_.begin(), sorted_.end());
      double sum = 0.0;
      for (std::size_t j = 0; j < n_; ++j) sum += (2.0 * static_cast<double>(j) - static_cast<double>(n_ - 1)) * sorted_[j];
      global += weight_[k] * 2.0 * sum;
    }
    for (std::size_t i = 0; i < n_; ++i) {
      for (std::size_t j = i + 1; j < n_; ++j) {
        double pos_i = 0.0;
        double pos_j = 0.0;
        for (std::size_t k = 0; k < n_; ++k) {
          const double v = weight_[k] * (scaled_[k * n_ + j] - scaled_[k * n_ + i]);
          if (v > 0.0) pos_i += v;
          else pos_j -= v;
        }
        prob_[i * n_ + j] = global > 0.0 ? pos_i / global : 0.0;
        prob_[j * n_ + i] = global > 0.0 ? pos_j / global : 0.0;
      }
    }
  }

  // (0.5 +- z)^r without a call to pow when r = 1 (every utility of the risk step).
  static double power(double base, double r) { return r == 1.0 ? base : std::pow(base, r); }

  // a's expected utility of challenging b, judged with risk exponent r, given the success and
  // failure utilities of the pair (they depend only on |x_a - x_b| and r, so a caller that needs
  // both E_ab and E_ba with the same r computes them once).
  [[nodiscard]] double expected_utility(std::span<const double> x, std::size_t a, std::size_t b, double r,
                                        double u_success, double u_failure, double u_status_quo) const {
    const double p = prob_[a * n_ + b];
    const double sb = salience_[b];
    double e = sb * (p * u_success + (1.0 - p) * u_failure) + (1.0 - sb) * u_success - options_.q * u_status_quo;
    if (options_.q != 1.0) {
      const double drift = 0.25 * (std::abs(x[a] - mu_) + std::abs(x[a] - x[b])) / range_;
      const double u_better = 2.0 - 4.0 * power(0.5 - drift, r);
      const double u_worse = 2.0 - 4.0 * power(0.5 + drift, r);
      e -= (1.0 - options_.q) * (options_.t * u_better + (1.0 - options_.t) * u_worse);
    }
    return e;
  }

  [[nodiscard]] double expected_utility(std::span<const double> x, std::size_t a, std::size_t b, double r) const {
    if (x[a] == x[b]) return 0.0;  // no contest between equal positions
    const double gap = std::abs(x[a] - x[b]) / range_;
    return expected_utility(x, a, b, r, 2.0 - 4.0 * power(0.5 - 0.5 * gap, r), 2.0 - 4.0 * power(0.5 + 0.5 * gap, r),
                            2.0 - 4.0 * power(0.5, r));
  }

  // The position i takes after this round's offers.
  [[nodiscard]] double best_move(std::span<const double> x, std::size_t i) const {
    const double r = risk_[i];
    const double u_status_quo = 2.0 - 4.0 * power(0.5, r);
    const bool figure = options_.variant == BdmVariant::scholz_figure;
    double best = x[i];
    double best_move = std::numeric_limits<double>::infinity();
    bool have_confrontation = false;
    double best_key = std::numeric_limits<double>::infinity();  // figure variant: compromise key
    double best_compromise = x[i];
    bool have_compromise = false;
    for (std::size_t j = 0; j < n_; ++j) {
      if (j == i || x[j] == x[i]) continue;
      const double gap = std::abs(x[i] - x[j]) / range_;
      const double u_success = 2.0 - 4.0 * power(0.5 - 0.5 * gap, r);
      const double u_failure = 2.0 - 4.0 * power(0.5 + 0.5 * gap, r);
      const double eij = expected_utility(x, i, j, r, u_success, u_failure, u_status_quo);
      const double eji = expected_utility(x, j, i, r, u_success, u_failure, u_status_quo);
      double target = 0.0;
      bool confrontation = false;
      bool compromise = false;
      if (eji > eij && eij > 0.0) {
        target = x[j];
        confrontation = true;
      } else if (eji > 0.0 && eij < 0.0 && std::abs(eij) < eji) {
        target = x[i] + (x[j] - x[i]) * std::abs(eij / eji);
        compromise = true;
      } else if (!figure && eji > 0.0 && eij < 0.0 && std::abs(eij) > eji) {
        target = x[j];  // capitulation (never reached in the figure variant)
      } else {
        continue;
      }
      const double move = std::abs(target - x[i]);
      if (!figure) {
        if (move < best_move) {
          best_move = move;
          best = target;
        }
      } else if (confrontation) {
        if (!have_confrontation || move < best_move) {
          best_move = move;
          best = target;
        }
        have_confrontation = true;
      } else if (compromise) {
        const double key = (std::abs(eij) * x[i] + std::abs(eji) * x[j]) / (std::abs(eij) + std::abs(eji));
        if (!have_compromise || key < best_key) {
          best_key = key;
          best_compromise = target;
        }
        have_compromise = true;
      }
    }
    if (figure && !have_confrontation && have_compromise) return best_compromise;
    return best;
  }

  std::size_t n_;
  BdmOptions options_;
  std::span<const double> salience_;
  std::vector<double> weight_;
  std::vector<double> risk_;
  std::vector<double> prob_;
  std::vector<double> scaled_;
  std::vector<double> sorted_;
  std::vector<double> security_;
  std::vector<std::size_t> order_;
  double range_ = 1.0;
  double mu_ = 0.0;
};

}  // namespace

std::vector<BdmIssueTrace> run_bdm(const ActorsView& actors, const BdmOptions& options) {
  check_actors(actors);
  if (options.max_rounds < 0) throw std::invalid_argument("run_bdm: max_rounds must be >= 0");
  if (!(options.q >= 0.0 && options.q <= 1.0 && options.t >= 0.0 && options.t <= 1.0)) {
    throw std::invalid_argument("run_bdm: Q and T must lie in [0, 1]");
  }
  const std::size_t n = actors.actors();
  const std::size_t k = actors.dimensions();
  std::vector<BdmIssueTrace> traces(k);
  for (std::size_t d = 0; d < k; ++d) {
    const auto x0 = actors.position.subspan(d * n, n);
    const auto s = actors.salience.subspan(d * n, n);
    IssueModel model(actors.capability, s, options);
    BdmIssueTrace& tr = traces[d];
    tr.actors = n;
    const auto rounds = static_cast<std::size_t>(options.max_rounds);
    tr.position.reserve((rounds + 1) * n);
    tr.risk.reserve(rounds * n);
    tr.position.assign(x0.begin(), x0.end());
    const auto [lo, hi] = std::minmax_element(x0.begin(), x0.end());
    const double range = *hi - *lo;
    tr.mean.push_back(model.mean(x0));
    tr.median.push_back(model.median(x0));
    tr.outcome = tr.mean.back();
    if (!(range > 0.0)) {
      tr.settled = true;
      tr.settled_round = 0;
      continue;
    }
    model.set_range(range);
    for (int t = 0; t < options.max_rounds; ++t) {
      tr.position.resize(tr.position.size() + n);
      tr.risk.resize(tr.risk.size() + n);
      const auto cur = std::span<const double>(tr.position).subspan(static_cast<std::size_t>(t) * n, n);
      const auto nxt = std::span<double>(tr.position).subspan(static_cast<std::size_t>(t + 1) * n, n);
      model.round(cur, nxt, std::span<double>(tr.risk).subspan(static_cast<std::size_t>(t) * n, n));
      tr.rounds = t + 1;
      tr.mean.push_back(model.mean(nxt));
      tr.median.push_back(model.median(nxt));
      // Do the positions after round t + 1 repeat those after an earlier round s?
      const double tol = options.settle_tolerance * range;
      for (int r = t; r >= 0 && tr.cycle_period == 0 && options.settle_tolerance >= 0.0; --r) {
        const auto earlier = std::span<const double>(tr.position).subspan(static_cast<std::size_t>(r) * n, n);
        double apart = 0.0;
        for (std::size_t i = 0; i < n; ++i) apart = std::max(apart, std::abs(nxt[i] - earlier[i]));
        if (apart > tol) continue;
        if (r == t) {
          tr.settled = true;
          tr.settled_round = t;
        } else {
          tr.cycle_period = t + 1 - r;
          tr.cycle_start = r;
        }
        break;
      }
      if (tr.settled) break;
    }
    if (tr.cycle_period >= 2) {
      double sum = 0.0;
      for (int r = tr.cycle_start; r < tr.cycle_start + tr.cycle_period; ++r) sum += tr.mean[static_cast<std::size_t>(r)];
      tr.outcome = sum / tr.cycle_period;
    } else {
      tr.outcome = tr.mean.back();
    }
  }
  return traces;
}

}  // namespace concord::bargain

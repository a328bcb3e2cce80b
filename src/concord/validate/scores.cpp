#include "concord/validate/scores.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace concord::validate {

namespace {

void check(std::span<const double> p, std::span<const double> y, const char* what, bool probabilities) {
  if (p.size() != y.size()) {
    throw std::invalid_argument(fmt::format("{}: {} forecasts but {} outcomes", what, p.size(), y.size()));
  }
  if (p.empty()) throw std::invalid_argument(fmt::format("{}: no forecasts", what));
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (y[i] != 0.0 && y[i] != 1.0) {
      throw std::invalid_argument(fmt::format("{}: outcome {} is {}, not 0 or 1", what, i, y[i]));
    }
    if (probabilities && !(p[i] >= 0.0 && p[i] <= 1.0)) {
      throw std::invalid_argument(fmt::format("{}: forecast {} is {}, not a probability", what, i, p[i]));
    }
    if (!std::isfinite(p[i])) {
      throw std::invalid_argument(fmt::format("{}: forecast {} is not finite", what, i));
    }
  }
}

}  // namespace

double brier_score(std::span<const double> p, std::span<const double> y) {
  check(p, y, "brier_score", true);
  double sum = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) sum += (p[i] - y[i]) * (p[i] - y[i]);
  return sum / static_cast<double>(p.size());
}

double log_loss(std::span<const double> p, std::span<const double> y) {
  check(p, y, "log_loss", true);
  double sum = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double q = std::clamp(p[i], kLogLossEpsilon, 1.0 - kLogLossEpsilon);
    sum -= y[i] == 1.0 ? std::log(q) : std::log1p(-q);
  }
  return sum / static_cast<double>(p.size());
}

double roc_auc(std::span<const double> score, std::span<const double> y) {
  check(score, y, "roc_auc", false);
  const std::size_t n = score.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] < score[b]; });
  double rank_sum_pos = 0.0;
  double n_pos = 0.0;
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i;
    while (j < n && score[order[j]] == score[order[i]]) ++j;
    // ranks i+1 .. j (1-based) share their mean
    const double mid_rank = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j));
    for (std::size_t m = i; m < j; ++m) {
      if (y[order[m]] == 1.0) {
        rank_sum_pos += mid_rank;
        n_pos += 1.0;
      }
    }
    i = j;
  }
  const double n_neg = static_cast<double>(n) - n_pos;
  if (n_pos == 0.0 || n_neg == 0.0) {
    throw std::invalid_argument(fmt::format(
        "roc_auc: the outcome has {} positives and {} negatives; AUC needs both", n_pos, n_neg));
  }
  return (rank_sum_pos - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg);
}

}  // namespace concord::validate

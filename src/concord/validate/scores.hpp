// Scores of probabilistic forecasts of binary events (dispute onset, war onset) against
// what happened: the measures used to compare conflict-forecasting models out of sample
// (e.g. Ward, Greenhill & Bakke 2010, J. Peace Research 47(4)).
#pragma once

#include <span>

namespace concord::validate {

/// Brier score (Brier 1950): mean of (p_i - y_i)^2. Range [0, 1]; lower is better.
/// p: forecast probabilities in [0, 1]; y: outcomes 0 or 1; same length, not empty.
/// Throws std::invalid_argument otherwise.
double brier_score(std::span<const double> p, std::span<const double> y);

/// Log loss (mean negative log-likelihood, nats): -mean(y ln p + (1 - y) ln(1 - p)).
/// Probabilities are clipped to [eps, 1 - eps] with eps = 1e-15 so that one confident miss
/// gives a large finite loss (ln 1e-15 = -34.5) rather than infinity. Lower is better.
/// Throws std::invalid_argument as brier_score.
double log_loss(std::span<const double> p, std::span<const double> y);

/// Clipping bound of log_loss.
inline constexpr double kLogLossEpsilon = 1e-15;

/// Area under the ROC curve in its Mann-Whitney form (Hanley & McNeil 1982):
/// AUC = P(score of a random positive > score of a random negative) + 0.5 P(tie)
///     = (R_1 - n_1 (n_1 + 1) / 2) / (n_1 n_0),
/// with R_1 the sum of the mid-ranks (ties share the mean of their ranks) of the positives.
/// 0.5 is no discrimination, 1 perfect. O(n log n). Throws std::invalid_argument if the
/// outcome has no positive or no negative, or on a length mismatch.
double roc_auc(std::span<const double> score, std::span<const double> y);

}  // namespace concord::validate

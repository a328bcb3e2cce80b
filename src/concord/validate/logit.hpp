// Binary logistic regression fitted by iteratively reweighted least squares (IRLS).
//
// The model of the field's dyad-year studies of conflict onset: P(y_i = 1 | x_i) =
// Lambda(x_i' beta) with Lambda(z) = 1 / (1 + exp(-z)). Fitted by Newton-Raphson on the
// log-likelihood, which for the logit (canonical link) is Fisher scoring, i.e. IRLS
// (McCullagh & Nelder 1989, Generalized Linear Models, 2nd ed., sec. 2.5 and 4.4):
//   beta_{m+1} = beta_m + (X' W X)^{-1} X' (y - p),   W = diag(p (1 - p)).
// Standard errors are the square roots of the diagonal of the inverse Fisher information
// (X' W X)^{-1} at the estimate.
#pragma once

#include <Eigen/Dense>

#include <stdexcept>
#include <string>
#include <vector>

namespace concord::validate {

/// Options of fit_logit. Defaults suit dyad-year tables of 10^4 to 10^6 rows.
struct LogitOptions {
  int max_iterations = 50;            ///< Newton steps before giving up (non-convergence).
  double tolerance = 1e-10;           ///< stop when the relative change of the deviance is below.
  /// Separation guard: a fitted linear predictor beyond this magnitude (|x'beta| > 30 means
  /// P within 1e-13 of 0 or 1) on any row, with coefficients still growing, is reported as
  /// (quasi-)complete separation (Albert & Anderson 1984), where the MLE does not exist.
  double separation_eta = 30.0;
};

/// A fitted logit.
struct LogitFit {
  std::vector<std::string> names;  ///< one per column of X, as given.
  Eigen::VectorXd coef;            ///< beta-hat, length k.
  Eigen::VectorXd se;              ///< sqrt(diag((X'WX)^{-1})), length k.
  Eigen::MatrixXd covariance;      ///< (X'WX)^{-1}, k x k.
  double log_likelihood = 0.0;     ///< sum y ln p + (1 - y) ln(1 - p) at beta-hat (nats).
  double null_log_likelihood = 0.0;  ///< log-likelihood of the intercept-only model.
  long n = 0;                      ///< rows used.
  long events = 0;                 ///< rows with y = 1.
  int iterations = 0;              ///< Newton steps taken.

  /// Index of a coefficient by name; throws std::out_of_range if absent.
  [[nodiscard]] long index(const std::string& name) const;
  /// z statistic coef / se of one coefficient.
  [[nodiscard]] double z(long j) const { return coef(j) / se(j); }
};

/// The fit failed: outcome without variation, a column collinear with others, separation, or
/// no convergence. what() names the column(s) concerned and what to do.
class LogitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Fits P(y = 1) = Lambda(X beta).
/// - X: n x k design matrix; include a column of ones for an intercept (it is not added).
/// - y: length n, each 0 or 1.
/// - names: k column names, used in the result and in error messages.
/// Throws std::invalid_argument on shape mismatch or y outside {0, 1}; LogitError when the
/// MLE does not exist or cannot be found (see class).
LogitFit fit_logit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                   const std::vector<std::string>& names, const LogitOptions& options = {});

/// Lambda(X beta) for every row of X (length n). X's columns must follow fit.names.
Eigen::VectorXd predict_logit(const LogitFit& fit, const Eigen::MatrixXd& X);

/// Numerically stable logistic function 1 / (1 + exp(-z)).
double logistic(double z);

}  // namespace concord::validate

#include "concord/validate/logit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace concord::validate {

namespace {

// ln(1 + exp(z)) without overflow.
double softplus(double z) {
  return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

// Log-likelihood sum y ln p + (1-y) ln(1-p) with p = Lambda(eta):
// ln p = -softplus(-eta), ln(1 - p) = -softplus(eta).
double log_likelihood(const Eigen::VectorXd& eta, const Eigen::VectorXd& y) {
  double ll = 0.0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) {
    ll -= y(i) > 0.5 ? softplus(-eta(i)) : softplus(eta(i));
  }
  return ll;
}

std::string join_names(const std::vector<std::string>& names, const std::vector<Eigen::Index>& idx) {
  std::string out;
  for (auto j : idx) {
    if (!out.empty()) out += ", ";
    out += names[static_cast<std::size_t>(j)];
  }
  return out;
}

// Columns taking part in an exact (or near-exact) linear dependence: the entries of the
// eigenvector of the smallest eigenvalue of the column-scaled X'X that carry weight.
void check_collinearity(const Eigen::MatrixXd& X, const std::vector<std::string>& names) {
  const Eigen::Index k = X.cols();
  Eigen::VectorXd scale(k);
  for (Eigen::Index j = 0; j < k; ++j) {
    const double norm = X.col(j).norm();
    if (norm == 0.0) {
      throw LogitError(fmt::format("column '{}' is all zero: drop it from the model", names[static_cast<std::size_t>(j)]));
    }
    scale(j) = 1.0 / norm;
  }
  const Eigen::MatrixXd gram = scale.asDiagonal() * (X.transpose() * X) * scale.asDiagonal();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram);
  const double smallest = eig.eigenvalues()(0);
  const double largest = eig.eigenvalues()(k - 1);
  if (smallest <= 1e-12 * largest) {
    const Eigen::VectorXd v = eig.eigenvectors().col(0);
    std::vector<Eigen::Index> involved;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (std::abs(v(j)) > 0.1) involved.push_back(j);
    }
    throw LogitError(fmt::format(
        "columns {{{}}} are collinear (a constant column duplicates the intercept, or one "
        "covariate is a linear combination of others): the coefficients are not identified; "
        "drop one of them",
        join_names(names, involved)));
  }
}

}  // namespace

double logistic(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

long LogitFit::index(const std::string& name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw std::out_of_range("no coefficient named '" + name + "'");
  return static_cast<long>(it - names.begin());
}

LogitFit fit_logit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                   const std::vector<std::string>& names, const LogitOptions& options) {
  const Eigen::Index n = X.rows();
  const Eigen::Index k = X.cols();
  if (y.size() != n) {
    throw std::invalid_argument(fmt::format("fit_logit: X has {} rows but y has {}", n, y.size()));
  }
  if (static_cast<Eigen::Index>(names.size()) != k) {
    throw std::invalid_argument(fmt::format("fit_logit: X has {} columns but {} names", k, names.size()));
  }
  if (k == 0) throw std::invalid_argument("fit_logit: X has no columns");
  long events = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (y(i) != 0.0 && y(i) != 1.0) {
      throw std::invalid_argument(fmt::format("fit_logit: y[{}] = {} is not 0 or 1", i, y(i)));
    }
    events += y(i) == 1.0 ? 1 : 0;
  }
  if (events == 0 || events == n) {
    throw LogitError(fmt::format(
        "the outcome has no variation ({} events in {} rows): a logit cannot be fitted; widen "
        "the window or region", events, n));
  }
  if (n <= k) {
    throw LogitError(fmt::format("{} rows for {} coefficients: too few to fit", n, k));
  }
  check_collinearity(X, names);

  Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
  Eigen::VectorXd eta = Eigen::VectorXd::Zero(n);
  double ll = log_likelihood(eta, y);
  Eigen::VectorXd p(n);
  Eigen::VectorXd w(n);
  Eigen::MatrixXd info(k, k);
  bool converged = false;
  int iter = 0;
  for (; iter < options.max_iterations; ++iter) {
    for (Eigen::Index i = 0; i < n; ++i) {
      p(i) = logistic(eta(i));
      w(i) = p(i) * (1.0 - p(i));
    }
    info.noalias() = X.transpose() * w.asDiagonal() * X;
    const Eigen::VectorXd score = X.transpose() * (y - p);
    Eigen::LDLT<Eigen::MatrixXd> ldlt(info);
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) {
      throw LogitError("the Fisher information became singular during the fit: the data are "
                       "(quasi-)separated; drop or merge the covariate that predicts the outcome "
                       "perfectly");
    }
    Eigen::VectorXd step = ldlt.solve(score);
    // Newton step with halving: the logit log-likelihood is concave, so a full step rarely
    // fails, but halving makes the iteration safe far from the optimum.
    double new_ll = 0.0;
    Eigen::VectorXd new_beta;
    Eigen::VectorXd new_eta;
    for (int half = 0; half < 30; ++half) {
      new_beta = beta + step;
      new_eta = X * new_beta;
      new_ll = log_likelihood(new_eta, y);
      if (new_ll >= ll - 1e-12 * std::abs(ll)) break;
      step *= 0.5;
    }
    const double change = std::abs(new_ll - ll) / (std::abs(new_ll) + 0.1);
    beta = new_beta;
    eta = new_eta;
    ll = new_ll;
    if (change < options.tolerance) {
      converged = true;
      ++iter;
      break;
    }
  }

  const double max_eta = eta.cwiseAbs().maxCoeff();
  if (max_eta > options.separation_eta) {
    // Name the columns whose standardised coefficient is largest: those drive the separation.
    std::vector<Eigen::Index> order(static_cast<std::size_t>(k));
    Eigen::VectorXd size(k);
    for (Eigen::Index j = 0; j < k; ++j) {
      order[static_cast<std::size_t>(j)] = j;
      const double mean = X.col(j).mean();
      const double sd = std::sqrt((X.col(j).array() - mean).square().mean());
      size(j) = std::abs(beta(j)) * (sd > 0 ? sd : 1.0);
    }
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return size(a) > size(b); });
    order.resize(std::min<std::size_t>(2, order.size()));
    throw LogitError(fmt::format(
        "(quasi-)complete separation: fitted probabilities reach 0 or 1 (|x'beta| = {:.1f}); the "
        "maximum-likelihood estimate does not exist. Largest standardised coefficients: {}. Drop "
        "or recode the covariate that predicts the outcome perfectly, or widen the sample",
        max_eta, join_names(names, order)));
  }
  if (!converged) {
    throw LogitError(fmt::format("IRLS did not converge in {} iterations (last relative change of "
                                 "the log-likelihood above {}); rescale the covariates",
                                 options.max_iterations, options.tolerance));
  }

  for (Eigen::Index i = 0; i < n; ++i) {
    p(i) = logistic(eta(i));
    w(i) = p(i) * (1.0 - p(i));
  }
  info.noalias() = X.transpose() * w.asDiagonal() * X;
  LogitFit fit;
  fit.names = names;
  fit.coef = beta;
  fit.covariance = info.ldlt().solve(Eigen::MatrixXd::Identity(k, k));
  fit.se = fit.covariance.diagonal().cwiseMax(0.0).cwiseSqrt();
  fit.log_likelihood = ll;
  const double rate = static_cast<double>(events) / static_cast<double>(n);
  fit.null_log_likelihood = static_cast<double>(events) * std::log(rate) +
                            static_cast<double>(n - events) * std::log1p(-rate);
  fit.n = static_cast<long>(n);
  fit.events = events;
  fit.iterations = iter;
  return fit;
}

Eigen::VectorXd predict_logit(const LogitFit& fit, const Eigen::MatrixXd& X) {
  if (X.cols() != fit.coef.size()) {
    throw std::invalid_argument(fmt::format("predict_logit: X has {} columns, the fit has {}",
                                            X.cols(), fit.coef.size()));
  }
  const Eigen::VectorXd eta = X * fit.coef;
  return eta.unaryExpr([](double z) { return logistic(z); });
}

}  // namespace concord::validate

#include "concord/validate/firth.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace concord::validate {

namespace {

double log_lik(const Eigen::VectorXd& eta, const Eigen::VectorXd& y) {
  double l = 0.0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) {
    // y ln p + (1 - y) ln(1 - p) = y eta - ln(1 + e^eta), computed stably
    const double e = eta(i);
    const double log1pexp = e > 0.0 ? e + std::log1p(std::exp(-e)) : std::log1p(std::exp(e));
    l += y(i) * e - log1pexp;
  }
  return l;
}

struct Eval {
  double penalized = 0.0;
  Eigen::MatrixXd info;
  Eigen::VectorXd p;
  bool ok = false;
};

Eval evaluate(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& beta) {
  Eval ev;
  const Eigen::VectorXd eta = X * beta;
  ev.p = eta.unaryExpr([](double z) { return logistic(z); });
  const Eigen::VectorXd w = ev.p.array() * (1.0 - ev.p.array());
  ev.info = X.transpose() * w.asDiagonal() * X;
  const Eigen::LLT<Eigen::MatrixXd> llt(ev.info);
  if (llt.info() != Eigen::Success) return ev;
  const auto& L = llt.matrixL();
  double logdet = 0.0;
  for (Eigen::Index j = 0; j < ev.info.rows(); ++j) logdet += 2.0 * std::log(L(j, j));
  ev.penalized = log_lik(eta, y) + 0.5 * logdet;
  ev.ok = std::isfinite(ev.penalized);
  return ev;
}

}  // namespace

LogitFit fit_logit_firth(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const std::vector<std::string>& names,
                         int max_iterations) {
  const Eigen::Index n = X.rows();
  const Eigen::Index k = X.cols();
  if (y.size() != n || static_cast<Eigen::Index>(names.size()) != k || n == 0 || k == 0)
    throw std::invalid_argument("fit_logit_firth: X, y and names disagree in size");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (y(i) != 0.0 && y(i) != 1.0) throw std::invalid_argument("fit_logit_firth: y must be 0 or 1");
  }
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
  Eval cur = evaluate(X, y, beta);
  if (!cur.ok) throw LogitError("fit_logit_firth: X'WX is singular (collinear columns)", names);
  int it = 0;
  bool converged = false;
  for (; it < max_iterations; ++it) {
    const Eigen::MatrixXd inv = cur.info.inverse();
    const Eigen::VectorXd w = cur.p.array() * (1.0 - cur.p.array());
    // h_i = w_i x_i' I^-1 x_i
    const Eigen::VectorXd h = ((X * inv).array() * X.array()).rowwise().sum().matrix().cwiseProduct(w);
    const Eigen::VectorXd u =
        X.transpose() * (y - cur.p + h.cwiseProduct((0.5 - cur.p.array()).matrix()));
    Eigen::VectorXd step = inv * u;
    const double largest = step.cwiseAbs().maxCoeff();
    if (largest > 5.0) step *= 5.0 / largest;  // keep early steps in the region of the quadratic model
    double t = 1.0;
    Eval next = evaluate(X, y, beta + step);
    while ((!next.ok || next.penalized < cur.penalized - 1e-12) && t > 1e-6) {
      t *= 0.5;
      next = evaluate(X, y, beta + t * step);
    }
    if (!next.ok) throw LogitError("fit_logit_firth: no step improves the penalized likelihood", names);
    beta += t * step;
    cur = std::move(next);
    if ((t * step).cwiseAbs().maxCoeff() < 1e-10 * (1.0 + beta.cwiseAbs().maxCoeff())) {
      converged = true;
      break;
    }
  }
  if (!converged)
    throw LogitError(fmt::format("fit_logit_firth: no convergence in {} iterations", max_iterations), names);
  LogitFit f;
  f.names = names;
  f.coef = beta;
  f.covariance = cur.info.inverse();
  f.se = f.covariance.diagonal().cwiseSqrt();
  f.log_likelihood = log_lik(X * beta, y);
  const double ybar = y.mean();
  f.null_log_likelihood = ybar > 0.0 && ybar < 1.0
                              ? static_cast<double>(n) * (ybar * std::log(ybar) + (1.0 - ybar) * std::log(1.0 - ybar))
                              : 0.0;
  f.n = static_cast<long>(n);
  f.events = static_cast<long>(y.sum());
  f.iterations = it + 1;
  return f;
}

}  // namespace concord::validate

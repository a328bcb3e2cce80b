// Firth's (1993) penalized-likelihood logit: the bias-reduced estimator used for rare events and
// separation (Heinze & Schemper 2002, Statistics in Medicine 21: 2409-2419). It maximizes
// l(beta) + 0.5 ln |I(beta)|, I = X' W X, W = diag(p (1 - p)), by Newton steps on the modified
// score U*(beta) = X' (y - p + h (1/2 - p)), h the diagonal of the hat matrix
// W^(1/2) X I^(-1) X' W^(1/2), with step halving on the penalized log-likelihood. Estimates are
// finite under (quasi-)complete separation, where the ML estimate does not exist (e.g. a class of
// dyadic disputes none of which escalated). Standard errors from I^(-1) at the estimate.
// Closed form (Firth 1993): for one binary covariate the estimates are the logit of the 2x2
// table with 1/2 added to each cell.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "concord/validate/logit.hpp"

namespace concord::validate {

/// Fits P(y = 1) = Lambda(X beta) by Firth's penalized likelihood. X includes the intercept
/// column. `log_likelihood` in the result is the unpenalized l(beta-hat); `null_log_likelihood`
/// that of the intercept-only ML fit. Throws std::invalid_argument on a shape mismatch or y
/// outside {0, 1}, LogitError when X' W X is singular (collinear columns) or the iteration fails.
LogitFit fit_logit_firth(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const std::vector<std::string>& names,
                         int max_iterations = 200);

}  // namespace concord::validate

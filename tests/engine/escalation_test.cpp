// The fitted conflict process's engine side: the escalation function (closed forms, floor,
// revision mixture, the order's hard rule), the contract files' located errors, the logistic
// information kernel and the named parameter levels.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/engine/crisis.hpp"
#include "concord/engine/escalation.hpp"
#include "concord/engine/kernels.hpp"
#include "concord/engine/params.hpp"

namespace concord::engine {
namespace {

double lambda(double z) { return 1.0 / (1.0 + std::exp(-z)); }

EscalationModel toy() {
  EscalationModel e;
  e.fitted = true;
  e.intercept = -3.0;
  e.beta[static_cast<std::size_t>(EscalationTerm::gp_both)] = 1.0;
  e.beta[static_cast<std::size_t>(EscalationTerm::territorial)] = 0.8;
  e.beta[static_cast<std::size_t>(EscalationTerm::regime)] = 0.4;
  e.beta[static_cast<std::size_t>(EscalationTerm::parity)] = 0.2;
  e.beta[static_cast<std::size_t>(EscalationTerm::post1945)] = -1.0;
  e.share_territorial = 0.3;
  e.share_regime = 0.1;
  return e;
}

TEST(Escalation, LogitClosedFormFloorAndMixture) {
  const EscalationModel e = toy();
  EscalationCovariates x;
  x.gp_a = x.gp_b = true;
  x.parity = std::log(0.5);
  x.year = 1900;
  x.revision = RevisionType::territorial;
  const double eta = -3.0 + 1.0 + 0.2 * std::log(0.5) + 0.8;
  EXPECT_NEAR(escalation_probability(e, x, 0.0, 0.0), lambda(eta), 1e-15);
  // the order offset is additive on the log-odds
  EXPECT_NEAR(escalation_probability(e, x, -0.5, 0.0), lambda(eta - 0.5), 1e-15);
  // after 1945 the era term applies
  x.year = 1946;
  EXPECT_NEAR(escalation_probability(e, x, 0.0, 0.0), lambda(eta - 1.0), 1e-15);
  // no crisis below the floor
  EXPECT_DOUBLE_EQ(escalation_probability(e, x, -50.0, 0.002), 0.002);
  // unknown revision: the record's mixture of the three types
  x.revision = RevisionType::unknown;
  const double base = -3.0 + 1.0 + 0.2 * std::log(0.5) - 1.0;
  EXPECT_NEAR(escalation_probability(e, x, 0.0, 0.0),
              0.3 * lambda(base + 0.8) + 0.1 * lambda(base + 0.4) + 0.6 * lambda(base), 1e-15);
}

// A security community's hard rule: members meeting the threshold never fight, whatever the floor.
TEST(Escalation, CommunityPeaceOverridesTheFloor) {
  OrderRules o;
  o.crisis_manager = CrisisManager::community;
  o.community_threshold = 0.5;
  const EscalationModel e = toy();
  EscalationCovariates x;
  EXPECT_EQ(crisis_war_probability(o, e, x, 0.8, 0.7, 0.01), 0.0);
  EXPECT_GE(crisis_war_probability(o, e, x, 0.8, 0.3, 0.01), 0.01);
  o.crisis_manager = CrisisManager::self_help;
  EXPECT_GE(crisis_war_probability(o, e, x, 0.8, 0.7, 0.01), 0.01);
  EXPECT_EQ(order_escalation_offset(o), 0.0);  // no sourced order effect yet (issue 12)
}

std::filesystem::path temp_file(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / ("concord-esc-" + name + ".toml");
  std::ofstream(p) << text;
  return p;
}

std::string error_of(const std::filesystem::path& p) {
  try {
    (void)read_escalation(p);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Escalation, FileErrorsAreLocated) {
  std::string terms;
  for (const char* k : escalation_term_keys()) terms += std::string(k) + " = { coef = 0.1, se = 0.01 }\n";
  const std::string good = "[escalation]\nintercept = { coef = -2, se = 0.1 }\n" + terms;
  EXPECT_NO_THROW((void)read_escalation(temp_file("good", good)));
  const std::string typo = error_of(temp_file("typo", good + "gp_bothh = { coef = 1, se = 1 }\n"));
  EXPECT_NE(typo.find("did you mean 'gp_both'"), std::string::npos) << typo;
  const std::string line = ":" + std::to_string(3 + kEscalationTermCount) + ":";  // after [escalation], intercept, the terms
  EXPECT_NE(typo.find(line), std::string::npos) << typo;
  const std::string missing = error_of(temp_file("missing", "[escalation]\nintercept = { coef = -2, se = 0.1 }\n"));
  EXPECT_NE(missing.find("escalation.gp_both"), std::string::npos) << missing;
  const std::string asym = error_of(temp_file(
      "asym", good + "[escalation_covariance]\nterms = [\"intercept\", \"gp_both\"]\nmatrix = [[1, 0.5], [0.4, 1]]\n"));
  EXPECT_NE(asym.find("not symmetric"), std::string::npos) << asym;
  const std::string badterm = error_of(temp_file(
      "badterm", good + "[escalation_covariance]\nterms = [\"intercept\", \"gp_bot\"]\nmatrix = [[1, 0], [0, 1]]\n"));
  EXPECT_NE(badterm.find("did you mean 'gp_both'"), std::string::npos) << badterm;
}

// The shipped contract files parse; their joining rates lie in their own intervals.
TEST(Escalation, ShippedFilesParse) {
  const auto data = project_dir() / "data";
  const EscalationModel e = read_escalation(data / "escalation-world.toml");
  EXPECT_TRUE(e.fitted);
  EXPECT_GT(e.n, 0);
  EXPECT_EQ(e.covariance.size(), e.covariance_terms.size() * e.covariance_terms.size());
  const JoiningRates j = read_joining(data / "joining.toml");
  for (const auto& era : j.by_obligation) {
    for (const auto& r : era) {
      EXPECT_LE(r.lower, r.rate);
      EXPECT_GE(r.upper, r.rate);
    }
  }
}

// Logistic information error: P = 1 / (1 + exp((c_A + c_D) / s)), s = sigma sqrt(6) / pi; at no
// cost both sides are as likely to overestimate as not (1/2); sigma_info_for_logistic inverts it.
TEST(Kernels, LogisticInformationClosedForm) {
  EXPECT_DOUBLE_EQ(p_war_information_logistic(0.0, 0.0, 0.2), 0.5);
  const double s = 0.2 * std::sqrt(6.0) / std::numbers::pi;
  EXPECT_NEAR(p_war_information_logistic(0.1, 0.1, 0.2), 1.0 / (1.0 + std::exp(0.2 / s)), 1e-15);
  const double sigma = sigma_info_for_logistic(0.05, 0.1, 0.1);
  EXPECT_NEAR(p_war_information_logistic(0.1, 0.1, sigma), 0.05, 1e-12);
  // exponential, not Gaussian, tail: doubling the cost squares the odds
  const double p1 = p_war_information_logistic(0.1, 0.1, sigma);
  const double p2 = p_war_information_logistic(0.2, 0.2, sigma);
  EXPECT_NEAR(p2 / (1.0 - p2), std::pow(p1 / (1.0 - p1), 2.0), 1e-12);
}

TEST(Params, EscalationLevelNames) {
  EXPECT_EQ(parse_param_assignment("escalation=bargaining").value, 1.0);
  EXPECT_EQ(parse_param_assignment("escalation=fitted").value, 0.0);
  EXPECT_EQ(parse_param_assignment("escalation=1").value, 1.0);
  try {
    (void)parse_param_assignment("escalation=bargain");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'bargaining'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace concord::engine

#include "concord/bargain/decision.hpp"

#include "concord/bargain/game.hpp"

#include <algorithm>
#include <stdexcept>

namespace concord::bargain {

std::string_view to_string(DecisionRule rule) noexcept {
  switch (rule) {
    case DecisionRule::unanimity: return "unanimity";
    case DecisionRule::minority_veto: return "minority-veto";
    case DecisionRule::consensus_minus_one: return "consensus-minus-one";
    case DecisionRule::qualified_majority: return "qmv";
    case DecisionRule::directorate: return "directorate";
    case DecisionRule::hegemon: return "hegemon";
  }
  return "unknown";
}

bool parse_decision_rule(std::string_view name, DecisionRule& out) noexcept {
  if (name == "unanimity") out = DecisionRule::unanimity;
  else if (name == "minority-veto") out = DecisionRule::minority_veto;
  else if (name == "consensus-minus-one") out = DecisionRule::consensus_minus_one;
  else if (name == "qmv" || name == "qualified-majority") out = DecisionRule::qualified_majority;
  else if (name == "directorate") out = DecisionRule::directorate;
  else if (name == "hegemon") out = DecisionRule::hegemon;
  else return false;
  return true;
}

double accepted_share(double position, double status_quo, double proposal) noexcept {
  return std::clamp((position - status_quo) / (proposal - status_quo), 0.0, 1.0);
}

namespace {

bool supports(double position, double status_quo, double proposal) noexcept {
  return accepted_share(position, status_quo, proposal) >= 0.5;
}

double veto_score(const MembersView& m, std::size_t i, double q, double l) noexcept {
  return m.salience[i] * (1.0 - accepted_share(m.position[i], q, l));
}

Decision failed(double status_quo, std::span<const std::uint8_t> blocked) {
  Decision d;
  d.passes = false;
  d.level = status_quo;
  d.blockers = static_cast<std::int32_t>(std::count(blocked.begin(), blocked.end(), std::uint8_t{1}));
  return d;
}

}  // namespace

Decision decide(const DecisionOptions& options, double status_quo, double proposal,
                const MembersView& members, std::span<std::uint8_t> blocked) {
  const std::size_t n = members.position.size();
  if (members.salience.size() != n || blocked.size() != n) {
    throw std::invalid_argument("decide: position, salience and blocked must have the same length");
  }
  if (!members.weight.empty() && members.weight.size() != n) {
    throw std::invalid_argument("decide: weight must be empty or have one entry per member");
  }
  if (!members.directorate.empty() && members.directorate.size() != n) {
    throw std::invalid_argument("decide: directorate must be empty or have one entry per member");
  }
  if (proposal == status_quo) throw std::invalid_argument("decide: proposal equals the status quo");
  std::fill(blocked.begin(), blocked.end(), std::uint8_t{0});
  const double q = status_quo;
  const double l = proposal;
  Decision passed{true, l, 0};

  switch (options.rule) {
    case DecisionRule::unanimity: {
      for (std::size_t i = 0; i < n; ++i) blocked[i] = supports(members.position[i], q, l) ? 0 : 1;
      if (std::find(blocked.begin(), blocked.end(), std::uint8_t{1}) != blocked.end()) return failed(q, blocked);
      return passed;
    }
    case DecisionRule::minority_veto:
    case DecisionRule::consensus_minus_one: {
      std::size_t objectors = 0;
      std::size_t lone = n;
      for (std::size_t i = 0; i < n; ++i) {
        if (veto_score(members, i, q, l) > options.veto_threshold) {
          blocked[i] = 1;
          ++objectors;
          lone = i;
        }
      }
      if (options.rule == DecisionRule::minority_veto && objectors > 0) return failed(q, blocked);
      if (options.rule == DecisionRule::consensus_minus_one && objectors > 1) return failed(q, blocked);
      double worst = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        if (objectors == 1 && i == lone) continue;  // overruled under consensus minus one
        worst = std::max(worst, veto_score(members, i, q, l));
      }
      std::fill(blocked.begin(), blocked.end(), std::uint8_t{0});
      passed.level = q + (1.0 - worst) * (l - q);
      if (worst >= 1.0) {
        passed.passes = false;  // the most reluctant member accepts no move at all
        passed.level = q;
      }
      return passed;
    }
    case DecisionRule::qualified_majority: {
      if (members.weight.size() != n) throw std::invalid_argument("decide: qmv needs one weight per member");
      double yes = 0.0;
      std::size_t supporters = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (supports(members.position[i], q, l)) {
          yes += members.weight[i];
          ++supporters;
        } else {
          blocked[i] = 1;
        }
      }
      const VotingGame game{options.quota, options.min_members, options.blocking_min_members};
      if (game.wins(supporters, yes, n)) {
        std::fill(blocked.begin(), blocked.end(), std::uint8_t{0});
        return passed;
      }
      return failed(q, blocked);
    }
    case DecisionRule::directorate: {
      if (members.directorate.size() != n) {
        throw std::invalid_argument("decide: the directorate rule needs a directorate flag per member");
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (members.directorate[i] != 0 && !supports(members.position[i], q, l)) blocked[i] = 1;
      }
      if (std::find(blocked.begin(), blocked.end(), std::uint8_t{1}) != blocked.end()) return failed(q, blocked);
      return passed;
    }
    case DecisionRule::hegemon: {
      if (options.hegemon < 0 || static_cast<std::size_t>(options.hegemon) >= n) {
        throw std::invalid_argument("decide: hegemon index out of range");
      }
      const auto h = static_cast<std::size_t>(options.hegemon);
      if (supports(members.position[h], q, l)) return passed;
      blocked[h] = 1;
      return failed(q, blocked);
    }
  }
  throw std::invalid_argument("decide: unknown decision rule");
}

}  // namespace concord::bargain

// Readers for the inputs of `concord bargain`, `concord decide` and `concord measure voting-power`.
//
// All readers parse CSV with the Fast C++ CSV Parser (<libfccp/csv.h>), collect every problem
// and throw concord::InputError naming file, line, column and field.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "concord/bargain/spatial.hpp"

namespace concord::bargain {

/// Layout of a bargaining CSV.
enum class BargainFormat : unsigned char {
  automatic,  ///< KTAB if the file looks like KTAB's SMP layout, else concord
  concord,    ///< header `actor,capability,position,salience` or
              ///< `actor,capability,position_1..position_k,salience_1..salience_k`
  ktab,       ///< KTAB SMP: a title line `name,description,actors,dimensions`, then the header
              ///< `Actor,Description,Power,Pstn1,Sal1,...,PstnK,SalK` (columns are positional,
              ///< their names free); saliences in [0, 100]
              ///< (divided by 100 here), positions kept on their 0..100 scale, Power = capability
};

/// Actors of a bargaining problem, owned (see ActorsView for the layout).
struct BargainScenario {
  std::vector<std::string> actor;
  std::vector<double> capability;  ///< n
  std::vector<double> position;    ///< k * n, dimension-major
  std::vector<double> salience;    ///< k * n, dimension-major, in [0, 1]
  std::size_t issues = 0;          ///< k
  BargainFormat format = BargainFormat::concord;  ///< the layout that was read
  /// Non-fatal findings, one a line with file and line (e.g. a KTAB actor whose saliences sum
  /// above 100); the commands print them as warnings.
  std::vector<std::string> warnings;

  [[nodiscard]] ActorsView view() const { return {capability, position, salience}; }
};

/// Reads a bargaining scenario. Throws InputError (file, line, field) on any bad cell, missing
/// or extra column, duplicate actor, salience out of range, or negative capability.
///
/// Header names (concord layout, case-insensitive): besides actor, capability, position,
/// salience (or position_k, salience_k) the names of the public expected-utility replications
/// are accepted: stakeholder, player, name, country (actor); capabilities, resources, power,
/// influence, clout (capability); stance, policy (position); importance, priority (salience).
/// A missing column's error lists the accepted names.
///
/// `salience_scale` (concord layout): 1 (default) reads saliences in [0, 1]; 100 reads them in
/// [0, 100] and divides by 100. With scale 1 a salience above 1 is refused, never read as a
/// probability; the error names file, line, actor, dimension, value and allowed range and points
/// to --salience-scale 100. KTAB files are always on 0..100 (KTAB's scale).
[[nodiscard]] BargainScenario read_bargain_csv(const std::filesystem::path& file,
                                               BargainFormat format = BargainFormat::automatic,
                                               double salience_scale = 1.0);

/// A voting body: CSV with header `member,weight` (weights >= 0).
struct VotingBody {
  std::vector<std::string> member;
  std::vector<double> weight;
};
[[nodiscard]] VotingBody read_voting_body_csv(const std::filesystem::path& file);

/// Members facing one proposal (input of `concord decide`): CSV with header
/// `member,position,salience[,weight][,directorate]`; position is the member's ideal level on
/// the issue scale, salience in [0, 1], weight >= 0 (default 1), directorate 0/1 (default 0).
struct DecisionBody {
  std::vector<std::string> member;
  std::vector<double> position;
  std::vector<double> salience;
  std::vector<double> weight;
  std::vector<std::uint8_t> directorate;
};
[[nodiscard]] DecisionBody read_decision_csv(const std::filesystem::path& file);

}  // namespace concord::bargain

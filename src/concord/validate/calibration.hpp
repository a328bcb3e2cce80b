// Calibration of the engine's conflict process to the record (`concord validate calibration`,
// docs/validation.md "Calibration").
//
// Design: take the record's dyadic MIDs of each class (great power vs great power 1816-1913 and
// 1954-2014; nuclear dyads 1946-2014; Asia-Pacific 1946-1979 and 1980-2014; the world 1946-1999)
// with their covariates from the data; push each through the engine's own P(war | crisis)
// (with the escalation file the engine reads for the class's region: world, or asia-pacific)
// (engine/crisis.hpp crisis_war_probability, the function phase 7 calls) under the order
// registered for its onset year (data/eras.toml), R times; compare the mean simulated share
// escalating with the record's binomial 90% interval (Wilson). The same for war joining: the
// record's invoked obligations (validate/escalation.hpp estimate_joining) through the engine's
// joining_probability, before and after 1945. Dyadic units on both sides of every comparison.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "concord/engine/model.hpp"
#include "concord/validate/escalation.hpp"

namespace concord::validate {

/// One era of data/eras.toml: the order registered for [first, last].
struct EraOrder {
  int first = 0;
  int last = 0;
  std::string order;   ///< an order preset name (orders/<name>.toml)
  std::string source;  ///< why this order stands for the era
};

/// Reads data/eras.toml ([[era]] first, last, order, source). Eras must not overlap and each
/// order must be a preset; errors are located (file, line, key) with "did you mean".
std::vector<EraOrder> read_eras(const std::filesystem::path& file);

/// The order rules the escalation function reads (crisis manager, community threshold) of a
/// preset, without a scenario (no actor is named by these rules).
engine::OrderRules era_order_rules(const std::string& preset);

struct CalibrationOptions {
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  std::filesystem::path escalation_file;  ///< empty: data/escalation-world.toml (world classes)
  std::filesystem::path escalation_asia_file;  ///< empty: what an asia-pacific scenario reads
  std::filesystem::path joining_file;     ///< empty: data/joining.toml
  std::filesystem::path eras_file;        ///< empty: data/eras.toml
};

struct CalibrationRow {
  std::string measure;  ///< "escalation" or "joining"
  std::string cls;      ///< "great power vs great power", ...
  std::string era;      ///< "1816-1913"
  std::string orders;   ///< the era orders the rows ran under
  long n = 0;           ///< dyadic MIDs (escalation) or invoked obligations (joining)
  long k = 0;           ///< of which reached war / joined
  double record = 0.0;
  double lower = 0.0, upper = 0.0;          ///< record's Wilson 90% interval
  double simulated = 0.0;                   ///< mean simulated share over the runs
  double sim_lower = 0.0, sim_upper = 0.0;  ///< 5th and 95th percentiles of the simulated share
  bool pass = false;                        ///< simulated inside [lower, upper]
};

struct CalibrationResult {
  CalibrationOptions options;
  double floor = 0.0;
  std::string escalation_source, escalation_asia_source, joining_source;
  std::vector<CalibrationRow> rows;
  [[nodiscard]] bool all_pass() const noexcept;
};

CalibrationResult run_calibration(const EscalationSources& s, const CalibrationOptions& o);

std::string format_calibration_report(const CalibrationResult& r, const std::string& format);

}  // namespace concord::validate

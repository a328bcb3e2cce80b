// `concord data check`: load every dataset the model uses and summarise each in one line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

/// One dataset's outcome.
struct DatasetCheck {
  std::string name;     ///< short name, e.g. "nmc_v7"
  std::string file;     ///< relative path under the data directory
  bool ok = false;      ///< false if missing or malformed
  std::size_t rows = 0;
  Coverage coverage;    ///< years and number of states (0 when the file has no state-year key)
  std::size_t missing = 0;
  std::size_t skipped = 0;
  std::vector<std::string> problems;  ///< error message (if !ok) and non-fatal notes
};

/// Loads every dataset under `data_dir` (paths.hpp) and reports each; never throws for a bad
/// file (its error becomes the problem). Order: state system, capabilities, economy, regime,
/// alliances, geography, trade, institutions, conflict.
std::vector<DatasetCheck> check_all(const std::filesystem::path& data_dir);

}  // namespace concord::data

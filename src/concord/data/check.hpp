// `concord data check`: load every dataset the model uses and summarise each in one line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "concord/data/table.hpp"

namespace concord::data {

/// One dataset's outcome.
struct DatasetCheck {
  std::string name;  ///< short name, e.g. "nmc_v7"
  std::string file;  ///< relative path under the data directory
  bool ok = false;   ///< false if missing or malformed
  std::size_t rows = 0;
  Coverage coverage;  ///< years and number of states (0 when the file has no state-year key)
  std::size_t missing = 0;
  std::size_t skipped = 0;
  std::vector<std::string> problems;  ///< error message (if !ok) and non-fatal notes
};

/// What a complete copy of a dataset holds: rows (as `data check` counts them) within
/// [min_rows, max_rows] and years covering at least first_year..last_year. The ranges are those of
/// the versions in PROVENANCE.md: at least 95% of their rows (a truncated or header-only file
/// fails), at most twice as many (a later release passes). docs/data.md lists them.
struct DatasetExpectation {
  const char* file;  ///< path under the data directory (paths.hpp)
  std::size_t min_rows;
  std::size_t max_rows;
  int first_year;    ///< coverage must start in or before this year
  int last_year;     ///< and end in or after this one
};
[[nodiscard]] const std::vector<DatasetExpectation>& dataset_expectations();

/// Throws InputError naming `file` when it is one of the datasets of dataset_expectations() (by
/// its path under the data directory) and its rows or year coverage fall short. Files that are
/// not one of them (a test's own CSV) pass.
void expect_dataset(const std::filesystem::path& file, std::size_t rows, const Coverage& coverage);

/// Loads every dataset under `data_dir` (paths.hpp) and reports each; never throws for a bad
/// file (its error becomes the problem). Order: state system, capabilities, economy, regime,
/// alliances, geography, trade, institutions, conflict.
/// With `only` non-empty, checks just the datasets whose file (paths.hpp) is listed.
std::vector<DatasetCheck> check_all(const std::filesystem::path& data_dir, const std::vector<std::string>& only = {});

/// check_all(data_dir, files); throws InputError listing every dataset that is missing,
/// malformed or short of its expectation. `scenario build` calls it before building.
void require_datasets(const std::filesystem::path& data_dir, const std::vector<std::string>& files);

}  // namespace concord::data

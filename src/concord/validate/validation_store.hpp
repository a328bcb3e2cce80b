// Validation results in the results store (docs/results.md, "Validation tables"): the tables
// `concord validate hazards --out` and `concord validate backtest --out` write, and the war
// sizes `concord validate powerlaw --simulated` reads back from a store's `events` table.
//
// The file is opened through store::ResultsStore, so it is (or becomes) a concord results store
// of the current schema version: validation tables can sit in the same file as `concord run
// --out` ensembles. Rerunning the same validation replaces its rows (INSERT OR REPLACE on the
// tables' primary keys); other rows are kept. Every table is written in one transaction.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "concord/validate/backtest.hpp"

namespace concord::validate {

/// Writes tables `backtest` (one row per backtest: options, hazards file, totals, coverage,
/// Spearman, great-power war share), `backtest_years` (one row per compared year) and
/// `backtest_dyads` (one row per unordered pair of scenario states). The key of every row is
/// (region, start, years, order_name, runs, seed). @throws InputError if `file` is not a concord
/// store of the current schema, SQLite::Exception on I/O errors.
void write_backtest_store(const BacktestResult& result, const std::filesystem::path& file);

/// Sizes of the wars a store holds: `value` (total battle deaths) of the events of kind `war` and
/// `great_power_war`, of one ensemble or (nullopt) of all, in (ensemble_id, run_id, seq) order.
/// A value below 1 is not a death count (engines before battle deaths wrote the crisis's war
/// probability there): such wars are counted in without_deaths and left out. Wars still going at
/// the horizon (outcome "ongoing") have a size cut short by the end of the run: counted in
/// `ongoing` and left out.
struct SimulatedWars {
  std::vector<double> battle_deaths;  ///< ended wars with value >= 1
  long without_deaths = 0;            ///< ended wars with value NULL or < 1 (left out of the fit)
  long ongoing = 0;                   ///< wars ongoing at the horizon (left out of the fit)
  std::vector<std::int64_t> ensembles;  ///< ensembles the wars were read from
};
/// `order`, when given, keeps only the wars of runs of that order (`runs.order_name`): a
/// `compare` ensemble holds every order's runs.
/// @throws InputError if `file` does not exist, is not a concord store, `ensemble` is not in it,
/// or no run of `order` is.
[[nodiscard]] SimulatedWars read_simulated_wars(const std::filesystem::path& file,
                                                std::optional<std::int64_t> ensemble,
                                                const std::optional<std::string>& order = std::nullopt);

}  // namespace concord::validate

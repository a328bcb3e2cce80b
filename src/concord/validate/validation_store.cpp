#include "concord/validate/validation_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "concord/common/error.hpp"
#include "concord/store/store.hpp"

namespace concord::validate {

namespace {

constexpr const char* kBacktestSchema = R"sql(
CREATE TABLE IF NOT EXISTS backtest (
  region TEXT NOT NULL, start INTEGER NOT NULL, years INTEGER NOT NULL, order_name TEXT NOT NULL,
  runs INTEGER NOT NULL, seed INTEGER NOT NULL,
  scenario_year INTEGER NOT NULL, states INTEGER NOT NULL, great_powers INTEGER NOT NULL,
  flashpoints INTEGER NOT NULL, flashpoint_catalog TEXT NOT NULL,
  hazards_file TEXT NOT NULL, hazards_window TEXT NOT NULL, hazards_before_start INTEGER NOT NULL,
  observed_mids REAL NOT NULL, simulated_mids REAL NOT NULL,
  observed_wars REAL NOT NULL, simulated_wars REAL NOT NULL,
  level REAL NOT NULL, mid_coverage REAL, war_coverage REAL, dyad_spearman REAL,
  gp_war_share REAL NOT NULL, observed_first_gp_war INTEGER,
  PRIMARY KEY (region, start, years, order_name, runs, seed)
);
CREATE TABLE IF NOT EXISTS backtest_years (
  region TEXT NOT NULL, start INTEGER NOT NULL, years INTEGER NOT NULL, order_name TEXT NOT NULL,
  runs INTEGER NOT NULL, seed INTEGER NOT NULL, year INTEGER NOT NULL,
  observed_mids REAL NOT NULL, mids_mean REAL NOT NULL, mids_lo REAL NOT NULL, mids_hi REAL NOT NULL,
  observed_wars REAL, wars_mean REAL NOT NULL, wars_lo REAL NOT NULL, wars_hi REAL NOT NULL,
  first_gp_wars INTEGER NOT NULL, gp_war_share_by_year REAL NOT NULL,
  PRIMARY KEY (region, start, years, order_name, runs, seed, year)
);
CREATE TABLE IF NOT EXISTS backtest_dyads (
  region TEXT NOT NULL, start INTEGER NOT NULL, years INTEGER NOT NULL, order_name TEXT NOT NULL,
  runs INTEGER NOT NULL, seed INTEGER NOT NULL, ccode_a INTEGER NOT NULL, ccode_b INTEGER NOT NULL,
  observed_rate REAL NOT NULL, simulated_rate REAL NOT NULL,
  PRIMARY KEY (region, start, years, order_name, runs, seed, ccode_a, ccode_b)
);
)sql";

void bind_real(SQLite::Statement& st, int i, double v) {
  if (std::isnan(v)) {
    st.bind(i);
  } else {
    st.bind(i, v);
  }
}

// Binds the six key columns at 1..6.
void bind_key(SQLite::Statement& st, const BacktestResult& r) {
  st.bind(1, r.options.region);
  st.bind(2, r.options.start);
  st.bind(3, r.options.years);
  st.bind(4, r.order);
  st.bind(5, static_cast<std::int64_t>(r.options.runs));
  st.bind(6, static_cast<std::int64_t>(r.options.seed));
}

}  // namespace

void write_backtest_store(const BacktestResult& r, const std::filesystem::path& file) {
  store::ResultsStore results(file, store::StoreOptions{});
  SQLite::Database& db = results.database();
  SQLite::Transaction tx(db);
  db.exec(kBacktestSchema);
  SQLite::Statement main(db,
                         "INSERT OR REPLACE INTO backtest VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                         "?, ?, ?, ?, ?, ?, ?, ?)");
  bind_key(main, r);
  main.bind(7, r.scenario_year);
  main.bind(8, static_cast<std::int64_t>(r.states.size()));
  main.bind(9, static_cast<std::int64_t>(r.great_powers.size()));
  main.bind(10, static_cast<std::int64_t>(r.flashpoints));
  main.bind(11, r.flashpoint_catalog);
  main.bind(12, r.hazards_file);
  main.bind(13, r.hazards_window);
  main.bind(14, r.hazards_before_start ? 1 : 0);
  main.bind(15, r.observed_mids_total);
  main.bind(16, r.simulated_mids_mean);
  main.bind(17, r.observed_wars_total);
  main.bind(18, r.simulated_wars_mean);
  main.bind(19, r.options.level);
  bind_real(main, 20, r.mid_coverage);
  bind_real(main, 21, r.war_coverage);
  bind_real(main, 22, r.dyad_spearman);
  main.bind(23, r.gp_war_share);
  if (r.observed_first_gp_war == 0) {
    main.bind(24);
  } else {
    main.bind(24, r.observed_first_gp_war);
  }
  main.exec();

  SQLite::Statement year(db, "INSERT OR REPLACE INTO backtest_years VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?, ?)");
  for (std::size_t k = 0; k < r.rows.size(); ++k) {
    const BacktestYear& y = r.rows[k];
    bind_key(year, r);
    year.bind(7, y.year);
    year.bind(8, y.observed_mids);
    year.bind(9, y.mids_mean);
    year.bind(10, y.mids_lo);
    year.bind(11, y.mids_hi);
    bind_real(year, 12, y.observed_wars);  // NULL after the war data's last year
    year.bind(13, y.wars_mean);
    year.bind(14, y.wars_lo);
    year.bind(15, y.wars_hi);
    year.bind(16, k < r.first_gp_war_counts.size() ? r.first_gp_war_counts[k] : 0);
    year.bind(17, k < r.gp_war_share_by_year.size() ? r.gp_war_share_by_year[k] : 0.0);
    year.exec();
    year.reset();
  }
  SQLite::Statement dyad(db, "INSERT OR REPLACE INTO backtest_dyads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const BacktestDyad& d : r.dyads) {
    bind_key(dyad, r);
    dyad.bind(7, d.ccode_a);
    dyad.bind(8, d.ccode_b);
    dyad.bind(9, d.observed_rate);
    dyad.bind(10, d.simulated_rate);
    dyad.exec();
    dyad.reset();
  }
  tx.commit();
}

SimulatedWars read_simulated_wars(const std::filesystem::path& file, std::optional<std::int64_t> ensemble,
                                  const std::optional<std::string>& order) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    throw InputError(Location{file.string(), 0, 0, "--simulated"}, "results store not found");
  }
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  bool concord_store = false;
  try {
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'producer'");
    concord_store = q.executeStep() && q.getColumn(0).getString() == "concord";
  } catch (const SQLite::Exception&) {
    concord_store = false;
  }
  if (!concord_store) {
    throw InputError(Location{file.string(), 0, 0, "meta.producer"},
                     "not a concord results store (written by `concord run/compare --out`)");
  }
  SimulatedWars out;
  {
    SQLite::Statement q(db, ensemble ? "SELECT ensemble_id FROM ensembles WHERE ensemble_id = ?"
                                     : "SELECT ensemble_id FROM ensembles ORDER BY ensemble_id");
    if (ensemble) q.bind(1, *ensemble);
    while (q.executeStep()) out.ensembles.push_back(q.getColumn(0).getInt64());
  }
  if (ensemble && out.ensembles.empty()) {
    throw InputError(Location{file.string(), 0, 0, "--ensemble"},
                     fmt::format("no ensemble {} in the store", *ensemble));
  }
  if (order) {
    SQLite::Statement c(db, ensemble ? "SELECT COUNT(*) FROM runs WHERE order_name = ? AND ensemble_id = ?"
                                     : "SELECT COUNT(*) FROM runs WHERE order_name = ?");
    c.bind(1, *order);
    if (ensemble) c.bind(2, *ensemble);
    c.executeStep();
    if (c.getColumn(0).getInt64() == 0) {
      throw InputError(Location{file.string(), 0, 0, "--order"}, fmt::format("no run of order '{}' in the store", *order));
    }
  }
  std::string sql =
      "SELECT e.value, e.outcome FROM events e JOIN runs r ON r.ensemble_id = e.ensemble_id AND r.run_id = e.run_id "
      "WHERE e.kind IN ('war', 'great_power_war')";
  if (ensemble) sql += " AND e.ensemble_id = ?";
  if (order) sql += " AND r.order_name = ?";
  sql += " ORDER BY e.ensemble_id, e.run_id, e.seq";
  SQLite::Statement q(db, sql);
  int bind = 1;
  if (ensemble) q.bind(bind++, *ensemble);
  if (order) q.bind(bind++, *order);
  while (q.executeStep()) {
    const auto col = q.getColumn(0);
    const double v = col.isNull() ? 0.0 : col.getDouble();
    if (q.getColumn(1).getString() == "ongoing") {
      ++out.ongoing;
    } else if (v >= 1.0 && std::isfinite(v)) {
      out.battle_deaths.push_back(v);
    } else {
      ++out.without_deaths;
    }
  }
  return out;
}

}  // namespace concord::validate

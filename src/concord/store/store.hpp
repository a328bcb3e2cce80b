// The results store: one SQLite file holding ensembles, their runs, yearly metrics, run
// summaries, events and the ensemble-level statistics. Schema in docs/results.md.
//
// Guarantees:
// - each run is written in ONE transaction (write_run), so a run is either fully present
//   or absent;
// - WAL journal mode with synchronous=NORMAL: a killed process (SIGKILL) leaves every
//   committed run readable; the next open recovers the write-ahead log;
// - no wall-clock time or host name is written anywhere, so the same sequence of calls gives
//   a byte-identical file (after close, when the WAL is checkpointed into the main file).
//
// Not thread-safe: one ResultsStore per thread (the ensemble runner writes from one
// serial stage only).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "concord/store/records.hpp"

namespace SQLite {
class Database;
class Statement;
class Exception;
}

namespace concord::store {

/// Rethrows a SQLite exception as a StoreError naming `path`, what was being done and the
/// remedy (disk full: free space and --resume; locked; read-only; not a database; I/O error).
/// `system_errno` (sqlite3_system_errno) tells a full disk (ENOSPC, EDQUOT) or a file-size
/// limit (EFBIG) reported as an I/O error apart.
[[noreturn]] void rethrow_store_error(const SQLite::Exception& e, const std::filesystem::path& path,
                                      std::string_view doing, int system_errno = 0);

/// Schema version written to the `meta` table; bumped on any incompatible change.
/// Version 3 added `ensembles.status`; version 4 `ensembles.concord_version`,
/// `ensembles.concord_commit` and the `inputs` table (digests of the scenario, orders and
/// fitted-data files); version 5 `events.began`, `events.opening_a` and `events.opening_b` (how
/// a great-power war began and its opening dyad). Stores of versions 2 to 4 are upgraded in
/// place when opened, one version at a time.
inline constexpr int kSchemaVersion = 5;

/// Where an ensemble stands. Written to `ensembles.status`.
///   running      created or resumed and not finished: a process is writing it now, or was
///                killed (SIGKILL, crash, power loss) - `--resume` completes it either way;
///   interrupted  stopped cleanly before the end (SIGINT, --max-runs): `--resume` completes it;
///   complete     every planned run is committed and the ensemble-level results are written.
enum class EnsembleStatus { running, interrupted, complete };

[[nodiscard]] const char* to_string(EnsembleStatus status) noexcept;
/// Parses "running", "interrupted" or "complete"; throws std::invalid_argument otherwise.
[[nodiscard]] EnsembleStatus parse_status(const std::string& text);

/// One input of an ensemble and its content digest: written to the `inputs` table, so a
/// figure can be traced to exactly the files that produced it.
struct InputRecord {
  std::string role;    ///< "scenario", "order", "hazards", "wars", ...
  std::string name;    ///< the scenario's or order's name, or the file's name
  std::string path;    ///< the file it was read from (empty when built in memory)
  std::string digest;  ///< 16 hex digits of FNV-1a 64 (common/digest.hpp): for the scenario, its
                       ///< canonical TOML (= scenario_hash); for files, their bytes
  friend bool operator==(const InputRecord&, const InputRecord&) = default;
};

/// What an ensemble is: written once to the `ensembles` table.
struct EnsembleInfo {
  std::string kind;           ///< "run", "compare", "sweep", "sensitivity", or a caller's word
  std::string scenario_hash;  ///< as in RunKey
  std::uint64_t seed = 0;     ///< master seed
  std::uint64_t planned_runs = 0;  ///< number of runs in the plan
  int years = 0;              ///< horizon in years (0 if it varies)
  std::string plan_digest;    ///< ensemble::plan_digest(plan): identifies the plan for --resume
  std::string spec_json;      ///< the caller's description (orders, runs, design, ...) as JSON
  /// Read back by ensemble(); create_ensemble() always writes `running`.
  EnsembleStatus status = EnsembleStatus::running;
  /// The concord that created the ensemble (common/build_info.hpp); ensemble::describe fills
  /// both. "unknown" for ensembles of stores older than schema version 4.
  std::string concord_version = "unknown";
  std::string concord_commit = "unknown";
  /// Its inputs with their digests (the `inputs` table), in the order given; may be empty.
  std::vector<InputRecord> inputs{};
};

/// One ensemble-level statistic: e.g. group "multiplex", metric "great_power_war",
/// statistic "proportion" with its Wilson interval. Written to `statistics`.
struct StatisticRow {
  std::string group;      ///< order name, design point id, "multiplex - g2", ...
  std::string metric;     ///< summary or yearly metric name
  std::string statistic;  ///< "proportion", "mean", "paired_difference", "survival", ...
  double at = 0.0;        ///< time in years for a curve point, 0 otherwise
  double estimate = 0.0;
  double lo = 0.0;        ///< NaN written as NULL
  double hi = 0.0;
  std::uint64_t n = 0;    ///< observations behind the estimate
};

/// One design point of a sweep or sensitivity design. Written to `design_points`.
struct DesignPointRow {
  std::uint64_t point_id = 0;
  std::string params_json;  ///< {"name": value, ...}
};

/// One sensitivity index. Written to `sensitivity`.
struct SensitivityRow {
  std::string method;     ///< "morris" or "sobol"
  std::string metric;     ///< output analysed
  std::string parameter;  ///< input parameter name
  std::string index;      ///< "mu", "mu_star", "sigma", "S1", "ST"
  double estimate = 0.0;
  double lo = 0.0;        ///< bootstrap interval (NaN -> NULL when none)
  double hi = 0.0;
};

/// What to write per run (yearly rows dominate the file size).
struct StoreOptions {
  bool yearly = true;  ///< write the `yearly` table
  bool events = true;  ///< write the `events` table
};

/// A failure of the results store after it was opened (disk full, I/O error, lock): the message
/// names the file, what was being done and what to do. `disk_full` is true for SQLITE_FULL.
class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& message, bool disk_full) : std::runtime_error(message), disk_full_(disk_full) {}
  [[nodiscard]] bool disk_full() const noexcept { return disk_full_; }

 private:
  bool disk_full_;
};

/// A SQLite results file. Opening creates the schema if absent and checks the version.
class ResultsStore {
 public:
  /// Opens or creates `path`. A store of schema version 2 is upgraded to 3: the `status`
  /// column is added, `complete` where every planned run is committed, else `interrupted`.
  /// A store of version 3 is upgraded to 4: `concord_version` and `concord_commit` are added
  /// as "unknown", and the empty `inputs` table is created.
  /// Throws concord::InputError, before writing anything, if the file is a directory, is not
  /// a SQLite database, is a SQLite database that is not a concord store (tables but no
  /// meta.producer = 'concord'), has another schema version, or is being written by another
  /// process (an flock on the file, released when that process exits); StoreError on I/O errors.
  explicit ResultsStore(const std::filesystem::path& path, StoreOptions options = {});
  ~ResultsStore();
  ResultsStore(const ResultsStore&) = delete;
  ResultsStore& operator=(const ResultsStore&) = delete;

  /// Adds an ensemble with its version, commit and inputs, and returns its id (1, 2, ... in
  /// creation order).
  std::int64_t create_ensemble(const EnsembleInfo& info);
  /// The id of the most recent ensemble with this plan digest, if any (for --resume).
  [[nodiscard]] std::optional<std::int64_t> find_ensemble(const std::string& plan_digest) const;
  /// Every ensemble id, ascending.
  [[nodiscard]] std::vector<std::int64_t> ensemble_ids() const;
  /// The ensemble's info as written, with its current status.
  [[nodiscard]] EnsembleInfo ensemble(std::int64_t ensemble_id) const;
  /// Sets the ensemble's status (one transaction). Throws std::out_of_range if absent.
  void set_status(std::int64_t ensemble_id, EnsembleStatus status);
  /// Number of runs committed for the ensemble.
  [[nodiscard]] std::uint64_t committed_count(std::int64_t ensemble_id) const;

  /// Writes the run, its yearly metrics, summaries and events in one transaction.
  /// Throws SQLite::Exception if the run id is already stored for this ensemble.
  void write_run(std::int64_t ensemble_id, const RunRecord& run);
  /// Run ids already committed for the ensemble, ascending.
  [[nodiscard]] std::vector<std::uint64_t> committed_run_ids(std::int64_t ensemble_id) const;
  /// Reads a committed run back (yearly values are NaN where a row is missing, e.g. when
  /// the store was written with yearly = false). Throws std::out_of_range if absent.
  [[nodiscard]] RunRecord read_run(std::int64_t ensemble_id, std::uint64_t run_id) const;

  /// Replaces the ensemble's statistics (delete + insert, one transaction).
  void write_statistics(std::int64_t ensemble_id, const std::vector<StatisticRow>& rows);
  /// Replaces the ensemble's design points (one transaction).
  void write_design_points(std::int64_t ensemble_id, const std::vector<DesignPointRow>& rows);
  /// Replaces the ensemble's sensitivity indices (one transaction).
  void write_sensitivity(std::int64_t ensemble_id, const std::vector<SensitivityRow>& rows);

  /// The underlying connection (for queries in tests and reports).
  [[nodiscard]] SQLite::Database& database() { return *db_; }
  /// The file.
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  void init();
  std::unique_ptr<SQLite::Database> db_;
  StoreOptions options_;
  std::filesystem::path path_;
  int lock_fd_ = -1;
  // Statements of write_run, prepared once (runs are written thousands of times).
  std::unique_ptr<SQLite::Statement> insert_run_, insert_yearly_, insert_summary_, insert_event_;
};

/// Every row of every table of the store at `path`, as text, tables in name order and rows in
/// primary-key order: the comparison used by the determinism and resume tests.
[[nodiscard]] std::string dump_rows(const std::filesystem::path& path);

}  // namespace concord::store

#include "concord/store/store.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string_view>

#include "concord/common/error.hpp"

namespace concord::store {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ensembles (
  ensemble_id  INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  scenario_hash TEXT NOT NULL,
  seed         INTEGER NOT NULL,
  planned_runs INTEGER NOT NULL,
  years        INTEGER NOT NULL,
  plan_digest  TEXT NOT NULL,
  spec_json    TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'running'
               CHECK (status IN ('running', 'interrupted', 'complete')),
  concord_version TEXT NOT NULL DEFAULT 'unknown',
  concord_commit  TEXT NOT NULL DEFAULT 'unknown'
);
CREATE TABLE IF NOT EXISTS runs (
  ensemble_id   INTEGER NOT NULL REFERENCES ensembles(ensemble_id),
  run_id        INTEGER NOT NULL,
  scenario_hash TEXT NOT NULL,
  order_name    TEXT NOT NULL,
  params_json   TEXT NOT NULL,
  seed          INTEGER NOT NULL,
  replicate     INTEGER NOT NULL,
  start_year    INTEGER NOT NULL,
  years         INTEGER NOT NULL,
  yearly_metrics TEXT NOT NULL,
  PRIMARY KEY (ensemble_id, run_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS yearly (
  ensemble_id INTEGER NOT NULL,
  run_id      INTEGER NOT NULL,
  year        INTEGER NOT NULL,
  metric      TEXT NOT NULL,
  value       REAL,
  PRIMARY KEY (ensemble_id, run_id, year, metric)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS summaries (
  ensemble_id INTEGER NOT NULL,
  run_id      INTEGER NOT NULL,
  metric      TEXT NOT NULL,
  value       REAL,
  seq         INTEGER NOT NULL,
  PRIMARY KEY (ensemble_id, run_id, metric)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  ensemble_id INTEGER NOT NULL,
  run_id      INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  year        INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  side_a      TEXT NOT NULL,
  side_b      TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  value       REAL,
  end_year    INTEGER NOT NULL,
  began       TEXT NOT NULL DEFAULT '',
  opening_a   INTEGER NOT NULL DEFAULT 0,
  opening_b   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (ensemble_id, run_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS statistics (
  ensemble_id INTEGER NOT NULL,
  grp         TEXT NOT NULL,
  metric      TEXT NOT NULL,
  statistic   TEXT NOT NULL,
  at          REAL NOT NULL,
  estimate    REAL,
  lo          REAL,
  hi          REAL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (ensemble_id, grp, metric, statistic, at)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS design_points (
  ensemble_id INTEGER NOT NULL,
  point_id    INTEGER NOT NULL,
  params_json TEXT NOT NULL,
  PRIMARY KEY (ensemble_id, point_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inputs (
  ensemble_id INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  role        TEXT NOT NULL,
  name        TEXT NOT NULL,
  path        TEXT NOT NULL,
  digest      TEXT NOT NULL,
  PRIMARY KEY (ensemble_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sensitivity (
  ensemble_id INTEGER NOT NULL,
  method      TEXT NOT NULL,
  metric      TEXT NOT NULL,
  parameter   TEXT NOT NULL,
  idx         TEXT NOT NULL,
  estimate    REAL,
  lo          REAL,
  hi          REAL,
  PRIMARY KEY (ensemble_id, method, metric, parameter, idx)
) WITHOUT ROWID;
)sql";

std::string ccodes_json(const std::vector<int>& side) { return nlohmann::json(side).dump(); }

std::vector<int> ccodes_from_json(const std::string& text) {
  return nlohmann::json::parse(text).get<std::vector<int>>();
}

// SQLite INTEGER is signed 64-bit: unsigned seeds are stored by their bit pattern.
std::int64_t to_sql(std::uint64_t v) { return static_cast<std::int64_t>(v); }
std::uint64_t from_sql(std::int64_t v) { return static_cast<std::uint64_t>(v); }

double column_double(const SQLite::Column& c) {
  return c.isNull() ? std::numeric_limits<double>::quiet_NaN() : c.getDouble();
}

// NaN cannot be stored as a REAL; bind NULL instead.
void bind_real(SQLite::Statement& st, int index, double v) {
  if (std::isnan(v)) {
    st.bind(index);
  } else {
    st.bind(index, v);
  }
}

}  // namespace

namespace {
// After an I/O error: is the store (or its write-ahead log) at the file-size limit, or its file
// system out of space? SQLite's errno can be overwritten before the error reaches us, so look.
bool out_of_space(const std::filesystem::path& path) {
  std::error_code ec;
  std::uintmax_t largest = 0;
  for (const char* suffix : {"", "-wal", "-journal"}) {
    const auto size = std::filesystem::file_size(path.string() + suffix, ec);
    if (!ec) largest = std::max(largest, size);
  }
  struct rlimit lim {};
  if (::getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
      largest + (1U << 16) >= static_cast<std::uintmax_t>(lim.rlim_cur)) {
    return true;
  }
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const auto space = std::filesystem::space(dir, ec);
  return !ec && space.available < (1U << 20);
}
}  // namespace

[[noreturn]] void rethrow_store_error(const SQLite::Exception& e, const std::filesystem::path& path,
                                      std::string_view doing, int system_errno) {
  int code = e.getErrorCode() & 0xFF;  // primary result code
  if (code == SQLITE_IOERR &&
      (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT || out_of_space(path))) {
    code = SQLITE_FULL;
  }
  std::string remedy;
  switch (code) {
    case SQLITE_FULL:
      remedy = "the disk (or the quota, or the file-size limit) that holds it is full: free space, then continue "
               "with the same command and --resume";
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      remedy = "another process holds it locked: wait for it to finish, or write to another --out file";
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      remedy = "it cannot be written: check the permissions of the file and of its directory";
      break;
    case SQLITE_NOTADB:
      remedy = "it is not a SQLite database: choose another --out file";
      break;
    case SQLITE_CORRUPT:
      remedy = "the file is damaged: write to another --out file (the runs already in it may be read with sqlite3 "
               "'.recover')";
      break;
    case SQLITE_IOERR:
      remedy = "the operating system reported an I/O error: check the disk and, on a network file system, "
               "write the store to a local disk";
      break;
    case SQLITE_CANTOPEN:
      remedy = "it cannot be opened: check that its directory exists and is writable";
      break;
    default:
      remedy = "see the SQLite message above";
  }
  throw StoreError(fmt::format("{}: results store: {} failed: {}; {}", path.string(), doing, e.what(), remedy),
                   code == SQLITE_FULL);
}

namespace {
// Opens (creating) the database, naming the path and the cause when SQLite cannot.
std::unique_ptr<SQLite::Database> open_database(const std::filesystem::path& path) {
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (std::error_code ec; !std::filesystem::is_directory(dir, ec)) {
    throw InputError(Location{path.string(), 0, 0, "--out"},
                     fmt::format("cannot create the results store: directory '{}' does not exist", dir.string()));
  }
  if (std::error_code ec; std::filesystem::is_directory(path, ec)) {
    throw InputError(Location{path.string(), 0, 0, "--out"}, "is a directory; expected a results store file (.sqlite)");
  }
  try {
    return std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  } catch (const SQLite::Exception& e) {
    throw InputError(Location{path.string(), 0, 0, "--out"},
                     fmt::format("cannot open or create the results store: {}", e.what()));
  }
}

// Refuses, before anything is written, a file that is not a concord store: a SQLite database
// with tables but no meta.producer = 'concord', or a file that is not a database at all.
void require_concord_or_empty(SQLite::Database& db, const std::filesystem::path& path) {
  try {
    SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    std::vector<std::string> names;
    bool has_meta = false;
    while (tables.executeStep()) {
      names.push_back(tables.getColumn(0).getString());
      has_meta = has_meta || names.back() == "meta";
    }
    if (names.empty()) return;  // new or empty: becomes a concord store
    bool concord = false;
    if (has_meta) {
      SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'producer'");
      concord = q.executeStep() && q.getColumn(0).getString() == "concord";
    }
    if (!concord) {
      std::string list;
      for (std::size_t i = 0; i < names.size() && i < 5; ++i) list += (i ? ", " : "") + names[i];
      if (names.size() > 5) list += ", ...";
      throw InputError(Location{path.string(), 0, 0, "--out"},
                       fmt::format("is a SQLite database but not a concord results store (tables: {}; no "
                                   "meta.producer = 'concord'); nothing was written to it. Choose another --out file",
                                   list));
    }
  } catch (const SQLite::Exception& e) {
    throw InputError(Location{path.string(), 0, 0, "--out"},
                     fmt::format("is not a results store that concord can open ({}); nothing was written to it. "
                                 "Choose another --out file",
                                 e.what()));
  }
}

// One writer per store: an flock on the database file (independent of SQLite's fcntl locks on
// Linux), held while the ResultsStore lives and released by the kernel if the process dies.
int lock_store(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      throw InputError(Location{path.string(), 0, 0, "--out"},
                       "another concord process is writing to this results store; wait for it to finish (it "
                       "releases the store when it exits, also when killed), or write to another --out file");
    }
    return -1;  // no flock on this file system: SQLite's own locking still guards each transaction
  }
  return fd;
}
}  // namespace

ResultsStore::ResultsStore(const std::filesystem::path& path, StoreOptions options)
    : db_(open_database(path)), options_(options), path_(path) {
  require_concord_or_empty(*db_, path);
  lock_fd_ = lock_store(path);
  try {
    init();
  } catch (const SQLite::Exception& e) {
    rethrow_store_error(e, path_, "opening");
  }
}

void ResultsStore::init() {
  const auto& path = path_;
  db_->exec("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA synchronous=NORMAL");
  db_->exec("PRAGMA foreign_keys=ON");
  SQLite::Transaction tx(*db_);
  // An older store keeps its `ensembles` table as it was (CREATE TABLE IF NOT EXISTS): the
  // upgrades below add the columns of each later version in turn.
  db_->exec(kSchema);
  SQLite::Statement get(*db_, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (get.executeStep()) {
    std::string v = get.getColumn(0).getString();
    get.reset();
    // each step upgrades one version, in order (2 -> 3 -> 4 -> 5)
    auto set_version = [&](int version) {
      SQLite::Statement up(*db_, "UPDATE meta SET value = ? WHERE key = 'schema_version'");
      up.bind(1, std::to_string(version));
      up.exec();
      v = std::to_string(version);
    };
    if (v == "2") {
      // version 2 had no status: a finished ensemble is one with all its planned runs
      db_->exec(
          "ALTER TABLE ensembles ADD COLUMN status TEXT NOT NULL DEFAULT 'running' "
          "CHECK (status IN ('running', 'interrupted', 'complete'))");
      db_->exec(
          "UPDATE ensembles SET status = CASE WHEN planned_runs = (SELECT COUNT(*) FROM runs "
          "WHERE runs.ensemble_id = ensembles.ensemble_id) THEN 'complete' ELSE 'interrupted' "
          "END");
      set_version(3);
    }
    if (v == "3") {
      // version 4: who made each ensemble (unknown for the ensembles already there); the
      // `inputs` table was created empty by kSchema
      // (a store without an ensembles table got it, complete, from kSchema above)
      SQLite::Statement has_version(*db_, "SELECT 1 FROM pragma_table_info('ensembles') WHERE name = 'concord_version'");
      if (!has_version.executeStep()) {
        db_->exec("ALTER TABLE ensembles ADD COLUMN concord_version TEXT NOT NULL DEFAULT 'unknown'");
        db_->exec("ALTER TABLE ensembles ADD COLUMN concord_commit TEXT NOT NULL DEFAULT 'unknown'");
      }
      set_version(4);
    }
    if (v == "4") {
      // version 4 had no record of how a great-power war began
      // (a version-2 store without an events table got it, complete, from kSchema above)
      auto has_column = [&](const char* name) {
        SQLite::Statement info(*db_, "SELECT 1 FROM pragma_table_info('events') WHERE name = ?");
        info.bind(1, name);
        return info.executeStep();
      };
      if (!has_column("began")) db_->exec("ALTER TABLE events ADD COLUMN began TEXT NOT NULL DEFAULT ''");
      if (!has_column("opening_a")) db_->exec("ALTER TABLE events ADD COLUMN opening_a INTEGER NOT NULL DEFAULT 0");
      if (!has_column("opening_b")) db_->exec("ALTER TABLE events ADD COLUMN opening_b INTEGER NOT NULL DEFAULT 0");
      set_version(5);
    }
    if (v != std::to_string(kSchemaVersion)) {
      throw InputError(Location{path.string(), 0, 0, "meta.schema_version"},
                       fmt::format("results store has schema version {}, this concord writes {}",
                                   v, kSchemaVersion));
    }
  } else {
    SQLite::Statement put(*db_, "INSERT INTO meta(key, value) VALUES ('schema_version', ?), "
                                "('producer', 'concord')");
    put.bind(1, std::to_string(kSchemaVersion));
    put.exec();
  }
  tx.commit();
  insert_run_ = std::make_unique<SQLite::Statement>(
      *db_,
      "INSERT INTO runs(ensemble_id, run_id, scenario_hash, order_name, params_json, seed, "
      "replicate, start_year, years, yearly_metrics) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert_yearly_ = std::make_unique<SQLite::Statement>(
      *db_, "INSERT INTO yearly(ensemble_id, run_id, year, metric, value) VALUES (?, ?, ?, ?, ?)");
  insert_summary_ = std::make_unique<SQLite::Statement>(
      *db_, "INSERT INTO summaries(ensemble_id, run_id, metric, value, seq) VALUES (?, ?, ?, ?, ?)");
  insert_event_ = std::make_unique<SQLite::Statement>(
      *db_,
      "INSERT INTO events(ensemble_id, run_id, seq, year, kind, subject, side_a, side_b, outcome, "
      "value, end_year, began, opening_a, opening_b) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
}

ResultsStore::~ResultsStore() {
  // Statements must be finalised before the connection closes (and checkpoints the WAL).
  insert_run_.reset();
  insert_yearly_.reset();
  insert_summary_.reset();
  insert_event_.reset();
  db_.reset();
  if (lock_fd_ >= 0) ::close(lock_fd_);  // after SQLite closed: closing releases the process's fcntl locks
}

std::int64_t ResultsStore::create_ensemble(const EnsembleInfo& info) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement st(*db_,
                       "INSERT INTO ensembles(kind, scenario_hash, seed, planned_runs, years, "
                       "plan_digest, spec_json, concord_version, concord_commit) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, info.kind);
  st.bind(2, info.scenario_hash);
  st.bind(3, to_sql(info.seed));
  st.bind(4, to_sql(info.planned_runs));
  st.bind(5, info.years);
  st.bind(6, info.plan_digest);
  st.bind(7, info.spec_json);
  st.bind(8, info.concord_version);
  st.bind(9, info.concord_commit);
  st.exec();
  const std::int64_t id = db_->getLastInsertRowid();
  SQLite::Statement in(*db_,
                       "INSERT INTO inputs(ensemble_id, seq, role, name, path, digest) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
  in.bind(1, id);
  std::int64_t seq = 0;
  for (const auto& r : info.inputs) {
    in.bind(2, seq++);
    in.bind(3, r.role);
    in.bind(4, r.name);
    in.bind(5, r.path);
    in.bind(6, r.digest);
    in.exec();
    in.reset();
  }
  tx.commit();
  return id;
}

std::optional<std::int64_t> ResultsStore::find_ensemble(const std::string& plan_digest) const {
  SQLite::Statement st(*db_,
                       "SELECT ensemble_id FROM ensembles WHERE plan_digest = ? "
                       "ORDER BY ensemble_id DESC LIMIT 1");
  st.bind(1, plan_digest);
  if (st.executeStep()) return st.getColumn(0).getInt64();
  return std::nullopt;
}

const char* to_string(EnsembleStatus status) noexcept {
  switch (status) {
    case EnsembleStatus::running: return "running";
    case EnsembleStatus::interrupted: return "interrupted";
    case EnsembleStatus::complete: return "complete";
  }
  return "running";
}

EnsembleStatus parse_status(const std::string& text) {
  for (auto s : {EnsembleStatus::running, EnsembleStatus::interrupted, EnsembleStatus::complete}) {
    if (text == to_string(s)) return s;
  }
  throw std::invalid_argument(fmt::format(
      "ensemble status '{}': expected running, interrupted or complete", text));
}

void ResultsStore::set_status(std::int64_t ensemble_id, EnsembleStatus status) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement st(*db_, "UPDATE ensembles SET status = ? WHERE ensemble_id = ?");
  st.bind(1, to_string(status));
  st.bind(2, ensemble_id);
  if (st.exec() != 1) {
    throw std::out_of_range(fmt::format("no ensemble {} in the results store", ensemble_id));
  }
  tx.commit();
}

std::vector<std::int64_t> ResultsStore::ensemble_ids() const {
  SQLite::Statement st(*db_, "SELECT ensemble_id FROM ensembles ORDER BY ensemble_id");
  std::vector<std::int64_t> ids;
  while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
  return ids;
}

std::uint64_t ResultsStore::committed_count(std::int64_t ensemble_id) const {
  SQLite::Statement st(*db_, "SELECT COUNT(*) FROM runs WHERE ensemble_id = ?");
  st.bind(1, ensemble_id);
  st.executeStep();
  return from_sql(st.getColumn(0).getInt64());
}

EnsembleInfo ResultsStore::ensemble(std::int64_t ensemble_id) const {
  SQLite::Statement st(*db_,
                       "SELECT kind, scenario_hash, seed, planned_runs, years, plan_digest, "
                       "spec_json, status, concord_version, concord_commit FROM ensembles "
                       "WHERE ensemble_id = ?");
  st.bind(1, ensemble_id);
  if (!st.executeStep()) {
    throw std::out_of_range(fmt::format("no ensemble {} in the results store", ensemble_id));
  }
  EnsembleInfo info;
  info.kind = st.getColumn(0).getString();
  info.scenario_hash = st.getColumn(1).getString();
  info.seed = from_sql(st.getColumn(2).getInt64());
  info.planned_runs = from_sql(st.getColumn(3).getInt64());
  info.years = st.getColumn(4).getInt();
  info.plan_digest = st.getColumn(5).getString();
  info.spec_json = st.getColumn(6).getString();
  info.status = parse_status(st.getColumn(7).getString());
  info.concord_version = st.getColumn(8).getString();
  info.concord_commit = st.getColumn(9).getString();
  SQLite::Statement in(*db_,
                       "SELECT role, name, path, digest FROM inputs WHERE ensemble_id = ? "
                       "ORDER BY seq");
  in.bind(1, ensemble_id);
  while (in.executeStep()) {
    info.inputs.push_back({in.getColumn(0).getString(), in.getColumn(1).getString(),
                           in.getColumn(2).getString(), in.getColumn(3).getString()});
  }
  return info;
}

void ResultsStore::write_run(std::int64_t ensemble_id, const RunRecord& run) {
  const std::size_t n_yearly = run.yearly_names.size();
  if (run.yearly.size() != static_cast<std::size_t>(run.years) * n_yearly) {
    throw std::invalid_argument(
        fmt::format("run {}: {} yearly values for {} years x {} metrics", run.key.run_id,
                    run.yearly.size(), run.years, n_yearly));
  }
  if (run.summary.size() != run.summary_names.size()) {
    throw std::invalid_argument(fmt::format("run {}: {} summary values for {} names",
                                            run.key.run_id, run.summary.size(),
                                            run.summary_names.size()));
  }
  const auto run_id = to_sql(run.key.run_id);
  SQLite::Transaction tx(*db_);
  // A failed insert leaves its statement needing a reset; do it on every path.
  struct Reset {
    ResultsStore* s;
    ~Reset() {
      for (auto* st : {s->insert_run_.get(), s->insert_yearly_.get(), s->insert_summary_.get(),
                       s->insert_event_.get()}) {
        st->tryReset();
      }
    }
  } reset{this};
  {
    auto& st = *insert_run_;
    st.bind(1, ensemble_id);
    st.bind(2, run_id);
    st.bind(3, run.key.scenario_hash);
    st.bind(4, run.key.order);
    st.bind(5, run.key.params_json);
    st.bind(6, to_sql(run.key.seed));
    st.bind(7, to_sql(run.key.replicate));
    st.bind(8, run.start_year);
    st.bind(9, run.years);
    st.bind(10, nlohmann::json(run.yearly_names).dump());
    st.exec();
    st.reset();
  }
  if (options_.yearly && n_yearly > 0) {
    auto& st = *insert_yearly_;
    st.bind(1, ensemble_id);
    st.bind(2, run_id);
    for (int y = 0; y < run.years; ++y) {
      st.bind(3, run.start_year + y + 1);  // row y is simulated year start_year + y + 1
      for (std::size_t m = 0; m < n_yearly; ++m) {
        st.bind(4, run.yearly_names[m]);
        bind_real(st, 5, run.yearly[static_cast<std::size_t>(y) * n_yearly + m]);
        st.exec();
        st.reset();
      }
    }
  }
  if (!run.summary.empty()) {
    auto& st = *insert_summary_;
    st.bind(1, ensemble_id);
    st.bind(2, run_id);
    for (std::size_t m = 0; m < run.summary.size(); ++m) {
      st.bind(3, run.summary_names[m]);
      bind_real(st, 4, run.summary[m]);
      st.bind(5, static_cast<std::int64_t>(m));
      st.exec();
      st.reset();
    }
  }
  if (options_.events && !run.events.empty()) {
    auto& st = *insert_event_;
    st.bind(1, ensemble_id);
    st.bind(2, run_id);
    std::int64_t seq = 0;
    for (const auto& e : run.events) {
      st.bind(3, seq++);
      st.bind(4, e.year);
      st.bind(5, e.kind);
      st.bind(6, e.subject);
      st.bind(7, ccodes_json(e.side_a));
      st.bind(8, ccodes_json(e.side_b));
      st.bind(9, e.outcome);
      bind_real(st, 10, e.value);
      st.bind(11, e.end_year != 0 ? e.end_year : e.year);
      st.bind(12, e.began);
      st.bind(13, e.opening_a);
      st.bind(14, e.opening_b);
      st.exec();
      st.reset();
    }
  }
  tx.commit();
}

std::vector<std::uint64_t> ResultsStore::committed_run_ids(std::int64_t ensemble_id) const {
  SQLite::Statement st(*db_, "SELECT run_id FROM runs WHERE ensemble_id = ? ORDER BY run_id");
  st.bind(1, ensemble_id);
  std::vector<std::uint64_t> ids;
  while (st.executeStep()) ids.push_back(from_sql(st.getColumn(0).getInt64()));
  return ids;
}

RunRecord ResultsStore::read_run(std::int64_t ensemble_id, std::uint64_t run_id) const {
  RunRecord run;
  {
    SQLite::Statement st(*db_,
                         "SELECT scenario_hash, order_name, params_json, seed, replicate, "
                         "start_year, years, yearly_metrics FROM runs "
                         "WHERE ensemble_id = ? AND run_id = ?");
    st.bind(1, ensemble_id);
    st.bind(2, to_sql(run_id));
    if (!st.executeStep()) {
      throw std::out_of_range(
          fmt::format("run {} of ensemble {} is not in the store", run_id, ensemble_id));
    }
    run.key.scenario_hash = st.getColumn(0).getString();
    run.key.order = st.getColumn(1).getString();
    run.key.params_json = st.getColumn(2).getString();
    run.key.seed = from_sql(st.getColumn(3).getInt64());
    run.key.replicate = from_sql(st.getColumn(4).getInt64());
    run.key.run_id = run_id;
    run.start_year = st.getColumn(5).getInt();
    run.years = st.getColumn(6).getInt();
    run.yearly_names =
        nlohmann::json::parse(st.getColumn(7).getString()).get<std::vector<std::string>>();
  }
  {
    SQLite::Statement st(*db_,
                         "SELECT year, metric, value FROM yearly WHERE ensemble_id = ? AND "
                         "run_id = ?");
    st.bind(1, ensemble_id);
    st.bind(2, to_sql(run_id));
    const std::size_t m = run.yearly_names.size();
    run.yearly.assign(static_cast<std::size_t>(run.years) * m,
                      std::numeric_limits<double>::quiet_NaN());
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < m; ++i) column.emplace(run.yearly_names[i], i);
    while (st.executeStep()) {
      const int y = st.getColumn(0).getInt() - run.start_year - 1;
      const auto it = column.find(st.getColumn(1).getString());
      if (it == column.end() || y < 0 || y >= run.years) continue;
      run.yearly[static_cast<std::size_t>(y) * m + it->second] = column_double(st.getColumn(2));
    }
  }
  {
    SQLite::Statement st(*db_,
                         "SELECT metric, value FROM summaries WHERE ensemble_id = ? AND "
                         "run_id = ? ORDER BY seq");
    st.bind(1, ensemble_id);
    st.bind(2, to_sql(run_id));
    while (st.executeStep()) {
      run.summary_names.push_back(st.getColumn(0).getString());
      run.summary.push_back(column_double(st.getColumn(1)));
    }
  }
  {
    SQLite::Statement st(*db_,
                         "SELECT year, kind, subject, side_a, side_b, outcome, value, end_year, began, opening_a, "
                         "opening_b FROM events "
                         "WHERE ensemble_id = ? AND run_id = ? ORDER BY seq");
    st.bind(1, ensemble_id);
    st.bind(2, to_sql(run_id));
    while (st.executeStep()) {
      EventRecord e;
      e.year = st.getColumn(0).getInt();
      e.kind = st.getColumn(1).getString();
      e.subject = st.getColumn(2).getString();
      e.side_a = ccodes_from_json(st.getColumn(3).getString());
      e.side_b = ccodes_from_json(st.getColumn(4).getString());
      e.outcome = st.getColumn(5).getString();
      e.value = column_double(st.getColumn(6));
      e.end_year = st.getColumn(7).getInt();
      e.began = st.getColumn(8).getString();
      e.opening_a = st.getColumn(9).getInt();
      e.opening_b = st.getColumn(10).getInt();
      run.events.push_back(std::move(e));
    }
  }
  return run;
}

void ResultsStore::write_statistics(std::int64_t ensemble_id,
                                    const std::vector<StatisticRow>& rows) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement del(*db_, "DELETE FROM statistics WHERE ensemble_id = ?");
  del.bind(1, ensemble_id);
  del.exec();
  SQLite::Statement st(*db_,
                       "INSERT INTO statistics(ensemble_id, grp, metric, statistic, at, "
                       "estimate, lo, hi, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, ensemble_id);
  for (const auto& r : rows) {
    st.bind(2, r.group);
    st.bind(3, r.metric);
    st.bind(4, r.statistic);
    st.bind(5, r.at);
    bind_real(st, 6, r.estimate);
    bind_real(st, 7, r.lo);
    bind_real(st, 8, r.hi);
    st.bind(9, to_sql(r.n));
    st.exec();
    st.reset();
  }
  tx.commit();
}

void ResultsStore::write_design_points(std::int64_t ensemble_id,
                                       const std::vector<DesignPointRow>& rows) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement del(*db_, "DELETE FROM design_points WHERE ensemble_id = ?");
  del.bind(1, ensemble_id);
  del.exec();
  SQLite::Statement st(*db_,
                       "INSERT INTO design_points(ensemble_id, point_id, params_json) "
                       "VALUES (?, ?, ?)");
  st.bind(1, ensemble_id);
  for (const auto& r : rows) {
    st.bind(2, to_sql(r.point_id));
    st.bind(3, r.params_json);
    st.exec();
    st.reset();
  }
  tx.commit();
}

void ResultsStore::write_sensitivity(std::int64_t ensemble_id,
                                     const std::vector<SensitivityRow>& rows) {
  SQLite::Transaction tx(*db_);
  SQLite::Statement del(*db_, "DELETE FROM sensitivity WHERE ensemble_id = ?");
  del.bind(1, ensemble_id);
  del.exec();
  SQLite::Statement st(*db_,
                       "INSERT INTO sensitivity(ensemble_id, method, metric, parameter, idx, "
                       "estimate, lo, hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, ensemble_id);
  for (const auto& r : rows) {
    st.bind(2, r.method);
    st.bind(3, r.metric);
    st.bind(4, r.parameter);
    st.bind(5, r.index);
    bind_real(st, 6, r.estimate);
    bind_real(st, 7, r.lo);
    bind_real(st, 8, r.hi);
    st.exec();
    st.reset();
  }
  tx.commit();
}

std::string dump_rows(const std::filesystem::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  std::vector<std::string> tables;
  {
    SQLite::Statement st(db,
                         "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (st.executeStep()) tables.push_back(st.getColumn(0).getString());
  }
  std::string out;
  for (const auto& table : tables) {
    out += "## " + table + "\n";
    // Every table has a primary key; ORDER BY 1..k of the declared columns is stable enough
    // because rows are distinct: order by all columns.
    SQLite::Statement cols(db, fmt::format("SELECT * FROM \"{}\" LIMIT 0", table));
    const int n = cols.getColumnCount();
    std::string order;
    for (int i = 1; i <= n; ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
    SQLite::Statement st(db, fmt::format("SELECT * FROM \"{}\" ORDER BY {}", table, order));
    while (st.executeStep()) {
      for (int i = 0; i < n; ++i) {
        const auto c = st.getColumn(i);
        if (i > 0) out += '|';
        if (c.isNull()) {
          out += "NULL";
        } else if (c.isFloat()) {
          out += fmt::format("{}", c.getDouble());  // shortest round-trip representation
        } else {
          out += c.getString();
        }
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace concord::store

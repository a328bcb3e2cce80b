#include "concord/report/report.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "concord/common/error.hpp"
#include "concord/ensemble/compare.hpp"
#include "concord/report/assets.hpp"
#include "concord/scenario/load.hpp"
#include "concord/scenario/summary.hpp"

namespace concord::report {

namespace {

using nlohmann::json;

// A column's value as JSON (NULL -> null; integers stay integers).
json value_of(const SQLite::Column& c) {
  switch (c.getType()) {
    case SQLITE_INTEGER: return c.getInt64();
    case SQLITE_FLOAT: {
      const double v = c.getDouble();
      return std::isfinite(v) ? json(v) : json(nullptr);
    }
    case SQLITE_NULL: return nullptr;
    default: return c.getString();
  }
}

// Every row of a statement as objects keyed by column name.
json rows_of(SQLite::Statement& q, std::size_t limit = SIZE_MAX) {
  json out = json::array();
  while (out.size() < limit && q.executeStep()) {
    json row = json::object();
    for (int i = 0; i < q.getColumnCount(); ++i) row[q.getColumnName(i)] = value_of(q.getColumn(i));
    out.push_back(std::move(row));
  }
  return out;
}

std::set<std::string> columns_of(SQLite::Database& db, const std::string& table) {
  std::set<std::string> cols;
  SQLite::Statement q(db, fmt::format("PRAGMA table_info(\"{}\")", table));
  while (q.executeStep()) cols.insert(q.getColumn(1).getString());
  return cols;
}

// Linear-interpolation quantile (Hyndman & Fan type 7, R's default) of sorted values.
double quantile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return NAN;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Fan-chart rows of one yearly metric: per order and year, percentiles over runs.
json fan_rows(SQLite::Database& db, std::int64_t ensemble, const std::string& metric) {
  SQLite::Statement q(db,
                      "SELECT r.order_name, y.year, y.value FROM yearly y JOIN runs r "
                      "ON r.ensemble_id = y.ensemble_id AND r.run_id = y.run_id "
                      "WHERE y.ensemble_id = ? AND y.metric = ? AND y.value IS NOT NULL");
  q.bind(1, ensemble);
  q.bind(2, metric);
  std::map<std::pair<std::string, int>, std::vector<double>> cells;
  std::vector<std::string> order_seen;
  while (q.executeStep()) {
    const std::string order = q.getColumn(0).getString();
    if (std::find(order_seen.begin(), order_seen.end(), order) == order_seen.end()) {
      order_seen.push_back(order);
    }
    cells[{order, q.getColumn(1).getInt()}].push_back(q.getColumn(2).getDouble());
  }
  json out = json::array();
  for (auto& [key, values] : cells) {
    std::sort(values.begin(), values.end());
    out.push_back({{"metric", metric},
                   {"order", key.first},
                   {"year", key.second},
                   {"q05", number_or_null(quantile(values, 0.05))},
                   {"q25", number_or_null(quantile(values, 0.25))},
                   {"q50", number_or_null(quantile(values, 0.50))},
                   {"q75", number_or_null(quantile(values, 0.75))},
                   {"q95", number_or_null(quantile(values, 0.95))},
                   {"n", values.size()}});
  }
  return out;
}

// The events of one run, with its order and replicate.
json timeline(SQLite::Database& db, std::int64_t ensemble, std::uint64_t run_id) {
  SQLite::Statement r(db, "SELECT * FROM runs WHERE ensemble_id = ? AND run_id = ?");
  r.bind(1, ensemble);
  r.bind(2, static_cast<std::int64_t>(run_id));
  json run = rows_of(r, 1);
  if (run.empty()) return nullptr;
  SQLite::Statement q(db, "SELECT * FROM events WHERE ensemble_id = ? AND run_id = ? ORDER BY seq");
  q.bind(1, ensemble);
  q.bind(2, static_cast<std::int64_t>(run_id));
  json events = rows_of(q);
  for (auto& e : events) {
    // side_a / side_b are JSON arrays of ccodes in the store
    for (const char* side : {"side_a", "side_b"}) {
      if (e.contains(side) && e[side].is_string()) {
        e[side] = json::parse(e[side].get<std::string>(), nullptr, false);
        if (e[side].is_discarded()) e[side] = json::array();
      }
    }
    e.erase("ensemble_id");
    e.erase("run_id");
  }
  const json& row = run.front();
  return {{"run_id", run_id},
          {"order", row.value("order_name", "")},
          {"replicate", row.value("replicate", json(nullptr))},
          {"start_year", row.value("start_year", json(nullptr))},
          {"years", row.value("years", json(nullptr))},
          {"events", std::move(events)}};
}

std::int64_t pick_ensemble(SQLite::Database& db, const std::filesystem::path& store,
                           const std::optional<std::int64_t>& wanted) {
  if (wanted) {
    SQLite::Statement q(db, "SELECT COUNT(*) FROM ensembles WHERE ensemble_id = ?");
    q.bind(1, *wanted);
    q.executeStep();
    if (q.getColumn(0).getInt64() == 0) {
      throw InputError(Location{store.string(), 0, 0, "--ensemble"},
                       fmt::format("the store has no ensemble {} (see `concord report {} "
                                   "--list`)",
                                   *wanted, store.string()));
    }
    return *wanted;
  }
  SQLite::Statement q(db,
                      "SELECT ensemble_id FROM ensembles ORDER BY (kind = 'compare') DESC, "
                      "(kind = 'run') DESC, ensemble_id DESC LIMIT 1");
  return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

// ccode -> stateabb, name, great power: from the ensemble's scenario file when it can be read.
json states_of(const json& spec, std::vector<std::string>& notes) {
  json states = json::object();
  const std::string file = spec.value("scenario", "");
  if (file.empty()) return states;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    notes.push_back(fmt::format("the scenario file {} is not readable from here: states are "
                                "shown by COW code",
                                file));
    return states;
  }
  try {
    const Scenario s = load_scenario(file);
    const auto cinc = scenario_cinc(s);
    for (std::size_t i = 0; i < s.actors.size(); ++i) {
      const auto& a = s.actors[i];
      states[std::to_string(a.ccode)] = {{"stateabb", a.stateabb},
                                         {"name", a.name},
                                         {"great_power", a.great_power},
                                         {"cinc", number_or_null(cinc[i])}};
    }
  } catch (const std::exception& e) {
    notes.push_back(fmt::format("the scenario file {} no longer loads ({}): states are shown "
                                "by COW code",
                                file, e.what()));
  }
  return states;
}

SQLite::Database open_store(const std::filesystem::path& store) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(store, ec)) {
    throw InputError(Location{store.string(), 0, 0, ""},
                     "no such results store (a SQLite file written by `concord compare --out`)");
  }
  try {
    SQLite::Database db(store.string(), SQLite::OPEN_READONLY);
    if (!db.tableExists("meta") || !db.tableExists("ensembles")) {
      throw InputError(Location{store.string(), 0, 0, ""},
                       "not a concord results store (no meta and ensembles tables)");
    }
    return db;
  } catch (const SQLite::Exception& e) {
    throw InputError(Location{store.string(), 0, 0, ""},
                     fmt::format("cannot be read as a SQLite results store: {}", e.what()));
  }
}

}  // namespace

bool is_fan_metric(const std::string& name) {
  static const std::set<std::string> fixed{"mids", "wars", "con", "gp_trust"};
  return fixed.count(name) != 0 || name.rfind("capability_share", 0) == 0;
}

const std::vector<std::string>& optional_tables() {
  static const std::vector<std::string> t{"backtest",      "backtest_years", "backtest_dyads",
                                          "decomposition", "mechanisms",     "explain",
                                          "superiority",   "parameter_draws_summary"};
  return t;
}

json list_ensembles(const std::filesystem::path& store) {
  auto db = open_store(store);
  SQLite::Statement q(db,
                      "SELECT e.*, (SELECT COUNT(*) FROM runs r WHERE r.ensemble_id = "
                      "e.ensemble_id) AS committed_runs FROM ensembles e ORDER BY ensemble_id");
  json out = rows_of(q);
  for (auto& e : out) {
    if (e.contains("spec_json") && e["spec_json"].is_string()) {
      e["spec"] = json::parse(e["spec_json"].get<std::string>(), nullptr, false);
      if (e["spec"].is_discarded()) e["spec"] = json::object();
      e.erase("spec_json");
    }
    if (e.contains("plan_digest")) e.erase("plan_digest");
  }
  return out;
}

json collect(const std::filesystem::path& store, const CollectOptions& options) {
  auto db = open_store(store);
  std::vector<std::string> notes;
  json data;
  data["format"] = "concord-report/1";
  data["generated_by"] = {{"program", "concord"},
                          {"version", CONCORD_VERSION},
                          {"commit", ensemble::build_commit()}};
  data["store"] = options.store_label.empty() ? store.string() : options.store_label;
  data["ensembles"] = list_ensembles(store);
  const std::int64_t id = pick_ensemble(db, store, options.ensemble);

  json tables = json::object();
  for (const auto& t : optional_tables()) {
    if (!db.tableExists(t)) continue;
    const auto cols = columns_of(db, t);
    const bool by_ensemble = cols.count("ensemble_id") != 0 && id != 0;
    SQLite::Statement q(db, by_ensemble
                                ? fmt::format("SELECT * FROM \"{}\" WHERE ensemble_id = ?", t)
                                : fmt::format("SELECT * FROM \"{}\"", t));
    if (by_ensemble) q.bind(1, id);
    json rows = rows_of(q, 20000);
    if (!rows.empty()) tables[t] = std::move(rows);
  }
  data["tables"] = tables;

  if (id == 0) {
    if (tables.empty()) {
      throw InputError(Location{store.string(), 0, 0, ""},
                       "the store holds no ensemble and no backtest: nothing to report");
    }
    data["ensemble"] = nullptr;
    notes.push_back("the store holds no ensemble (only validation tables)");
  } else {
    json info;
    for (const auto& e : data["ensembles"]) {
      if (e.value("ensemble_id", std::int64_t{0}) == id) info = e;
    }
    data["ensemble"] = info;
    const json spec = info.value("spec", json::object());
    if (info.value("status", "") != "complete") {
      notes.push_back(fmt::format(
          "ensemble {} is {} ({} of {} runs): its statistics are written when it completes; "
          "continue it with {}",
          id, info.value("status", "?"), info.value("committed_runs", json(0)).dump(),
          info.value("planned_runs", json(0)).dump(),
          spec.contains("command") ? fmt::format("{} --out {} --resume", spec["command"].get<std::string>(),
                                                 options.store_label.empty() ? store.string() : options.store_label)
                                   : std::string("the same command and --resume")));
    }
    // orders in plan order
    json orders = json::array();
    if (spec.contains("orders") && spec["orders"].is_array()) {
      orders = spec["orders"];
    } else {
      SQLite::Statement q(db,
                          "SELECT order_name FROM runs WHERE ensemble_id = ? GROUP BY order_name "
                          "ORDER BY MIN(run_id)");
      q.bind(1, id);
      while (q.executeStep()) orders.push_back(q.getColumn(0).getString());
    }
    data["orders"] = orders;
    data["baseline"] = spec.value("baseline", json(nullptr));
    data["states"] = states_of(spec, notes);

    // every statistic of the ensemble (read by column name)
    if (db.tableExists("statistics")) {
      SQLite::Statement q(db, "SELECT * FROM statistics WHERE ensemble_id = ?");
      q.bind(1, id);
      json rows = rows_of(q);
      for (auto& r : rows) r.erase("ensemble_id");
      data["statistics"] = std::move(rows);
    } else {
      data["statistics"] = json::array();
    }
    if (data["statistics"].empty()) notes.push_back("no statistics stored for this ensemble");

    // fan charts from the yearly table
    json fans = json::array();
    json fan_metrics = json::array();
    if (db.tableExists("yearly")) {
      SQLite::Statement names(db, "SELECT yearly_metrics FROM runs WHERE ensemble_id = ? LIMIT 1");
      names.bind(1, id);
      std::vector<std::string> metrics;
      if (names.executeStep() && !names.getColumn(0).isNull()) {
        const auto list = json::parse(names.getColumn(0).getString(), nullptr, false);
        if (list.is_array()) {
          for (const auto& m : list) {
            if (m.is_string() && is_fan_metric(m.get<std::string>())) metrics.push_back(m);
          }
        }
      }
      SQLite::Statement any(db, "SELECT 1 FROM yearly WHERE ensemble_id = ? LIMIT 1");
      any.bind(1, id);
      if (any.executeStep()) {
        for (const auto& m : metrics) {
          json rows = fan_rows(db, id, m);
          if (rows.empty()) continue;
          fan_metrics.push_back(m);
          for (auto& r : rows) fans.push_back(std::move(r));
        }
      }
    }
    if (fans.empty()) {
      notes.push_back("no yearly rows in the store (written only with --yearly): no fan "
                      "charts of disputes and concentration per year");
    }
    data["fans"] = std::move(fans);
    data["fan_metrics"] = std::move(fan_metrics);

    // timelines: the requested run, then the first run with a great-power war of each order,
    // then the first run with any event of each order
    std::vector<std::uint64_t> chosen;
    auto add_run = [&](std::uint64_t r) {
      if (chosen.size() < options.max_timelines &&
          std::find(chosen.begin(), chosen.end(), r) == chosen.end()) {
        chosen.push_back(r);
      }
    };
    if (options.run) add_run(*options.run);
    if (db.tableExists("events")) {
      for (const char* where : {"e.kind = 'great_power_war'", "1"}) {
        SQLite::Statement q(db, fmt::format("SELECT MIN(e.run_id) FROM events e JOIN runs r ON "
                                            "r.ensemble_id = e.ensemble_id AND r.run_id = "
                                            "e.run_id WHERE e.ensemble_id = ? AND {} GROUP BY "
                                            "r.order_name ORDER BY MIN(e.run_id)",
                                            where));
        q.bind(1, id);
        while (q.executeStep()) add_run(static_cast<std::uint64_t>(q.getColumn(0).getInt64()));
      }
    }
    if (chosen.empty()) {
      SQLite::Statement q(db, "SELECT MIN(run_id) FROM runs WHERE ensemble_id = ?");
      q.bind(1, id);
      if (q.executeStep() && !q.getColumn(0).isNull()) {
        add_run(static_cast<std::uint64_t>(q.getColumn(0).getInt64()));
      }
    }
    json timelines = json::array();
    for (auto r : chosen) {
      json t = timeline(db, id, r);
      if (t.is_null()) {
        if (options.run && r == *options.run) {
          throw InputError(Location{store.string(), 0, 0, "--run"},
                           fmt::format("ensemble {} has no run {}", id, r));
        }
        continue;
      }
      timelines.push_back(std::move(t));
    }
    data["timelines"] = std::move(timelines);
  }
  data["notes"] = notes;
  return data;
}

namespace {

// JSON safe inside <script type="application/json">: '<' only occurs inside JSON strings,
// where \u003c reads back as '<', so no "</script" or "<!--" can end the element.
std::string json_script_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  for (char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

// JavaScript safe inside <script>: "</script" (any case) becomes "<\/script" and "<!--"
// becomes "<\!--", which read the same in a JS string, template or comment. (A bare "</" must
// stay: the bundle holds regular expressions such as /</g.)
std::string js_script_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size()) {
      if (text.compare(i, 4, "<!--") == 0) {
        out += "<\\!--";
        i += 3;
        continue;
      }
      if (text[i + 1] == '/' && i + 8 <= text.size()) {
        std::string word(text.substr(i + 2, 6));
        for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (word == "script") {
          out += "<\\/";
          ++i;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_html(const json& data) {
  const Asset* script = find_asset("report.js");
  if (script == nullptr) throw std::runtime_error(frontend_missing_message());
  std::string title = "concord report";
  if (data.contains("ensemble") && data["ensemble"].is_object()) {
    const auto& spec = data["ensemble"].value("spec", json::object());
    const std::string name = spec.value("scenario_name", spec.value("scenario", ""));
    if (!name.empty()) title += ": " + name;
  }
  std::string html;
  html += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<meta name=\"generator\" content=\"concord " CONCORD_VERSION "\">\n";
  html += "<title>" + html_escape(title) + "</title>\n</head>\n<body>\n";
  html += "<main id=\"concord-report\"><noscript>This report draws its charts with JavaScript "
          "(inlined in this file; nothing is downloaded).</noscript></main>\n";
  html += "<script type=\"application/json\" id=\"concord-data\">";
  html += json_script_safe(data.dump(-1, ' ', false, json::error_handler_t::replace));
  html += "</script>\n<script>";
  html += js_script_safe(script->bytes);
  html += "</script>\n</body>\n</html>\n";
  return html;
}

void write_html(const json& data, const std::filesystem::path& file) {
  const std::string html = render_html(data);
  std::ofstream out(file, std::ios::binary);
  if (!out) throw InputError(Location{file.string(), 0, 0, ""}, "cannot be written");
  out << html;
  if (!out) throw InputError(Location{file.string(), 0, 0, ""}, "write failed (disk full?)");
}

namespace {

std::string shell_quote(const std::string& w) {
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string base64_decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int buf = 0, bits = 0;
  for (char c : in) {
    const int v = val(c);
    if (v < 0) continue;  // '=' padding, whitespace
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace

std::string find_chromium() {
  if (const char* env = std::getenv("CONCORD_CHROMIUM"); env != nullptr && *env != 0) return env;
  const char* path = std::getenv("PATH");
  const std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::size_t start = 0;
    while (start <= dirs.size()) {
      const std::size_t end = std::min(dirs.find(':', start), dirs.size());
      const std::filesystem::path candidate =
          std::filesystem::path(dirs.substr(start, end - start)) / name;
      std::error_code ec;
      if (!candidate.parent_path().empty() && std::filesystem::is_regular_file(candidate, ec)) {
        return candidate.string();
      }
      start = end + 1;
    }
  }
  return "";
}

std::vector<std::string> chromium_flags(const std::filesystem::path& profile_dir) {
  // The background-networking flags keep Chromium from calling home: on a closed network
  // (CI, an air-gapped analyst's machine) those connections fail, many at a time.
  return {"--headless",         "--no-sandbox",         "--disable-gpu",
          "--disable-quic",     "--no-first-run",       "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
          "--user-data-dir=" + profile_dir.string()};
}

std::vector<std::filesystem::path> export_figures(const std::filesystem::path& html,
                                                  const std::filesystem::path& dir,
                                                  const std::string& chromium,
                                                  int timeout_seconds) {
  if (chromium.empty()) {
    throw std::runtime_error("--figures renders the charts in a headless browser and none was "
                             "found: install Debian's chromium (scripts/install-deps.sh does) or "
                             "set CONCORD_CHROMIUM to a Chromium or Chrome binary");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(Location{dir.string(), 0, 0, "--figures"}, "cannot create: " + ec.message());
  std::string tmpl = (std::filesystem::temp_directory_path() / "concord-chromium-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("cannot create a temporary profile directory");
  const std::filesystem::path profile = tmpl;
  std::string cmd = fmt::format("timeout {} {}", timeout_seconds, shell_quote(chromium));
  for (const auto& f : chromium_flags(profile)) cmd += " " + shell_quote(f);
  cmd += " --virtual-time-budget=600000 --dump-dom ";
  cmd += shell_quote("file://" + std::filesystem::absolute(html).string() + "#export");
  cmd += " 2>" + shell_quote((profile / "stderr.txt").string());
  std::string dom;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[65536];
    std::size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) dom.append(buf, n);
    pclose(p);
  }
  std::string browser_err;
  {
    std::ifstream e(profile / "stderr.txt");
    browser_err.assign((std::istreambuf_iterator<char>(e)), std::istreambuf_iterator<char>());
  }
  std::filesystem::remove_all(profile, ec);
  const std::string open_tag = "<pre id=\"concord-export\">";
  const auto a = dom.find(open_tag);
  const auto b = a == std::string::npos ? a : dom.find("</pre>", a);
  if (b == std::string::npos) {
    if (browser_err.size() > 2000) browser_err = browser_err.substr(browser_err.size() - 2000);
    throw std::runtime_error(fmt::format("the browser ({}) did not render the report's charts "
                                         "within {} s; its messages:\n{}",
                                         chromium, timeout_seconds, browser_err));
  }
  const auto exported = json::parse(dom.substr(a + open_tag.size(), b - a - open_tag.size()),
                                    nullptr, false);
  if (!exported.is_object()) throw std::runtime_error("the report's figure export is malformed");
  if (exported.contains("error")) {
    throw std::runtime_error("the report could not be drawn: " + exported["error"].dump());
  }
  if (exported.contains("failed") && !exported["failed"].empty()) {
    std::string list;
    for (const auto& f : exported["failed"]) list += "\n  " + f.get<std::string>();
    throw std::runtime_error("charts of the report failed to render:" + list);
  }
  const json& figures = exported.value("figures", json::object());
  std::vector<std::filesystem::path> written;
  for (const auto& [name, fig] : figures.items()) {
    for (const char* ext : {"svg", "png"}) {
      if (!fig.contains(ext) || !fig[ext].is_string()) continue;
      const auto file = dir / (name + "." + ext);
      std::ofstream out(file, std::ios::binary);
      out << base64_decode(fig[ext].get<std::string>());
      if (!out) throw InputError(Location{file.string(), 0, 0, ""}, "cannot be written");
      written.push_back(file);
    }
  }
  return written;
}

}  // namespace concord::report

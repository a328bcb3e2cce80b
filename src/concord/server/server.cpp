#include "concord/server/server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/ensemble/compare.hpp"
#include "concord/ensemble/driver.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/report/assets.hpp"
#include "concord/report/report.hpp"
#include "concord/scenario/load.hpp"
#include "concord/scenario/summary.hpp"

namespace concord::server {

namespace fs = std::filesystem;
using nlohmann::json;

bool safe_name(const std::string& name) {
  if (name.empty() || name.size() > 80) return false;
  if (!std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') return false;
  }
  return name.find("..") == std::string::npos;
}

std::optional<fs::path> inside_workspace(const fs::path& workspace, const std::string& relative) {
  if (relative.empty() || relative.front() == '/') return std::nullopt;
  fs::path p = workspace;
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t end = std::min(relative.find('/', start), relative.size());
    const std::string part = relative.substr(start, end - start);
    if (!safe_name(part)) return std::nullopt;
    p /= part;
    start = end + 1;
  }
  std::error_code ec;
  const fs::path canon = fs::weakly_canonical(p, ec);
  if (ec) return std::nullopt;
  const std::string root = workspace.string() + "/";
  if (canon.string().rfind(root, 0) != 0) return std::nullopt;  // a link led outside
  return canon;
}

namespace {

json error_body(const std::string& message) { return {{"error", message}}; }

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message,
                const json& extra = json::object()) {
  json body = error_body(message);
  for (const auto& [k, v] : extra.items()) body[k] = v;
  send_json(res, body, status);
}

json problems_json(const InputError& e) {
  json out = json::array();
  for (const auto& p : e.problems()) {
    out.push_back({{"file", p.where.file},
                   {"line", p.where.line},
                   {"column", p.where.column},
                   {"field", p.where.field},
                   {"message", p.message},
                   {"text", p.str()}});
  }
  return out;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// What the app shows of a scenario: actors with capability shares, institutions with their
// members, flashpoints with their parties, dyads with an alliance or trade.
json scenario_summary(const Scenario& s) {
  json j;
  j["meta"] = {{"name", s.meta.name},
               {"description", s.meta.description},
               {"start_year", s.meta.start_year},
               {"horizon", s.meta.horizon},
               {"region", s.meta.region}};
  std::map<int, std::string> abb;
  for (const auto& a : s.actors) abb[a.ccode] = a.stateabb;
  const auto label = [&](int c) { return abb.count(c) ? abb[c] : std::to_string(c); };
  const auto cinc = scenario_cinc(s);
  json actors = json::array();
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    const auto& a = s.actors[i];
    actors.push_back({{"ccode", a.ccode},
                      {"stateabb", a.stateabb},
                      {"name", a.name},
                      {"cinc", number_or_null(cinc[i])},
                      {"gdp", number_or_null(a.gdp)},
                      {"population", number_or_null(a.population)},
                      {"regime", number_or_null(a.regime)},
                      {"great_power", a.great_power}});
  }
  std::stable_sort(actors.begin(), actors.end(), [](const json& x, const json& y) {
    const double a = x["cinc"].is_number() ? x["cinc"].get<double>() : -1;
    const double b = y["cinc"].is_number() ? y["cinc"].get<double>() : -1;
    return a > b;
  });
  j["actors"] = actors;
  json inst = json::array();
  for (const auto& i : s.institutions) {
    json members = json::array();
    for (const auto& m : i.members) members.push_back(label(m.ccode));
    json mandate = json::array();
    for (int m = 0; m < kMandateCount; ++m) {
      if (i.mandate.has(static_cast<Mandate>(m))) mandate.push_back(to_string(static_cast<Mandate>(m)));
    }
    inst.push_back({{"name", i.name},
                    {"decision_rule", to_string(i.decision_rule)},
                    {"veto_threshold", i.veto_threshold},
                    {"capacity", i.capacity},
                    {"mandate", mandate},
                    {"members", members}});
  }
  j["institutions"] = inst;
  json flash = json::array();
  for (const auto& f : s.flashpoints) {
    json parties = json::array();
    for (const auto& p : f.parties) {
      parties.push_back({{"ccode", p.ccode}, {"stateabb", label(p.ccode)}, {"position", p.position}, {"salience", p.salience}});
    }
    flash.push_back({{"name", f.name},
                     {"parties", parties},
                     {"incident_rate", f.incident_rate},
                     {"status_quo", f.status_quo}});
  }
  j["flashpoints"] = flash;
  json dyads = json::array();
  for (const auto& d : s.dyads) {
    if (d.alliance == 0 && d.trade() <= 0 && !d.rivalry) continue;
    dyads.push_back({{"a", label(d.a)}, {"b", label(d.b)}, {"alliance", d.alliance},
                     {"trade", d.trade()}, {"rivalry", d.rivalry}});
  }
  j["dyads"] = dyads;
  return j;
}

// The scalar and one-line-array fields of a TOML text with their lines, for the order form.
void collect_fields(const toml::table& t, const std::string& prefix, json& out) {
  for (const auto& [key, node] : t) {
    const std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      collect_fields(*sub, path, out);
      continue;
    }
    if (const auto* arr = node.as_array()) {
      if (arr->is_array_of_tables()) {
        for (std::size_t i = 0; i < arr->size(); ++i) {
          if (const auto* tt = arr->get(i)->as_table()) collect_fields(*tt, fmt::format("{}[{}]", path, i), out);
        }
        continue;
      }
      json values = json::array();
      bool simple = true;
      for (const auto& v : *arr) {
        if (auto s = v.value<std::string>(); s && v.is_string()) values.push_back(*s);
        else if (v.is_integer()) values.push_back(*v.value<std::int64_t>());
        else if (v.is_floating_point()) values.push_back(*v.value<double>());
        else simple = false;
      }
      const auto& src = node.source();
      if (simple && src.begin.line == src.end.line) {
        out.push_back({{"path", path}, {"type", "array"}, {"value", values}, {"line", src.begin.line}});
      }
      continue;
    }
    json f = {{"path", path}, {"line", node.source().begin.line}};
    if (node.is_string()) f["type"] = "string", f["value"] = *node.value<std::string>();
    else if (node.is_integer()) f["type"] = "integer", f["value"] = *node.value<std::int64_t>();
    else if (node.is_floating_point()) f["type"] = "float", f["value"] = *node.value<double>();
    else if (node.is_boolean()) f["type"] = "boolean", f["value"] = *node.value<bool>();
    else continue;
    out.push_back(std::move(f));
  }
}

json order_check(const std::string& text, const std::string& source_name) {
  json r;
  r["ok"] = true;
  r["problems"] = json::array();
  try {
    (void)parse_order(text, source_name);
  } catch (const InputError& e) {
    r["ok"] = false;
    r["problems"] = problems_json(e);
  }
  json fields = json::array();
  try {
    const toml::table t = toml::parse(text, source_name);
    collect_fields(t, "", fields);
  } catch (const toml::parse_error&) {
    fields = nullptr;  // syntax error: the form keeps its last state
  }
  r["fields"] = fields;
  return r;
}

struct Job {
  int id = 0;
  std::string kind;
  std::string scenario;             // as chosen ("shipped:asia-pacific-2015")
  std::vector<std::string> orders;  // order names
  std::uint64_t runs = 0;
  int years = 0;
  std::uint64_t seed = 0;
  std::string store;                // relative to the workspace
  std::string command;              // to continue it: command + " --resume"
  std::atomic<bool> stop{false};
  bool cancelled = false;
  std::unique_ptr<ensemble::ComparePlan> plan;
  std::thread thread;

  std::mutex m;
  std::condition_variable cv;
  std::string status = "running";   // running | complete | interrupted | cancelled | failed
  std::uint64_t done = 0;
  std::uint64_t total = 0;
  std::string error;
  std::uint64_t version = 0;        // bumped on every change (server-sent events wait on it)

  json to_json() {
    std::lock_guard lock(m);
    return {{"id", id},       {"kind", kind},   {"scenario", scenario}, {"orders", orders},
            {"runs", runs},   {"years", years}, {"seed", seed},         {"store", store},
            {"status", status}, {"done", done}, {"total", total},       {"error", error},
            {"command", command}};
  }
  [[nodiscard]] bool finished() const { return status != "running"; }
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  fs::path ws;  // canonical workspace
  httplib::Server http;
  std::mutex jobs_mutex;
  std::map<int, std::shared_ptr<Job>> jobs;
  int active = 0;   // jobs running or being prepared
  int next_id = 0;  // 0: scan runs/ first
  std::atomic<bool> stopping{false};

  fs::path shipped_scenarios() const { return project_dir() / "scenarios"; }

  static std::vector<std::string> stems(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".toml" && safe_name(e.path().stem().string())) {
        out.push_back(e.path().stem().string());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // "shipped:NAME" / "workspace:NAME" (or source and name apart) -> file; nullopt if unsafe.
  std::optional<fs::path> scenario_file(const std::string& source, const std::string& name) const {
    if (!safe_name(name)) return std::nullopt;
    if (source == "shipped") return shipped_scenarios() / (name + ".toml");
    if (source == "workspace") return inside_workspace(ws, "scenarios/" + name + ".toml");
    return std::nullopt;
  }
  std::optional<fs::path> order_file(const std::string& source, const std::string& name) const {
    if (!safe_name(name)) return std::nullopt;
    if (source == "preset") return presets_dir() / (name + ".toml");
    if (source == "workspace") return inside_workspace(ws, "orders/" + name + ".toml");
    return std::nullopt;
  }

  // 400 for a malformed name, 403 for one that tries to leave the workspace.
  static void refuse_name(httplib::Response& res, const std::string& what, const std::string& name) {
    if (name.find("..") != std::string::npos || name.find('/') != std::string::npos ||
        name.find('\\') != std::string::npos) {
      send_error(res, 403, fmt::format("{} '{}' leaves the workspace: names are letters, digits, "
                                       "'.', '-' and '_' (no '/' or '..')",
                                       what, name));
    } else {
      send_error(res, 400, fmt::format("{} '{}' is not a valid name: 1 to 80 letters, digits, "
                                       "'.', '-' or '_', starting with a letter or digit",
                                       what, name));
    }
  }

  void routes();
  void launch(const httplib::Request& req, httplib::Response& res);
  void run_job(const std::shared_ptr<Job>& job);
  int allocate_id();
};

int Server::Impl::allocate_id() {
  if (next_id == 0) {
    next_id = 1;
    std::error_code ec;
    const fs::path runs = ws / "runs";
    if (fs::is_directory(runs, ec)) {
      static const std::regex re("job-([0-9]{1,9})\\.sqlite");
      for (const auto& e : fs::directory_iterator(runs, ec)) {
        std::smatch m;
        const std::string n = e.path().filename().string();
        if (std::regex_match(n, m, re)) next_id = std::max(next_id, std::stoi(m[1]) + 1);
      }
    }
  }
  return next_id++;
}

void Server::Impl::run_job(const std::shared_ptr<Job>& job) {
  try {
    const ensemble::ComparePlan& cp = *job->plan;
    ensemble::GroupedStatistics stats(cp.summary);
    ensemble::ExecuteOptions eo;
    eo.store = ws / job->store;
    eo.threads = options.limits.threads_per_job;
    eo.quiet = true;
    eo.label = cp.kind();
    eo.stop = &job->stop;
    eo.store_options.yearly = true;
    eo.progress = [&](std::uint64_t done, std::uint64_t total) {
      std::lock_guard lock(job->m);
      job->done = done;
      job->total = total;
      ++job->version;
      job->cv.notify_all();
    };
    const auto r = ensemble::execute(
        cp.plan, cp.info(), cp.simulate(),
        [&](const RunRecord& run) { stats.add(run); }, eo,
        [&](store::ResultsStore& db, std::int64_t id) { db.write_statistics(id, stats.rows()); });
    std::lock_guard lock(job->m);
    job->status = !r.report.interrupted ? "complete" : job->cancelled ? "cancelled" : "interrupted";
  } catch (const std::exception& e) {
    std::lock_guard lock(job->m);
    job->status = "failed";
    job->error = e.what();
  }
  {
    std::lock_guard lock(job->m);
    job->plan.reset();  // free the models
    ++job->version;
    job->cv.notify_all();
  }
  std::lock_guard lock(jobs_mutex);
  --active;
}

void Server::Impl::launch(const httplib::Request& req, httplib::Response& res) {
  const auto& lim = options.limits;
  const json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) {
    send_error(res, 400, "expected a JSON object: {\"kind\": \"compare\", \"scenario\": "
                         "\"shipped:asia-pacific-2015\", \"orders\": [\"multiplex\", \"g2\"], "
                         "\"runs\": 50, \"years\": 20, \"seed\": 1}");
    return;
  }
  std::vector<Problem> problems;
  auto bad = [&](const std::string& field, const std::string& message) {
    problems.push_back({Location{"POST /api/runs", 0, 0, field}, message});
  };
  const std::string kind = body.value("kind", "compare");
  if (kind != "compare" && kind != "run") bad("kind", "expected \"run\" or \"compare\", got \"" + kind + "\"");
  auto integer = [&](const char* field, std::int64_t fallback) -> std::int64_t {
    if (!body.contains(field)) return fallback;
    const auto& v = body[field];
    if (!v.is_number_integer() && !v.is_number_unsigned()) {
      bad(field, fmt::format("expected a whole number, got {}", v.dump()));
      return fallback;
    }
    return v.is_number_unsigned() ? static_cast<std::int64_t>(std::min<std::uint64_t>(v.get<std::uint64_t>(), INT64_MAX)) : v.get<std::int64_t>();
  };
  const std::int64_t runs = integer("runs", 100);
  const std::int64_t years = integer("years", 0);
  const std::int64_t seed = integer("seed", 1);
  if (runs < 1 || static_cast<std::uint64_t>(runs) > lim.max_runs) {
    bad("runs", fmt::format("{} runs per order is outside this server's bounds 1 to {} (concord "
                            "serve --max-runs)",
                            runs, lim.max_runs));
  }
  if (years < 0 || years > lim.max_years) {
    bad("years", fmt::format("{} years is outside this server's bounds 1 to {} (0 = the "
                             "scenario's horizon; concord serve --max-years)",
                             years, lim.max_years));
  }
  if (seed < 0) bad("seed", "expected a seed >= 0");
  const std::string events = body.contains("events") && body["events"].is_string() ? body["events"].get<std::string>() : "wars";
  if (events != "wars" && events != "all") bad("events", "expected \"wars\" (the default) or \"all\" (also disputes, crises, measures and vetoes)");
  // scenario
  std::optional<fs::path> scenario;
  const std::string scen = body.value("scenario", "");
  {
    const auto colon = scen.find(':');
    const std::string source = colon == std::string::npos ? "shipped" : scen.substr(0, colon);
    const std::string name = colon == std::string::npos ? scen : scen.substr(colon + 1);
    scenario = scenario_file(source, name);
    std::error_code ec;
    if (!scenario) {
      bad("scenario", fmt::format("'{}' is not a scenario: expected shipped:NAME or workspace:NAME "
                                  "with a NAME of letters, digits, '.', '-', '_'",
                                  scen));
    } else if (!fs::is_regular_file(*scenario, ec)) {
      bad("scenario", fmt::format("no scenario '{}' (GET /api/scenarios lists them)", scen));
      scenario.reset();
    }
  }
  // orders
  std::vector<std::string> order_specs;
  if (!body.contains("orders") || !body["orders"].is_array() || body["orders"].empty()) {
    bad("orders", "expected a list of orders: preset names or workspace:NAME");
  } else if (body["orders"].size() > lim.max_orders) {
    bad("orders", fmt::format("{} orders is over this server's limit of {}", body["orders"].size(), lim.max_orders));
  } else {
    for (const auto& o : body["orders"]) {
      const std::string text = o.is_string() ? o.get<std::string>() : o.dump();
      const auto colon = text.find(':');
      const std::string source = colon == std::string::npos ? "preset" : text.substr(0, colon);
      const std::string name = colon == std::string::npos ? text : text.substr(colon + 1);
      const auto file = order_file(source, name);
      std::error_code ec;
      if (!file || !fs::is_regular_file(*file, ec)) {
        bad("orders", fmt::format("no order '{}' (GET /api/orders lists them)", text));
        continue;
      }
      order_specs.push_back(source == "preset" ? name : file->string());
    }
  }
  if (kind == "run" && order_specs.size() > 1) bad("orders", "a run takes one order; use kind \"compare\" for several");
  if (!problems.empty()) {
    const InputError e(std::move(problems));
    send_error(res, 422, e.what(), {{"problems", problems_json(e)}});
    return;
  }
  // reserve a job slot before the (slow) preparation, so that concurrent requests cannot
  // overshoot the limit
  {
    std::lock_guard lock(jobs_mutex);
    if (stopping) {
      send_error(res, 503, "the server is shutting down");
      return;
    }
    if (active >= lim.max_jobs) {
      send_error(res, 429, fmt::format("{} job(s) are running, the limit of this server (concord "
                                       "serve --max-jobs); wait for one to finish or cancel one",
                                       active));
      return;
    }
    ++active;
  }
  auto release = [&] {
    std::lock_guard lock(jobs_mutex);
    --active;
  };
  auto job = std::make_shared<Job>();
  try {
    ensemble::CompareSettings s;
    s.scenario = scenario->string();
    s.orders = order_specs;
    s.runs = static_cast<std::uint64_t>(runs);
    s.years = static_cast<int>(years);
    s.seed = static_cast<std::uint64_t>(seed);
    s.compare = kind == "compare";
    s.yearly = true;
    s.events = events;
    job->plan = ensemble::prepare_compare(s);
    // prepare_compare keeps one model per order name: two files with one name would merge
    if (job->plan->names.size() != order_specs.size()) {
      throw InputError(Location{"POST /api/runs", 0, 0, "orders"},
                       "two of the orders have the same name (the `name` key of an order "
                       "file): give each a name of its own");
    }
  } catch (const InputError& e) {
    release();
    send_error(res, 422, e.what(), {{"problems", problems_json(e)}});
    return;
  } catch (const std::exception& e) {
    release();
    send_error(res, 500, e.what());
    return;
  }
  std::error_code ec;
  fs::create_directories(ws / "runs", ec);
  if (ec) {
    release();
    send_error(res, 500, "cannot create the workspace's runs/ folder: " + ec.message());
    return;
  }
  {
    std::lock_guard lock(jobs_mutex);
    job->id = allocate_id();
  }
  job->kind = kind;
  job->scenario = scen;
  job->orders = job->plan->names;
  job->runs = static_cast<std::uint64_t>(runs);
  job->years = job->plan->years;
  job->seed = static_cast<std::uint64_t>(seed);
  job->store = fmt::format("runs/job-{}.sqlite", job->id);
  job->total = job->plan->plan.runs.size();
  job->command = job->plan->description((ws / job->store).string())["command"].get<std::string>();
  {
    // listed only once every field is set (GET /api/runs reads them from other threads)
    std::lock_guard lock(jobs_mutex);
    jobs[job->id] = job;
    job->thread = std::thread([this, job] { run_job(job); });
  }
  res.set_header("Location", fmt::format("/api/runs/{}", job->id));
  send_json(res, job->to_json(), 202);
}

void Server::Impl::routes() {
  auto& s = http;
  s.set_payload_max_length(options.limits.max_body);
  s.new_task_queue = [] { return new httplib::ThreadPool(32); };
  s.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message;
    switch (res.status) {
      case 413:
        message = fmt::format("request body over this server's limit of {} bytes (concord serve "
                              "--max-body)",
                              options.limits.max_body);
        break;
      case 404: message = "not found"; break;
      case 400: message = "malformed request"; break;
      default: message = fmt::format("HTTP {}", res.status);
    }
    send_json(res, error_body(message), res.status);
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const InputError& e) {
      send_error(res, 422, e.what(), {{"problems", problems_json(e)}});
    } catch (const std::exception& e) {
      send_error(res, 500, e.what());
    } catch (...) {
      send_error(res, 500, "unknown error");
    }
  });

  // --- the app
  auto asset = [](const std::string& name) {
    return [name](const httplib::Request&, httplib::Response& res) {
      const auto* a = report::find_asset(name);
      if (a == nullptr) {
        send_error(res, 404, "not found");
        return;
      }
      res.set_content(std::string(a->bytes), std::string(a->content_type).c_str());
      res.set_header("Cache-Control", "no-cache");
    };
  };
  s.Get("/", asset("index.html"));
  s.Get("/index.html", asset("index.html"));
  s.Get("/app.js", asset("app.js"));
  s.Get("/report.js", asset("report.js"));

  s.Get("/api/info", [this](const httplib::Request&, httplib::Response& res) {
    const auto& l = options.limits;
    send_json(res, {{"program", "concord"},
                    {"version", CONCORD_VERSION},
                    {"commit", ensemble::build_commit()},
                    {"workspace", ws.string()},
                    {"limits", {{"max_body", l.max_body}, {"max_runs", l.max_runs},
                                {"max_years", l.max_years}, {"max_orders", l.max_orders},
                                {"max_jobs", l.max_jobs}, {"threads_per_job", l.threads_per_job}}}});
  });

  // --- scenarios
  s.Get("/api/scenarios", [this](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& n : stems(shipped_scenarios())) {
      list.push_back({{"name", n}, {"source", "shipped"}, {"file", "scenarios/" + n + ".toml"}});
    }
    for (const auto& n : stems(ws / "scenarios")) {
      list.push_back({{"name", n}, {"source", "workspace"}, {"file", "scenarios/" + n + ".toml"}});
    }
    send_json(res, {{"scenarios", list}});
  });
  s.Get(R"(/api/scenarios/([^/]+)/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string source = req.matches[1], name = req.matches[2];
    const auto file = scenario_file(source, name);
    if (!file) return refuse_name(res, "scenario", name);
    std::error_code ec;
    if (!fs::is_regular_file(*file, ec)) return send_error(res, 404, "no scenario " + source + ":" + name);
    const std::string text = read_text(*file);
    const Scenario sc = parse_scenario(text, (source == "shipped" ? "scenarios/" : "workspace scenarios/") + name + ".toml");
    send_json(res, {{"name", name}, {"source", source}, {"file", "scenarios/" + name + ".toml"},
                    {"toml", text}, {"summary", scenario_summary(sc)}});
  });
  s.Post("/api/scenarios/check", [](const httplib::Request& req, httplib::Response& res) {
    json r;
    try {
      const Scenario sc = parse_scenario(req.body, "scenario.toml");
      r = {{"ok", true}, {"problems", json::array()}, {"summary", scenario_summary(sc)}};
    } catch (const InputError& e) {
      r = {{"ok", false}, {"problems", problems_json(e)}};
    }
    send_json(res, r);
  });
  s.Put(R"(/api/scenarios/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1];
    const auto file = scenario_file("workspace", name);
    if (!file) return refuse_name(res, "scenario", name);
    try {
      (void)parse_scenario(req.body, "scenario.toml");
    } catch (const InputError& e) {
      return send_error(res, 422, "the scenario has problems; nothing was saved",
                        {{"ok", false}, {"problems", problems_json(e)}});
    }
    std::error_code ec;
    fs::create_directories(file->parent_path(), ec);
    std::ofstream(*file, std::ios::binary) << req.body;
    send_json(res, {{"ok", true}, {"file", "scenarios/" + name + ".toml"}}, 201);
  });

  // --- orders
  s.Get("/api/orders", [this](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& n : stems(presets_dir())) list.push_back({{"name", n}, {"source", "preset"}});
    for (const auto& n : stems(ws / "orders")) list.push_back({{"name", n}, {"source", "workspace"}});
    send_json(res, {{"orders", list}});
  });
  s.Get(R"(/api/orders/([^/]+)/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string source = req.matches[1], name = req.matches[2];
    const auto file = order_file(source, name);
    if (!file) return refuse_name(res, "order", name);
    std::error_code ec;
    if (!fs::is_regular_file(*file, ec)) return send_error(res, 404, "no order " + source + ":" + name);
    const std::string text = read_text(*file);
    json r = order_check(text, "orders/" + name + ".toml");
    r["name"] = name;
    r["source"] = source;
    r["file"] = "orders/" + name + ".toml";
    r["toml"] = text;
    send_json(res, r);
  });
  s.Post("/api/orders/check", [](const httplib::Request& req, httplib::Response& res) {
    send_json(res, order_check(req.body, "order.toml"));
  });
  s.Put(R"(/api/orders/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1];
    const auto file = order_file("workspace", name);
    if (!file) return refuse_name(res, "order", name);
    try {
      (void)parse_order(req.body, "orders/" + name + ".toml");
    } catch (const InputError& e) {
      return send_error(res, 422, "the order has problems; nothing was saved",
                        {{"ok", false}, {"problems", problems_json(e)}});
    }
    std::error_code ec;
    fs::create_directories(file->parent_path(), ec);
    std::ofstream(*file, std::ios::binary) << req.body;
    send_json(res, {{"ok", true}, {"file", "orders/" + name + ".toml"}}, 201);
  });

  // --- runs
  s.Post("/api/runs", [this](const httplib::Request& req, httplib::Response& res) { launch(req, res); });
  s.Get("/api/runs", [this](const httplib::Request&, httplib::Response& res) {
    std::vector<std::shared_ptr<Job>> list;
    {
      std::lock_guard lock(jobs_mutex);
      for (auto& [id, j] : jobs) list.push_back(j);
    }
    json out = json::array();
    for (auto& j : list) out.push_back(j->to_json());
    send_json(res, {{"runs", out}});
  });
  auto find_job = [this](const std::string& id) -> std::shared_ptr<Job> {
    std::lock_guard lock(jobs_mutex);
    try {
      const auto it = jobs.find(std::stoi(id));
      return it == jobs.end() ? nullptr : it->second;
    } catch (...) {
      return nullptr;
    }
  };
  s.Get(R"(/api/runs/([0-9]{1,9}))", [find_job](const httplib::Request& req, httplib::Response& res) {
    auto j = find_job(req.matches[1]);
    if (!j) return send_error(res, 404, "no job " + std::string(req.matches[1]));
    send_json(res, j->to_json());
  });
  s.Delete(R"(/api/runs/([0-9]{1,9}))", [find_job](const httplib::Request& req, httplib::Response& res) {
    auto j = find_job(req.matches[1]);
    if (!j) return send_error(res, 404, "no job " + std::string(req.matches[1]));
    {
      std::lock_guard lock(j->m);
      if (!j->finished()) j->cancelled = true;
    }
    j->stop = true;
    send_json(res, j->to_json(), 202);
  });
  s.Get(R"(/api/runs/([0-9]{1,9})/events)", [this, find_job](const httplib::Request& req, httplib::Response& res) {
    auto j = find_job(req.matches[1]);
    if (!j) return send_error(res, 404, "no job " + std::string(req.matches[1]));
    res.set_header("Cache-Control", "no-cache");
    auto seen = std::make_shared<std::uint64_t>(UINT64_MAX);
    res.set_chunked_content_provider("text/event-stream", [this, j, seen](std::size_t, httplib::DataSink& sink) {
      json state;
      bool end = false;
      {
        std::unique_lock lock(j->m);
        j->cv.wait_for(lock, std::chrono::milliseconds(*seen == UINT64_MAX ? 0 : 250),
                       [&] { return j->version != *seen || stopping.load(); });
        if (j->version == *seen && !j->finished() && !stopping) {
          lock.unlock();
          const std::string ping = ": waiting\n\n";
          return sink.write(ping.data(), ping.size());
        }
        *seen = j->version;
        end = j->finished();
      }
      state = j->to_json();
      const std::string msg = fmt::format("event: {}\ndata: {}\n\n", end ? "end" : "progress", state.dump());
      if (!sink.write(msg.data(), msg.size())) return false;
      if (end || stopping) sink.done();
      return true;
    });
  });

  // --- results
  s.Get("/api/stores", [this](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(ws, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it.depth() > 3) it.disable_recursion_pending();
      if (!it->is_regular_file() || it->path().extension() != ".sqlite") continue;
      const std::string rel = fs::relative(it->path(), ws).generic_string();
      if (!inside_workspace(ws, rel)) continue;
      json entry = {{"path", rel}, {"bytes", it->file_size()}};
      try {
        entry["ensembles"] = report::list_ensembles(it->path());
      } catch (const std::exception& e) {
        entry["error"] = e.what();
      }
      list.push_back(std::move(entry));
    }
    std::sort(list.begin(), list.end(), [](const json& a, const json& b) { return a["path"] < b["path"]; });
    send_json(res, {{"stores", list}});
  });
  auto report_options = [this](const httplib::Request& req, httplib::Response& res,
                               report::CollectOptions& o) -> std::optional<fs::path> {
    const std::string rel = req.get_param_value("store");
    const auto file = inside_workspace(ws, rel);
    if (!file) {
      refuse_name(res, "store", rel);
      return std::nullopt;
    }
    try {
      if (req.has_param("ensemble") && !req.get_param_value("ensemble").empty()) o.ensemble = std::stoll(req.get_param_value("ensemble"));
      if (req.has_param("run") && !req.get_param_value("run").empty()) o.run = std::stoull(req.get_param_value("run"));
    } catch (...) {
      send_error(res, 400, "ensemble and run are whole numbers");
      return std::nullopt;
    }
    o.store_label = rel;
    return file;
  };
  s.Get("/api/report", [report_options](const httplib::Request& req, httplib::Response& res) {
    report::CollectOptions o;
    const auto file = report_options(req, res, o);
    if (!file) return;
    std::error_code ec;
    if (!fs::is_regular_file(*file, ec)) return send_error(res, 404, "no store " + o.store_label);
    send_json(res, report::collect(*file, o));
  });
  s.Get("/api/report.html", [report_options](const httplib::Request& req, httplib::Response& res) {
    report::CollectOptions o;
    const auto file = report_options(req, res, o);
    if (!file) return;
    std::error_code ec;
    if (!fs::is_regular_file(*file, ec)) return send_error(res, 404, "no store " + o.store_label);
    res.set_content(report::render_html(report::collect(*file, o)), "text/html; charset=utf-8");
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"report-{}.html\"", file->stem().string()));
  });
  s.Get(R"(/files/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string rel = req.matches[1];
    const auto file = inside_workspace(ws, rel);
    if (!file) return refuse_name(res, "file", rel);
    std::error_code ec;
    if (!fs::is_regular_file(*file, ec)) return send_error(res, 404, "no file " + rel);
    res.set_content(read_text(*file), rel.size() > 7 && rel.substr(rel.size() - 7) == ".sqlite"
                                          ? "application/vnd.sqlite3"
                                          : "application/octet-stream");
  });
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  if (!report::frontend_built()) throw InputError(Location{"concord serve", 0, 0, ""}, report::frontend_missing_message());
  impl_->options = std::move(options);
  std::error_code ec;
  fs::create_directories(impl_->options.workspace, ec);
  if (ec || !fs::is_directory(impl_->options.workspace)) {
    throw InputError(Location{impl_->options.workspace.string(), 0, 0, "--workspace"},
                     "cannot create the workspace directory" + (ec ? ": " + ec.message() : ""));
  }
  impl_->ws = fs::canonical(impl_->options.workspace);
  impl_->routes();
}

Server::~Server() {
  stop();
  std::vector<std::shared_ptr<Job>> list;
  {
    std::lock_guard lock(impl_->jobs_mutex);
    for (auto& [id, j] : impl_->jobs) list.push_back(j);
  }
  for (auto& j : list) {
    if (j->thread.joinable()) j->thread.join();
  }
}

int Server::bind() {
  const auto& o = impl_->options;
  const int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host)
                               : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of "
                                         "this machine); choose another with --port",
                                         o.host, o.port));
  }
  return port;
}

void Server::listen() { impl_->http.listen_after_bind(); }

void Server::stop() {
  impl_->stopping = true;
  {
    std::lock_guard lock(impl_->jobs_mutex);
    for (auto& [id, j] : impl_->jobs) {
      j->stop = true;
      std::lock_guard jl(j->m);
      j->cv.notify_all();
    }
  }
  impl_->http.stop();
}

const fs::path& Server::workspace() const { return impl_->ws; }

}  // namespace concord::server

// concord.run / concord.compare: the library's ensemble/compare.hpp (the CLI's own code path),
// with the GIL released while models are built and runs simulated, every run collected into
// columns for pandas, and Ctrl-C (SIGINT) turned into KeyboardInterrupt once the runs in flight
// are committed.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>

#include "bindings.hpp"
#include "concord/engine/params.hpp"
#include "concord/ensemble/compare.hpp"
#include "concord/ensemble/interrupt.hpp"
#include "concord/ensemble/report.hpp"

namespace concord::python {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Named columns of doubles that grow a row at a time; a name first seen late gets NaN above.
struct Columns {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;
  std::map<std::string, std::size_t> index;
  std::size_t rows = 0;

  std::size_t column(const std::string& name) {
    const auto it = index.find(name);
    if (it != index.end()) return it->second;
    index.emplace(name, names.size());
    names.push_back(name);
    values.emplace_back(rows, kNaN);
    return names.size() - 1;
  }
  // Starts a row of NaN; fill it with set().
  void add_row() {
    ++rows;
    for (auto& v : values) v.push_back(kNaN);
  }
  void set(std::size_t c, double v) { values[c].back() = v; }

  void into(py::dict& d) const {
    for (std::size_t c = 0; c < names.size(); ++c) d[py::str(names[c])] = to_numpy(values[c]);
  }
};

// Every run's summary values, yearly metrics and events, in run-id order.
struct Collector {
  bool yearly = true;
  bool events = true;
  std::vector<std::uint64_t> run_id, replicate;
  std::vector<std::string> order;
  Columns summary;
  std::vector<std::uint64_t> y_run;
  std::vector<std::string> y_order;
  std::vector<int> y_year;
  Columns ycols;
  std::vector<std::uint64_t> e_run;
  std::vector<std::string> e_order;
  std::vector<std::int64_t> e_seq;
  std::vector<int> e_year, e_end;
  std::vector<std::string> e_kind, e_subject, e_outcome;
  std::vector<std::vector<int>> e_a, e_b;
  std::vector<double> e_value;

  void add(const RunRecord& r) {
    run_id.push_back(r.key.run_id);
    replicate.push_back(r.key.replicate);
    order.push_back(r.key.order);
    summary.add_row();
    for (std::size_t m = 0; m < r.summary.size() && m < r.summary_names.size(); ++m) {
      summary.set(summary.column(r.summary_names[m]), r.summary[m]);
    }
    const std::size_t nm = r.yearly_names.size();
    if (yearly && nm > 0 && r.yearly.size() == static_cast<std::size_t>(r.years) * nm) {
      std::vector<std::size_t> cols(nm);
      for (std::size_t m = 0; m < nm; ++m) cols[m] = ycols.column(r.yearly_names[m]);
      for (int y = 0; y < r.years; ++y) {
        y_run.push_back(r.key.run_id);
        y_order.push_back(r.key.order);
        y_year.push_back(r.start_year + y + 1);  // row y is simulated year start_year + y + 1
        ycols.add_row();
        for (std::size_t m = 0; m < nm; ++m) ycols.set(cols[m], r.yearly[static_cast<std::size_t>(y) * nm + m]);
      }
    }
    if (events) {
      std::int64_t seq = 0;
      for (const auto& e : r.events) {
        e_run.push_back(r.key.run_id);
        e_order.push_back(r.key.order);
        e_seq.push_back(seq++);
        e_year.push_back(e.year);
        e_kind.push_back(e.kind);
        e_subject.push_back(e.subject);
        e_a.push_back(e.side_a);
        e_b.push_back(e.side_b);
        e_outcome.push_back(e.outcome);
        e_value.push_back(e.value);
        e_end.push_back(e.end_year != 0 ? e.end_year : e.year);
      }
    }
  }
};

template <class T>
py::array_t<T> array_of(const std::vector<T>& v) {
  py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

py::dict statistics_columns(const std::vector<store::StatisticRow>& rows) {
  std::vector<std::string> grp, metric, statistic;
  std::vector<double> at, estimate, lo, hi;
  std::vector<std::uint64_t> n;
  for (const auto& r : rows) {
    grp.push_back(r.group);
    metric.push_back(r.metric);
    statistic.push_back(r.statistic);
    at.push_back(r.at);
    estimate.push_back(r.estimate);
    lo.push_back(r.lo);
    hi.push_back(r.hi);
    n.push_back(r.n);
  }
  py::dict d;
  d["grp"] = grp;
  d["metric"] = metric;
  d["statistic"] = statistic;
  d["at"] = array_of(at);
  d["estimate"] = array_of(estimate);
  d["lo"] = array_of(lo);
  d["hi"] = array_of(hi);
  d["n"] = array_of(n);
  return d;
}

py::dict simulate_orders(const Scenario& scenario, std::vector<Order> orders, const std::vector<std::string>& specs,
                         bool compare, const std::string& scenario_label, std::uint64_t runs, int years,
                         std::uint64_t seed, int threads, const std::vector<std::string>& params,
                         const std::string& events, const std::string& baseline, const std::string& out, bool resume,
                         bool store_yearly, bool quiet, std::uint64_t max_runs, bool collect_yearly,
                         bool collect_events) {
  ensemble::CompareSettings s;
  s.scenario = scenario_label;
  s.orders = specs;
  s.runs = runs;
  s.years = years;
  s.seed = seed;
  s.params = params;
  s.events = events;
  s.baseline = baseline;
  s.compare = compare;
  s.yearly = store_yearly;
  ensemble::RunSettings rs;
  rs.threads = threads;
  rs.out = out;
  rs.resume = resume;
  rs.quiet = quiet;
  rs.max_runs = max_runs;
  if (runs < 1) throw InputError(Location{"runs", 0, 0, ""}, "expected at least 1 run per order");
  if (years < 0 || years > 1000) {
    throw InputError(Location{"years", 0, 0, ""}, fmt::format("expected 1 to 1000 years (0: the scenario's), got {}", years));
  }
  if (threads < 0) throw InputError(Location{"threads", 0, 0, ""}, "expected a number of threads >= 0 (0: all cores)");

  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  Collector col;
  col.yearly = collect_yearly;
  col.events = collect_events;
  std::unique_ptr<ensemble::ComparePlan> plan;
  ensemble::CompareOutcome outcome;
  std::vector<store::StatisticRow> rows;
  {
    py::gil_scoped_release release;
    plan = ensemble::prepare_compare(s, scenario, std::move(orders));
  }
  {
    // From here SIGINT sets the guard's flag (the runs in flight finish, then run_compare
    // returns) instead of reaching Python's handler; the guard restores Python's on the way out.
    // A Ctrl-C that came while the models were built reached Python's handler: raise it now,
    // not after the runs. The guard is installed before that check, so no signal falls between.
    // Another thread's run already holds the process's one handler: this run then ignores
    // Ctrl-C (the other one stops).
    std::optional<ensemble::InterruptGuard> guard;
    static const std::atomic<bool> never{false};
    try {
      guard.emplace();
    } catch (const std::logic_error&) {
    }
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    rs.stop = guard ? &guard->flag() : &never;
    py::gil_scoped_release release;
    outcome = ensemble::run_compare(*plan, rs, [&](const RunRecord& r) { col.add(r); });
    rows = outcome.stats->rows();
  }
  const auto& report = outcome.report;
  if (report.interrupted && outcome.interrupted_by_signal) {
    const std::string msg =
        out.empty() ? fmt::format("stopped after {} runs; nothing was stored (give out=... to be able to resume)",
                                  report.simulated)
                    : fmt::format("stopped after {} new runs ({} from the store); ensemble {} in {} is marked "
                                  "interrupted: call again with the same arguments and resume=True",
                                  report.simulated, report.replayed, outcome.ensemble_id, out);
    PyErr_SetString(PyExc_KeyboardInterrupt, msg.c_str());
    throw py::error_already_set();
  }

  py::dict result;
  result["statistics"] = statistics_columns(rows);
  // the CLI's table, row for row (ensemble/report.hpp): ranks with ties, estimates and intervals
  result["summary_csv"] = ensemble::render_csv(ensemble::build_report(
      *outcome.stats, plan->names, plan->have_baseline ? plan->baseline : std::string(), plan->settings.compare));
  py::dict runs_d;
  runs_d["run_id"] = array_of(col.run_id);
  runs_d["order"] = col.order;
  runs_d["replicate"] = array_of(col.replicate);
  col.summary.into(runs_d);
  result["runs"] = runs_d;
  if (collect_yearly) {
    py::dict y;
    y["run_id"] = array_of(col.y_run);
    y["order"] = col.y_order;
    y["year"] = array_of(col.y_year);
    col.ycols.into(y);
    result["yearly"] = y;
  }
  if (collect_events) {
    py::dict e;
    e["run_id"] = array_of(col.e_run);
    e["order"] = col.e_order;
    e["seq"] = array_of(col.e_seq);
    e["year"] = array_of(col.e_year);
    e["kind"] = col.e_kind;
    e["subject"] = col.e_subject;
    e["side_a"] = col.e_a;
    e["side_b"] = col.e_b;
    e["outcome"] = col.e_outcome;
    e["value"] = array_of(col.e_value);
    e["end_year"] = array_of(col.e_end);
    result["events"] = e;
  }
  py::dict info;
  const store::EnsembleInfo ei = plan->info();
  info["kind"] = std::string(plan->kind());
  info["scenario"] = plan->scenario_name;
  info["scenario_label"] = scenario_label;
  info["scenario_digest"] = ei.scenario_hash;
  info["start_year"] = plan->scenario.meta.start_year;
  info["orders"] = plan->names;
  info["runs"] = runs;
  info["years"] = plan->years;
  info["seed"] = seed;
  info["threads"] = outcome.threads;
  info["params_json"] = plan->params_json;
  info["hazards"] = plan->hazards_source;
  info["events"] = events;
  info["baseline"] = plan->have_baseline ? py::object(py::str(plan->baseline)) : py::object(py::none());
  info["command"] = plan->description(out)["command"].get<std::string>();
  info["plan_digest"] = ei.plan_digest;
  info["concord_version"] = ei.concord_version;
  info["concord_commit"] = ei.concord_commit;
  py::list inputs;
  for (const auto& in : ei.inputs) {
    py::dict d;
    d["role"] = in.role;
    d["name"] = in.name;
    d["path"] = in.path;
    d["digest"] = in.digest;
    inputs.append(d);
  }
  info["inputs"] = inputs;
  info["warnings"] = plan->warnings;
  info["order_summary"] = plan->order_summary;
  info["store"] = out.empty() ? py::object(py::none()) : py::object(py::str(out));
  info["ensemble_id"] = out.empty() ? py::object(py::none()) : py::object(py::int_(outcome.ensemble_id));
  info["complete"] = !report.interrupted;
  info["simulated"] = report.simulated;
  info["replayed"] = report.replayed;
  result["info"] = info;
  return result;
}

}  // namespace

void bind_ensemble(py::module_& m) {
  m.def("simulate_orders", &simulate_orders, py::arg("scenario"), py::arg("orders"), py::arg("specs"),
        py::arg("compare"), py::arg("scenario_label"), py::arg("runs"), py::arg("years"), py::arg("seed"), py::arg("threads"),
        py::arg("params"), py::arg("events"), py::arg("baseline"), py::arg("out"), py::arg("resume"),
        py::arg("store_yearly"), py::arg("quiet"), py::arg("max_runs"), py::arg("collect_yearly"),
        py::arg("collect_events"),
        "The engine of concord.run and concord.compare (python/concord/__init__.py documents the arguments)");
}

}  // namespace concord::python
